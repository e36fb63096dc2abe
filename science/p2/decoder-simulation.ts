/**
 * Finite-d simulation of the decoders of P2 F4/F5 (spec §2.5–2.6, N7): Haar
 * (r ≤ 1) or tight-frame (r > 1) B, BG data of density p, z = sign(Bx) with the
 * coin-flip sign(0), then
 *   - the linear decoder x̂ = a·Bᵀz (a = √(2/π), or √(π/2)/(r + c) for r > 1),
 *   - the unrolled VAMP decoder, layer 1 = the shallow denoiser, layers 2…L.
 * Errors are reported both as the ratio Σ‖x̂ − x‖²/Σ‖x‖² (the spec's recommended,
 * low-variance metric) and as the raw per-coordinate MSE.
 */
import { haarFrameRows, type Rng } from '../numerics/index.ts';
import { linearDecoderScale } from './channel.ts';
import { sampleSparse } from './data.ts';
import { matOp } from './mat-op.ts';
import { loadCompute, type Compute } from '../numerics/compute.ts';
import { signEncode } from './sign-encode.ts';
import { vampDecode } from './vamp-decoder.ts';

export interface DecoderSimulationOptions {
  /** Input dimension d. @default 1000 */
  d?: number;
  /** Test samples N. @default 200 */
  samples?: number;
  /** VAMP layers. @default 10 */
  layers?: number;
  /** Where the B products run. @default loadCompute() */
  compute?: Compute;
}

export interface DecoderErrors {
  /** Σ‖x̂ − x‖²/Σ‖x‖². */
  ratio: number;
  /** Σ‖x̂ − x‖²/(N d). */
  mse: number;
}

export interface DecoderSimulation {
  linear: DecoderErrors;
  /** Layer t = 1…L at index t − 1. */
  layers: DecoderErrors[];
  d: number;
  n: number;
  samples: number;
  backend: string;
}

function errors(xhat: Float64Array, x: Float64Array, N: number, d: number): DecoderErrors {
  let e = 0;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    e += (xhat[i]! - x[i]!) ** 2;
    s += x[i]! ** 2;
  }
  return { ratio: e / s, mse: e / (N * d) };
}

/** One seed of the F4/F5 simulation at rate r and density p. */
export async function simulateDecoders(r: number, p: number, rng: Rng, options: DecoderSimulationOptions = {}): Promise<DecoderSimulation> {
  const { d = 1000, samples: N = 200, layers = 10 } = options;
  const n = Math.round(r * d);
  if (n < 1) throw new RangeError(`simulateDecoders: r·d must be ≥ 1, got ${r}·${d}`);
  const B = haarFrameRows(n, d, rng);
  const op = matOp(options.compute ?? (await loadCompute()), B, n, d);
  const x = sampleSparse(new Float64Array(N * d), p, rng, { law: 'gauss' });
  const z = signEncode(op.apply(x, N), { rng });
  const a = linearDecoderScale(n / d);
  const lin = op.applyT(z, N).map((v) => a * v);
  const est = vampDecode(z, N, op, p, { layers });
  return { linear: errors(lin, x, N, d), layers: est.map((e) => errors(e, x, N, d)), d, n, samples: N, backend: op.backend };
}
