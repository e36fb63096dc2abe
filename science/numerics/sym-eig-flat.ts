/**
 * Symmetric eigendecomposition of a row-major d × d Float64Array, eigenvalues descending:
 * S = V diag(values) Vᵀ, with V returned row-major (column j = unit eigenvector of values[j],
 * i.e. entry (i, j) at i·d + j).
 *
 * Method: Householder tridiagonalisation (tred2) then the implicit QL algorithm (tql2), from
 * EISPACK via JAMA — the exact algorithm of ml-matrix's `EigenvalueDecomposition` (MIT,
 * © Michaël Zasso; src/dc/evd.js, including its transposed storage of V so the hot loops scan
 * rows), ported line by line onto one flat Float64Array. Why not call ml-matrix (`symEig`): its
 * Matrix get/set calls made the d = 784 MNIST eigendecomposition the dominant cost of the issue-8
 * "load + whiten 10,000 images in ≤ 5 s" budget; bench/data.bench.ts measures both, and
 * test/science/numerics/sym-eig-flat.test.ts checks this port against `symEig`.
 */
/* eslint-disable */
import { symEigMl, toMatrix, fromMatrix } from './linalg.ts';
import { linalg } from './compute.ts';

export interface FlatEig {
  readonly values: Float64Array;
  readonly vectors: Float64Array;
}

export interface SymEigFlatOptions {
  /**
   * 'compute' = the compute layer's `eigh` (LAPACK dsyevd when the native addon is built, else
   * 'flat'); 'flat' = the port below; 'ml-matrix' = ml-matrix (the reference, slower). @default 'compute'
   */
  method?: 'compute' | 'flat' | 'ml-matrix';
}

export function symEigFlat(S: Float64Array, d: number, options: SymEigFlatOptions = {}): FlatEig {
  const { method = 'compute' } = options;
  if (S.length !== d * d) throw new RangeError(`symEigFlat: expected ${d}×${d} = ${d * d} values, got ${S.length}`);
  if (method === 'ml-matrix') {
    const { values, vectors } = symEigMl(toMatrix(S, d, d));
    return { values, vectors: fromMatrix(vectors) };
  }
  if (method === 'compute') return linalg().eigh(S, d);
  if (method !== 'flat') throw new RangeError(`symEigFlat: method must be 'compute', 'flat' or 'ml-matrix', got ${String(method)}`);
  return withZeroRowsDeflated(S, d, tred2Tql2);
}

/**
 * `eig(S, d)` on the rows/columns of S that are not exactly zero. Exactly-zero rows/columns
 * (constant pixels: 111 of MNIST's 784) are eigenvectors e_i with eigenvalue 0; decomposing only
 * the rest is O(m³) instead of O(d³) (673³ vs 784³ is 37 % less work for MNIST) and returns
 * exact e_i for them, whatever the eigensolver.
 */
export function withZeroRowsDeflated(S: Float64Array, d: number, eig: (S: Float64Array, d: number) => FlatEig): FlatEig {
  const active: number[] = [];
  for (let i = 0; i < d; i++) if (S.subarray(i * d, (i + 1) * d).some((v) => v !== 0)) active.push(i);
  return active.length < d ? deflated(S, d, active, eig) : eig(S, d);
}

/** EISPACK tred2 + tql2 on a full d × d symmetric matrix, eigenvalues descending. */
function tred2Tql2(S: Float64Array, d: number): FlatEig {
  const n = d;
  // Transposed storage: V[j·n + i] holds the logical V(i, j) (S is symmetric, so start from S).
  const V = Float64Array.from(S);
  const dd = new Float64Array(n);
  const e = new Float64Array(n);
  tred2(n, e, dd, V);
  tql2(n, e, dd, V);
  // tql2 sorts ascending; return descending, column j = logical column of eigenvalue j.
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const src = n - 1 - j;
    values[j] = dd[src]!;
    for (let i = 0; i < n; i++) vectors[i * n + j] = V[src * n + i]!;
  }
  return { values, vectors };
}

