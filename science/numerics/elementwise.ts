/**
 * Fused elementwise kernels of the training steps, part of `Compute`: one pass over fp32 arrays
 * instead of a JS loop each. The addon (native/elementwise.cc) and these JS versions do the same
 * arithmetic (fp64 intermediates, fp32 stores, same order), so both backends give the same bits.
 */
export interface Elementwise {
  /** out[i] = x[i] ≥ 0 ? 1 : −1 (sign(0) := +1). */
  sign(x: Float32Array, out: Float32Array): void;
  /**
   * One Adam step in place on x with gradient g and moments m, v (all of x's length):
   * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², x ← x − lr·m·c₁/(√(v·c₂) + ε), with the bias
   * corrections c₁ = 1/(1 − β₁ᵗ), c₂ = 1/(1 − β₂ᵗ) passed in (the fp64 m, v drive the update).
   */
  adam(x: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, lr: number, beta1: number, beta2: number, eps: number, c1: number, c2: number): void;
  /** Scale each column of the row-major rows×cols W to unit Euclidean norm (fp64 sums). */
  normalizeColumns(W: Float32Array, rows: number, cols: number): void;
  /** Gc = G (n×n) clipped to [−1 + clip, 1 − clip], with a zero diagonal (P1 projected GD). */
  clipGram(G: Float32Array, Gc: Float32Array, n: number, clip: number): void;
  /** max |A[i]| (0 for an empty A, NaN if A holds a NaN). */
  maxAbs(A: Float32Array): number;
  /** P[i] ← P[i]/√(1 − Gc[i]²) on the n×n P off the diagonal, 0 on it (D ∘ P with D = arcsin′). */
  arcsinPrimeScale(P: Float32Array, Gc: Float32Array, n: number): void;
  /**
   * One projected step on the sphere for each row of the row-major n×d W:
   * ŵ ← normalise(ŵ + η(g − ⟨g, ŵ⟩ŵ)), then WS = W·diag(s) (s of length d).
   */
  sphereStep(W: Float32Array, g: Float32Array, s: Float32Array, WS: Float32Array, n: number, d: number, eta: number): void;
  /**
   * Batch standardisation of the row-major rows×cols z (P1 S1's code input): per column j the
   * mean and population variance in fp64 (row order), inv[j] = 1/((√var_j + 1e-8)·τ), out = z·diag(inv).
   */
  columnStandardize(z: Float32Array, rows: number, cols: number, tau: number, inv: Float64Array, out: Float32Array): void;
  /** g[r, j] ← g[r, j]·(1 − c[r, j]²)·inv[j] for the row-major rows×cols g, c: back through c = tanh(z·diag(inv)). */
  tanhScaledBackward(c: Float32Array, inv: Float64Array, g: Float32Array, rows: number, cols: number): void;
  /**
   * Masked rows (P2 F6): out holds a mask of rowsAt.length rows × k on entry; row o becomes
   * out[o, j]·X[rowsAt[o] + j], gathered from the row offsets rowsAt of X ("+ 0" keeps zeros +0).
   */
  maskRows(out: Float32Array | Float64Array, X: Float64Array, rowsAt: Int32Array, k: number): void;
}

function need(name: string, a: { length: number }, n: number): void {
  if (a.length < n) throw new RangeError(`${name} has ${a.length} values, needs at least ${n}`);
}

