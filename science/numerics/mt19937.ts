/**
 * MT19937 on a caller-held state, and the samplers of `Rng` written in JS (the wasm path).
 * `native/random.cc` implements the same functions on the same state, so one seed gives one
 * stream whichever backend advances it, and a stream may be advanced by both in turn.
 *
 * The stream is exactly stdlib's: `@stdlib/random-base-mt19937` seeded with one integer
 * (init_genrand), its `normalized` uniform (res53: two 32-bit words, (a≫5·2²⁶ + b≫6)/2⁵³), and
 * `@stdlib/random-base-box-muller` on it (u₁ ≠ 0 redrawn, returns √(−2 ln u₁)·sin 2πu₂ and caches
 * the cos partner for the next call). Uniforms are integer arithmetic, so both backends give the
 * same bits; normals use stdlib's ln/sin/cos here and the C library's in the addon, which may
 * differ in the last bit (an fp64 ulp, far below the fp32 round-off of the training steps).
 *
 * State layout: `mt` = 624 words + the read index (word 624); `cache` = [has cached normal (0/1),
 * the cached normal].
 */
import ln from '@stdlib/math-base-special-ln';
import sin from '@stdlib/math-base-special-sin';
import cos from '@stdlib/math-base-special-cos';

export const MT_WORDS = 624;
const M = 397;
const TWO_26 = 67108864;
const TWO_53_INV = 1 / 9007199254740992;
const TWO_PI = 2 * Math.PI;

/** The generator's state: what both backends read and advance. */
export interface MtState {
  readonly mt: Uint32Array;
  readonly cache: Float64Array;
}

/** init_genrand(seed): the state stdlib's `mt19937.factory({ seed })` starts from. */
export function mtSeed(seed: number): MtState {
  const mt = new Uint32Array(MT_WORDS + 1);
  mt[0] = seed >>> 0;
  for (let i = 1; i < MT_WORDS; i++) {
    const s = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
    mt[i] = (Math.imul(s, 1812433253) + i) >>> 0;
  }
  mt[MT_WORDS] = MT_WORDS;
  return { mt, cache: new Float64Array(2) };
}

function twist(mt: Uint32Array): void {
  let i = 0;
  for (; i < MT_WORDS - M; i++) {
    const w = (mt[i]! & 0x80000000) | (mt[i + 1]! & 0x7fffffff);
    mt[i] = mt[i + M]! ^ (w >>> 1) ^ (w & 1 ? 0x9908b0df : 0);
  }
  for (; i < MT_WORDS - 1; i++) {
    const w = (mt[i]! & 0x80000000) | (mt[i + 1]! & 0x7fffffff);
    mt[i] = mt[i + M - MT_WORDS]! ^ (w >>> 1) ^ (w & 1 ? 0x9908b0df : 0);
  }
  const w = (mt[MT_WORDS - 1]! & 0x80000000) | (mt[0]! & 0x7fffffff);
  mt[MT_WORDS - 1] = mt[M - 1]! ^ (w >>> 1) ^ (w & 1 ? 0x9908b0df : 0);
}

/** The next tempered 32-bit word. */
export function mtWord(mt: Uint32Array): number {
  let i = mt[MT_WORDS]!;
  if (i >= MT_WORDS) {
    twist(mt);
    i = 0;
  }
  mt[MT_WORDS] = i + 1;
  return temper(mt[i]!);
}

function temper(r: number): number {
  r ^= r >>> 11;
  r ^= (r << 7) & 0x9d2c5680;
  r ^= (r << 15) & 0xefc60000;
  r ^= r >>> 18;
  return r >>> 0;
}

/** Uniform on [0, 1) with 53 random bits (stdlib's `normalized`). */
export function mtUniform(mt: Uint32Array): number {
  const a = mtWord(mt) >>> 5;
  const b = mtWord(mt) >>> 6;
  return (a * TWO_26 + b) * TWO_53_INV;
}

/** Standard normal by stdlib's Box–Muller (pairs, the cos partner cached in `s.cache`). */
export function mtNormal(s: MtState): number {
  const c = s.cache;
  if (c[0] === 1) {
    c[0] = 0;
    return c[1]!;
  }
  let u1: number;
  let u2: number;
  do {
    u1 = mtUniform(s.mt);
    u2 = mtUniform(s.mt);
  } while (u1 === 0);
  const a = Math.sqrt(-2 * ln(u1));
  const b = TWO_PI * u2;
  c[0] = 1;
  c[1] = a * cos(b);
  return a * sin(b);
}

