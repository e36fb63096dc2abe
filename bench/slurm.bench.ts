/**
 * Scale-out (issue 13): the quick profile's wall time through SLURM against `-j 2` locally,
 * and what packing short instances saves. Runs only where `sbatch` exists.
 *
 *   npm run bench slurm [-- reps]             the quick profile (minutes per run)
 *   npm run bench slurm [-- reps synthetic]   16 short CPU-bound instances + a reducer (fast)
 *
 * In one temp copy of the checkout: a local `-j 2` run from an empty store (which also
 * records durations), then, `reps` times interleaved, every instance again with --force:
 * locally with -j 2, through SLURM with packing (the default: instances expected under
 * 60 s share a task), and through SLURM without packing (packSeconds 0). Medians.
 */
import { spawnSync } from 'node:child_process';
import { STAGE_IMPORT, makeProject, median } from '../test/engine/fixture.ts';
import { quickCopy, quickHashes, removeCopy, runQuick, siteFile } from '../test/scaleout/quick.ts';

const reps = Number(process.argv[2] ?? 1);
const synthetic = process.argv[3] === 'synthetic';

/** 16 independent short CPU-bound instances and one reducer, as a project using the quick profile. */
function syntheticProject(): string {
  return makeProject({
    prefix: 'repro-scaleout-',
    stages: {
      'stages/spin.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'spin', grid: (p) => Array.from({ length: p.n }, (_, i) => ({ i })),
  run(ctx) { let x = 0; for (let k = 0; k < ctx.params.iters; k++) x = (x + Math.sqrt(k + ctx.seed % 7)) % 1e6; ctx.writeJson('x.json', x); } });
`,
      'stages/reduce.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'reduce', deps: ['spin'], run(ctx) { ctx.writeJson('sum.json', ctx.inputs('spin').reduce((a, u) => a + u.json<number>('x.json'), 0)); } });
`,
    },
    params: { n: 16, iters: 2e7 },
    files: { 'bin/repro.mjs': `import(${JSON.stringify(new URL('../bin/repro.mjs', import.meta.url).pathname)});\n` },
  });
}
if (spawnSync('sbatch', ['--version']).status !== 0) {
  console.log('sbatch not found: skipped (start a cluster with .ci/services/slurm.sh start)');
  process.exit(0);
}
const dir = synthetic ? syntheticProject() : quickCopy();
const [profile, lockFile] = synthetic ? [null, 'repro.lock.json'] : ['quick', 'repro.quick.lock.json'];
try {
  const first = runQuick(dir, ['-j', '2'], {}, profile);
  if (first.code !== 0) throw new Error(`local run failed:\n${first.out}`);
  const reference = quickHashes(dir, lockFile);
  console.log(`local -j 2, empty store: ${first.seconds.toFixed(1)} s (${Object.keys(reference).length} instances)`);
  const packed = siteFile(dir, {});
  const unpacked = siteFile(dir, { packSeconds: 0 });
  const t = { local: [] as number[], packed: [] as number[], unpacked: [] as number[] };
  for (let i = 0; i < reps; i++) {
    for (const [name, args, site] of [
      ['local', ['-j', '2'], packed],
      ['packed', ['--executor', 'slurm'], packed],
      ['unpacked', ['--executor', 'slurm'], unpacked],
    ] as const) {
      const r = runQuick(dir, ['--force', ...args], { REPRO_SITE_CONFIG: site }, profile);
      if (r.code !== 0) throw new Error(`${name} run failed:\n${r.out}`);
      const h = quickHashes(dir, lockFile);
      const differ = Object.keys(reference).filter((id) => !id.startsWith('report') && h[id] !== reference[id]);
      console.log(`  ${name.padEnd(8)} ${r.seconds.toFixed(1)} s${differ.length ? `  (${differ.length} outputs differ from the local run!)` : ''}`);
      t[name].push(r.seconds);
    }
  }
  const [l, p, u] = [median(t.local), median(t.packed), median(t.unpacked)];
  console.log(`\n${synthetic ? '16 short instances + reducer' : 'quick profile'}, every instance (--force), medians of ${reps}:`);
  console.log(`  local -j 2                 ${l.toFixed(1)} s`);
  console.log(`  SLURM, packed (default)    ${p.toFixed(1)} s  (${(p / l).toFixed(2)} × local)`);
  console.log(`  SLURM, one task per job    ${u.toFixed(1)} s  (${(u / l).toFixed(2)} × local)`);
  console.log(`  packing saves              ${(u - p).toFixed(1)} s (${((1 - p / u) * 100).toFixed(0)} %)`);
} finally {
  removeCopy(dir);
}
