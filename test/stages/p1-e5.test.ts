import { existsSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { gridOf, runStage, type StageRun } from '../../engine/testing.ts';
import type { FigureData } from '../../report/figure-data.ts';
import dataFashion, { INSTALL_DIR } from '../../stages/data-fashion-mnist.ts';
import dataMnist from '../../stages/data-mnist.ts';
import p1E5 from '../../stages/p1-e5.ts';
import p1E5Raw from '../../stages/p1-e5-raw.ts';
import p1E5S3 from '../../stages/p1-e5-s3.ts';
import p1E5Train from '../../stages/p1-e5-train.ts';
import { dataParams, idxDir } from './data-fixtures.ts';

const test = suite('stages/p1-e5');

/** MNIST from a small idx dir (8×8 images), Fashion-MNIST not installed; tiny S1 / S3 schedules. */
const params = {
  ...dataParams({ mnist: { dir: idxDir(120, 40), nTrain: 0, nTest: 0 }, fashionMnist: { dir: '/nonexistent-fashion' } }),
  p1: {
    e5: {
      datasets: ['mnist', 'fashion-mnist'], pcs: 8, rates: [0.5], rawRates: [0.25], seeds: 2, steps: 40, batch: 32, lr: 0.01,
      tauDecay: 0.95, tauMin: 0.05, maxTrain: 100, maxTest: 30, s3Seeds: 1, s3Iterations: 20, s3Eta: 0.1,
    },
  },
};

async function all(stage: Parameters<typeof runStage>[0], inputs: Record<string, StageRun[]>): Promise<StageRun[]> {
  const out: StageRun[] = [];
  for (const instance of gridOf(stage, params)) out.push(await runStage(stage, { params, instance, inputs, seed: 7 + out.length }));
  return out;
}

test('E5: data arm vs same-size Gaussian control, S3, raw arm; an absent dataset is named and its checks are not run', async () => {
  const data = { 'data-mnist': await all(dataMnist, {}), 'data-fashion-mnist': await all(dataFashion, {}) };
  const s1 = await all(p1E5Train, data);
  assert.equal(s1.map((u) => u.instance.arm), ['mnist', 'mnist', 'fashion-mnist', 'fashion-mnist', 'gauss', 'gauss']);
  const res = s1.map((u) => u.json<{ available: boolean; nTrain?: number; nTest?: number; k?: number; train?: number }>('result.json'));
  // The control has the data arm's k, N_train and N_test.
  for (const i of [0, 4]) assert.equal([res[i]!.k, res[i]!.nTrain, res[i]!.nTest], [8, 100, 30]);
  assert.is(res[2]!.available, false);
  const inputs = { 'p1-e5-train': s1, 'p1-e5-s3': await all(p1E5S3, data), 'p1-e5-raw': await all(p1E5Raw, data) };
  const fig = (await runStage(p1E5, { params, inputs })).json<FigureData>('figure.json');
  const byId = (id: string, label: string) => fig.checks.find((c) => c.id === id && c.name.endsWith(label))!;
  const ctrl = byId('p1.e5.control-test', 'mnist, r=0.5');
  assert.is(ctrl.status, 'not-evaluated');
  assert.match(ctrl.reason!, 'needs k ≥ 200, nTrain ≥ 8000, steps ≥ 3000');
  assert.ok(Number.isFinite(ctrl.measured) && Number.isFinite(ctrl.target as number));
  for (const id of ['p1.e5.control-train', 'p1.e5.control-test', 'p1.e5.test-above-lb', 'p1.e5.s3-train']) {
    const c = byId(id, 'fashion-mnist, r=0.5');
    assert.is(c.status, 'not-run', id);
    assert.match(c.reason!, 'apt-get install dataset-fashion-mnist');
  }
  assert.ok(fig.notes!.some((n) => n.startsWith('fashion-mnist is not installed') || n.startsWith('Fashion-MNIST is not installed')));
  assert.ok(byId('p1.e5.test-above-lb', 'Gaussian control, r=0.5'));
  for (const series of ['mnist S1, test', 'Gaussian control S1, train', 'mnist S3, train', 'mnist water-filling design, test']) {
    const row = fig.rows.find((r) => r.series === series);
    assert.ok(row && row.kind === 'experiment' && Number.isFinite(row.y), series);
  }
  const wf = fig.rows.find((r) => r.series === 'R_wf on mnist Σ̂')!;
  assert.ok(wf.y > 0 && wf.y < 1);
});

test('Fashion-MNIST: the default data.fashionMnist.dir is where Debian installs it, and it loads (when installed)', async () => {
  assert.is((dataParams().data as { fashionMnist: { dir: string } }).fashionMnist.dir, INSTALL_DIR);
  if (!existsSync(INSTALL_DIR)) return; // CI installs dataset-fashion-mnist (.ci/run); elsewhere this part is skipped
  const run = await runStage(dataFashion, { params: dataParams({ fashionMnist: { nTrain: 50, nTest: 10 } }), instance: { prep: 'raw' } });
  const meta = run.json<{ n_train: number; n_test: number; d_in: number; trace: number }>('meta.json');
  assert.equal([meta.n_train, meta.n_test, meta.d_in], [50, 10, 784]);
  assert.ok(Math.abs(meta.trace - 784) < 1e-6);
});

test.run();
