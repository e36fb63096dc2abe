/**
 * Seeded random numbers: Mersenne Twister (MT19937) with ziggurat normals — exactly the stream
 * of stdlib's `mt19937.factory({ seed })` + `normalized` + `improved-ziggurat` (see ./mt19937.ts).
 *
 * Every random quantity in the science comes from an `Rng` passed in as an argument, so results
 * depend only on the seed (never on hidden global state). The bulk fills run in the native addon
 * when it is loaded (one thread, on the same generator state as the scalar draws), else in JS;
 * both advance the same stream (uniforms and normals bit for bit; see ./mt19937.ts).
 */
import { nativeAddon, type NativeAddon } from './compute-native.ts';
import { mtGaussianRows, mtNormal, mtSeed, mtSparse, mtUniform, SPARSE_LAW_CODE, zigguratTables, type MtState, type SparseLaw } from './mt19937.ts';

export type { SparseLaw } from './mt19937.ts';

export interface Rng {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Fill `out` with i.i.d. uniforms on [0, 1) and return it. */
  fillUniform(out: Float64Array): Float64Array;
  /** Fill `out` with i.i.d. N(0, 1) (the `normal()` stream, rounded to `out`'s type) and return it. */
  fillNormal<T extends Float32Array | Float64Array>(out: T): T;
  /** Fill `out` with i.i.d. sparse entries s·Y/√p, s ~ Bern(p), Y of unit variance (`law`). */
  fillSparse<T extends Float32Array | Float64Array>(out: T, p: number, law: SparseLaw): T;
  /** Fill `out` (rows×d row-major, d = std.length) with std_j·N(0, 1) (the `normal()` stream). */
  fillGaussianRows(out: Float32Array, std: Float64Array): Float32Array;
  /** Uniform integer in {0, …, n−1}. */
  int(n: number): number;
  /** The PRNG algorithm, recorded with results. */
  readonly algorithm: 'mt19937+improved-ziggurat';
  /** Where the bulk fills run (the stream is the same). */
  readonly kernels: 'native' | 'js';
}

export interface CreateRngOptions {
  /** Run the bulk fills in JS even when the addon is loaded. @default native when loaded, unless REPRO_COMPUTE=wasm */
  kernels?: 'native' | 'js';
}

/** The addon's random kernels (native/random.cc), on an `MtState`. */
export interface NativeRandom {
  rngUniform(mt: Uint32Array, out: Float64Array): void;
  /** Hands the addon stdlib's ziggurat tables (x: 129 coordinates, r: 128 ratios); once, before normals. */
  rngZigguratInit(x: Float64Array, r: Float64Array): void;
  rngNormal(mt: Uint32Array, out: Float32Array | Float64Array): void;
  rngSparse(mt: Uint32Array, out: Float32Array | Float64Array, p: number, law: number): void;
  rngGaussianRows(mt: Uint32Array, out: Float32Array, std: Float64Array): void;
}

let zigguratHandedOver = false;

function nativeRandom(): NativeRandom | undefined {
  if (process.env.REPRO_COMPUTE === 'wasm') return undefined;
  const a = nativeAddon();
  if (!a.ok || typeof (a.addon as NativeAddon & Partial<NativeRandom>).rngUniform !== 'function') return undefined;
  const nat = a.addon as NativeAddon & NativeRandom;
  if (!zigguratHandedOver) {
    // The tables come from JS (stdlib's construction), never from the C library's exp/log, so
    // both backends take the same accept/reject decisions.
    const { x, r } = zigguratTables();
    nat.rngZigguratInit(x, r);
    zigguratHandedOver = true;
  }
  return nat;
}

/** A generator seeded with a 32-bit unsigned integer. */
export function createRng(seed: number, options: CreateRngOptions = {}): Rng {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer in [0, 2^32), got ${seed}`);
  }
  // stdlib rejects seed 0 for MT19937; map it to a fixed non-zero value.
  const s: MtState = mtSeed(seed === 0 ? 5489 : seed);
  const { mt } = s;
  const nat = options.kernels === 'js' ? undefined : nativeRandom();
  if (options.kernels === 'native' && !nat) throw new Error('createRng: native random kernels requested, but the addon is not loaded');
  const checkP = (p: number) => {
    if (!(p > 0 && p <= 1)) throw new RangeError(`fillSparse: p must be in (0, 1], got ${p}`);
  };
  const uniform = () => mtUniform(mt);
  return {
    uniform,
    normal: () => mtNormal(s),
    fillUniform(out) {
      if (nat) nat.rngUniform(mt, out);
      else for (let i = 0; i < out.length; i++) out[i] = mtUniform(mt);
      return out;
    },
    fillNormal(out) {
      if (nat) nat.rngNormal(mt, out);
      else for (let i = 0; i < out.length; i++) out[i] = mtNormal(s);
      return out;
    },
    fillSparse(out, p, law) {
      checkP(p);
      if (nat) nat.rngSparse(mt, out, p, SPARSE_LAW_CODE[law]);
      else mtSparse(s, out, p, law);
      return out;
    },
    fillGaussianRows(out, std) {
      if (out.length % std.length !== 0) throw new RangeError(`fillGaussianRows: ${out.length} values are not rows of d = ${std.length}`);
      if (nat) nat.rngGaussianRows(mt, out, std);
      else mtGaussianRows(s, out, std);
      return out;
    },
    int: (k) => Math.floor(uniform() * k),
    algorithm: 'mt19937+improved-ziggurat',
    kernels: nat ? 'native' : 'js',
  };
}
