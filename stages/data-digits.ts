/**
 * The 8×8 UCI optical digits (1797 images, d = 64), shipped as data/digits.csv.gz: P3 Figure R6's
 * real dataset. `data-digits[prep=raw]` is R6's preprocessing (centre, tr Σ̂ = d with Σ̂ = XᵀX/n;
 * the consumer feeds x = z/√d); its spectrum starts 9.530, 8.716, 7.549 with 61 non-zero.
 */
import { defineStage } from '../engine/stage.ts';
import { parseDigitsCsv } from '../science/datasets/index.ts';
import { prepGrid, readSource, splitRows, writeDataset } from './lib/data-output.ts';

const CSV = 'data/digits.csv.gz';

export default defineStage({
  name: 'data-digits',
  description: '8×8 digits (1797 × 64), preprocessed per variant: train/test rows, covariance spectrum and eigenvectors.',
  files: [CSV],
  /** data.digits.preps: the variants to build (R6 reads `raw`); data.maskP: p's of `zca-mask`. */
  grid: (params) => prepGrid(params.data.digits.preps, params.data.maskP),
  run(ctx) {
    const sources: Record<string, string> = {};
    const all = parseDigitsCsv(readSource(CSV, 'the gzipped digits CSV (1797 rows of 64 pixels + label)', sources), CSV);
    /** data.digits.testFraction: share of the 1797 rows held out (R6: 0, all rows train). */
    const split = splitRows(ctx, all, ctx.params.data.digits.testFraction, { nTrain: 0, nTest: 0 });
    writeDataset(ctx, 'digits', split, sources);
  },
});
