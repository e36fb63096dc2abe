/**
 * Quadrature rules.
 *
 * - `gaussHermite(n)`: nodes xᵢ and weights wᵢ with Σ wᵢ f(xᵢ) ≈ E f(Z), Z ~ N(0, 1)
 *   (probabilists' weight, weights sum to 1). Golub–Welsch: the nodes are the
 *   eigenvalues of the Jacobi matrix of the monic He_k recurrence (off-diagonal √k),
 *   the weights the squared first components of its eigenvectors. Exact for
 *   polynomials of degree ≤ 2n − 1; poor for non-smooth or sharply peaked f.
 * - `gaussLegendre(n, a, b)`: the same for ∫_a^b f, Jacobi off-diagonal k/√(4k² − 1).
 * - `gaussLaguerre(n, a)`: the same for E f(U), U ~ Gamma(a, 1) (weight u^{a−1}e^{−u}/Γ(a),
 *   generalised Laguerre with α = a − 1: Jacobi diagonal 2k + a, off-diagonal √(k(k + a − 1))).
 * - `simpson(f, a, b, n)`: composite Simpson with n (even) intervals, error O(h⁴).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface Rule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

function golubWelsch(n: number, offDiag: (k: number) => number, mu0: number, diag?: (k: number) => number): Rule {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  const J = Matrix.zeros(n, n);
  if (diag) for (let k = 0; k < n; k++) J.set(k, k, diag(k));
  for (let k = 1; k < n; k++) {
    const b = offDiag(k);
    J.set(k - 1, k, b);
    J.set(k, k - 1, b);
  }
  const eig = new EigenvalueDecomposition(J, { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const V = eig.eigenvectorMatrix;
  const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  order.forEach((i, k) => {
    nodes[k] = values[i]!;
    weights[k] = mu0 * V.get(0, i) ** 2;
  });
  return { nodes, weights };
}

const cache = new Map<string, Rule>();

/** Gauss–Hermite rule for E f(Z), Z ~ N(0,1). */
export function gaussHermite(n: number): Rule {
  const key = `h${n}`;
  let rule = cache.get(key);
  if (!rule) {
    rule = golubWelsch(n, (k) => Math.sqrt(k), 1);
    cache.set(key, rule);
  }
  return rule;
}

/** Gauss–Laguerre rule for E f(U), U ~ Gamma(shape a, scale 1): weights sum to 1. */
export function gaussLaguerre(n: number, a: number): Rule {
  if (!(a > 0)) throw new RangeError(`gaussLaguerre: shape a must be > 0, got ${a}`);
  const key = `g${n},${a}`;
  let rule = cache.get(key);
  if (!rule) {
    rule = golubWelsch(n, (k) => Math.sqrt(k * (k + a - 1)), 1, (k) => 2 * k + a);
    cache.set(key, rule);
  }
  return rule;
}

/** Gauss–Legendre rule for ∫_a^b f(x) dx. */
export function gaussLegendre(n: number, a = -1, b = 1): Rule {
  const key = `l${n}`;
  let ref = cache.get(key);
  if (!ref) {
    ref = golubWelsch(n, (k) => k / Math.sqrt(4 * k * k - 1), 2);
    cache.set(key, ref);
  }
  const half = (b - a) / 2;
  const mid = (a + b) / 2;
  return {
    nodes: ref.nodes.map((x) => mid + half * x),
    weights: ref.weights.map((w) => w * half),
  };
}

/** Σ wᵢ f(xᵢ) for a rule. */
export function integrate(rule: Rule, f: (x: number) => number): number {
  let s = 0;
  for (let i = 0; i < rule.nodes.length; i++) s += rule.weights[i]! * f(rule.nodes[i]!);
  return s;
}

/** Composite Simpson's rule for ∫_a^b f with n intervals (n even). */
export function simpson(f: (x: number) => number, a: number, b: number, n: number): number {
  if (!Number.isInteger(n) || n < 2 || n % 2 !== 0) {
    throw new RangeError(`simpson: n must be an even integer ≥ 2, got ${n}`);
  }
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}
