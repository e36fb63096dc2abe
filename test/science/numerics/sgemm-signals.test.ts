/**
 * oneDNN's generated gemm kernels (Debian's 2.6.3) point rsp into the heap, so a signal that
 * lands while one runs corrupts the heap (uxlfoundation/oneDNN#4845); native/sgemm-engine.cc
 * blocks signals around each call. Here a child process runs oneDNN products under Node's
 * sampling profiler (a SIGPROF every 20 µs): before the fix it aborted with "corrupted size vs.
 * prev_size" within a second; now it finishes, and every product has the same bytes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { nativeAddon } from '../../../science/numerics/compute-native.ts';

const test = suite('science/numerics/sgemm-signals');
const loaded = nativeAddon();

const child = (addonPath: string) => `
const a = require(${JSON.stringify(addonPath)});
a.setSgemmEngine('onednn');
a.setGemmThreads(2);
const m = 1024, n = 256, k = 256;
const A = Float32Array.from({ length: m * k }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
const B = Float32Array.from({ length: k * n }, (_, i) => ((i * 104729) % 997) / 997 - 0.5);
const ref = new Float32Array(m * n), C = new Float32Array(m * n), G = new Float32Array(k * k);
a.sgemm(false, false, m, n, k, 1, A, B, 0, ref);
const same = Buffer.from(ref.buffer);
let calls = 0;
for (const t0 = Date.now(); Date.now() - t0 < 1500; calls++) {
  if (calls % 2) a.sgemm(true, false, k, k, m, 1, A, A, 0, G); // AᵀA, the other kernel family
  else a.sgemm(false, false, m, n, k, 1, A, B, 0, C);
  if (calls % 2 === 0 && !Buffer.from(C.buffer).equals(same)) { console.log('bytes differ at call ' + calls); process.exit(2); }
}
console.log('calls ' + calls);
`;

if (!loaded.ok || loaded.addon.sgemmEngine().name !== 'onednn') {
  test('oneDNN not in use: nothing to test here', () => {
    assert.not.ok(process.env.CI, 'CI installs libdnnl2 and builds the addon');
  });
} else {
  test('oneDNN products survive a storm of signals (the profiler), with the same bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'repro-sgemm-signals-'));
    try {
      const addonPath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'native', 'build', 'Release', 'repro_blas.node');
      const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '20', '--cpu-prof-dir', dir, '-e', child(process.env.REPRO_NATIVE_ADDON ?? addonPath)], { encoding: 'utf8', cwd: dir });
      assert.is(r.status, 0, `child exited with ${r.status ?? r.signal}: ${(r.stderr + r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
      assert.match(r.stdout, /^calls \d{3,}/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test.run();
