/**
 * No-op start-up (issue 3): a synthetic DAG of 111 instances (four stages, three
 * with grids), one full run, then 10 no-op `repro run` as whole processes,
 * interleaved with `node -e 0` so machine load affects both alike. Prints both
 * medians and their ratio (target: no-op ≤ 150 ms median).
 *
 *   npm run bench engine-noop [-- reps]
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { CLI, STAGE_IMPORT, ensureBuilt, makeProject, median, removeProject, repro, runJson } from '../test/engine/fixture.ts';

const reps = Number(process.argv[2] ?? 10);
const grid = (n: number) => Array.from({ length: n }, (_, i) => i);

const dir = makeProject({
  prefix: 'repro-bench-noop-',
  params: { src: grid(50), groups: grid(10), scale: 2 },
  stages: {
    'stages/src.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'src', grid: (p) => p.src.map((i: number) => ({ i })),
  run(ctx) { ctx.writeJson('x.json', { x: Number(ctx.instance.i) * ctx.params.scale }); } });
`,
    'stages/mid.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'mid', deps: ['src'], grid: (p) => p.src.map((i: number) => ({ i })),
  run(ctx) { const x = ctx.input('src', { i: ctx.instance.i }).json<{ x: number }>('x.json').x; ctx.writeJson('y.json', { y: x * x }); } });
`,
    'stages/group.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'group', deps: ['mid'], grid: (p) => p.groups.map((g: number) => ({ g })),
  run(ctx) {
    const g = Number(ctx.instance.g);
    const ys = ctx.inputs('mid').filter((u) => Number(u.instance.i) % 10 === g).map((u) => u.json<{ y: number }>('y.json').y);
    ctx.writeJson('sum.json', { g, sum: ys.reduce((a, b) => a + b, 0) });
  } });
`,
    'stages/top.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'top', deps: ['group'],
  run(ctx) { ctx.writeJson('top.json', { total: ctx.inputs('group').reduce((s, u) => s + u.json<{ sum: number }>('sum.json').sum, 0) }); } });
`,
  },
});

/** Wall time of a whole process, in ms. */
function wall(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: dir, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}

try {
  ensureBuilt();
  const full = await repro(dir, ['run', '-j', '2']);
  if (full.code !== 0) throw new Error(full.stderr);
  const check = runJson(await repro(dir, ['run', '--json']));
  const total = Object.keys(check.instances).length;
  if (total < 100 || check.summary.counts.fresh !== total) throw new Error(`expected ≥ 100 fresh instances: ${JSON.stringify(check.summary)}`);
  wall([CLI, 'run']); // warm the OS file cache
  const noop: number[] = [];
  const node: number[] = [];
  for (let r = 0; r < reps; r++) {
    noop.push(wall([CLI, 'run']));
    node.push(wall(['-e', '0']));
  }
  const mNoop = median(noop);
  const mNode = median(node);
  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  console.log(`${total} instances, all fresh; load average ${loadavg()[0]!.toFixed(1)}`);
  console.log(`no-op repro run: median ${mNoop.toFixed(0)} ms  [${fmt(noop)}]`);
  console.log(`node -e 0:       median ${mNode.toFixed(0)} ms  [${fmt(node)}]`);
  console.log(`ratio no-op / node = ${(mNoop / mNode).toFixed(2)}; target no-op ≤ 150 ms: ${mNoop <= 150 ? 'PASS' : 'FAIL'}`);
  process.exitCode = mNoop <= 150 ? 0 : 1;
} finally {
  removeProject(dir);
}
