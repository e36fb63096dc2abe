/**
 * State evolution (SE) of the unrolled VAMP decoder of P2 spec §2.6 for z = sign(Bx),
 * B with orthonormal rows (r ≤ 1) or a tight frame BᵀB = rI (r > 1), BG data of
 * density p. Scalars only: each empirical average variance is replaced by its
 * expectation (v̄_x → mmse_BG(1/τ₂ₓ, p), v̄_u → V_u(τ₂ᵤ)).
 *
 * Init τ₁ₓ = 1 (prior), τ₂ᵤ = 1. Layer t:
 *   1. output node  v̄ = V_u(τ₂ᵤ),                 τ₁ᵤ = (1/v̄ − 1/τ₂ᵤ)⁻¹
 *   2. LMMSE        v̄ₓ = r/(1/τ₁ₓ + 1/τ₁ᵤ) + (1−r)τ₁ₓ   (r ≤ 1)
 *                   v̄ₓ = 1/(1/τ₁ₓ + r/τ₁ᵤ)               (r > 1),  τ₂ₓ = (1/v̄ₓ − 1/τ₁ₓ)⁻¹
 *   3. prior node   v̄ = mmse_BG(1/τ₂ₓ, p)  ← the MSE after layer t;  τ₁ₓ = (1/v̄ − 1/τ₂ₓ)⁻¹
 *   4. LMMSE        v̄ᵤ = 1/(1/τ₁ₓ + 1/τ₁ᵤ) (r ≤ 1) or 1/(1/τ₁ₓ + r/τ₁ᵤ) (r > 1), τ₂ᵤ = (1/v̄ᵤ − 1/τ₁ᵤ)⁻¹
 *
 * Layer 1 is exactly the shallow denoiser: τ₁ᵤ = c = π/2 − 1 and τ₂ₓ = 1/snr(r).
 * Guards as in the spec: precision differences ≥ 1e-14, variances in [1e-12, 1e12].
 */
import { mmseBg } from './mmse-bg.ts';
import { vU } from './v-u.ts';

export interface StateEvolutionOptions {
  /** Number of layers L. @default 10 */
  layers?: number;
}

const clampVar = (v: number) => Math.min(Math.max(v, 1e-12), 1e12);
/** (1/a − 1/b)⁻¹ with the precision difference floored at 1e-14. */
const extrinsic = (post: number, prior: number) => clampVar(1 / Math.max(1 / post - 1 / prior, 1e-14));

/** Predicted MSE after layers 1…L (index t−1), at rate r > 0 and density p ∈ (0, 1]. */
export function stateEvolution(r: number, p: number, options: StateEvolutionOptions = {}): Float64Array {
  const { layers = 10 } = options;
  if (!(r > 0)) throw new RangeError(`stateEvolution: r must be > 0, got ${r}`);
  const mse = new Float64Array(layers);
  let tau1x = 1;
  let tau2u = 1;
  for (let t = 0; t < layers; t++) {
    const tau1u = extrinsic(vU(Math.min(tau2u, 1)), tau2u);
    const vx = r <= 1 ? r / (1 / tau1x + 1 / tau1u) + (1 - r) * tau1x : 1 / (1 / tau1x + r / tau1u);
    const tau2x = extrinsic(vx, tau1x);
    const m = mmseBg(1 / tau2x, p);
    mse[t] = m;
    tau1x = extrinsic(m, tau2x);
    const vu = r <= 1 ? 1 / (1 / tau1x + 1 / tau1u) : 1 / (1 / tau1x + r / tau1u);
    tau2u = extrinsic(vu, tau1u);
  }
  return mse;
}

export interface FixedPointOptions {
  /** Stop when successive layers differ by less than this. @default 1e-10 */
  tol?: number;
  /** Give up after this many layers. @default 500 */
  maxLayers?: number;
}

/**
 * The SE fixed point L∞ (t → ∞): the replica-symmetric Bayes-optimal MSE for
 * z = sign(Bx), our stand-in for the paper's "Bayes-optimal benchmark" (spec §2.6).
 * SE is monotone here, so iterating until the change is below `tol` finds it.
 */
export function seFixedPoint(r: number, p: number, options: FixedPointOptions = {}): number {
  const { tol = 1e-10, maxLayers = 500 } = options;
  let n = 16;
  for (;;) {
    const mse = stateEvolution(r, p, { layers: n });
    const last = mse[n - 1]!;
    if (Math.abs(mse[n - 2]! - last) < tol || n >= maxLayers) return last;
    n = Math.min(2 * n, maxLayers);
  }
}
