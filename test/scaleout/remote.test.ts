/**
 * The remote cache against real servers (.ci/services: Swift + s3api, nginx WebDAV):
 * push, wipe the local cache, pull → the next run restores everything and runs
 * nothing; a corrupted remote object is rejected on download (that instance runs,
 * with a warning); an upload that stops before its record is invisible.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { STAGE_IMPORT, ensureBuilt, makeProject, outputHashes, readLockFile, removeProject, repro, runJson, storedObjects } from '../engine/fixture.ts';
import { httpMissing, s3Missing, withService } from './services.ts';
import { openRemote } from '../../engine/remote/open.ts';
import { RemoteCache } from '../../engine/remote/cache.ts';
import { Store } from '../../engine/store/store.ts';
import { initHash } from '../../engine/hash.ts';
import type { RunRecord } from '../../engine/record.ts';

const DAG = {
  'stages/gen.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'gen', grid: (p) => p.seeds.map((seed: number) => ({ seed })),
  run(ctx) { ctx.writeF64('x.f64', Float64Array.from({ length: 2000 }, (_, i) => Math.sin(ctx.seed + i))); ctx.writeJson('meta.json', { seed: ctx.instance.seed }); } });
`,
  'stages/sum.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'sum', deps: ['gen'],
  run(ctx) { ctx.writeJson('sum.json', ctx.inputs('gen').map((u) => u.f64('x.f64').reduce((a, b) => a + b, 0))); } });
`,
};
const PARAMS = { seeds: [0, 1, 2] };

for (const [name, missing, base] of [
  ['S3 (Swift + s3api)', s3Missing(), () => process.env.REPRO_TEST_S3!],
  ['HTTP (nginx WebDAV)', httpMissing(), () => process.env.REPRO_TEST_HTTP!],
] as const) {
  const test = suite(`scaleout/remote ${name}`);
  const dirs: string[] = [];
  /** A fresh namespace on the server for each test. */
  const fresh = () => (process.env.REPRO_REMOTE = `${base().replace(/\/$/, '')}/t-${Date.now()}-${randomBytes(3).toString('hex')}`);
  const wipe = (dir: string) => rmSync(join(dir, 'cache'), { recursive: true, force: true });

  withService(test, name, missing, () => {
    test.before(() => ensureBuilt());
    test.after(() => dirs.forEach(removeProject));

    test('push, wipe the local cache, pull: the next run restores everything and runs nothing', async () => {
      fresh();
      const dir = makeProject({ stages: DAG, params: PARAMS });
      dirs.push(dir);
      assert.is((await repro(dir, ['run'])).code, 0);
      const before = outputHashes(dir);
      const push = await repro(dir, ['push']);
      assert.is(push.code, 0, push.stderr);
      assert.match(push.stdout, /4 results pushed \(\d+ objects/);
      assert.match((await repro(dir, ['push'])).stdout, /0 results pushed .* 4 already there/);
      wipe(dir);
      const pull = await repro(dir, ['pull']);
      assert.is(pull.code, 0, pull.stdout + pull.stderr);
      assert.is(storedObjects(dir).size, 7); // 3 × (x.f64, meta.json) + sum.json
      const next = await repro(dir, ['run', '--json']);
      const c = runJson(next).summary.counts;
      assert.is(c.ran, 0, next.stdout);
      assert.is(c.fresh, 4, next.stdout);
      assert.equal(outputHashes(dir), before);
    });

    test('a corrupted remote object is rejected: that instance runs (with a warning), the rest is restored', async () => {
      fresh();
      const dir = makeProject({ stages: DAG, params: PARAMS });
      dirs.push(dir);
      assert.is((await repro(dir, ['run'])).code, 0);
      const before = outputHashes(dir);
      assert.is((await repro(dir, ['push'])).code, 0);
      const bad = readLockFile(dir).instances['gen[seed=1]']!.outputs['x.f64']!;
      await openRemote(undefined).put(`cas/${bad}`, new TextEncoder().encode('not the float64 data'));
      wipe(dir);
      const r = await repro(dir, ['run', '--remote', '--remote-read-only', '--json']);
      assert.is(r.code, 0, r.stdout + r.stderr);
      const out = runJson(r);
      assert.is(out.instances['gen[seed=1]']?.outcome, 'ran', r.stdout);
      assert.is(out.instances['gen[seed=0]']?.outcome, 'restored', r.stdout);
      assert.is(out.instances['gen[seed=2]']?.outcome, 'restored', r.stdout);
      assert.is(out.instances.sum?.outcome, 'restored', r.stdout); // gen[seed=1] reran to the same bytes
      assert.match(out.instances['gen[seed=1]']?.log?.join('\n') ?? '', new RegExp(`cas/${bad} \\(x.f64\\) is corrupt`));
      assert.equal(outputHashes(dir), before);
    });

    test('an upload that stops before its record is invisible: pull restores nothing of it', async () => {
      fresh();
      const dir = makeProject({ stages: DAG, params: PARAMS });
      dirs.push(dir);
      assert.is((await repro(dir, ['run'])).code, 0);
      // Push gen[seed=0] through a connection that drops when the record goes up.
      await initHash();
      const backend = openRemote(undefined);
      const dropping = { ...backend, where: backend.where, get: backend.get.bind(backend), has: backend.has.bind(backend), list: backend.list.bind(backend),
        put: (k: string, b: Uint8Array) => (k.startsWith('runs/') ? Promise.reject(new Error('connection reset')) : backend.put(k, b)) };
      const store = new Store(join(dir, 'cache'));
      const entry = readLockFile(dir).instances['gen[seed=0]']!;
      const record = store.records.read('gen[seed=0]', entry.keyHash as RunRecord['keyHash'])!;
      let threw = false;
      await new RemoteCache(dropping, store, () => {}).push(record).catch(() => (threw = true));
      assert.ok(threw, 'the record upload did not fail');
      assert.ok(await backend.has(`cas/${entry.outputs['x.f64']}`), 'objects go up first');
      wipe(dir);
      const pull = await repro(dir, ['pull', '--json']);
      assert.is(pull.code, 0, pull.stderr);
      assert.equal(storedObjects(dir).size, 0);
      const r = await repro(dir, ['run', '--remote', '--json']);
      assert.is(runJson(r).summary.counts.ran, 4, r.stdout);
    });
  });
  test.run();
}
