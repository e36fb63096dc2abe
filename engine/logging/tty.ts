/**
 * The terminal reporter: settled instances scroll by as lines, and below them a
 * live block with one bar per running instance (ETA from its previous run's
 * duration, or from its own progress rate) and an overall line: settled of all
 * instances, running, queued, elapsed, and the run's ETA (eta.ts).
 */
import type { Reporter, RunEvent } from '../events.ts';
import { PlainReporter } from './plain.ts';
import { runEta, remaining } from './eta.ts';
import { formatSeconds, progressLine } from './words.ts';

interface Running {
  started: number;
  fraction: number;
  eta?: number;
  note?: string;
}

export class TtyReporter implements Reporter {
  #running = new Map<string, Running>();
  #drawn = 0;
  #timer: NodeJS.Timeout;
  #done = 0;
  #total = 0;
  #jobs = 1;
  /** Waiting for a worker: id → recorded duration of its last run. */
  #queued = new Map<string, number | undefined>();
  #t0 = Date.now();
  #lines: PlainReporter;

  constructor(readonly out: NodeJS.WriteStream = process.stderr) {
    this.#lines = new PlainReporter((l) => this.#print(l));
    this.#timer = setInterval(() => this.#draw(), 200);
    this.#timer.unref();
  }

  #clear() {
    if (this.#drawn) this.out.write(`\x1b[${this.#drawn}A\x1b[J`);
    this.#drawn = 0;
  }

  #print(line: string) {
    this.#clear();
    this.out.write(`${line}\n`);
    this.#draw();
  }

  #draw() {
    this.#clear();
    const width = Math.max(20, Math.min(this.out.columns ?? 80, 120));
    const lines: string[] = [];
    const left: (number | undefined)[] = [];
    for (const [id, r] of this.#running) {
      const eta = remaining((Date.now() - r.started) / 1000, r.fraction, r.eta);
      left.push(eta);
      const bar = 20;
      const filled = Math.round(r.fraction * bar);
      const label = `${id}${r.note ? ` ${r.note}` : ''}`;
      const tail = ` ${String(Math.round(r.fraction * 100)).padStart(3)}% ${eta !== undefined ? `eta ${formatSeconds(eta)}` : ''}`;
      lines.push(`[${'#'.repeat(filled)}${'-'.repeat(bar - filled)}] ${label.slice(0, width - bar - tail.length - 4)}${tail}`);
    }
    if (this.#running.size || this.#queued.size) {
      const eta = runEta({ running: left, queued: [...this.#queued.values()], jobs: this.#jobs });
      lines.push(progressLine({ done: this.#done, total: this.#total, running: this.#running.size, queued: this.#queued.size, elapsed: (Date.now() - this.#t0) / 1000, eta }));
    }
    if (lines.length) this.out.write(`${lines.join('\n')}\n`);
    this.#drawn = lines.length;
  }

  event(e: RunEvent): void {
    if (e.type === 'plan') [this.#total, this.#jobs] = [e.total, e.jobs];
    if (e.type === 'queued') {
      this.#queued.set(e.id, e.etaSeconds);
      return;
    }
    if (e.type === 'start') {
      this.#queued.delete(e.id);
      this.#running.set(e.id, { started: Date.now(), fraction: 0, eta: e.etaSeconds });
    }
    if (e.type === 'progress') {
      const r = this.#running.get(e.id);
      if (r) Object.assign(r, { fraction: e.fraction, note: e.note });
      return;
    }
    if (e.type === 'settled' || e.type === 'failed') {
      this.#running.delete(e.id);
      this.#queued.delete(e.id);
      this.#done++;
    }
    this.#lines.event(e);
  }

  close(): void {
    clearInterval(this.#timer);
    this.#clear();
  }
}
