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
}

function need(name: string, a: Float32Array, n: number): void {
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
};

/** The addon's versions (same signatures). */
export function nativeElementwise(addon: Elementwise): Elementwise {
  return {
    sign: (x, out) => addon.sign(x, out),
    adam: (x, g, m, v, lr, b1, b2, eps, c1, c2) => addon.adam(x, g, m, v, lr, b1, b2, eps, c1, c2),
    normalizeColumns: (W, rows, cols) => addon.normalizeColumns(W, rows, cols),
  };
}
