import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng } from '../../../science/numerics/index.ts';
import { rGauss } from '../../../science/p2/channel.ts';
import { simulateDecoders } from '../../../science/p2/decoder-simulation.ts';
import { stateEvolution } from '../../../science/p2/state-evolution.ts';

const test = suite('science/p2/decoder-simulation');

// P2 spec §5 N7 at reduced size: d = 500, 400 samples (2e5 coordinates), one seed, ratio
// metric. The spec's ±0.01 band (p ≥ 0.3) holds there: the finite-d bias at p = 0.3 is
// ~1e-3 and the ratio metric's noise at 2e5 coordinates ~2e-3.
test('N7 (reduced): linear, shallow denoiser and 5-layer VAMP at r = 0.5, p = 0.3', async () => {
  const sim = await simulateDecoders(0.5, 0.3, createRng(11), { d: 500, samples: 400, layers: 5 });
  const se = stateEvolution(0.5, 0.3, { layers: 5 });
  assert.ok(Math.abs(sim.linear.ratio - rGauss(0.5)) < 0.01, `linear ${sim.linear.ratio}`);
  assert.ok(Math.abs(sim.layers[0]!.ratio - se[0]!) < 0.01, `L1 ${sim.layers[0]!.ratio} vs ${se[0]}`);
  assert.ok(Math.abs(sim.layers[4]!.ratio - se[4]!) < 0.01, `L5 ${sim.layers[4]!.ratio} vs ${se[4]}`);
});

test('N7 (reduced): tight frame r = 2, p = 0.3, layers 1 and 5', async () => {
  const sim = await simulateDecoders(2, 0.3, createRng(12), { d: 300, samples: 600, layers: 5 });
  const se = stateEvolution(2, 0.3, { layers: 5 });
  assert.ok(Math.abs(sim.linear.ratio - rGauss(2)) < 0.01, `linear ${sim.linear.ratio}`);
  assert.ok(Math.abs(sim.layers[0]!.ratio - se[0]!) < 0.01, `L1 ${sim.layers[0]!.ratio} vs ${se[0]}`);
  assert.ok(Math.abs(sim.layers[4]!.ratio - se[4]!) < 0.01, `L5 ${sim.layers[4]!.ratio} vs ${se[4]}`);
});

test('N7: Gaussian data (p = 1), orthonormal B: the linear decoder is exact at any d (±0.005)', async () => {
  const sim = await simulateDecoders(0.75, 1, createRng(13), { d: 200, samples: 1000, layers: 1 });
  assert.ok(Math.abs(sim.linear.mse - rGauss(0.75)) < 0.005, `${sim.linear.mse}`);
});

test.run();
