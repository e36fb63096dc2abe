/**
 * Two versions, for two purposes.
 *
 * `ENGINE_VERSION` is the release: recorded with every result (provenance), shown by
 * `repro --version`, never part of a key, so upgrading the engine reruns nothing by itself.
 *
 * `STORE_FORMAT` is part of every code hash, hence of every key. Bump it only in a release
 * that changes what a stage computes or how its outputs are stored: the seed derivation,
 * the bytes `ctx.writeF64`/`writeJson` write, the params a stage sees, the key layout.
 * Bumping it reruns every pipeline once; a release that leaves results alone must not. It
 * is named after the release that last changed it.
 */
export const ENGINE_VERSION = '0.1.0';

export const STORE_FORMAT = '0.1.0';

/** The engine's npm package name: a stage importing it is not keyed on its release either. */
export const ENGINE_PACKAGE = 'repro';
