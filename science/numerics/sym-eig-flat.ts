/**
 * Symmetric eigendecomposition of a row-major d × d Float64Array, eigenvalues descending:
 * S = V diag(values) Vᵀ, with V returned row-major (column j = unit eigenvector of values[j],
 * i.e. entry (i, j) at i·d + j). A flat-array wrapper of `symEig` (ml-matrix), for callers that
 * keep data in typed arrays (the dataset preprocessing).
 */
import { symEig, toMatrix, fromMatrix } from './linalg.ts';

export interface FlatEig {
  readonly values: Float64Array;
  readonly vectors: Float64Array;
}

export function symEigFlat(S: Float64Array, d: number): FlatEig {
  const { values, vectors } = symEig(toMatrix(S, d, d));
  return { values, vectors: fromMatrix(vectors) };
}
