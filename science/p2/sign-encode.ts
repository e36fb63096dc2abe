/**
 * The 1-bit encoder z = sign(u), u = Bx (P2 spec §1.2), with the convention for
 * sign(0) as a parameter: `coin` (default) draws an independent fair ±1, keeping
 * the code 1-bit; `plus` maps 0 to +1 (G2's forward pass); `zero` keeps 0 (ternary,
 * not 1-bit: only for the L_id⁰ comparison, never in 1-bit experiments).
 */
import type { Rng } from '../numerics/index.ts';

export type SignZeroRule = 'coin' | 'plus' | 'zero';

export interface SignEncodeOptions {
  /** How sign(0) is resolved. @default 'coin' */
  signZero?: SignZeroRule;
  /** Needed for `coin`. */
  rng?: Rng;
}

/** sign(u) entrywise, into a new array. */
export function signEncode(u: Float64Array, options: SignEncodeOptions = {}): Float64Array {
  const { signZero = 'coin', rng } = options;
  if (signZero === 'coin' && !rng) throw new TypeError('signEncode: signZero "coin" needs an rng');
  const z = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) {
    const x = u[i]!;
    z[i] = x > 0 ? 1 : x < 0 ? -1 : signZero === 'plus' ? 1 : signZero === 'zero' ? 0 : rng!.uniform() < 0.5 ? -1 : 1;
  }
  return z;
}

/** sign(u) entrywise into `out` (fp32 in and out; the same values and coin draws as `signEncode`). */
export function signEncodeInto(u: Float32Array, out: Float32Array, signZero: SignZeroRule, rng?: Rng): Float32Array {
  if (signZero === 'coin' && !rng) throw new TypeError('signEncode: signZero "coin" needs an rng');
  const zero = signZero === 'plus' ? 1 : 0;
  for (let i = 0; i < u.length; i++) {
    const x = u[i]!;
    out[i] = x > 0 ? 1 : x < 0 ? -1 : signZero === 'coin' ? (rng!.uniform() < 0.5 ? -1 : 1) : zero;
  }
  return out;
}
