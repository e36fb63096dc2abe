/** Messages between the scheduler and its worker processes. */
import type { InputRead } from './context.ts';
import type { InstanceParams, Json, Provenance } from './stage.ts';

export interface UpstreamRef {
  id: string;
  instance: InstanceParams;
  /** Output name → absolute path of the stored object. */
  files: Record<string, string>;
  provenance: Provenance;
}

export interface Job {
  bundle: string;
  id: string;
  instance: InstanceParams;
  params: Json;
  seed: number;
  dir: string;
  upstream: Record<string, UpstreamRef[]>;
}

export type ToWorker = { type: 'run'; job: Job };

export type FromWorker =
  | { type: 'progress'; fraction: number; note?: string }
  | { type: 'log'; message: string }
  | { type: 'done'; paramReads: [string, Json][]; inputReads: InputRead[]; facts: Record<string, string | number | boolean> }
  | { type: 'failed'; message: string; stack?: string };
