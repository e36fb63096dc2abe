import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runFacts } from '../../report/run-facts.ts';
import type { CollectedFigure } from '../../report/collect.ts';

const test = suite('report/run-facts');
const native = 'native (OpenBLAS 0.3.21, Haswell kernels)';

test('runFacts: the compute backends of all figures, readable, tfjs side computations named apart', () => {
  const fig = (facts: Record<string, string>) => ({ implicit: { facts, seconds: 1 } }) as unknown as CollectedFigure;
  const run = runFacts([fig({ compute: native, tfjsBackend: 'wasm' }), fig({ compute: `${native}\nwasm (tfjs-wasm, 1 threads)` })], 'paper', undefined);
  assert.is(run.tfjsBackend, `${native}; wasm (tfjs-wasm, 1 threads); tfjs wasm (side computations)`);
});

test.run();
