/**
 * Fashion-MNIST (d = 784, idx files) for P1 E5's sanity check, from `data.fashionMnist.dir`
 * (Debian's dataset-fashion-mnist package ships it in /usr/share/datasets/fashion-mnist). When the directory is absent the instance
 * succeeds with `meta.json` = { available: false, reason } and consumers skip their panel.
 */
import { existsSync } from 'node:fs';
import { defineStage } from '../engine/stage.ts';
import { capRows, prepGrid, writeDataset, writeUnavailable } from './lib/data-output.ts';
import { loadIdxDir } from './lib/load-idx-dir.ts';

/** Where Debian's dataset-fashion-mnist installs the four idx files (`dpkg -L dataset-fashion-mnist`). */
export const INSTALL_DIR = '/usr/share/datasets/fashion-mnist';

export default defineStage({
  name: 'data-fashion-mnist',
  description: 'Fashion-MNIST from a user-supplied idx directory (skipped when absent), preprocessed per variant.',
  // The user's dataset directory: replacing a file in it reruns this stage and its consumers.
  files: (p) => (p.data.fashionMnist.dir ? [p.data.fashionMnist.dir] : []),
  /** data.fashionMnist.preps: variants (E5: pca, raw); data.maskP: p's of `zca-mask`. */
  grid: (params) => prepGrid(params.data.fashionMnist.preps, params.data.maskP),
  run(ctx) {
    /** data.fashionMnist.dir: directory holding train-/t10k- idx files ('' = not available). */
    const dir: string = ctx.params.data.fashionMnist.dir;
    if (!dir || !existsSync(dir)) {
      const why = dir ? `data.fashionMnist.dir = ${dir} does not exist` : 'data.fashionMnist.dir is not set';
      writeUnavailable(ctx, 'fashion-mnist', `${why}: install Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist), which puts the idx files in ${INSTALL_DIR}`);
      return;
    }
    const sources: Record<string, string> = {};
    const idx = loadIdxDir(dir, sources);
    /** data.fashionMnist.nTrain / nTest: row caps of the official split (0 = all). */
    const caps = { nTrain: ctx.params.data.fashionMnist.nTrain, nTest: ctx.params.data.fashionMnist.nTest };
    writeDataset(ctx, 'fashion-mnist', capRows(ctx, idx.train, idx.test, caps), sources);
  },
});
