/** The per-seed result of `p2-vamp-sim` (sim.json), read by F4 and F5. Bands: `checks-p2.ts` (N7 rows). */
export interface SimResult {
  linear: { ratio: number; mse: number };
  layers: { ratio: number; mse: number }[];
  d: number;
  samples: number;
}
