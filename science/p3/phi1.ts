/**
 * φ1(q) = E σ′(√q·g), g ~ N(0, 1), and its q-derivatives (P3 §2.4).
 *
 * By the heat identity d/dq E f(√q g) = ½ E f″(√q g):
 *   φ1′(q) = ½ E σ‴(√q g),   φ1″(q) = ¼ E σ⁽⁵⁾(√q g).
 *
 * Closed forms: linear φ1 = 1; ReLU φ1 = ½ (both with φ1′ = φ1″ = 0);
 * erf(√π u/2): φ1 = (1 + πq/2)^{-1/2}, φ1′ = −(π/4)(1 + πq/2)^{-3/2}, φ1″ = (3π²/16)(1 + πq/2)^{-5/2}.
 *
 * tanh, two regimes (the spec's prescription):
 * - q ≥ 0.02: u-space integral against the N(0, q) density p_q, by composite Simpson on
 *   u ∈ [−25, 25] with 5001 points:  φ1 = ∫ sech²(u) p_q(u) du, and q-derivatives through
 *   ∂_q log p_q = u²/(2q²) − 1/(2q), ∂²_q log p_q = 1/(2q²) − u²/q³;
 * - q < 0.02: Gauss–Hermite in g-space (100 nodes, even so no node sits at 0) on
 *   σ′ = 1 − t², σ‴ = −2s(1 − 3t²), σ⁽⁵⁾ = 16s² − 32t²s − 72t²s² + 48t⁴s (t = tanh u, s = 1 − t²).
 * Plain Gauss–Hermite is never used at large q (error ~1e-4 at q = 5, §2.4).
 * Reference (§2.4): tanh φ1(1) = 0.60570551, φ1′(1) = −0.181798, φ1(5) = 0.33155511; φ1(0) = 1, φ1′(0) = −1.
 */
import { gaussHermite } from '../numerics/quadrature.ts';
import type { Activation } from './activation.ts';

/** φ1, φ1′, φ1″ at one q. */
export interface Phi1Value {
  phi1: number;
  dphi1: number;
  d2phi1: number;
}

export interface Phi1Options {
  /** tanh: below this q use Gauss–Hermite in g-space, above it Simpson in u-space. @default 0.02 */
  switchQ?: number;
  /** tanh: Simpson points on [−uMax, uMax] (odd). @default 5001 */
  simpsonPoints?: number;
  /** tanh: half-width of the u-range. @default 25 */
  uMax?: number;
  /** tanh: Gauss–Hermite nodes (even). @default 100 */
  hermiteNodes?: number;
}

function tanhSimpson(q: number, points: number, uMax: number): Phi1Value {
  const n = points - 1;
  const h = (2 * uMax) / n;
  const norm = 1 / Math.sqrt(2 * Math.PI * q);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i <= n; i++) {
    const u = -uMax + i * h;
    const w = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
    const ch = Math.cosh(u);
    const f = (w * norm * Math.exp((-u * u) / (2 * q))) / (ch * ch);
    const l1 = (u * u) / (2 * q * q) - 1 / (2 * q);
    const l2 = 1 / (2 * q * q) - (u * u) / (q * q * q);
    s0 += f;
    s1 += f * l1;
    s2 += f * (l1 * l1 + l2);
  }
  return { phi1: (s0 * h) / 3, dphi1: (s1 * h) / 3, d2phi1: (s2 * h) / 3 };
}

function tanhHermite(q: number, nodes: number): Phi1Value {
  const rule = gaussHermite(nodes);
  const r = Math.sqrt(q);
  let a = 0;
  let b = 0;
  let c = 0;
  for (let i = 0; i < rule.nodes.length; i++) {
    const t = Math.tanh(r * rule.nodes[i]!);
    const s = 1 - t * t;
    const w = rule.weights[i]!;
    a += w * s;
    b += w * -2 * s * (1 - 3 * t * t);
    c += w * (16 * s * s - 32 * t * t * s - 72 * t * t * s * s + 48 * t * t * t * t * s);
  }
  return { phi1: a, dphi1: b / 2, d2phi1: c / 4 };
}

/** φ1(q), φ1′(q), φ1″(q) for activation `act` (direct evaluation; see `phi1Fn` for the fast form). */
export function phi1(q: number, act: Activation, options: Phi1Options = {}): Phi1Value {
  const { switchQ = 0.02, simpsonPoints = 5001, uMax = 25, hermiteNodes = 100 } = options;
  if (!(q >= 0)) throw new RangeError(`phi1: q must be ≥ 0, got ${q}`);
  switch (act) {
    case 'linear':
      return { phi1: 1, dphi1: 0, d2phi1: 0 };
    case 'relu':
      return { phi1: 0.5, dphi1: 0, d2phi1: 0 };
    case 'erf': {
      const a = 1 + (Math.PI * q) / 2;
      return { phi1: a ** -0.5, dphi1: (-Math.PI / 4) * a ** -1.5, d2phi1: ((3 * Math.PI * Math.PI) / 16) * a ** -2.5 };
    }
    case 'tanh':
      if (simpsonPoints % 2 !== 1) throw new RangeError(`phi1: simpsonPoints must be odd, got ${simpsonPoints}`);
      return q >= switchQ ? tanhSimpson(q, simpsonPoints, uMax) : tanhHermite(q, hermiteNodes);
  }
}
