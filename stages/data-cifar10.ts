/**
 * CIFAR-10 (binary version) for P1 E5 / P2 F6, from `data.cifar10.dir` holding data_batch_1.bin …
 * data_batch_5.bin and test_batch.bin; grayscale (d = 1024) or RGB (d = 3072) by
 * `data.cifar10.color`. Not downloadable here: when the directory is absent the instance succeeds
 * with `meta.json` = { available: false, reason }.
 */
import { existsSync, statSync } from 'node:fs';
import { defineStage } from '../engine/stage.ts';
import { CIFAR10_RECORD_BYTES, concatImageSets, parseCifar10, selectRows, subsampleRows } from '../science/datasets/index.ts';
import { createRng } from '../science/numerics/rng.ts';
import { findIn, prepGrid, readSource, writeDataset, writeUnavailable } from './lib/data-output.ts';

const TRAIN = [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`);

export default defineStage({
  name: 'data-cifar10',
  description: 'CIFAR-10 binary batches from a user-supplied directory (skipped when absent), gray or RGB, per variant.',
  // The user's dataset directory: replacing a file in it reruns this stage and its consumers.
  files: (p) => (p.data.cifar10.dir ? [p.data.cifar10.dir] : []),
  /** data.cifar10.preps: variants (E5: pca, raw; F6: zca, zca-mask); data.maskP: p's of `zca-mask`. */
  grid: (params) => prepGrid(params.data.cifar10.preps, params.data.maskP),
  run(ctx) {
    /** data.cifar10.dir: directory of the binary batches ('' = not available). */
    const dir: string = ctx.params.data.cifar10.dir;
    if (!dir || !existsSync(dir)) {
      writeUnavailable(ctx, 'cifar10', dir ? `data.cifar10.dir = ${dir} does not exist` : 'data.cifar10.dir is not set');
      return;
    }
    /** data.cifar10.color: 'gray' (d = 1024, BT.601 luma) or 'rgb' (d = 3072). */
    const color: 'gray' | 'rgb' = ctx.params.data.cifar10.color;
    const sources: Record<string, string> = {};
    /** data.cifar10.nTrain / nTest: row caps of the official split (0 = all), drawn with data.splitSeed. */
    const caps = { nTrain: ctx.params.data.cifar10.nTrain, nTest: ctx.params.data.cifar10.nTest };
    const rng = createRng(ctx.params.data.splitSeed);
    // Streaming by batch: choose the rows first (record counts from file sizes), then parse one
    // 30 MB batch at a time and keep only its chosen rows, so RGB never holds 50,000 × 3072 doubles.
    const load = (names: string[], cap: number) => {
      const paths = names.map((n) => findIn(dir, [n]));
      const counts = paths.map((p) => Math.floor(statSync(p).size / CIFAR10_RECORD_BYTES));
      const keep = subsampleRows(counts.reduce((a, b) => a + b, 0), cap, rng);
      let offset = 0;
      return concatImageSets(
        paths.map((path, b) => {
          const batch = parseCifar10(readSource(path, 'a CIFAR-10 binary batch of 3073-byte records', sources), path, { color });
          const rows = Array.from(keep.filter((i) => i >= offset && i < offset + counts[b]!), (i) => i - offset);
          offset += counts[b]!;
          return selectRows(batch, rows);
        }),
      );
    };
    const train = load(TRAIN, caps.nTrain);
    const test = load(['test_batch.bin'], caps.nTest);
    ctx.record({ cifarColor: color });
    writeDataset(ctx, 'cifar10', { train, test }, sources);
  },
});
