/**
 * R*(B) of a fixed encoder on i.i.d. sparse data (P2 spec §3 "Evaluation"): freeze B, take the
 * moments C_xz, C_zz of z = sign(Bx) on fresh samples x ~ sᵢYᵢ/√p, and return
 *
 *   R*(B) = 1 − tr(C_xz C_zz⁻¹ C_xzᵀ)/d      (the optimal linear decoder, §2.1).
 *
 * The decoder is fitted on the same N = `samples` draws it is scored on, so this plug-in R* is
 * biased low by ≈ (n/N)·R* (the test MSE of the fitted A on fresh draws is high by as much).
 * Measured: Haar, BG p = 0.1, r = 1, d = 256: 0.3777 at N = 6e4 (3 seeds) against the audit's
 * 0.3793 at 2e5. The same function scores a GD-trained B and the Haar control of F1 (spec §4 F1:
 * "R_GD ≤ R*(Haar, same d) + 0.005"), so both carry the same bias.
 */
import type { Rng } from '../numerics/index.ts';
import { sampleSparse, type NonzeroLaw } from './data.ts';
import { empiricalMoments } from './empirical-moments.ts';
import { optimalLinearRisk } from './optimal-linear-decoder.ts';
import type { SignZeroRule } from './sign-encode.ts';

export interface SparseEncoderRiskOptions {
  /** Law of the non-zeros. @default 'gauss' */
  law?: NonzeroLaw;
  /** Fresh samples N behind the moments. @default 60000 */
  samples?: number;
  /** sign(0) convention (only matters for encoders with exact zeros, e.g. the identity). @default 'plus' */
  signZero?: SignZeroRule;
}

/** R*(B) for row-major B (n×d) on sparse data of density p. */
export async function sparseEncoderRisk(B: Float64Array, n: number, d: number, p: number, rng: Rng, options: SparseEncoderRiskOptions = {}): Promise<number> {
  const { law = 'gauss', samples = 60000, signZero = 'plus' } = options;
  const m = await empiricalMoments(B, n, d, (out, rr) => sampleSparse(out, p, rr, { law }), rng, { samples, signZero });
  return optimalLinearRisk(m);
}
