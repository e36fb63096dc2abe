/**
 * A fixed matrix B (n×d) applied to batches in fp32 on the compute backend (BLAS natively), for
 * the finite-d decoder simulations where B·X and Bᵀ·U at d ~ 1000 dominate the cost.
 * Batches are row-major N×d (x side) or N×n (u side): one sample per row.
 */
import type { Compute } from '../numerics/compute.ts';

export interface MatOp {
  readonly n: number;
  readonly d: number;
  /** The compute backend the products run on (provenance). */
  readonly backend: string;
  /** U = X Bᵀ (N×n) for X (N×d): each row uᵢ = B xᵢ. */
  apply(X: Float64Array, N: number): Float64Array;
  /** X = U B (N×d) for U (N×n): each row xᵢ = Bᵀ uᵢ. */
  applyT(U: Float64Array, N: number): Float64Array;
}

export function matOp(compute: Compute, B: Float64Array, n: number, d: number): MatOp {
  if (B.length !== n * d) throw new RangeError(`matOp: expected ${n}×${d} values, got ${B.length}`);
  const Bf = Float32Array.from(B);
  const product = (Y: Float64Array, N: number, k: number, transB: boolean, cols: number) => {
    if (Y.length !== N * k) throw new RangeError(`matOp: expected ${N}×${k} values, got ${Y.length}`);
    const out = new Float32Array(N * cols);
    compute.sgemm(false, transB, N, cols, k, 1, Float32Array.from(Y), Bf, 0, out);
    return Float64Array.from(out);
  };
  return {
    n,
    d,
    backend: compute.detail,
    apply: (X, N) => product(X, N, d, true, n),
    applyT: (U, N) => product(U, N, n, false, d),
  };
}
