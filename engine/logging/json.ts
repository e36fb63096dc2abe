/** `--json`: nothing while running; one JSON document on stdout at the end. */
import type { Reporter, RunEvent } from '../events.ts';
import { describeReason } from './words.ts';

export class JsonReporter implements Reporter {
  #instances: Record<string, { outcome: string; reasons?: string[]; seconds?: number; error?: string; log?: string[] }> = {};
  #summary: unknown;

  event(e: RunEvent): void {
    if (e.type === 'settled') this.#instances[e.id] = { ...this.#instances[e.id], outcome: e.outcome, seconds: e.seconds };
    else if (e.type === 'start') this.#instances[e.id] = { ...this.#instances[e.id], outcome: 'running', reasons: describeReason(e.reason) };
    else if (e.type === 'log') (this.#instances[e.id] ??= { outcome: 'pending' }).log = [...(this.#instances[e.id]!.log ?? []), e.message];
    else if (e.type === 'would-run') this.#instances[e.id] = { outcome: 'would-run', reasons: e.reasons.flatMap(describeReason) };
    else if (e.type === 'failed') this.#instances[e.id] = { ...this.#instances[e.id], outcome: e.skipped ? 'skipped' : 'failed', error: e.message };
    else if (e.type === 'summary') this.#summary = e;
  }

  close(): void {
    process.stdout.write(`${JSON.stringify({ summary: this.#summary, instances: this.#instances }, null, 2)}\n`);
  }
}
