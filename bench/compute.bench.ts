/**
 * Compute backends (issue 15): one training step of each hot loop — P1 projected GD (n = 400,
 * d = 100), P2 G2 (d = 64, batch 1024), P3 online SGD (d = 100, N = 2000, B = 256 and d = 200,
 * N = 4000) — on the native path, the wasm path and numpy (same math, float32), in one process
 * sitting, plus the addon's sgemm peak at 1024³. The products' GFLOP/s is measured inside the
 * step (CPU time spent in sgemm) and compared with the peak (CPU time of a 1024³ sgemm).
 *
 * The columns are interleaved: each repetition runs every column once, back to back (numpy in a
 * peer process that waits for its turn), and a ratio is the median of the per-repetition
 * ratios. These machines are shared, and a slow spell then hits both sides of a ratio.
 *
 *   npm run bench compute [-- reps [threads]]     (threads: BLAS threads, numpy's too; default all cores)
 */
import { availableParallelism } from 'node:os';
import { nativeAddon } from '../science/numerics/compute-native.ts';
import { loadCompute, setComputeThreads, type Backend, type Compute } from '../science/numerics/compute.ts';
import { createRng } from '../science/numerics/rng.ts';
import { projectedGd } from '../science/p1/projected-gd.ts';
import { trainG2 } from '../science/p2/train-g2.ts';
import { onlineSgd, type DataSource } from '../science/p3/sgd/index.ts';
import { NumpyPeer } from './numpy-peer.ts';

const reps = Math.max(5, Number(process.argv[2] ?? 5));
const threads = Number(process.argv[3] ?? availableParallelism());
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
setComputeThreads(threads);

/** CPU seconds of this process so far (user + system). */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** A compute whose sgemm counts flops and CPU seconds. */
function timed(c: Compute): Compute & { flops: number; seconds: number; reset(): void } {
  const t = Object.assign(Object.create(c) as Compute, {
    flops: 0,
    seconds: 0,
    reset() {
      t.flops = 0;
      t.seconds = 0;
    },
    sgemm(...args: Parameters<Compute['sgemm']>) {
      const t0 = cpuNow();
      c.sgemm(...args);
      t.seconds += cpuNow() - t0;
      t.flops += 2 * args[2] * args[3] * args[4];
    },
  });
  return t;
}

interface Shape {
  name: string;
  kind: 'p1' | 'p2' | 'p3';
  /** Steps per repetition, per backend. */
  steps: Record<Backend, number>;
  run(c: Compute, steps: number): Promise<number>; // seconds per step
  numpy: Record<string, number>;
}

const sgd = (d: number, N: number, B: number): Shape['run'] => async (c, steps) => {
  const src: DataSource = { kind: 'gaussian', std: new Float64Array(d).fill(1 / Math.sqrt(d)) };
  const test = new Float32Array(d);
  const r = await onlineSgd(c, src, createRng(1), { N, batch: B, eps: 1e-3, steps, recordEvery: steps + 1, test, groups: new Int32Array(d) });
  return r.stepSeconds / steps;
};
const shapes: Shape[] = [
  {
    name: 'P1 projected GD n=400 d=100',
    kind: 'p1',
    steps: { native: 20, wasm: 10 },
    numpy: { n: 400, d: 100 },
    async run(c, steps) {
      const W0 = createRng(2).fillNormal(new Float64Array(400 * 100));
      const r = await projectedGd(c, W0, 400, 100, { iterations: steps, recordEvery: steps + 1 });
      return r.stepSeconds / steps;
    },
  },
  {
    name: 'P2 G2 d=64 batch=1024',
    kind: 'p2',
    steps: { native: 40, wasm: 20 },
    numpy: { d: 64, batch: 1024 },
    async run(c, steps) {
      const r = await trainG2(0.3, createRng(3), { d: 64, batch: 1024, steps, logEvery: steps + 1, compute: c });
      return r.stepSeconds / steps;
    },
  },
  { name: 'P3 SGD d=100 N=2000 B=256', kind: 'p3', steps: { native: 20, wasm: 5 }, numpy: { d: 100, N: 2000, B: 256 }, run: sgd(100, 2000, 256) },
  { name: 'P3 SGD d=200 N=4000 B=256', kind: 'p3', steps: { native: 10, wasm: 3 }, numpy: { d: 200, N: 4000, B: 256 }, run: sgd(200, 4000, 256) },
];

const addon = nativeAddon();
/** The columns: the native path (its default sgemm engine), the same with OpenBLAS's sgemm when oneDNN is the default, and wasm. */
type Variant = 'native' | 'native-openblas' | 'wasm';
const variants: Variant[] = !addon.ok ? ['wasm'] : addon.addon.sgemmEngine().name === 'onednn' ? ['native', 'native-openblas', 'wasm'] : ['native', 'wasm'];
const backendOf = (v: Variant): Backend => (v === 'wasm' ? 'wasm' : 'native');
const computes = Object.fromEntries(await Promise.all((['native', 'wasm'] as const).filter((b) => variants.includes(b)).map(async (b) => [b, timed(await loadCompute({ backend: b }))] as const)));
const onVariant = (v: Variant) => {
  // Switch engines only when both run: without oneDNN (no libdnnl, or Accelerate) 'native' is the BLAS's.
  if (addon.ok && v !== 'wasm' && variants.includes('native-openblas')) addon.addon.setSgemmEngine(v === 'native' ? 'onednn' : 'blas');
};
console.log(`threads ${threads} (of ${availableParallelism()} cores); OPENBLAS_CORETYPE=${process.env.OPENBLAS_CORETYPE ?? '(unset)'} OPENBLAS_L2_SIZE=${process.env.OPENBLAS_L2_SIZE ?? '(unset)'}`);
for (const b of Object.keys(computes)) console.log(`${b}: ${computes[b]!.detail}${b === 'native' && addon.ok ? ` — ${addon.addon.info().config}` : ''}`);
if (!addon.ok) console.log(`native: not available (${addon.reason})`);
else if (!variants.includes('native-openblas')) console.log(`native sgemm: ${addon.addon.info().library} (oneDNN ${addon.addon.sgemmEngine().onednn})`);

