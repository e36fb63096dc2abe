/**
 * The raw-data arm of P1 E5 (spec §4B E5 corrected, §6 item 7(ii)), instanced over
 * dataset × rate × seed: centred images rescaled to tr Σ̂ = d (`data-<name>[prep=raw]`), encoded
 * with the §2.3 water-filling design on Σ̂'s own spectrum (the optimum of the Gaussian risk with
 * Σ̂, i.e. what S3 converges to) and decoded by least squares; compared with R_wf on that spectrum.
 */
import { defineStage, type InstanceParams } from '../engine/stage.ts';
import { createRng } from '../science/numerics/index.ts';
import { stageCompute } from './lib/compute.ts';
import { lsDecoderRisk, spectrumWaterFillingDesign } from '../science/p1/index.ts';
import { isE5Dataset, readE5Dataset } from './lib/p1-e5-data.ts';

export default defineStage({
  name: 'p1-e5-raw',
  description: 'P1 E5: water-filling design on raw (centred, tr Σ̂ = d) images vs R_wf on their spectrum, at one rate and seed.',
  deps: ['data-mnist', 'data-fashion-mnist'],
  /** p1.e5.datasets × p1.e5.rawRates × p1.e5.seeds. */
  grid: (params) =>
    (params.p1.e5.datasets as string[]).flatMap((dataset) =>
      (params.p1.e5.rawRates as number[]).flatMap((r) =>
        Array.from({ length: params.p1.e5.seeds as number }, (_, seed): InstanceParams => ({ dataset, r, seed })),
      ),
    ),
  async run(ctx) {
    const { dataset, r } = ctx.instance as { dataset: string; r: number };
    if (!isE5Dataset(dataset)) throw new RangeError(`p1-e5-raw: unknown dataset '${dataset}', expected mnist or fashion-mnist`);
    const data = readE5Dataset(ctx, dataset, 'raw');
    if (!data.available) {
      ctx.writeJson('result.json', { dataset, r, available: false, reason: data.reason });
      return;
    }
    const { k: d, Xtr, Xte, spectrum, eigvecs } = data;
    const n = Math.max(1, Math.round(r * d));
    const design = spectrumWaterFillingDesign(spectrum!, eigvecs!, n, createRng(ctx.seed));
    ctx.progress(0.5, 'least-squares decoder');
    const risk = lsDecoderRisk(await stageCompute(ctx), design.B, n, d, Xtr, Xte);
    ctx.writeJson('result.json', { dataset, r, available: true, d, n, kept: design.kept, nTrain: Xtr.length / d, nTest: Xte.length / d, bound: design.bound, train: risk.train, test: risk.test });
    ctx.progress(1);
  },
});
