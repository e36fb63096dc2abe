/**
 * Integrals against the Marchenko–Pastur law μ_c (aspect ratio c = p/m, variance 1): the
 * limiting eigenvalue distribution of XᵀX/m for an m×p matrix X with i.i.d. N(0,1) entries.
 *
 *   dμ_c(λ) = √((λ₊ − λ)(λ − λ₋)) / (2π c λ) dλ on [λ₋, λ₊],  λ± = (1 ± √c)²,
 *   plus a point mass (1 − 1/c) at λ = 0 when c > 1.
 *
 * Method: substitute λ = m + h·cos θ (m = (λ₊+λ₋)/2, h = (λ₊−λ₋)/2), which turns the
 * square-root edges into sin²θ, and apply Gauss–Legendre on θ ∈ [0, π]. The integrand is
 * then smooth even at c = 1 (λ₋ = 0, where sin²θ/λ stays finite), so the rule converges fast.
 */
import { gaussLegendre } from './quadrature.ts';

export interface MarchenkoPasturOptions {
  /** Gauss–Legendre nodes on θ. @default 400 */
  nodes?: number;
}

/** ∫ f dμ_c, including the atom at 0 (weight 1 − 1/c) when c > 1. */
export function marchenkoPasturIntegral(f: (lambda: number) => number, c: number, options: MarchenkoPasturOptions = {}): number {
  const { nodes = 400 } = options;
  if (!(c > 0) || !Number.isFinite(c)) throw new RangeError(`marchenkoPasturIntegral: c must be a finite number > 0, got ${c}`);
  const lo = (1 - Math.sqrt(c)) ** 2;
  const hi = (1 + Math.sqrt(c)) ** 2;
  const mid = (hi + lo) / 2;
  const half = (hi - lo) / 2;
  const rule = gaussLegendre(nodes, 0, Math.PI);
  let s = 0;
  for (let k = 0; k < nodes; k++) {
    const t = rule.nodes[k]!;
    const lambda = mid + half * Math.cos(t);
    const sin = Math.sin(t);
    // density·dλ = (h sinθ)² / (2π c λ) · dθ, since √((λ₊−λ)(λ−λ₋)) = h sinθ and dλ = h sinθ dθ
    s += rule.weights[k]! * f(lambda) * ((half * sin) ** 2 / (2 * Math.PI * c * lambda));
  }
  return c > 1 ? s + (1 - 1 / c) * f(0) : s;
}