export const jsElementwise: Elementwise = {
  sign(x, out) {
    need('out', out, x.length);
    for (let i = 0; i < x.length; i++) out[i] = x[i]! >= 0 ? 1 : -1;
  },
  adam(x, g, m, v, lr, beta1, beta2, eps, c1, c2) {
    const n = x.length;
    need('g', g, n);
    need('m', m, n);
    need('v', v, n);
    const a1 = 1 - beta1;
    const a2 = 1 - beta2;
    for (let i = 0; i < n; i++) {
      const gi = g[i]!;
      const mi = beta1 * m[i]! + a1 * gi;
      const vi = beta2 * v[i]! + a2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      x[i]! -= (lr * mi * c1) / (Math.sqrt(vi * c2) + eps);
    }
  },
  normalizeColumns(W, rows, cols) {
    need('W', W, rows * cols);
    const norm = new Float64Array(cols);
    for (let j = 0; j < rows; j++) for (let i = 0; i < cols; i++) norm[i]! += W[j * cols + i]! * W[j * cols + i]!;
    for (let i = 0; i < cols; i++) norm[i] = 1 / Math.sqrt(norm[i]!);
    for (let j = 0; j < rows; j++) for (let i = 0; i < cols; i++) W[j * cols + i]! *= norm[i]!;
  },
  clipGram(G, Gc, n, clip) {
    const nn = n * n;
    need('G', G, nn);
    need('Gc', Gc, nn);
    const lo = -1 + clip;
    const hi = 1 - clip;
    for (let i = 0; i < nn; i++) {
      const g = G[i]!;
      Gc[i] = g > hi ? hi : g < lo ? lo : g;
    }
    for (let i = 0; i < n; i++) Gc[i * (n + 1)] = 0;
  },
  maxAbs(A) {
    let m = 0;
    for (let i = 0; i < A.length; i++) {
      const a = Math.abs(A[i]!);
      if (a !== a) return NaN;
      if (a > m) m = a;
    }
    return m;
  },
  arcsinPrimeScale(P, Gc, n) {
    const nn = n * n;
    need('P', P, nn);
    need('Gc', Gc, nn);
    for (let i = 0; i < nn; i++) P[i] = P[i]! / Math.sqrt(1 - Gc[i]! * Gc[i]!);
    for (let i = 0; i < n; i++) P[i * (n + 1)] = 0;
  },
  sphereStep(W, g, s, WS, n, d, eta) {
    need('W', W, n * d);
    need('g', g, n * d);
    need('s', s, d);
    need('WS', WS, n * d);
    for (let i = 0; i < n; i++) {
      const o = i * d;
      let dot = 0;
      for (let j = 0; j < d; j++) dot += g[o + j]! * W[o + j]!;
      let sq = 0;
      for (let j = 0; j < d; j++) {
        W[o + j] = W[o + j]! + eta * (g[o + j]! - dot * W[o + j]!);
        sq += W[o + j]! * W[o + j]!; // the stored fp32 value
      }
      const inv = 1 / Math.sqrt(sq);
      for (let j = 0; j < d; j++) {
        W[o + j] = W[o + j]! * inv;
        WS[o + j] = W[o + j]! * s[j]!;
      }
    }
  },
  columnStandardize(z, rows, cols, tau, inv, out) {
    need('z', z, rows * cols);
    need('inv', inv, cols);
    need('out', out, rows * cols);
    const mean = new Float64Array(cols);
    for (let r = 0, o = 0; r < rows; r++) for (let j = 0; j < cols; j++, o++) mean[j]! += z[o]!;
    for (let j = 0; j < cols; j++) mean[j]! /= rows;
    inv.fill(0, 0, cols);
    for (let r = 0, o = 0; r < rows; r++)
      for (let j = 0; j < cols; j++, o++) {
        const c = z[o]! - mean[j]!;
        inv[j]! += c * c;
      }
    for (let j = 0; j < cols; j++) inv[j] = 1 / ((Math.sqrt(inv[j]! / rows) + 1e-8) * tau);
    for (let o = 0; o < rows * cols; o += cols) for (let j = 0; j < cols; j++) out[o + j] = z[o + j]! * inv[j]!;
  },
  tanhScaledBackward(c, inv, g, rows, cols) {
    need('c', c, rows * cols);
    need('inv', inv, cols);
    need('g', g, rows * cols);
    for (let o = 0; o < rows * cols; o += cols)
      for (let j = 0; j < cols; j++) {
        const cj = c[o + j]!;
        g[o + j] = g[o + j]! * (1 - cj * cj) * inv[j]!;
      }
  },
  maskRows(out, X, rowsAt, k) {
    checkMaskRows(out, X, rowsAt, k);
    for (let o = 0, i = 0; o < rowsAt.length; o++) {
      const r = rowsAt[o]!;
      for (let j = 0; j < k; j++, i++) out[i] = out[i]! * X[r + j]! + 0;
    }
  },
};

function checkMaskRows(out: ArrayLike<number>, X: ArrayLike<number>, rowsAt: Int32Array, k: number): void {
  need('out', out, rowsAt.length * k);
  for (const r of rowsAt) if (!(r >= 0 && r + k <= X.length)) throw new RangeError(`maskRows: row offset ${r} + k = ${k} is outside X (${X.length} values)`);
}

/** The addon's versions (same signatures). */
export function nativeElementwise(addon: Elementwise): Elementwise {
  return {
    sign: (x, out) => addon.sign(x, out),
    adam: (x, g, m, v, lr, b1, b2, eps, c1, c2) => addon.adam(x, g, m, v, lr, b1, b2, eps, c1, c2),
    normalizeColumns: (W, rows, cols) => addon.normalizeColumns(W, rows, cols),
    clipGram: (G, Gc, n, clip) => addon.clipGram(G, Gc, n, clip),
    maxAbs: (A) => addon.maxAbs(A),
    arcsinPrimeScale: (P, Gc, n) => addon.arcsinPrimeScale(P, Gc, n),
    sphereStep: (W, g, s, WS, n, d, eta) => addon.sphereStep(W, g, s, WS, n, d, eta),
    columnStandardize: (z, rows, cols, tau, inv, out) => addon.columnStandardize(z, rows, cols, tau, inv, out),
    tanhScaledBackward: (c, inv, g, rows, cols) => addon.tanhScaledBackward(c, inv, g, rows, cols),
    maskRows: (out, X, rowsAt, k) => addon.maskRows(out, X, rowsAt, k),
  };
}
