/**
 * Simulation bands of P2 spec §5 N7 for finite-d decoders against state evolution
 * (ratio metric, d ≥ 1000, ≥ 3 seeds): ±0.01 for p ≥ 0.3; at smaller p the finite-d
 * bias is positive and ∝ 1/d, so the band is one-sided: +0.015/−0.005 for
 * 0.1 ≤ p < 0.3 (5-layer VAMP at d = 1000), +0.02/−0.005 below 0.1.
 */
export function simBand(p: number): { above: number; below: number } {
  if (p >= 0.3) return { above: 0.01, below: 0.01 };
  if (p >= 0.1) return { above: 0.015, below: 0.005 };
  return { above: 0.02, below: 0.005 };
}

/** The per-seed result of `p2-vamp-sim` (sim.json). */
export interface SimResult {
  linear: { ratio: number; mse: number };
  layers: { ratio: number; mse: number }[];
  d: number;
  samples: number;
}
