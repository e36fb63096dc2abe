/**
 * Exact population risk of the sign autoencoder x̂ = A sign(Bx), x ~ N(0, Σ)
 * (P1 spec §2.1 for Σ = I, §2.3 for general Σ), in float64.
 *
 * With S = Σ^{1/2}, Ŵ = rows of B·S normalised to unit norm, G = ŴŴᵀ and the
 * entrywise M = arcsin(G) (so M_ii = π/2):
 *
 *   K = E[sign(Bx) sign(Bx)ᵀ] = (2/π)·M            (arcsine kernel)
 *   C = E[sign(Bx) xᵀ]        = √(2/π)·Ŵ S          (Stein, half-normal mean)
 *   R(A,B)  = (1/d)·[Tr Σ − 2√(2/π)·Tr(A Ŵ S) + (2/π)·Tr(A M Aᵀ)]
 *   A*(B)   = Cᵀ K⁻¹ = √(π/2)·S Ŵᵀ M⁻¹
 *   R*(B)   = (1/d)·[Tr Σ − Tr(S Ŵᵀ M⁻¹ Ŵ S)]       (= 1 − Tr(M⁻¹G)/d for Σ = I)
 *
 * M is singular when two rows are (anti-)parallel (duplicated codes, spec §5
 * row 13; d = 1, row 12): then M⁻¹ is replaced by the pseudo-inverse, which
 * gives the least-squares decoder over the distinct codes.
 */
import { CholeskyDecomposition, Matrix, pseudoInverse } from 'ml-matrix';

export interface SignRiskOptions {
  /** Σ^{1/2} (symmetric d×d) for x ~ N(0, Σ). @default identity (isotropic data) */
  sqrtSigma?: Matrix;
}

/** Rows of B scaled to unit norm (sign is invariant to positive row scaling). Throws on a zero row. */
export function normalizeRows(B: Matrix): Matrix {
  const out = B.clone();
  for (let i = 0; i < B.rows; i++) {
    let s = 0;
    for (let j = 0; j < B.columns; j++) s += B.get(i, j) ** 2;
    if (!(s > 0)) throw new RangeError(`normalizeRows: row ${i} is zero`);
    const inv = 1 / Math.sqrt(s);
    for (let j = 0; j < B.columns; j++) out.set(i, j, B.get(i, j) * inv);
  }
  return out;
}

/**
 * Entrywise arcsin of the Gram matrix of unit rows: off-diagonal entries clipped to [−1, 1]
 * (rounding can push |G_ij| past 1), diagonal set to exactly π/2. Why exact: arcsin′ diverges
 * at 1, so a rounded G_ii = 1 − ε would give π/2 − √(2ε), an O(1e-8) error in float64.
 */
export function arcsinGram(G: Matrix): Matrix {
  const M = new Matrix(G.rows, G.columns);
  for (let i = 0; i < G.rows; i++) {
    for (let j = 0; j < G.columns; j++) {
      M.set(i, j, i === j ? Math.PI / 2 : Math.asin(Math.max(-1, Math.min(1, G.get(i, j)))));
    }
  }
  return M;
}

/** The effective unit-row encoder Ŵ = normalise(B Σ^{1/2}) and S = Σ^{1/2} (identity when isotropic). */
function whitenedEncoder(B: Matrix, sqrtSigma?: Matrix): { W: Matrix; S: Matrix } {
  if (sqrtSigma && (sqrtSigma.rows !== B.columns || sqrtSigma.columns !== B.columns)) {
    throw new RangeError(`sqrtSigma must be ${B.columns}×${B.columns}, got ${sqrtSigma.rows}×${sqrtSigma.columns}`);
  }
  const S = sqrtSigma ?? Matrix.eye(B.columns);
  return { W: normalizeRows(sqrtSigma ? B.mmul(sqrtSigma) : B), S };
}

/** M⁻¹·X by Cholesky, falling back to the pseudo-inverse when M is singular (duplicated rows). */
function solveArcsin(M: Matrix, X: Matrix): Matrix {
  const ch = new CholeskyDecomposition(M);
  if (ch.isPositiveDefinite()) return ch.solve(X);
  return pseudoInverse(M).mmul(X);
}

function trace(M: Matrix): number {
  let t = 0;
  for (let i = 0; i < Math.min(M.rows, M.columns); i++) t += M.get(i, i);
  return t;
}

/** R(A, B): exact per-coordinate MSE of the decoder A (d×n) with encoder B (n×d). */
export function signRisk(A: Matrix, B: Matrix, options: SignRiskOptions = {}): number {
  const d = B.columns;
  if (A.rows !== d || A.columns !== B.rows) throw new RangeError(`signRisk: A must be ${d}×${B.rows}, got ${A.rows}×${A.columns}`);
  const { W, S } = whitenedEncoder(B, options.sqrtSigma);
  const M = arcsinGram(W.mmul(W.transpose()));
  const trSigma = S.norm('frobenius') ** 2;
  const cross = trace(A.mmul(W).mmul(S));
  const quad = trace(A.mmul(M).mmul(A.transpose()));
  return (trSigma - 2 * Math.sqrt(2 / Math.PI) * cross + (2 / Math.PI) * quad) / d;
}

/** A*(B) = √(π/2)·S Ŵᵀ arcsin(G)⁻¹, the least-squares decoder for the encoder B. */
export function optimalDecoder(B: Matrix, options: SignRiskOptions = {}): Matrix {
  const { W, S } = whitenedEncoder(B, options.sqrtSigma);
  const M = arcsinGram(W.mmul(W.transpose()));
  return solveArcsin(M, W.mmul(S)).transpose().mul(Math.sqrt(Math.PI / 2));
}

/** R*(B) = (1/d)·[Tr Σ − Tr(S Ŵᵀ arcsin(G)⁻¹ Ŵ S)], the risk of B with its optimal decoder. */
export function optimalRisk(B: Matrix, options: SignRiskOptions = {}): number {
  const d = B.columns;
  const { W, S } = whitenedEncoder(B, options.sqrtSigma);
  const M = arcsinGram(W.mmul(W.transpose()));
  const WS = W.mmul(S);
  const Y = solveArcsin(M, WS);
  let explained = 0;
  for (let i = 0; i < WS.rows; i++) for (let j = 0; j < d; j++) explained += WS.get(i, j) * Y.get(i, j);
  return (S.norm('frobenius') ** 2 - explained) / d;
}
