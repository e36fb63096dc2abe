/**
 * The unrolled VAMP/EP multi-layer decoder of P2 spec §2.6, the stand-in for the
 * paper's RI-GAMP-inspired decoder (22). Input z = sign(Bx) for B with orthonormal
 * rows (r = n/d ≤ 1) or a tight frame BᵀB = rI (r > 1); BG prior of density p.
 *
 * Each sample (row of the batch) is decoded independently, with its own scalar
 * variances. Layer t (sequential schedule):
 *   1. output node  (ũ, v̄) = η_u(z, r₂ᵤ; τ₂ᵤ); τ₁ᵤ = (1/v̄ − 1/τ₂ᵤ)⁻¹, r₁ᵤ = τ₁ᵤ(ũ/v̄ − r₂ᵤ/τ₂ᵤ)
 *   2. LMMSE        x̂ = argmin ‖x − r₁ₓ‖²/τ₁ₓ + ‖Bx − r₁ᵤ‖²/τ₁ᵤ, v̄ₓ its average variance
 *                   r ≤ 1: v = r₁ₓ/τ₁ₓ + Bᵀr₁ᵤ/τ₁ᵤ, x̂ = τ₁ₓ(v − Pv) + Pv/(1/τ₁ₓ + 1/τ₁ᵤ), P = BᵀB
 *                   r > 1: x̂ = (r₁ₓ/τ₁ₓ + Bᵀr₁ᵤ/τ₁ᵤ)/(1/τ₁ₓ + r/τ₁ᵤ);  extrinsic → (r₂ₓ, τ₂ₓ)
 *   3. prior node   (x̃, v̄) = η_x(r₂ₓ; τ₂ₓ) (BG posterior) — the output x̂⁽ᵗ⁾ = x̃; extrinsic → (r₁ₓ, τ₁ₓ)
 *   4. LMMSE        û = Bx̂, v̄ᵤ = 1/(1/τ₁ₓ + 1/τ₁ᵤ) (r ≤ 1) or 1/(1/τ₁ₓ + r/τ₁ᵤ); extrinsic → (r₂ᵤ, τ₂ᵤ)
 * Init r₁ₓ = 0, τ₁ₓ = 1, r₂ᵤ = 0, τ₂ᵤ = 1, so layer 1 is the shallow denoiser f(Az).
 * Guards: precision differences ≥ 1e-14, variances in [1e-12, 1e12]; no damping.
 *
 * A learned encoder (P2 F6) is only approximately orthonormal. For r ≤ 1 pass its SVD
 * B = U S V (option `svd`: V as a MatOp with orthonormal rows, and S²): the LMMSE node is then
 * the general one, with a = 1/τ₁ₓ, b = 1/τ₁ᵤ,
 *   x̂ = (aI + bBᵀB)⁻¹v = (v − VᵀVv)/a + Vᵀ diag(1/(a + b s²ₖ)) V v,
 *   v̄ₓ = ((d − n)/a + Σₖ 1/(a + b s²ₖ))/d,   v̄ᵤ = (1/n) Σₖ s²ₖ/(a + b s²ₖ),   û = Bx̂,
 * which reduces to the formulas above when every sₖ = 1.
 */
import { bgPosterior } from './bg-posterior.ts';
import type { MatOp } from './mat-op.ts';
import { signPosterior } from './sign-posterior.ts';

export interface VampDecodeOptions {
  /** Number of layers L. @default 10 */
  layers?: number;
  /**
   * For r ≤ 1 and B not exactly orthonormal: B = U S V with `rowSpace` = V (n×d, orthonormal
   * rows) and `s2` = the n squared singular values. @default BBᵀ = I assumed
   */
  svd?: { rowSpace: MatOp; s2: Float64Array };
}

const clampVar = (v: number) => Math.min(Math.max(v, 1e-12), 1e12);
const extrinsic = (post: number, prior: number) => clampVar(1 / Math.max(1 / post - 1 / prior, 1e-14));

/**
 * Decode a batch z (N×n, entries ±1) with B given as `op`, for BG density p.
 * Returns the estimate x̂⁽ᵗ⁾ (N×d, row-major) after each layer t = 1…L.
 */
