/** The cues: one ordered list, each firing for its own input only, in the README's order. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CUES, firstStale, staleReasons, type Candidate, type Current, type CueInput } from '../../../engine/cues.ts';
import type { CodeHash, ContentHash } from '../../../engine/hash.ts';
import type { Key } from '../../../engine/record.ts';

const test = suite('engine/unit/cues');
const H = (s: string) => s as ContentHash;

const key: Key = {
  id: 'b[seed=0]',
  code: 'code1' as CodeHash,
  params: { 'p.lr': 0.1, 'p.n': 3 },
  inputs: [{ stage: 'a', where: { seed: 0 }, matched: { 'a[seed=0]': H('out-a0') } }],
  files: { 'data/x.txt': H('fx') },
  platform: 'linux-x64',
};
const current = (o: Partial<Current> & { up?: ReturnType<Current['upstream']> } = {}): Current => ({
  code: { hash: 'code1' as CodeHash, files: { 'stages/b.ts': H('fb') }, packages: { zx: '8.8.5' }, bundle: 'x' },
  params: { p: { lr: 0.1, n: 3, unread: 9 } },
  files: { 'data/x.txt': H('fx') },
  platform: 'linux-x64',
  upstream: () => o.up ?? [{ id: 'a[seed=0]', instance: { seed: 0 }, outputsHash: H('out-a0') }, { id: 'a[seed=1]', instance: { seed: 1 }, outputsHash: H('out-a1') }],
  ...o,
});
const candidate = (recorded = true): Candidate => ({
  key,
  outputs: { 'b.json': H('ob') },
  recorded: () => (recorded ? { codeFiles: { 'stages/b.ts': H('fb') }, packages: { zx: '8.8.5' } } : undefined),
});
const input = (o: Partial<CueInput> = {}): CueInput => ({ candidate: candidate(), cur: current(), forced: false, stored: () => true, ...o });

test('the order is the documented one', () => {
  assert.equal(CUES.map((c) => c.name), ['forced', 'never-built', 'code', 'params', 'upstream', 'files', 'platform', 'outputs']);
});

test('a matching candidate: no cue fires (a param the instance never read changed too)', () => {
  assert.equal(staleReasons(input({ cur: current({ params: { p: { lr: 0.1, n: 3, unread: 10 } } }) })), []);
  assert.is(firstStale(input()), undefined);
});

test('each input fires its own cue, with what changed', () => {
  assert.equal(staleReasons(input({ forced: true })), [{ type: 'forced' }]);
  assert.equal(staleReasons(input({ candidate: undefined })), [{ type: 'never-built' }]);
  assert.equal(staleReasons(input({ cur: current({ params: { p: { lr: 0.2, n: 3 } } }) })), [{ type: 'params', changes: [{ path: 'p.lr', from: 0.1, to: 0.2 }] }]);
  assert.equal(staleReasons(input({ cur: current({ params: { p: { lr: 0.1 } } }) })), [{ type: 'params', changes: [{ path: 'p.n', from: 3, to: null }] }]);
  assert.equal(staleReasons(input({ cur: current({ files: { 'data/x.txt': H('fy') } }) })), [{ type: 'files', files: ['data/x.txt'] }]);
  assert.equal(staleReasons(input({ cur: current({ platform: 'darwin-arm64' }) })), [{ type: 'platform', from: 'linux-x64', to: 'darwin-arm64' }]);
});

test('code: names the changed files and packages with both versions; unknown without a local record', () => {
  const code = { hash: 'code2' as CodeHash, files: { 'stages/b.ts': H('fb'), 'lib/h.ts': H('fh') }, packages: { zx: '8.9.0' }, bundle: 'x' };
  assert.equal(staleReasons(input({ cur: current({ code }) })), [
    { type: 'code', files: ['lib/h.ts'], packages: [{ name: 'zx', from: '8.8.5', to: '8.9.0' }], known: true },
  ]);
  assert.equal(staleReasons(input({ candidate: candidate(false), cur: current({ code }) })), [{ type: 'code', files: [], packages: [], known: false }]);
});

test('upstream: changed, added, removed, and pending (will rerun first), only among what the query matches', () => {
  const up = [
    { id: 'a[seed=0]', instance: { seed: 0 }, outputsHash: H('out-a0-new') },
    { id: 'a[seed=1]', instance: { seed: 1 }, outputsHash: H('changed-but-not-read') },
  ];
  assert.equal(staleReasons(input({ cur: current({ up }) })), [{ type: 'upstream', changes: [{ id: 'a[seed=0]', change: 'changed' }] }]);
  assert.equal(staleReasons(input({ cur: current({ up: [{ id: 'a[seed=0]', instance: { seed: 0 }, outputsHash: undefined }] }) })), [
    { type: 'upstream', changes: [{ id: 'a[seed=0]', change: 'pending' }] },
  ]);
  assert.equal(staleReasons(input({ cur: current({ up: [] }) })), [{ type: 'upstream', changes: [{ id: 'a[seed=0]', change: 'removed' }] }]);
  const added = [...current().upstream('a'), { id: 'a[seed=0,x=1]', instance: { seed: 0, x: 1 }, outputsHash: H('o') }];
  assert.equal(staleReasons(input({ cur: current({ up: added }) })), [{ type: 'upstream', changes: [{ id: 'a[seed=0,x=1]', change: 'added' }] }]);
});

test('outputs: "not cached" for a result this machine never had, "missing" for one it lost', () => {
  assert.equal(staleReasons(input({ stored: () => false, candidate: candidate(false) })), [{ type: 'not-cached' }]);
  assert.equal(staleReasons(input({ stored: () => false })), [{ type: 'outputs-missing', names: ['b.json'] }]);
});

test('several cues fire in order; firstStale stops at the first', () => {
  const cur = current({ platform: 'darwin-arm64', params: { p: { lr: 0.5, n: 3 } } });
  assert.equal(staleReasons(input({ cur, forced: true })).map((r) => r.type), ['forced', 'params', 'platform']);
  assert.equal(firstStale(input({ cur }))?.type, 'params');
});

test.run();
