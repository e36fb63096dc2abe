/**
 * The scale-out pieces that need no service: durations and SLURM time format, default
 * time limits from recorded durations, array ids as squeue prints them, the sbatch
 * script, stage resources and site-config errors.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_TIME_POLICY, parseDuration, resourcesFor, slurmTime, timeLimit } from '../../engine/executors/resources.ts';
import { loadSite } from '../../engine/executors/site.ts';
import { sbatchScript } from '../../engine/executors/slurm-batch.ts';
import { expandArrayId } from '../../engine/executors/slurm.ts';

const test = suite('scaleout/units');

test('durations: units, clocks, and SLURM D-HH:MM:SS', () => {
  assert.equal([parseDuration('90s'), parseDuration('20m'), parseDuration('2h'), parseDuration('1:30:00'), parseDuration('5:00'), parseDuration(42)], [90, 1200, 7200, 5400, 300, 42]);
  assert.is(parseDuration('soon'), undefined);
  assert.is(parseDuration(-1), undefined);
  assert.equal([slurmTime(59.2), slurmTime(3600), slurmTime(90061)], ['00:01:00', '01:00:00', '1-01:01:01']);
});

test('default time limit: declared wins; else 3 × recorded, at least 5 min; never ran: 1 h', () => {
  assert.is(timeLimit(60, 1000, DEFAULT_TIME_POLICY), 60);
  assert.is(timeLimit(undefined, 1000, DEFAULT_TIME_POLICY), 3000);
  assert.is(timeLimit(undefined, 10, DEFAULT_TIME_POLICY), 300);
  assert.is(timeLimit(undefined, undefined, DEFAULT_TIME_POLICY), 3600);
});

test('squeue array ids: split and compressed forms', () => {
  assert.equal(expandArrayId('12_3'), ['12_3']);
  assert.equal(expandArrayId('12_[0-2,5%2]'), ['12_0', '12_1', '12_2', '12_5']);
});

test('stage resources: per instance, checked with one-line errors', () => {
  const def = { name: 's', run() {}, resources: (i: Record<string, string | number | boolean>) => ({ cpus: 2, time: i.big ? '2h' : '10m' }) };
  assert.equal(resourcesFor(def, { big: true }), { cpus: 2, timeSeconds: 7200 });
  assert.equal(resourcesFor(def, { big: false }), { cpus: 2, timeSeconds: 600 });
  assert.throws(() => resourcesFor({ name: 's', run() {}, resources: { cpus: 1.5 } }, {}), /s: resources.cpus is 1.5; expected a whole number/);
  assert.throws(() => resourcesFor({ name: 's', run() {}, resources: { time: 'a while' } }, {}), /resources.time is "a while"/);
});

test('sbatch script: array, limits, site flags and setup lines, quoted paths', () => {
  const s = sbatchScript({
    name: 'repro-ab12', count: 3, logDir: '/c/log', timeSeconds: 600, cpus: 2, memMB: 4000, requeue: true, root: '/p', node: '/usr/bin/node',
    taskScript: "/p/dist/slurm-task.mjs", batchFile: "/c/it's.json", site: { partition: 'short', sbatchFlags: ['--constraint=avx2'], setup: ['module load nodejs/20'] },
  });
  for (const line of ['#SBATCH --array=0-2', '#SBATCH --time=00:10:00', '#SBATCH --cpus-per-task=2', '#SBATCH --mem=4000M', '#SBATCH --requeue', '#SBATCH --partition=short', '#SBATCH --constraint=avx2', 'module load nodejs/20']) {
    assert.ok(s.includes(`${line}\n`), `missing: ${line}`);
  }
  assert.match(s, /exec '\/usr\/bin\/node' --enable-source-maps '\/p\/dist\/slurm-task.mjs' '\/c\/it'\\''s.json'/);
});

test('site config: a wrong field is named in one line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'repro-site-'));
  writeFileSync(join(dir, 'a.json'), JSON.stringify({ slurm: { partiton: 'short' } }));
  assert.throws(() => loadSite(join(dir, 'a.json')), /a.json: slurm must NOT have additional properties 'partiton'/);
  writeFileSync(join(dir, 'b.json'), JSON.stringify({ slurm: { graceSeconds: 'long' } }));
  assert.throws(() => loadSite(join(dir, 'b.json')), /b.json: slurm.graceSeconds must be number/);
  assert.equal(loadSite(join(dir, 'absent.json')), {});
  rmSync(dir, { recursive: true, force: true });
});

test.run();
