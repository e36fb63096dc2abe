/**
 * E f(Z), Z ~ N(0, 1), for functions with a kink or jump at 0 (sign, ReLU) as well as smooth
 * ones (tanh, erf): Gauss–Legendre on [−L, 0] and [0, L] against the density φ, so a
 * discontinuity at the origin costs nothing (P1 spec §2.4: μ₀, μ₁, E σ² of an activation).
 *
 *   E f(Z) ≈ Σ_k w_k φ(x_k) f(x_k),   nodes on [−L, 0] ∪ [0, L]
 *
 * The tail beyond L = 12 has mass 3.6e-33, negligible for polynomially bounded f.
 */
import { gaussLegendre } from '../numerics/quadrature.ts';

export interface GaussianExpectationOptions {
  /** Legendre nodes per half-line. @default 200 */
  nodes?: number;
  /** Half-width L of the integration range. @default 12 */
  halfWidth?: number;
}

/** E f(Z) for Z ~ N(0, 1). */
export function gaussianExpectation(f: (z: number) => number, options: GaussianExpectationOptions = {}): number {
  const { nodes = 200, halfWidth = 12 } = options;
  let s = 0;
  for (const [a, b] of [[-halfWidth, 0], [0, halfWidth]] as const) {
    const rule = gaussLegendre(nodes, a, b);
    for (let k = 0; k < rule.nodes.length; k++) {
      const x = rule.nodes[k]!;
      s += rule.weights[k]! * Math.exp(-0.5 * x * x) * f(x);
    }
  }
  return s / Math.sqrt(2 * Math.PI);
}
