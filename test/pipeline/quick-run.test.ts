/**
 * The whole pipeline, end to end, at the `quick` profile: every figure stage runs,
 * the report is published, a second run does nothing, and `--verify-determinism` rebuilds
 * every instance from scratch byte-identical except the report (which states when it was
 * built: outputs are a pure function of inputs, timings go to ctx.record). Afterwards the browser
 * test (test/report/browser.test.ts) checks this real report instead of fixtures.
 *
 * It runs in a temp copy of the checkout (node_modules linked, no cache), never in the
 * checkout itself: a test must not rewrite the committed lock files or a user's reports.
 *
 * Slow by nature (~90 s on 2 cores, plus one more build from scratch); skip with REPRO_SKIP_E2E=1 while iterating.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FIGURE_IDS } from '../../report/papers.ts';

const checkout = resolve(import.meta.dirname, '../..');
const test = suite('pipeline/quick-run');

/** A copy of the checkout without its store, reports, lock files of other profiles and git dir. */
function tempCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'repro-quick-run-'));
  const skip = /^(node_modules|cache|reports|\.git|dist\.(build|old)-.*|repro\.[^/]*\.lock\.json)(\/|$)/;
  cpSync(checkout, dir, { recursive: true, filter: (p) => !skip.test(relative(checkout, p)) });
  symlinkSync(join(checkout, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // Kept until the process exits: the browser test, later in the same run, reads its report.
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
const repo = process.env.REPRO_SKIP_E2E ? checkout : tempCopy();

function repro(...args: string[]) {
  const r = spawnSync(process.execPath, [join(repo, 'bin/repro.mjs'), ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

if (process.env.REPRO_SKIP_E2E) {
  test('skipped (REPRO_SKIP_E2E is set)', () => {});
} else {
  test('repro run --profile quick builds every figure and the report, then has nothing to do', () => {
    const paperLock = readFileSync(join(repo, 'repro.lock.json'), 'utf8');
    const t0 = performance.now();
    const first = repro('run', '--profile', 'quick', '-j', '2');
    const seconds = (performance.now() - t0) / 1000;
    console.log(`  quick run: ${seconds.toFixed(1)} s`);
    assert.is(first.code, 0, first.out.slice(-4000));
    assert.is(readFileSync(join(repo, 'repro.lock.json'), 'utf8'), paperLock, 'the quick run rewrote the paper-profile lock');
    assert.ok(existsSync(join(repo, 'repro.quick.lock.json')), 'the quick run wrote no lock of its own');
    for (const id of FIGURE_IDS) {
      const file = join(repo, 'reports/data', `${id}.json`);
      assert.ok(existsSync(file), `reports/data/${id}.json was not published`);
      const data = JSON.parse(readFileSync(file, 'utf8')) as { rows: unknown[] };
      assert.ok(data.rows.length > 0, `${id} has no rows`);
      assert.ok(existsSync(join(repo, 'reports/figures', `${id}.svg`)), `reports/figures/${id}.svg missing`);
    }
    const second = repro('run', '--profile', 'quick', '--json');
    assert.is(second.code, 0, second.out);
    const summary = JSON.parse(second.out.slice(second.out.indexOf('{'))) as { summary: { counts: Record<string, number> } };
    assert.is(summary.summary.counts.ran, 0, 'a second run reran something');
    process.env.REPORT_DIR ??= join(repo, 'reports');
  });

  test('repro run --profile quick --verify-determinism: every instance but the report rebuilds byte-identical', () => {
    const t0 = performance.now();
    const r = repro('run', '--profile', 'quick', '--verify-determinism');
    console.log(`  determinism rebuild: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // The report may differ (it states when it was built); no other instance may.
    const named = r.out.split('\n').filter((l) => l.startsWith('NOT DETERMINISTIC'));
    assert.equal(named.filter((l) => !l.startsWith('NOT DETERMINISTIC report:')), [], r.out.slice(-4000));
    const total = /(\d+) instances rebuilt from scratch, (\d+) with different outputs/.exec(r.out);
    assert.ok(total && Number(total[1]) > 50 && Number(total[2]) === named.length, `expected the whole quick pipeline rebuilt: ${r.out.slice(-500)}`);
  });
}

test.run();
