/**
 * A fixed matrix B (n×d) applied to batches through tfjs (fp32), for the
 * finite-d decoder simulations where B·X and Bᵀ·U at d ~ 1000 dominate the cost.
 * Batches are row-major N×d (x side) or N×n (u side): one sample per row.
 */
import { initTf, type TfHandle } from '../numerics/index.ts';
import type * as TF from '@tensorflow/tfjs-core';

export interface MatOp {
  readonly n: number;
  readonly d: number;
  /** The tfjs backend the products run on. */
  readonly backend: string;
  /** U = X Bᵀ (N×n) for X (N×d): each row uᵢ = B xᵢ. */
  apply(X: Float64Array, N: number): Float64Array;
  /** X = U B (N×d) for U (N×n): each row xᵢ = Bᵀ uᵢ. */
  applyT(U: Float64Array, N: number): Float64Array;
  /** Free the tensor holding B. */
  dispose(): void;
}

function product(h: TfHandle, M: TF.Tensor2D, Y: Float64Array, N: number, k: number): Float64Array {
  const { tf } = h;
  const out = tf.tidy(() => tf.matMul(tf.tensor2d(Float32Array.from(Y), [N, k]), M));
  const data = out.dataSync();
  out.dispose();
  return Float64Array.from(data);
}

/**
 * Upload row-major B (n×d) once, with its transpose: on the wasm backend a matMul
 * with `transposeB` was measured 14× slower than the same product with Bᵀ stored
 * (241 ms against 17.6 ms for 200×1000·1000×1000).
 */
export async function tfMatOp(B: Float64Array, n: number, d: number): Promise<MatOp> {
  if (B.length !== n * d) throw new RangeError(`tfMatOp: expected ${n}×${d} values, got ${B.length}`);
  const h = await initTf();
  const Bm = h.tf.tensor2d(Float32Array.from(B), [n, d]);
  const Bt = h.tf.transpose(Bm);
  return {
    n,
    d,
    backend: h.backend,
    apply: (X, N) => product(h, Bt, X, N, d),
    applyT: (U, N) => product(h, Bm, U, N, n),
    dispose: () => {
      Bm.dispose();
      Bt.dispose();
    },
  };
}
