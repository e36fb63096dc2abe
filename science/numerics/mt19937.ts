/**
 * MT19937 on a caller-held state, and the samplers of `Rng` written in JS (the wasm path).
 * `native/random.cc` implements the same functions on the same state, so one seed gives one
 * stream whichever backend advances it, and a stream may be advanced by both in turn.
 *
 * The stream is exactly stdlib's: `@stdlib/random-base-mt19937` seeded with one integer
 * (init_genrand), its `normalized` uniform (res53: two 32-bit words, (a≫5·2²⁶ + b≫6)/2⁵³), and
 * `@stdlib/random-base-improved-ziggurat` (Doornik 2005) on that one generator: per trial a
 * uniform u = 2·res53 − 1 then one word's low 7 bits for the block i; |u| < R[i] (97 % of draws:
 * 3 words, no transcendental) returns u·X[i]; block 0 samples the tail beyond r = 3.4426
 * (Marsaglia's, two res53 and two ln per try); otherwise the wedge test draws one more res53
 * against two of stdlib's exp, and a rejection starts a new trial. The tables
 * X, R are stdlib's construction (`zigguratTables`), computed here once and handed to the addon,
 * which also runs stdlib's exp and ln (ported, native/stdlib-math.h): both backends make the same
 * decisions on the same words and return the same bits.
 *
 * State layout: `mt` = 624 words + the read index (word 624). Normals keep no cache.
 */
import exp from '@stdlib/math-base-special-exp';
import ln from '@stdlib/math-base-special-ln';

export const MT_WORDS = 624;
const M = 397;
const TWO_26 = 67108864;
const TWO_53_INV = 1 / 9007199254740992;

/** The generator's state: what both backends read and advance. */
export interface MtState {
  readonly mt: Uint32Array;
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
  return { mt };
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

/** Blocks of the ziggurat (the block index is a word's low 7 bits). */
const ZIG_BLOCKS = 128;
/** Start of the right tail, r (stdlib's START_RIGHT_TAIL). */
const ZIG_TAIL = 3.442619855899;
/** Area of each block: (r·φ(r) + P(X ≥ r))·√(2π) (stdlib's V). */
const ZIG_AREA = 9.91256303526217e-3;

/**
 * stdlib's tables (improved-ziggurat's coords_array.js and ratio_array.js, same operations and
 * functions): X (129 entries: V/f(r), r, …, 0) with blocks of equal area, R[i] = X[i+1]/X[i].
 */
export function zigguratTables(): { x: Float64Array; r: Float64Array } {
  const x = new Float64Array(ZIG_BLOCKS + 1);
  let f = exp(-0.5 * ZIG_TAIL * ZIG_TAIL);
  x[0] = ZIG_AREA / f;
  x[1] = ZIG_TAIL;
  for (let i = 2; i < ZIG_BLOCKS; i++) {
    x[i] = Math.sqrt(-2.0 * ln(ZIG_AREA / x[i - 1]! + f));
    f = exp(-0.5 * x[i]! * x[i]!);
  }
  x[ZIG_BLOCKS] = 0;
  const r = new Float64Array(ZIG_BLOCKS);
  for (let i = 0; i < ZIG_BLOCKS; i++) r[i] = x[i + 1]! / x[i]!;
  return { x, r };
}
const ZIG = zigguratTables();

/** stdlib's sample_tail: Marsaglia's tail beyond r, on the sign of u. */
function zigTail(mt: Uint32Array, negative: boolean): number {
  let x: number;
  let y: number;
  do {
    x = ln(mtUniform(mt)) / ZIG_TAIL;
    y = ln(mtUniform(mt));
  } while (-2.0 * y < x * x);
  return negative ? x - ZIG_TAIL : ZIG_TAIL - x;
}

/** Standard normal: stdlib's improved ziggurat (randu = res53, randi = the next word) on `s`. */
export function mtNormal(s: MtState): number {
  const { mt } = s;
  const X = ZIG.x;
  const R = ZIG.r;
  for (;;) {
    const u = 2.0 * mtUniform(mt) - 1.0;
    const i = mtWord(mt) & 127;
    if (Math.abs(u) < R[i]!) return u * X[i]!;
    if (i === 0) return zigTail(mt, u < 0.0);
    const x = u * X[i]!;
    const x2 = x * x;
    const f0 = exp(-0.5 * (X[i]! * X[i]! - x2));
    const f1 = exp(-0.5 * (X[i + 1]! * X[i + 1]! - x2));
    if (f1 + mtUniform(mt) * (f0 - f1) < 1.0) return x;
  }
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

/** out (rows×d, row-major) ← std_j·g, g ~ N(0, 1) the `mtNormal` stream (rounded to fp32 after scaling). */
export function mtGaussianRows(s: MtState, out: Float32Array, std: Float64Array): void {
  const d = std.length;
  for (let o = 0, j = 0; o < out.length; o++) {
    out[o] = std[j]! * mtNormal(s);
    if (++j === d) j = 0;
  }
}
