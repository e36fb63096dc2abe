import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { rGauss } from '../../../science/p2/channel.ts';
import { seFixedPoint, stateEvolution } from '../../../science/p2/state-evolution.ts';

const test = suite('science/p2/state-evolution');
const TOL = 2e-4; // P2 spec §5 N4/N5

// N4 at 6 decimals: linear / L1 / L2 / L3 / L5 / L∞.
const N4: Record<string, Record<string, number[]>> = {
  '0.05': {
    '0.25': [0.840845, 0.53045, 0.432476, 0.400098, 0.383444, 0.380412],
    '1': [0.36338, 0.062678, 0.030259, 0.021342, 0.016319, 0.014764],
    '2': [0.222031, 0.0285, 0.009099, 0.005048, 0.003113, 0.002551],
    '0.1': [0.936338, 0.849965, 0.835857, 0.833914, 0.833603, 0.833596],
  },
  '0.1': {
    '0.5': [0.68169, 0.402131, 0.312906, 0.286691, 0.274518, 0.272649],
    '1.5': [0.275641, 0.07624, 0.0414, 0.031461, 0.02588, 0.024309],
  },
  '0.3': {
    '0.75': [0.522535, 0.42059, 0.388803, 0.384202, 0.383376, 0.383355],
    '2': [0.222031, 0.136344, 0.100891, 0.091307, 0.087006, 0.086366],
  },
  '0.5': { '1': [0.36338, 0.321514, 0.319079, 0.319014, 0.319012, 0.319012] },
  '0.9': { '1.5': [0.275641, 0.274435, 0.265311, 0.264669, 0.264619, 0.264619] },
};

test('N4: linear, L1, L2, L3, L5 and the fixed point L∞', () => {
  for (const [p, row] of Object.entries(N4)) {
    for (const [r, cell] of Object.entries(row)) {
      const se = stateEvolution(+r, +p, { layers: 5 });
      const got = [rGauss(+r), se[0]!, se[1]!, se[2]!, se[4]!, seFixedPoint(+r, +p)];
      got.forEach((v, k) => assert.ok(Math.abs(v - cell[k]!) < TOL, `p=${p} r=${r} col ${k}: ${v} vs ${cell[k]}`));
    }
  }
});

test('N5: SE per layer t = 1…8', () => {
  const rows: [number, number, number[]][] = [
    [0.5, 0.1, [0.4021, 0.3129, 0.2867, 0.2777, 0.2745, 0.2733, 0.2729, 0.2727]],
    [0.25, 0.1, [0.6968, 0.6589, 0.6511, 0.6494, 0.649, 0.6489, 0.6489, 0.6489]],
    [1, 0.2, [0.1998, 0.1729, 0.167, 0.1656, 0.1652, 0.1651, 0.1651, 0.1651]],
    [2, 0.3, [0.1363, 0.1009, 0.0913, 0.0881, 0.087, 0.0866, 0.0865, 0.0864]],
  ];
  for (const [r, p, vals] of rows) {
    const se = stateEvolution(r, p, { layers: 8 });
    vals.forEach((v, t) => assert.ok(Math.abs(se[t]! - v) < TOL, `(${r},${p}) t=${t + 1}: ${se[t]} vs ${v}`));
  }
});

test('N5: later layers at p = 0.05 (the small-τ V_u regime)', () => {
  const se = stateEvolution(2, 0.05, { layers: 20 });
  const want: [number, number][] = [[1, 0.0285], [2, 0.0091], [3, 0.00505], [5, 0.00311], [10, 0.00257], [20, 0.00255]];
  for (const [t, v] of want) assert.ok(Math.abs(se[t - 1]! - v) < TOL, `t=${t}: ${se[t - 1]} vs ${v}`);
  assert.ok(Math.abs(seFixedPoint(2, 0.05) - 0.00255) < 1e-4);
});

test('p = 1, r ≤ 1: depth gives no gain (linear decoder is Bayes-optimal)', () => {
  const se = stateEvolution(0.5, 1, { layers: 4 });
  for (const v of se) assert.ok(Math.abs(v - rGauss(0.5)) < 1e-9, `${v}`);
});

test.run();