// The addon's sgemm peak, 1024³, per engine.
const peak: Partial<Record<Variant, number>> = {};
if (addon.ok) {
  const n = 1024;
  const A = Float32Array.from({ length: n * n }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
  const C = new Float32Array(n * n);
  for (const v of variants.filter((x) => x !== 'wasm')) {
    onVariant(v);
    addon.addon.setGemmThreads(1);
    addon.addon.sgemm(false, false, n, n, n, 1, A, A, 0, C);
    const g: number[] = [];
    for (let r = 0; r < reps; r++) {
      const t0 = cpuNow();
      addon.addon.sgemm(false, false, n, n, n, 1, A, A, 0, C);
      g.push((2 * n ** 3) / (cpuNow() - t0) / 1e9);
    }
    peak[v] = median(g);
    console.log(`${v} sgemm 1024³ (one thread): ${median(g).toFixed(1)} GFLOP/s of cpu time, median [${g.map((x) => x.toFixed(0)).join(', ')}]`);
  }
  setComputeThreads(threads);
}

// numpy, one peer process per BLAS setting (same shapes, float32): the machine's
// OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE as they are, and — when set — without them, numpy's own
// OpenBLAS then picking its kernels for this CPU (the peer at its best).
const pinned = process.env.OPENBLAS_CORETYPE !== undefined || process.env.OPENBLAS_L2_SIZE !== undefined;
const peers: { label: string; peer: NumpyPeer }[] = [];
for (const unpin of pinned ? [false, true] : [false]) {
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: String(threads) };
  if (unpin) delete env.OPENBLAS_CORETYPE, delete env.OPENBLAS_L2_SIZE;
  const peer = await NumpyPeer.start(env);
  if (typeof peer === 'string') {
    console.log(`numpy: column skipped (${peer})`);
    break;
  }
  const { numpy, blas, corename } = peer.config;
  peers.push({ label: `numpy[${corename}]`, peer });
  console.log(`numpy[${corename}]: numpy ${numpy} (${blas}, ${corename} kernels${unpin ? ', OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset' : ', machine settings'})`);
}

/** One repetition of a column: wall seconds per step (and, for the native columns, the products' GFLOP/s). */
type Column = { label: string; rep(s: Shape): Promise<{ wall: number; gflops?: number }> };
const columns: Column[] = [
  ...variants.map((v): Column => ({
    label: v,
    async rep(s) {
      const b = backendOf(v);
      const c = computes[b]!;
      onVariant(v);
      c.reset();
      const wall = await s.run(c, s.steps[b]);
      return { wall, gflops: c.flops / c.seconds / 1e9 };
    },
  })),
  ...peers.map(({ label, peer }): Column => ({
    label,
    async rep(s) {
      const { wall } = await peer.run(s.kind, s.numpy, s.steps.native);
      // OpenBLAS's threads spin for ~0.1 s after a call before they sleep: on more than one
      // thread they would take cores from the next column.
      if (threads > 1) await new Promise((resolve) => setTimeout(resolve, 250));
      return { wall };
    },
  })),
];

const ms = (s: number) => `${(s * 1000).toFixed(2)} ms`;
console.log(`\nwall time per training step, median of ${reps} interleaved repetitions; ratios (column ÷ native, > 1: native is faster) are medians of the per-repetition ratios`);
for (const s of shapes) {
  for (const col of columns) await col.rep(s); // warm-up: one whole repetition each
  const runs = columns.map(() => [] as { wall: number; gflops?: number }[]);
  for (let r = 0; r < reps; r++) for (const [i, col] of columns.entries()) runs[i]!.push(await col.rep(s));
  onVariant('native');
  const nat = variants.includes('native') ? runs[0]! : undefined;
  const parts = columns.map((col, i) => {
    const rs = runs[i]!;
    const v = col.label as Variant;
    const gf = rs[0]!.gflops === undefined ? '' : ` (products ${median(rs.map((x) => x.gflops!)).toFixed(0)} GFLOP/s cpu = ${((100 * median(rs.map((x) => x.gflops!))) / peak[v]!).toFixed(0)} % of its peak)`;
    const ratio = nat && i > 0 ? `, ${median(rs.map((x, r) => x.wall / nat[r]!.wall)).toFixed(2)}×` : '';
    return `${col.label} ${ms(median(rs.map((x) => x.wall)))}${v === 'wasm' ? '' : gf}${ratio}`;
  });
  console.log(`${s.name.padEnd(28)} ${parts.join(' | ')}`);
}
for (const { peer } of peers) peer.close();