/** Eigendecomposition with the zero rows/columns (all but `active`) split off as e_i, λ = 0. */
function deflated(S: Float64Array, d: number, active: number[], eig: (S: Float64Array, d: number) => FlatEig): FlatEig {
  const m = active.length;
  const sub = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) sub[a * m + b] = S[active[a]! * d + active[b]!]!;
  const inner = m > 0 ? eig(sub, m) : { values: new Float64Array(0), vectors: new Float64Array(0) };
  const zeroRows = Array.from({ length: d }, (_, i) => i).filter((i) => !active.includes(i));
  // Merge descending: inner eigenvalues ≥ 0 first, then the exact zeros, then any (roundoff) negatives.
  type Col = { value: number; inner?: number; unit?: number };
  const cols: Col[] = [
    ...Array.from(inner.values, (value, j) => ({ value, inner: j })),
    ...zeroRows.map((unit) => ({ value: 0, unit })),
  ];
  cols.sort((x, y) => y.value - x.value || (x.inner === undefined ? 1 : 0) - (y.inner === undefined ? 1 : 0));
  const values = new Float64Array(d);
  const vectors = new Float64Array(d * d);
  cols.forEach((c, j) => {
    values[j] = c.value;
    if (c.unit !== undefined) vectors[c.unit * d + j] = 1;
    else for (let a = 0; a < m; a++) vectors[active[a]! * d + j] = inner.vectors[a * m + c.inner!]!;
  });
  return { values, vectors };
}

function hypotenuse(a: number, b: number): number {
  let r = 0;
  if (Math.abs(a) > Math.abs(b)) {
    r = b / a;
    return Math.abs(a) * Math.sqrt(1 + r * r);
  }
  if (b !== 0) {
    r = a / b;
    return Math.abs(b) * Math.sqrt(1 + r * r);
  }
  return 0;
}

function tred2(n: number, e: Float64Array, d: Float64Array, V: Float64Array): void {
  let f: number, g: number, h: number, i: number, j: number, k: number, hh: number, scale: number;

  for (j = 0; j < n; j++) {
    d[j]! = V[(j) * n + (n - 1)]!;
  }

  for (i = n - 1; i > 0; i--) {
    scale = 0;
    h = 0;
    for (k = 0; k < i; k++) {
      scale = scale + Math.abs(d[k]!);
    }

    if (scale === 0) {
      e[i]! = d[i - 1]!;
      for (j = 0; j < i; j++) {
        d[j]! = V[(j) * n + (i - 1)]!;
        V[(j) * n + (i)]! = 0;
        V[(i) * n + (j)]! = 0;
      }
    } else {
      for (k = 0; k < i; k++) {
        d[k]! /= scale;
        h += d[k]! * d[k]!;
      }

      f = d[i - 1]!;
      g = Math.sqrt(h);
      if (f > 0) {
        g = -g;
      }

      e[i]! = scale * g;
      h = h - f * g;
      d[i - 1]! = f - g;
      for (j = 0; j < i; j++) {
        e[j]! = 0;
      }

      for (j = 0; j < i; j++) {
        f = d[j]!;
        V[(i) * n + (j)]! = f;
        g = e[j]! + V[(j) * n + (j)]! * f;
        for (k = j + 1; k <= i - 1; k++) {
          g += V[(j) * n + (k)]! * d[k]!;
          e[k]! += V[(j) * n + (k)]! * f;
        }
        e[j]! = g;
      }

      f = 0;
      for (j = 0; j < i; j++) {
        e[j]! /= h;
        f += e[j]! * d[j]!;
      }

      hh = f / (h + h);
      for (j = 0; j < i; j++) {
        e[j]! -= hh * d[j]!;
      }

      for (j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        for (k = j; k <= i - 1; k++) {
          V[(j) * n + (k)]! = V[(j) * n + (k)]! - (f * e[k]! + g * d[k]!);
        }
        d[j]! = V[(j) * n + (i - 1)]!;
        V[(j) * n + (i)]! = 0;
      }
    }
    d[i]! = h;
  }

  for (i = 0; i < n - 1; i++) {
    V[(i) * n + (n - 1)]! = V[(i) * n + (i)]!;
    V[(i) * n + (i)]! = 1;
    h = d[i + 1]!;
    if (h !== 0) {
      for (k = 0; k <= i; k++) {
        d[k]! = V[(i + 1) * n + (k)]! / h;
      }

      for (j = 0; j <= i; j++) {
        g = 0;
        for (k = 0; k <= i; k++) {
          g += V[(i + 1) * n + (k)]! * V[(j) * n + (k)]!;
        }
        for (k = 0; k <= i; k++) {
          V[(j) * n + (k)]! = V[(j) * n + (k)]! - g * d[k]!;
        }
      }
    }

    for (k = 0; k <= i; k++) {
      V[(i + 1) * n + (k)]! = 0;
    }
  }

  for (j = 0; j < n; j++) {
    d[j]! = V[(j) * n + (n - 1)]!;
    V[(j) * n + (n - 1)]! = 0;
  }

  V[(n - 1) * n + (n - 1)]! = 1;
  e[0]! = 0;
}

