/**
 * What happens during a run, as a closed union. Reporters (engine/logging/)
 * turn events into words; nothing else prints.
 */
import type { StaleReason } from './cues.ts';

export type Outcome =
  /** Its key matched the last result: nothing to do. */
  | 'fresh'
  /** A stored earlier result matched the key and was restored without running. */
  | 'restored'
  /** An upstream reran but produced identical outputs, so this stayed fresh. */
  | 'cutoff'
  /** It ran. */
  | 'ran'
  /** It failed, or an upstream it needs failed. */
  | 'failed'
  | 'skipped';

export type RunEvent =
  /** The run is planned: how many instances, how many must run (known so far). */
  | { type: 'plan'; total: number; jobs: number }
  /** An instance must run and waits for a worker; the duration of its last run, if any. */
  | { type: 'queued'; id: string; etaSeconds: number | undefined }
  /** An instance starts running, with the reason and the ETA from its last run. */
  | { type: 'start'; id: string; reason: StaleReason; etaSeconds: number | undefined }
  /** A running instance reported progress. */
  | { type: 'progress'; id: string; fraction: number; note?: string }
  /** A running instance printed a log line. */
  | { type: 'log'; id: string; message: string }
  /** Dry run (or an upstream would run first): this instance would run, for these reasons. */
  | { type: 'would-run'; id: string; reasons: StaleReason[]; pendingUpstream: boolean }
  /** An instance is settled. */
  | { type: 'settled'; id: string; outcome: Exclude<Outcome, 'failed' | 'skipped'>; seconds?: number }
  /** An instance failed (its own error) or was skipped (an upstream failed). */
  | { type: 'failed'; id: string; message: string; stack?: string; skipped: boolean }
  /** The second run waits for the first. */
  | { type: 'waiting-for-lock'; owner: string }
  /** The end: counts per outcome and wall time. */
  | { type: 'summary'; counts: Record<Outcome, number>; seconds: number; failed: string[] };

export interface Reporter {
  event(e: RunEvent): void;
  /** Called once at the end (flush, stop timers). */
  close(): void;
}

export function unreachable(x: never): never {
  throw new Error(`unreachable: ${JSON.stringify(x)}`);
}
