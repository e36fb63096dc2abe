/**
 * Half-gain times (P3 §3.2 R1, R3): the first t at which g_k(t) ≥ ½·target_k, where
 * target_k = 1 (R1: "first t with g_k ≥ ½") or the final gain g_k(∞) (R3). Linear
 * interpolation between ODE steps. NaN if never reached before tEnd.
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
