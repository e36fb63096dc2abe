/**
 * The F4 decoders on real data (P2 spec §4 F6, "masked images"): a Haar encoder
 * (the rotation GD finds for BG-like data, F1), z = sign(Bx), and
 *   - the optimal linear decoder A* = C_xz C_zz⁻¹ fitted on the training rows,
 *   - the unrolled VAMP decoder with the BG prior of the known mask density p
 *     (layer 1 = shallow denoiser), evaluated on test rows.
 * Errors are ratios Σ‖x̂ − x‖²/Σ‖x‖² over the test rows (whitened data: ≈ unit
 * second moment per coordinate, so comparable with the BG predictions of F4).
 */
import { haarFrameRows, type Rng } from '../numerics/index.ts';
import { empiricalMoments } from './empirical-moments.ts';
import { tfMatOp } from './mat-op.ts';
import { optimalLinearDecoder } from './optimal-linear-decoder.ts';
import { signEncode } from './sign-encode.ts';
import { vampDecode } from './vamp-decoder.ts';

export interface RealDataDecodersOptions {
  /** VAMP layers. @default 5 */
  layers?: number;
}

export interface RealDataDecoders {
  /** Fitted optimal linear decoder, test ratio. */
  linear: number;
  /** VAMP layer t = 1…L, test ratio. */
  layers: number[];
  n: number;
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

/** Rows are row-major (rows × d). `p` is the BG density assumed by the denoisers. */
export async function realDataDecoders(
  train: Float64Array,
  test: Float64Array,
  d: number,
  r: number,
  p: number,
  rng: Rng,
  options: RealDataDecodersOptions = {},
): Promise<RealDataDecoders> {
  const { layers = 5 } = options;
  const n = Math.round(r * d);
  const nTrain = train.length / d;
  const nTest = test.length / d;
  const B = haarFrameRows(n, d, rng);
  // Moments on the training rows, taken in order (a sampler that walks the rows).
  let cursor = 0;
  const rows = (out: Float64Array) => {
    for (let k = 0; k < out.length; k++) out[k] = train[(cursor * d + k) % train.length]!;
    cursor = (cursor + out.length / d) % nTrain;
    return out;
  };
  const A = optimalLinearDecoder(await empiricalMoments(B, n, d, rows, rng, { samples: nTrain, chunk: Math.min(nTrain, 2000) }));
  const op = await tfMatOp(B, n, d);
  try {
    const z = signEncode(op.apply(test, nTest), { rng });
    const lin = new Float64Array(nTest * d);
    for (let c = 0; c < nTest; c++) {
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += A[i * n + k]! * z[c * n + k]!;
        lin[c * d + i] = s;
      }
    }
    const est = vampDecode(z, nTest, op, p, { layers });
    return { linear: ratio(lin, test), layers: est.map((e) => ratio(e, test)), n };
  } finally {
    op.dispose();
  }
}
