/**
 * σ and σ′ of P3 §1.2 on fp32 arrays, for the finite-N SGD (§1.5): `forward` writes S = σ(U),
 * `backward` turns A into σ′(U) ⊙ A (reading U or S). tanh runs on the compute backend (a
 * vectorised kernel natively); σ′ = 1 − S² needs no second transcendental pass.
 * erf(√π u/2) has σ′ = exp(−πu²/4); ReLU σ′ = step(u); linear σ′ = 1.
 */
import erf from '@stdlib/math-base-special-erf';
import type { Compute } from '../../numerics/compute.ts';
import type { Activation } from '../activation.ts';

export interface ArrayActivation {
  forward(U: Float32Array, S: Float32Array): void;
  backward(U: Float32Array, S: Float32Array, A: Float32Array): void;
}

export function arrayActivation(compute: Pick<Compute, 'tanh' | 'tanhGrad'>, act: Activation): ArrayActivation {
  switch (act) {
    case 'tanh':
      return {
        forward: (U, S) => compute.tanh(U, S),
        backward: (_U, S, A) => compute.tanhGrad(S, A),
      };
    case 'erf': {
      const c = Math.sqrt(Math.PI) / 2;
      return {
        forward(U, S) {
          for (let i = 0; i < U.length; i++) S[i] = erf(c * U[i]!);
        },
        backward(U, _S, A) {
          for (let i = 0; i < A.length; i++) A[i]! *= Math.exp((-Math.PI / 4) * U[i]! * U[i]!);
        },
      };
    }
    case 'relu':
      return {
        forward(U, S) {
          for (let i = 0; i < U.length; i++) S[i] = U[i]! > 0 ? U[i]! : 0;
        },
        backward(U, _S, A) {
          for (let i = 0; i < A.length; i++) if (!(U[i]! > 0)) A[i] = 0; // σ′(0) = 0
        },
      };
    case 'linear':
      return {
        forward: (U, S) => S.set(U),
        backward() {},
      };
  }
}
