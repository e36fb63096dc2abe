/**
 * Half-gain times (P3 §3.2 R1, R3; §4.1 D2, D4, D5): the time at which g_k(t) first crosses ½·target_k, where
 * target_k = 1 (R1: "first t with g_k ≥ ½") or the final gain g_k(∞) (R3). Linear
 * interpolation between the two RK4 steps that bracket the crossing (not the first point of an
 * output grid: that is what made the earlier spec values 0.79 / 5.76 / 29.31). NaN if never reached before tEnd.
 */
import type { Activation } from './activation.ts';
import { reducedObservables } from './observables.ts';
import { integrateReducedOde, type ReducedOdeOptions } from './reduced-ode.ts';
import { phi1Fn } from './phi1-fn.ts';
import type { Spectrum } from './spectrum.ts';

export interface HalfGainOptions extends Omit<ReducedOdeOptions, 'onStep'> {
  /** Targets g_k(∞) (half of each is the level). @default all 1 */
  targets?: ArrayLike<number>;
}

export function halfGainTimes(s: Spectrum, act: Activation, tEnd: number, options: HalfGainOptions = {}): Float64Array {
  const { targets, ...ode } = options;
  const K = s.levels.length;
  const phi = phi1Fn(act);
  const out = new Float64Array(K).fill(NaN);
  let prevT = 0;
  let prevG = reducedObservables(new Float64Array(K).fill(typeof ode.c0 === 'number' ? ode.c0 : 1e-4), s, phi).g;
  integrateReducedOde(s, phi, [tEnd], {
    ...ode,
    onStep: (t, c) => {
      const g = reducedObservables(c, s, phi).g;
      for (let k = 0; k < K; k++) {
        const level = 0.5 * (targets?.[k] ?? 1);
        if (Number.isNaN(out[k]!) && g[k]! >= level) out[k] = prevT + ((level - prevG[k]!) / (g[k]! - prevG[k]!)) * (t - prevT);
      }
      prevT = t;
      prevG = g;
    },
  });
  return out;
}

/**
 * First time a sampled series y(t) reaches `level` from below, linearly interpolated between the
 * bracketing samples (t increasing). NaN if it never does; t[0] if it starts at or above.
 */
export function crossingTime(t: ArrayLike<number>, y: ArrayLike<number>, level: number): number {
  if (y[0]! >= level) return t[0]!;
  for (let i = 1; i < t.length; i++) {
    if (y[i]! >= level) return t[i - 1]! + ((level - y[i - 1]!) / (y[i]! - y[i - 1]!)) * (t[i]! - t[i - 1]!);
  }
  return NaN;
}
