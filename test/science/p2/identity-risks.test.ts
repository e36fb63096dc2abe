import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { m1Squared } from '../../../science/p2/data.ts';
import { criticalDensity, lossDitheredIdentity, lossIdentity, lossRotation } from '../../../science/p2/identity-risks.ts';

const test = suite('science/p2/identity-risks');
const near = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) < tol, `${what}: ${a} vs ${b}`);

// P2 spec §5 N6 (analytic).
test('N6: L_rot(1), SR identity and dithered identity', () => {
  near(lossRotation(1), 0.36338, 1e-5, 'L_rot(1)');
  const sr = m1Squared('rademacher');
  near(lossIdentity(1, 0.7, sr), 0.3, 1e-12, 'L_id(1, 0.7)');
  const did: [number, number][] = [[0.5, 0.41282], [0.6, 0.343], [0.7, 0.26488], [0.9, 0.09473]];
  for (const [p, v] of did) near(lossDitheredIdentity(p, sr), v, 1e-5, `L_did(${p})`);
  near(lossIdentity(1, 0.9, sr, 'dither'), 0.09473, 1e-5, 'dither convention');
});

test('N6: critical densities p* (coin flip and dithered)', () => {
  near(criticalDensity(1)!, 0.63662, 1e-5, 'SR exact');
  near(criticalDensity(1, { signZero: 'dither' })!, 0.572378, 1e-5, 'SR dither');
  near(criticalDensity(0.75)!, 0.848826, 1e-5, 'uniform exact');
  near(criticalDensity(0.75, { signZero: 'dither' })!, 0.836612, 1e-5, 'uniform dither');
  assert.is(criticalDensity(m1Squared('gauss')), null);
  assert.is(criticalDensity(m1Squared('gauss'), { signZero: 'dither' }), null);
  assert.is(criticalDensity(m1Squared('laplace')), null);
});

test('BG: L_id(1, p) = 1 − 2p/π; ternary identity ties the rotation', () => {
  const bg = m1Squared('gauss');
  near(lossIdentity(1, 0.3, bg), 1 - 0.6 / Math.PI, 1e-12, 'BG identity');
  near(lossIdentity(0.5, 0.3, bg, 'zero'), lossRotation(0.5), 1e-12, 'ternary tie');
  near(lossDitheredIdentity(0.3, bg), 0.5695, 1e-4, 'BG L_did(0.3)');
});

test('the dithered identity is only defined at r = 1', () => {
  assert.throws(() => lossIdentity(0.5, 0.5, 1, 'dither'), /r = 1 only, got r = 0.5/);
});

test.run();
