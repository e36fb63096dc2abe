/**
 * Build the native addon (see build-native.mjs). Default: native/build/Release/repro_blas.node.
 * `accelerateShim`: the macOS (Accelerate) branch on Linux against native/accelerate-shim/, in a copy
 * of native/ under `outDir`.
 */
export function buildNative(o?: {
  quiet?: boolean;
  accelerateShim?: boolean;
  outDir?: string;
}): { ok: true; path: string } | { ok: false; reason: string };