function tql2(n: number, e: Float64Array, d: Float64Array, V: Float64Array): void {
  let g: number, h: number, i: number, j: number, k: number, l: number, m: number, p: number, r: number, dl1: number, c: number, c2: number, c3: number, el1: number, s: number, s2: number, iter: number;

  for (i = 1; i < n; i++) {
    e[i - 1]! = e[i]!;
  }

  e[n - 1]! = 0;

  let f = 0;
  let tst1 = 0;
  let eps = Number.EPSILON;

  for (l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    m = l;
    while (m < n) {
      if (Math.abs(e[m]!) <= eps * tst1) {
        break;
      }
      m++;
    }

    if (m > l) {
      iter = 0;
      do {
        iter = iter + 1;

        g = d[l]!;
        p = (d[l + 1]! - g) / (2 * e[l]!);
        r = hypotenuse(p, 1);
        if (p < 0) {
          r = -r;
        }

        d[l]! = e[l]! / (p + r);
        d[l + 1]! = e[l]! * (p + r);
        dl1 = d[l + 1]!;
        h = g - d[l]!;
        for (i = l + 2; i < n; i++) {
          d[i]! -= h;
        }

        f = f + h;

        p = d[m]!;
        c = 1;
        c2 = c;
        c3 = c;
        el1 = e[l + 1]!;
        s = 0;
        s2 = 0;
        for (i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = hypotenuse(p, e[i]!);
          e[i + 1]! = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1]! = h + s * (c * g + s * d[i]!);

          for (k = 0; k < n; k++) {
            h = V[(i + 1) * n + (k)]!;
            V[(i + 1) * n + (k)]! = s * V[(i) * n + (k)]! + c * h;
            V[(i) * n + (k)]! = c * V[(i) * n + (k)]! - s * h;
          }
        }

        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l]! = s * p;
        d[l]! = c * p;
      } while (Math.abs(e[l]!) > eps * tst1);
    }
    d[l]! = d[l]! + f;
    e[l]! = 0;
  }

  for (i = 0; i < n - 1; i++) {
    k = i;
    p = d[i]!;
    for (j = i + 1; j < n; j++) {
      if (d[j]! < p) {
        k = j;
        p = d[j]!;
      }
    }

    if (k !== i) {
      d[k]! = d[i]!;
      d[i]! = p;
      for (j = 0; j < n; j++) {
        p = V[(i) * n + (j)]!;
        V[(i) * n + (j)]! = V[(k) * n + (j)]!;
        V[(k) * n + (j)]! = p;
      }
    }
  }
}
