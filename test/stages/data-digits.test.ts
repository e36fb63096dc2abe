import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { gridOf, runStage } from '../../engine/testing.ts';
import dataDigits from '../../stages/data-digits.ts';
import { dataParams } from './data-fixtures.ts';

const test = suite('stages/data-digits');

test('grid: one instance per prep, zca-mask expanded over data.maskP', () => {
  assert.equal(gridOf(dataDigits, dataParams()), [{ prep: 'raw' }]);
  const p = dataParams({ digits: { preps: ['raw', 'zca-mask'] }, maskP: [0.1, 0.3] });
  assert.equal(gridOf(dataDigits, p), [{ prep: 'raw' }, { prep: 'zca-mask', p: 0.1 }, { prep: 'zca-mask', p: 0.3 }]);
  assert.equal(dataDigits.files, ['data/digits.csv.gz']);
});

test('prep=raw writes R6 data: 1797 × 64 rows, spectrum 9.530, 8.716, 7.549 …, 61 non-zero', async () => {
  const run = await runStage(dataDigits, { params: dataParams(), instance: { prep: 'raw' } });
  const meta = run.json<Record<string, unknown>>('meta.json');
  assert.is(meta.n_train, 1797);
  assert.is(meta.n_test, 0);
  assert.is(meta.d, 64);
  assert.is(meta.nonzero, 61);
  assert.match(String((meta.sources as Record<string, string>)['data/digits.csv.gz']), /^sha256:[0-9a-f]{64}$/);
  assert.is(run.f64('train.f64').length, 1797 * 64);
  assert.is(run.f64('test.f64').length, 0);
  assert.is(run.f64('eigvecs.f64').length, 64 * 64);
  assert.is(run.json<number[]>('labels-train.json').length, 1797);
  const spec = run.f64('spectrum.f64');
  [9.53, 8.716, 7.549].forEach((v, i) => assert.ok(Math.abs(spec[i]! - v) < 5e-4));
  // Only what is read enters the key: R6 does not depend on the ZCA ε or the mask p's.
  const reads = [...run.paramReads.keys()];
  assert.ok(reads.includes('data.digits.testFraction') && !reads.includes('data.zcaEps') && !reads.includes('data.maskP'), reads.join(' '));
});

test.run();
