import { gunzipSync } from 'node:zlib';
import { DatasetFormatError } from './dataset-error.ts';

/** True when the bytes start with the gzip magic 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The bytes, gunzipped if they start with the gzip magic (node's zlib), else unchanged.
 * A corrupt or truncated gzip stream becomes a DatasetFormatError naming `path`.
 */
export function gunzipIfNeeded(bytes: Uint8Array, path: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (e) {
    throw new DatasetFormatError(path, `expected a complete gzip stream, zlib says: ${(e as Error).message}`);
  }
}
