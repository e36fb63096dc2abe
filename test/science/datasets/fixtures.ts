/** Generated dataset files for the parser and stage tests (small, deterministic). */
import { gzipSync } from 'node:zlib';

/** An idx ubyte file with the given dims and values (i·7 + 3 mod 256 by default). */
export function idxBytes(dims: number[], values?: ArrayLike<number>): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  const out = new Uint8Array(4 + 4 * dims.length + count);
  out.set([0, 0, 0x08, dims.length]);
  const view = new DataView(out.buffer);
  dims.forEach((n, i) => view.setUint32(4 + 4 * i, n, false));
  for (let i = 0; i < count; i++) out[4 + 4 * dims.length + i] = values ? values[i]! : (i * 7 + 3) % 256;
  return out;
}

export const gz = (b: Uint8Array): Uint8Array => new Uint8Array(gzipSync(b));

/** CIFAR-10 records: label i mod 10, R plane = i, G = 2i, B = 3i (mod 256) plus the pixel index. */
export function cifarBytes(n: number): Uint8Array {
  const out = new Uint8Array(n * 3073);
  for (let i = 0; i < n; i++) {
    out[i * 3073] = i % 10;
    for (let c = 0; c < 3; c++) for (let j = 0; j < 1024; j++) out[i * 3073 + 1 + c * 1024 + j] = ((c + 1) * i + j) % 256;
  }
  return out;
}

/** Correlated, partly sparse 8×8 "images" with byte pixels: for idx-directory stage tests. */
export function syntheticImages(n: number, d: number, seed = 1): Uint8Array {
  let s = seed;
  const u = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out = new Uint8Array(n * d);
  for (let i = 0; i < n; i++) {
    const a = u(), b = u();
    for (let j = 0; j < d; j++) {
      const v = 255 * (a * Math.sin(j / 3) ** 2 + b * (j % 5) / 5 + 0.3 * u()) - 60;
      out[i * d + j] = j % 8 === 0 ? 0 : Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  return out;
}
