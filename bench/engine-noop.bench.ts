/**
 * No-op start-up, as a user gets it: the engine packed (`npm pack`) and installed into a
 * fresh project whose stages `import { defineStage } from 'repro'`; a synthetic DAG of
 * 200 instances (four stages, three with grids), one full run, then no-op `repro run`
 * as whole processes through the installed bin, interleaved with `node -e 0` so machine
 * load affects both alike. Prints both medians and their ratio (target: ≤ 2× node -e 0).
 *
 *   npm run bench engine-noop [-- reps]
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { median, writeFiles } from '../test/engine/fixture.ts';
import { installInto, packEngine } from '../test/package/install.ts';

const reps = Number(process.argv[2] ?? 15);
const grid = (n: number) => Array.from({ length: n }, (_, i) => i);
const IMPORT = `import { defineStage } from 'repro';`;

const tarball = await packEngine();
const { dir, bin } = installInto(tarball, 'repro-bench-noop-');
// src × 90, mid × 90, group × 19, top × 1 = 200 instances.
writeFiles(dir, {
  'params.json': { src: grid(90), groups: grid(19), scale: 2 },
  'pipeline.ts': `import { definePipeline } from 'repro';\nexport default definePipeline({ stages: ['stages/src.ts', 'stages/mid.ts', 'stages/group.ts', 'stages/top.ts'] });\n`,
  'stages/src.ts': `${IMPORT}
export default defineStage({ name: 'src', grid: (p) => p.src.map((i: number) => ({ i })),
  run(ctx) { ctx.writeJson('x.json', { x: Number(ctx.instance.i) * ctx.params.scale }); } });
`,
  'stages/mid.ts': `${IMPORT}
export default defineStage({ name: 'mid', deps: ['src'], grid: (p) => p.src.map((i: number) => ({ i })),
  run(ctx) { const x = ctx.input('src', { i: ctx.instance.i }).json<{ x: number }>('x.json').x; ctx.writeJson('y.json', { y: x * x }); } });
`,
  'stages/group.ts': `${IMPORT}
export default defineStage({ name: 'group', deps: ['mid'], grid: (p) => p.groups.map((g: number) => ({ g })),
  run(ctx) {
    const g = Number(ctx.instance.g);
    const ys = ctx.inputs('mid').filter((u) => Number(u.instance.i) % 19 === g).map((u) => u.json<{ y: number }>('y.json').y);
    ctx.writeJson('sum.json', { g, sum: ys.reduce((a, b) => a + b, 0) });
  } });
`,
  'stages/top.ts': `${IMPORT}
export default defineStage({ name: 'top', deps: ['group'],
  run(ctx) { ctx.writeJson('top.json', { total: ctx.inputs('group').reduce((s, u) => s + u.json<{ sum: number }>('sum.json').sum, 0) }); } });
`,
});

/** Run a whole process in the project; returns its wall time in ms and its stdout. */
function wall(args: string[]): { ms: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

try {
  wall([bin, 'run', '-j', '2']);
  const check = JSON.parse(wall([bin, 'run', '--json']).stdout) as { summary: { counts: Record<string, number> }; instances: object };
  const total = Object.keys(check.instances).length;
  if (total !== 200 || check.summary.counts.fresh !== total) throw new Error(`expected 200 fresh instances: ${JSON.stringify(check.summary)}`);
  wall([bin, 'run']); // warm the OS file cache
  const noop: number[] = [];
  const node: number[] = [];
  for (let r = 0; r < reps; r++) {
    noop.push(wall([bin, 'run']).ms);
    node.push(wall(['-e', '0']).ms);
  }
  const mNoop = median(noop);
  const mNode = median(node);
  const ratio = mNoop / mNode;
  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  console.log(`${total} instances, all fresh, engine installed from its tarball; load average ${loadavg()[0]!.toFixed(1)}`);
  console.log(`no-op repro run: median ${mNoop.toFixed(0)} ms  [${fmt(noop)}]`);
  console.log(`node -e 0:       median ${mNode.toFixed(0)} ms  [${fmt(node)}]`);
  console.log(`ratio no-op / node -e 0 = ${ratio.toFixed(2)}; target ≤ 2: ${ratio <= 2 ? 'PASS' : 'FAIL'}`);
  process.exitCode = ratio <= 2 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(dirname(tarball), { recursive: true, force: true });
}
