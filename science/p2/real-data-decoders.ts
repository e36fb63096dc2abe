/**
 * The F4 decoders behind a given encoder on real data (P2 spec §4 F6, "masked images"):
 * z = sign(Bx) with B the G2-trained encoder (F6 tests whether GD finds a rotation on real
 * sparse data), and
 *   - the optimal linear decoder A* = C_xz C_zz⁻¹, its moments taken on `fitSamples` rows drawn
 *     by the training sampler (spec §3 "Evaluation", 60k–100k samples),
 *   - the unrolled VAMP decoder with the BG prior of density p (layer 1 = shallow denoiser),
 *     with the general LMMSE node for the SVD B = U S V (a trained B is orthonormal only
 *     approximately),
 * both scored on the test rows as ratios Σ‖x̂ − x‖²/Σ‖x‖² (whitened data: unit second moment per
 * coordinate, so comparable with the BG predictions of F4).
 */
import { symEigFlat, type Rng } from '../numerics/index.ts';
import { empiricalMoments, type Sampler } from './empirical-moments.ts';
import { matOp } from './mat-op.ts';
import { loadCompute, type Compute } from '../numerics/compute.ts';
import { optimalLinearDecoder } from './optimal-linear-decoder.ts';
import { signEncode } from './sign-encode.ts';
import { vampDecode } from './vamp-decoder.ts';

export interface RealDataDecodersOptions {
  /** VAMP layers. @default 5 */
  layers?: number;
  /** Training rows behind the linear decoder's moments. @default 60000 */
  fitSamples?: number;
  /** Where the B products run. @default loadCompute() */
  compute?: Compute;
}

export interface RealDataDecoders {
  /** Fitted optimal linear decoder, test ratio. */
  linear: number;
  /** VAMP layer t = 1…L, test ratio. */
  layers: number[];
}

const ratio = (xhat: Float64Array, x: Float64Array) => {
  let e = 0;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    e += (xhat[i]! - x[i]!) ** 2;
    s += x[i]! ** 2;
  }
  return e / s;
};

/** B = U S V for row-major B (n×d, n ≤ d, full row rank): V (n×d, orthonormal rows) and S². */
export function rowSvd(B: Float64Array, n: number, d: number): { V: Float64Array; s2: Float64Array } {
  const G = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = i; k < n; k++) {
      let acc = 0;
      for (let j = 0; j < d; j++) acc += B[i * d + j]! * B[k * d + j]!;
      G[i * n + k] = acc;
      G[k * n + i] = acc;
    }
  }
  const { values, vectors } = symEigFlat(G, n); // BBᵀ = U Λ Uᵀ, columns of U
  if (!(values[n - 1]! > 1e-12 * values[0]!)) throw new RangeError(`rowSvd: B is rank-deficient (λ_min = ${values[n - 1]})`);
  const V = new Float64Array(n * d); // V = Λ^{-1/2} Uᵀ B
  for (let k = 0; k < n; k++) {
    const s = 1 / Math.sqrt(values[k]!);
    for (let i = 0; i < n; i++) {
      const u = vectors[i * n + k]! * s;
      if (u !== 0) for (let j = 0; j < d; j++) V[k * d + j]! += u * B[i * d + j]!;
    }
  }
  return { V, s2: Float64Array.from(values) };
}

/** Test rows are row-major (rows × d); `fit` draws training rows. `p` is the BG density of the denoisers. */
export async function realDataDecoders(
  B: Float64Array,
  n: number,
  d: number,
  fit: Sampler,
  test: Float64Array,
  p: number,
  rng: Rng,
  options: RealDataDecodersOptions = {},
): Promise<RealDataDecoders> {
  const { layers = 5, fitSamples = 60000 } = options;
  if (n > d) throw new RangeError(`realDataDecoders: needs r = n/d ≤ 1, got n = ${n}, d = ${d}`);
  const nTest = test.length / d;
  const A = optimalLinearDecoder(await empiricalMoments(B, n, d, fit, rng, { samples: fitSamples, chunk: 5000, signZero: 'plus' }));
  const { V, s2 } = rowSvd(B, n, d);
  const compute = options.compute ?? (await loadCompute());
  const op = matOp(compute, B, n, d);
  const rowSpace = matOp(compute, V, n, d);
  const z = signEncode(op.apply(test, nTest), { signZero: 'plus' });
  const lin = new Float64Array(nTest * d);
  for (let c = 0; c < nTest; c++) {
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += A[i * n + k]! * z[c * n + k]!;
      lin[c * d + i] = s;
    }
  }
  const est = vampDecode(z, nTest, op, p, { layers, svd: { rowSpace, s2 } });
  return { linear: ratio(lin, test), layers: est.map((e) => ratio(e, test)) };
}
