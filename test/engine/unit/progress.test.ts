/** The run's ETA from recorded durations, and the terminal's live line (n/m settled, ETA). */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { remaining, runEta } from '../../../engine/logging/eta.ts';
import { TtyReporter } from '../../../engine/logging/tty.ts';

const test = suite('engine/unit/progress');

test('runEta: known work spread over the workers, never less than the longest remainder; untimed counted apart', () => {
  assert.equal(runEta({ running: [10], queued: [20, 30], jobs: 2 }), { seconds: 30, untimed: 0 });
  assert.equal(runEta({ running: [50], queued: [10], jobs: 2 }), { seconds: 50, untimed: 0 });
  assert.equal(runEta({ running: [undefined, 4], queued: [undefined, 8], jobs: 1 }), { seconds: 12, untimed: 2 });
  assert.equal(runEta({ running: [], queued: [], jobs: 4 }), { seconds: 0, untimed: 0 });
});

test('remaining: from the progress rate once there is some, else from the last duration', () => {
  assert.is(remaining(10, 0.25, 100), 30);
  assert.is(remaining(10, 0, 100), 90);
  assert.is(remaining(120, 0, 100), 0);
  assert.is(remaining(10, 0, undefined), undefined);
});

test('the live line shows settled of all instances, running, queued and the run ETA', () => {
  let text = '';
  const out = { write: (s: string) => ((text += s), true), columns: 100 } as unknown as NodeJS.WriteStream;
  const r = new TtyReporter(out);
  try {
    r.event({ type: 'plan', total: 4, jobs: 1 });
    r.event({ type: 'settled', id: 'a', outcome: 'fresh' });
    r.event({ type: 'queued', id: 'b', etaSeconds: 10 });
    r.event({ type: 'queued', id: 'c', etaSeconds: 20 });
    r.event({ type: 'queued', id: 'd', etaSeconds: undefined });
    r.event({ type: 'start', id: 'b', reason: { type: 'never-built' }, etaSeconds: 10 });
    const last = text.split('\n').filter((l) => l.includes('settled,')).at(-1) ?? '';
    assert.match(last, /^(\x1b\[[^a-zA-Z]*[a-zA-Z])*1\/4 settled, 1 running, 2 queued, \d+ms elapsed, ~30\.0s left \(\+1 never timed\)$/);
  } finally {
    r.close();
  }
});

test.run();