/**
 * Laws of the non-zero entries of sparse rows (unit variance; see science/p2/data.ts). `mask` is
 * Y ≡ 1: the Bernoulli(p) mask itself, scaled by 1/√p (it draws nothing beyond the mask).
 */
export type SparseLaw = 'gauss' | 'rademacher' | 'uniform' | 'laplace' | 'mask';
/** Law codes shared with the addon. */
export const SPARSE_LAW_CODE: Readonly<Record<SparseLaw, number>> = { gauss: 0, rademacher: 1, uniform: 2, laplace: 3, mask: 4 };

/** One draw of the unit-variance law. */
export function mtNonzero(s: MtState, law: SparseLaw): number {
  switch (law) {
    case 'gauss':
      return mtNormal(s);
    case 'rademacher': // one word's top bit (the sign res53 would give, at half the words)
      return 2 * (mtWord(s.mt) >>> 31) - 1;
    case 'uniform':
      return Math.sqrt(3) * (2 * mtUniform(s.mt) - 1);
    case 'laplace': {
      // Exponential with mean 1/√2 and a random sign: variance 2·(1/√2)² = 1.
      const e = -Math.log(1 - mtUniform(s.mt)) / Math.SQRT2;
      return mtUniform(s.mt) < 0.5 ? -e : e;
    }
    case 'mask':
      return 1;
  }
}

/**
 * From this density on, `mtSparse` draws each entry's Bernoulli from one 32-bit word; below it,
 * geometric zero runs (a res53 uniform and a log per run) are cheaper. The rule depends on p only.
 */
export const SPARSE_DENSE_FROM = 0.25;
/** Entries per block of the dense method (native/random.cc kSparseBlock). */
const SPARSE_BLOCK = 256;
const blockNonzeros = new Int32Array(SPARSE_BLOCK);

/**
 * out ← i.i.d. s·Y/√p, s ~ Bern(p). For p ≥ SPARSE_DENSE_FROM each entry draws s = [w < ⌊p·2³²⌋]
 * from one word w (P(s = 1) within 2⁻³² of p): per block of SPARSE_BLOCK entries, first the
 * block's words (no branch on them), then Y for its non-zeros in order. Below it the zero runs are
 * geometric, ⌊ln U / ln(1 − p)⌋ with U on (0, 1], each drawn before the non-zero that ends it
 * (and one last run past the end).
 */
export function mtSparse(s: MtState, out: Float32Array | Float64Array, p: number, law: SparseLaw): void {
  const scale = 1 / Math.sqrt(p);
  if (p === 1) {
    for (let i = 0; i < out.length; i++) out[i] = mtNonzero(s, law);
    return;
  }
  if (p >= SPARSE_DENSE_FROM) {
    const t = Math.floor(p * 4294967296);
    const mt = s.mt;
    for (let b = 0; b < out.length; b += SPARSE_BLOCK) {
      const e = Math.min(out.length, b + SPARSE_BLOCK);
      let k = 0;
      let j = mt[MT_WORDS]!;
      for (let i = b; i < e; i++) {
        if (j >= MT_WORDS) {
          twist(mt);
          j = 0;
        }
        out[i] = 0;
        blockNonzeros[k] = i;
        k += temper(mt[j++]!) < t ? 1 : 0;
      }
      mt[MT_WORDS] = j;
      for (let q = 0; q < k; q++) out[blockNonzeros[q]!] = scale * mtNonzero(s, law);
    }
    return;
  }
  out.fill(0);
  const logq = Math.log1p(-p);
  const gap = () => Math.floor(Math.log(1 - mtUniform(s.mt)) / logq);
  for (let i = gap(); i < out.length; i += 1 + gap()) out[i] = scale * mtNonzero(s, law);
}

/**
 * out (rows×d, row-major) ← std_j·g with g ~ N(0, 1) by Box–Muller on consecutive pairs of
 * uniforms, both outputs used: √(−2 ln(1 − u₁))·(cos, sin)(2πu₂) (no cache).
 */
export function mtGaussianRows(s: MtState, out: Float32Array, std: Float64Array): void {
  const d = std.length;
  const n = out.length;
  for (let o = 0; o < n; o += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - mtUniform(s.mt)));
    const a = 2 * Math.PI * mtUniform(s.mt);
    out[o] = std[o % d]! * r * Math.cos(a);
    if (o + 1 < n) out[o + 1] = std[(o + 1) % d]! * r * Math.sin(a);
  }
}
