/**
 * The activations of P1 spec §2.4 with their exact kernels k(ρ) = E[σ(u)σ(v)] (unit-norm rows,
 * (u, v) standard bivariate normal with correlation ρ):
 *
 * - sign: (2/π)·arcsin ρ                                   (`signKernel`)
 * - relu: (1/(2π))·[√(1−ρ²) + ρ(π − arccos ρ)]            (`reluKernel`, arc-cosine degree 1)
 * - erf:  (2/π)·arcsin(2ρ/3)  (erf(z), scale a = 1)        (`erfKernel`)
 * - tanh: Mehler series Σ_k μ_k² ρ^k, 100 terms (tail < 1e-12 at |ρ| = 1)  (`mehlerKernel`)
 *
 * `activation(name)` also carries μ₁ = E[Zσ(Z)] (Stein: C_i = μ₁·b̂_i) and E σ² (= k(1)), which
 * is all the exact optimal-decoder risk needs (`activationRisk`).
 */
import { signKernel } from './arcsine-kernel.ts';
import { erfKernel } from './erf-kernel.ts';
import { gaussianExpectation } from './gaussian-expectation.ts';
import { hermiteCoefficients, mehlerKernel } from './mehler-kernel.ts';
import { reluKernel } from './relu-kernel.ts';
import { erf } from '../numerics/special.ts';

export type ActivationName = 'sign' | 'relu' | 'erf' | 'tanh';

export interface Activation {
  name: ActivationName;
  /** σ(z) (sign(0) = +1, spec §6.9). */
  f: (z: number) => number;
  /** k(ρ) = E[σ(u)σ(v)] at correlation ρ. */
  kernel: (rho: number) => number;
  /** μ₁ = E[Zσ(Z)]. */
  mu1: number;
  /** E σ(Z)² = k(1). */
  second: number;
}

const TANH_TERMS = 100;

/** The activation `name` with its kernel. */
export function activation(name: ActivationName): Activation {
  switch (name) {
    case 'sign':
      return { name, f: (z) => (z >= 0 ? 1 : -1), kernel: signKernel, mu1: Math.sqrt(2 / Math.PI), second: 1 };
    case 'relu':
      return { name, f: (z) => Math.max(0, z), kernel: reluKernel, mu1: 0.5, second: 0.5 };
    case 'erf':
      // μ₁ = E[erf′(Z)] = (2/√π)·E e^{−Z²} = 2/√(3π);  E erf² = (2/π)·arcsin(2/3).
      return { name, f: (z) => erf(z), kernel: (rho) => erfKernel(rho), mu1: 2 / Math.sqrt(3 * Math.PI), second: erfKernel(1) };
    case 'tanh': {
      const mu = hermiteCoefficients(Math.tanh, TANH_TERMS);
      return { name, f: Math.tanh, kernel: (rho) => mehlerKernel(mu, rho), mu1: mu[1]!, second: gaussianExpectation((z) => Math.tanh(z) ** 2) };
    }
  }
}
