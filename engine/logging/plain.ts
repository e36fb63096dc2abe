/**
 * Plain, timestamped lines: for CI logs and pipes. Progress is printed at most
 * every 10 % (or 5 s) per instance so logs stay readable.
 */
import { unreachable, type Reporter, type RunEvent } from '../events.ts';
import { describeReason, formatSeconds } from './words.ts';

export class PlainReporter implements Reporter {
  #lastProgress = new Map<string, { fraction: number; at: number }>();
  constructor(
    readonly write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
    readonly verbose = false,
  ) {}

  #line(text: string) {
    this.write(`${new Date().toISOString().slice(11, 19)} ${text}`);
  }

  event(e: RunEvent): void {
    switch (e.type) {
      case 'plan':
        this.#line(`plan: ${e.total} instances`);
        break;
      case 'queued':
        break;
      case 'start':
        this.#line(`run    ${e.id}  (${describeReason(e.reason).join('; ')})${e.etaSeconds ? `  ~${formatSeconds(e.etaSeconds)}` : ''}`);
        break;
      case 'progress': {
        const last = this.#lastProgress.get(e.id);
        const now = Date.now();
        if (!last || e.fraction - last.fraction >= 0.1 || now - last.at > 5000) {
          this.#lastProgress.set(e.id, { fraction: e.fraction, at: now });
          this.#line(`       ${e.id} ${Math.round(e.fraction * 100)}%${e.note ? ` ${e.note}` : ''}`);
        }
        break;
      }
      case 'log':
        this.#line(`       ${e.id}: ${e.message}`);
        break;
      case 'would-run':
        this.#line(`would run ${e.id}: ${e.reasons.flatMap(describeReason).join('; ')}${e.pendingUpstream ? ' (after its upstream; may be cut off)' : ''}`);
        break;
      case 'settled':
        if (e.outcome === 'ran') this.#line(`done   ${e.id}  ${formatSeconds(e.seconds ?? 0)}`);
        else if (e.outcome === 'restored') this.#line(`restored ${e.id} from an earlier result`);
        else if (e.outcome === 'cutoff') this.#line(`cutoff ${e.id}: upstream reran with identical outputs`);
        else if (this.verbose) this.#line(`fresh  ${e.id}`);
        break;
      case 'failed':
        this.#line(`${e.skipped ? 'skip' : 'FAIL'}   ${e.id}: ${e.message}`);
        if (e.stack && !e.skipped) this.write(e.stack.split('\n').slice(1, 8).map((l) => `         ${l.trim()}`).join('\n'));
        break;
      case 'waiting-for-lock':
        this.#line(`waiting: another repro run holds the project lock (${e.owner})`);
        break;
      case 'summary':
        this.#line(summaryLine(e));
        break;
      default:
        unreachable(e);
    }
  }

  close(): void {}
}

export function summaryLine(e: Extract<RunEvent, { type: 'summary' }>): string {
  const c = e.counts;
  const parts = [`ran ${c.ran}`, `restored ${c.restored}`, `cut off ${c.cutoff}`, `fresh ${c.fresh}`, `failed ${c.failed}`];
  if (c.skipped) parts.push(`skipped ${c.skipped}`);
  return `${parts.join(', ')} — ${formatSeconds(e.seconds)}${e.failed.length ? `\nfailed: ${e.failed.join(', ')}` : ''}`;
}
