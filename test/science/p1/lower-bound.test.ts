import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { KAPPA, lowerBound, shannonDistortion, tiedDecoderScale } from '../../../science/p1/index.ts';

const test = suite('science/p1/lower-bound');

const close = (a: number, b: number, tol: number) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b} (tol ${tol})`);

test('κ = π/2 − 1 (spec §5 constants)', () => close(KAPPA, 0.5707963268, 1e-10));

test('LB for r ≤ 1 (spec §5 rows 1–4, tol 1e-9)', () => {
  close(lowerBound(0.5), 0.6816901138, 1e-9);
  close(lowerBound(0.25), 0.8408450569, 1e-9);
  close(lowerBound(1), 0.3633802276, 1e-9);
  close(lowerBound(0.1), 0.9363380228, 1e-9);
});

test('LB for r > 1 (spec §5 rows 5–7, tol 1e-6)', () => {
  close(lowerBound(1.5), 0.275641, 1e-6);
  close(lowerBound(2), 0.2220309, 1e-6);
  close(lowerBound(4), 0.124879, 1e-6);
});

test('both branches meet at r = 1 (spec §5 row 8)', () => {
  close(1 - 2 / Math.PI, 0.3633802276, 1e-9);
  close(KAPPA / (1 + KAPPA), 0.3633802276, 1e-9);
  close(lowerBound(1 + 1e-12), lowerBound(1), 1e-11);
});

test('tied decoder scale (spec §5 row 18)', () => {
  close(tiedDecoderScale(0.5), 0.797885, 1e-6);
  close(tiedDecoderScale(2), 0.48752, 1e-6);
  close(tiedDecoderScale(4), 0.2742, 1e-6);
});

test('Shannon D(1) = 1/4, strictly below LB', () => {
  close(shannonDistortion(1), 0.25, 1e-15);
  assert.ok(shannonDistortion(2) < lowerBound(2));
});

test('rejects invalid rates', () => {
  assert.throws(() => lowerBound(-1), /r must be/);
  assert.throws(() => lowerBound(Number.NaN), /r must be/);
});

test.run();
