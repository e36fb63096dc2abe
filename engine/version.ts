/** The engine version: part of every code hash, so a release that changes stage semantics reruns stages. */
export const ENGINE_VERSION = '0.1.0';
