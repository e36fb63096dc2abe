import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { effectiveChannel, rGauss } from '../../../science/p2/channel.ts';

const test = suite('science/p2/channel');

// P2 spec §5 N1, analytic, tolerance 1e-5 (the table is rounded to 6 decimals).
test('N1: R_Gauss(r) (= paper 1 LB) at the tabulated rates', () => {
  const table: [number, number][] = [
    [0.1, 0.936338], [0.25, 0.840845], [0.5, 0.68169], [0.75, 0.522535], [1, 0.36338],
    [1.5, 0.275641], [2, 0.222031], [3, 0.159851], [4, 0.124879],
  ];
  for (const [r, v] of table) assert.ok(Math.abs(rGauss(r) - v) < 1e-5, `r=${r}: ${rGauss(r)} vs ${v}`);
});

// N2, analytic, tolerance 1e-5.
test('N2: snr(r), and the linear MMSE 1/(1+snr) equals R_Gauss', () => {
  const table: [number, number][] = [
    [0.1, 0.06799], [0.25, 0.18928], [0.5, 0.466942], [0.75, 0.913747], [1, 1.751938], [1.5, 2.627908], [2, 3.503877],
  ];
  for (const [r, v] of table) {
    const ch = effectiveChannel(r);
    assert.ok(Math.abs(ch.snr - v) < 1e-5, `r=${r}: snr ${ch.snr} vs ${v}`);
    assert.ok(Math.abs(1 / (1 + ch.snr) - rGauss(r)) < 1e-12);
    assert.ok(Math.abs(ch.mu ** 2 / ch.sigma2 - ch.snr) < 1e-12);
  }
});

test('effectiveChannel rejects r ≤ 0', () => {
  assert.throws(() => effectiveChannel(0), /r must be a finite number > 0, got 0/);
});

test.run();
