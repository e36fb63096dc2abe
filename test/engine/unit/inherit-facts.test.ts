import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { inheritFacts } from '../../../engine/executor.ts';

const test = suite('engine/unit/inherit-facts');
const native = 'native (OpenBLAS 0.3.21, Haswell kernels)';

test('inheritFacts: distinct values listed one per line, a value with commas kept whole at every level, host dropped', () => {
  const figA = inheritFacts([{ compute: native, host: 'a' }, { compute: native, tfjsBackend: 'wasm' }]);
  assert.equal(figA, { compute: native, tfjsBackend: 'wasm' });
  const figB = inheritFacts([{ compute: 'wasm (tfjs-wasm, 1 threads)' }, { compute: native }]);
  assert.is(figB.compute, `${native}\nwasm (tfjs-wasm, 1 threads)`);
  // a second level (the report inherits from figures): no value is split or repeated
  assert.is(inheritFacts([figA, figB]).compute, `${native}\nwasm (tfjs-wasm, 1 threads)`);
  assert.is(inheritFacts([{ n: 3 }, { n: true }]).n, '3\ntrue');
});

test.run();
