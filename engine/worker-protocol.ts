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

/** `cpus`: the CPUs the job may use, at start and whenever the pool re-shares the cores. */
export type ToWorker = { type: 'run'; job: Job; cpus: number } | { type: 'cpus'; cpus: number };

export type FromWorker =
  | { type: 'progress'; fraction: number; note?: string }
  | { type: 'log'; message: string }
  | { type: 'done'; paramReads: [string, Json][]; inputReads: InputRead[]; facts: Record<string, string | number | boolean> }
  | { type: 'failed'; message: string; stack?: string };