export function vampDecode(z: Float64Array, N: number, op: MatOp, p: number, options: VampDecodeOptions = {}): Float64Array[] {
  const { layers = 10, svd } = options;
  const { n, d } = op;
  if (z.length !== N * n) throw new RangeError(`vampDecode: expected z of ${N}×${n} values, got ${z.length}`);
  const r = n / d;
  if (svd && (r > 1 || svd.s2.length !== n || svd.rowSpace.n !== n || svd.rowSpace.d !== d)) {
    throw new RangeError(`vampDecode: svd needs r ≤ 1, ${n} singular values and an ${n}×${d} row space (got r = ${r}, ${svd.s2.length})`);
  }
  const general = svd ? generalLmmse(svd.rowSpace, svd.s2) : null;
  const r1x = new Float64Array(N * d);
  const tau1x = new Float64Array(N).fill(1);
  const r2u = new Float64Array(N * n);
  const tau2u = new Float64Array(N).fill(1);
  const r1u = new Float64Array(N * n);
  const tau1u = new Float64Array(N);
  const r2x = new Float64Array(N * d);
  const tau2x = new Float64Array(N);
  const out: Float64Array[] = [];
  const v = new Float64Array(N * d);
  for (let t = 0; t < layers; t++) {
    // 1. output node
    for (let c = 0; c < N; c++) {
      const o = c * n;
      let vbar = 0;
      const ut = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const post = signPosterior(z[o + i]!, r2u[o + i]!, tau2u[c]!);
        ut[i] = post.mean;
        vbar += post.var;
      }
      vbar = clampVar(vbar / n);
      const t1 = extrinsic(vbar, tau2u[c]!);
      tau1u[c] = t1;
      for (let i = 0; i < n; i++) r1u[o + i] = t1 * (ut[i]! / vbar - r2u[o + i]! / tau2u[c]!);
    }
    // 2. LMMSE, x side
    const BtR = op.applyT(r1u, N);
    for (let k = 0; k < N * d; k++) {
      const c = Math.floor(k / d);
      v[k] = r1x[k]! / tau1x[c]! + BtR[k]! / tau1u[c]!;
    }
    if (general) {
      const g = general(v, N, tau1x, tau1u);
      for (let c = 0; c < N; c++) {
        const vx = clampVar(g.vx[c]!);
        const t2 = extrinsic(vx, tau1x[c]!);
        tau2x[c] = t2;
        for (let i = c * d; i < (c + 1) * d; i++) r2x[i] = t2 * (g.xhat[i]! / vx - r1x[i]! / tau1x[c]!);
      }
    } else {
      const Pv = r <= 1 ? op.applyT(op.apply(v, N), N) : null;
      for (let c = 0; c < N; c++) {
        const a = 1 / tau1x[c]!;
        const b = 1 / tau1u[c]!;
        const kk = r <= 1 ? 1 / (a + b) : 1 / (a + r * b);
        const vx = clampVar(r <= 1 ? r * kk + (1 - r) * tau1x[c]! : kk);
        const t2 = extrinsic(vx, tau1x[c]!);
        tau2x[c] = t2;
        for (let i = c * d; i < (c + 1) * d; i++) {
          const xh = Pv ? tau1x[c]! * (v[i]! - Pv[i]!) + kk * Pv[i]! : kk * v[i]!;
          r2x[i] = t2 * (xh / vx - r1x[i]! * a);
        }
      }
    }
    // 3. prior node
    const xt = new Float64Array(N * d);
    for (let c = 0; c < N; c++) {
      let vbar = 0;
      for (let i = c * d; i < (c + 1) * d; i++) {
        const post = bgPosterior(r2x[i]!, tau2x[c]!, p);
        xt[i] = post.mean;
        vbar += post.var;
      }
      vbar = clampVar(vbar / d);
      const t1 = extrinsic(vbar, tau2x[c]!);
      for (let i = c * d; i < (c + 1) * d; i++) r1x[i] = t1 * (xt[i]! / vbar - r2x[i]! / tau2x[c]!);
      tau1x[c] = t1;
    }
    out.push(xt);
    if (t === layers - 1) break;
    // 4. LMMSE, u side: û = Bx̂ = k·B(r₁ₓ/τ₁ₓ + Bᵀr₁ᵤ/τ₁ᵤ) (for r ≤ 1, B(v − Pv) = 0)
    for (let k = 0; k < N * d; k++) {
      const c = Math.floor(k / d);
      v[k] = r1x[k]! / tau1x[c]! + BtR[k]! / tau1u[c]!;
    }
    if (general) {
      const g = general(v, N, tau1x, tau1u);
      const Bx = op.apply(g.xhat, N);
      for (let c = 0; c < N; c++) {
        const vu = clampVar(g.vu[c]!);
        const t2 = extrinsic(vu, tau1u[c]!);
        for (let i = c * n; i < (c + 1) * n; i++) r2u[i] = t2 * (Bx[i]! / vu - r1u[i]! / tau1u[c]!);
        tau2u[c] = t2;
      }
      continue;
    }
    const Bv = op.apply(v, N);
    for (let c = 0; c < N; c++) {
      const a = 1 / tau1x[c]!;
      const b = 1 / tau1u[c]!;
      const vu = clampVar(r <= 1 ? 1 / (a + b) : 1 / (a + r * b));
      const t2 = extrinsic(vu, tau1u[c]!);
      for (let i = c * n; i < (c + 1) * n; i++) r2u[i] = t2 * (Bv[i]! - r1u[i]! * b); // û/v̄ᵤ = Bv
      tau2u[c] = t2;
    }
  }
  return out;
}

/**
 * The general LMMSE node for B = U S V (r ≤ 1): x̂ = (aI + bBᵀB)⁻¹v per sample, with its
 * average x- and u-side variances (formulas in the header).
 */
function generalLmmse(V: MatOp, s2: Float64Array) {
  const { n, d } = V;
  return (v: Float64Array, N: number, tau1x: Float64Array, tau1u: Float64Array) => {
    const Vv = V.apply(v, N); // N×n
    const PVv = V.applyT(Vv, N);
    const w = new Float64Array(N * n);
    const vx = new Float64Array(N);
    const vu = new Float64Array(N);
    for (let c = 0; c < N; c++) {
      const a = 1 / tau1x[c]!;
      const b = 1 / tau1u[c]!;
      let sx = (d - n) / a;
      let su = 0;
      for (let k = 0; k < n; k++) {
        const g = 1 / (a + b * s2[k]!);
        w[c * n + k] = Vv[c * n + k]! * g;
        sx += g;
        su += s2[k]! * g;
      }
      vx[c] = sx / d;
      vu[c] = su / n;
    }
    const xhat = V.applyT(w, N);
    for (let c = 0; c < N; c++) {
      const a = 1 / tau1x[c]!;
      for (let i = c * d; i < (c + 1) * d; i++) xhat[i]! += (v[i]! - PVv[i]!) / a;
    }
    return { xhat, vx, vu };
  };
}
