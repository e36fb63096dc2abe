import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runFacts } from '../../report/run-facts.ts';
import type { CollectedFigure } from '../../report/collect.ts';

const test = suite('report/run-facts');
const native = 'native (OpenBLAS 0.3.21, Haswell kernels)';

test('runFacts: the compute backends of all figures, each once, inherited lists split', () => {
  const fig = (facts: Record<string, string>) => ({ implicit: { facts, seconds: 1 } }) as unknown as CollectedFigure;
  const run = runFacts([fig({ compute: native, host: 'a' }), fig({ compute: `${native}\nwasm (tfjs-wasm, 1 threads)` }), fig({})], 'paper', undefined);
  assert.is(run.compute, `${native}; wasm (tfjs-wasm, 1 threads)`);
  assert.not.ok('compute' in runFacts([fig({})], 'paper', undefined));
});

test.run();
