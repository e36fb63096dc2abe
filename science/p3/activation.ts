/**
 * The four activations of P3 §1.2. Only σ′ enters the mean-field limit (§2.4); σ and its
 * derivatives are also needed by the finite-N SGD (§1.5), on fp32 arrays (see `sgd/array-activation.ts`).
 *
 * - `tanh` (the spec's default),
 * - `erf`: σ(u) = erf(√π·u/2), so σ′(u) = exp(−πu²/4) and σ′(0) = 1,
 * - `linear`: σ(u) = u,
 * - `relu`: σ(u) = max(u, 0).
 */
export type Activation = 'tanh' | 'erf' | 'linear' | 'relu';

export const ACTIVATIONS: readonly Activation[] = ['tanh', 'erf', 'linear', 'relu'];

export function isActivation(x: unknown): x is Activation {
  return typeof x === 'string' && (ACTIVATIONS as readonly string[]).includes(x);
}
