/**
 * P3 SGD throughput (issue 7): the tfjs SGD inner loop at d = 100, N = 2000, B = 256 (tanh)
 * against the tfjs matmul throughput of the same backend, measured interleaved so that
 * machine load affects both alike. SGD flops per step: 10·B·N·d (five B×N×d products).
 * Prints medians over ≥ 5 repetitions and the ratio (target ≥ 0.5).
 *
 *   npm run bench p3 [-- reps]
 */
import { initTf } from '../science/numerics/tf.ts';
import { createRng } from '../science/numerics/rng.ts';
import { blockOfCoordinate, canonicalSpectrum } from '../science/p3/spectrum.ts';
import { onlineSgd, sampleRows, type DataSource } from '../science/p3/sgd/index.ts';

const reps = Number(process.argv[2] ?? 7);
const { tf, backend } = await initTf();
const d = 100;
const N = 2000;
const B = 256;
const stepsPerRun = 40;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** GFLOP/s of an (m×k)(k×n) matMul, best of a short loop. */
function matmulGflops(m: number, k: number, n: number, loops: number): number {
  const a = tf.randomNormal([m, k]) as import('@tensorflow/tfjs-core').Tensor2D;
  const b = tf.randomNormal([k, n]) as import('@tensorflow/tfjs-core').Tensor2D;
  tf.matMul(a, b).dispose();
  const t0 = performance.now();
  for (let i = 0; i < loops; i++) {
    const c = tf.matMul(a, b);
    c.dataSync();
    c.dispose();
  }
  const sec = (performance.now() - t0) / 1000;
  tf.dispose([a, b]);
  return (2 * m * k * n * loops) / sec / 1e9;
}

const s = canonicalSpectrum();
const groups = blockOfCoordinate(s, d);
const src: DataSource = { kind: 'gaussian', std: Float64Array.from(groups, (k) => Math.sqrt(s.levels[k]! / d)) };
const test = sampleRows(src, createRng(7), new Float32Array(256 * d));

function sgdGflops(seed: number): number {
  const r = onlineSgd(tf, src, createRng(seed), { N, batch: B, eps: 1e-3, steps: stepsPerRun, recordEvery: stepsPerRun + 1, test, groups });
  return (10 * B * N * d * stepsPerRun) / r.stepSeconds / 1e9;
}

sgdGflops(0); // warm-up (kernels, wasm memory growth)
const square: number[] = [];
const shaped: number[] = [];
const sgd: number[] = [];
for (let r = 0; r < reps; r++) {
  square.push(matmulGflops(1024, 1024, 1024, 5));
  shaped.push(matmulGflops(B, d, N, 20));
  sgd.push(sgdGflops(r + 1));
}
const base = Math.max(median(square), median(shaped));
console.log(`backend ${backend}, d=${d} N=${N} B=${B} tanh, ${reps} repetitions (median)`);
console.log(`matmul 1024³            ${median(square).toFixed(1)} GFLOP/s   [${square.map((x) => x.toFixed(1)).join(', ')}]`);
console.log(`matmul ${B}×${d}·${d}×${N}     ${median(shaped).toFixed(1)} GFLOP/s   [${shaped.map((x) => x.toFixed(1)).join(', ')}]`);
console.log(`SGD effective           ${median(sgd).toFixed(1)} GFLOP/s   [${sgd.map((x) => x.toFixed(1)).join(', ')}]  (${((10 * B * N * d) / median(sgd) / 1e6).toFixed(2)} ms/step)`);
console.log(`ratio SGD / matmul baseline (max of the two medians) = ${(median(sgd) / base).toFixed(3)}  (target ≥ 0.5)`);
