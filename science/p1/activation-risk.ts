/**
 * Exact population risk of x̂ = A σ(Bx), x ~ N(0, I_d), for any activation with a known kernel,
 * unit-norm rows, optimal decoder (P1 spec §2.4 "general exact formulas"):
 *
 *   C = E[σ(Bx) xᵀ] = μ₁·B̂                 (Stein, μ₁ = E[Zσ(Z)])
 *   K = E[σ(Bx) σ(Bx)ᵀ],  K_ij = k(G_ij),  K_ii = E σ²,   G = B̂B̂ᵀ
 *   A* = Cᵀ K⁻¹,   R* = 1 − (1/d)·Tr(Cᵀ K⁻¹ C) = 1 − (μ₁²/d)·Tr(B̂ᵀ K⁻¹ B̂)
 *
 * The model has no bias, so K is the raw (uncentred) second moment: for ReLU the mean μ₀ enters
 * through K. Sign reproduces `optimalRisk`. K is singular when two rows are parallel (sign,
 * erf, tanh) — then the pseudo-inverse gives the least-squares decoder over distinct codes.
 */
import { CholeskyDecomposition, Matrix, pseudoInverse } from 'ml-matrix';
import type { Activation } from './activations.ts';
import { normalizeRows } from './sign-risk.ts';

function kernelMatrix(W: Matrix, act: Activation): Matrix {
  const G = W.mmul(W.transpose());
  const K = new Matrix(G.rows, G.columns);
  for (let i = 0; i < G.rows; i++) {
    for (let j = 0; j < G.columns; j++) K.set(i, j, i === j ? act.second : act.kernel(Math.max(-1, Math.min(1, G.get(i, j)))));
  }
  return K;
}

function solveKernel(K: Matrix, X: Matrix): Matrix {
  const ch = new CholeskyDecomposition(K);
  return ch.isPositiveDefinite() ? ch.solve(X) : pseudoInverse(K).mmul(X);
}

/** A* = μ₁·B̂ᵀ K⁻¹ (d×n), the least-squares decoder for encoder B (n×d, rows normalised here). */
export function activationDecoder(B: Matrix, act: Activation): Matrix {
  const W = normalizeRows(B);
  return solveKernel(kernelMatrix(W, act), W).transpose().mul(act.mu1);
}

/** R*(B) = 1 − (μ₁²/d)·Tr(B̂ᵀ K⁻¹ B̂) for activation `act` (rows of B normalised here). */
export function activationRisk(B: Matrix, act: Activation): number {
  const W = normalizeRows(B);
  const Y = solveKernel(kernelMatrix(W, act), W);
  let explained = 0;
  for (let i = 0; i < W.rows; i++) for (let j = 0; j < W.columns; j++) explained += W.get(i, j) * Y.get(i, j);
  return 1 - (act.mu1 * act.mu1 * explained) / W.columns;
}
