/**
 * The run's ETA, from the durations the engine recorded for each instance's last run
 * (as a live line in Nextflow shows work left, but with a time): the work left is
 * what the running instances still need plus the recorded durations of the queued
 * ones, spread over the workers, and never less than the longest single remainder.
 */
export interface EtaInput {
  /** Seconds each running instance still needs (undefined: never timed, no progress yet). */
  running: (number | undefined)[];
  /** Recorded durations of the instances waiting for a worker (undefined: never timed). */
  queued: (number | undefined)[];
  jobs: number;
}

export interface Eta {
  /** Seconds until the known work is done. */
  seconds: number;
  /** Instances whose duration is unknown (never ran before): not in `seconds`. */
  untimed: number;
}

export function runEta(i: EtaInput): Eta {
  const known = [...i.running, ...i.queued].filter((s): s is number => s !== undefined);
  const total = known.reduce((a, b) => a + b, 0);
  const longest = Math.max(0, ...i.running.filter((s): s is number => s !== undefined));
  return { seconds: Math.max(longest, total / Math.max(1, i.jobs)), untimed: i.running.length + i.queued.length - known.length };
}

/** Seconds a running instance still needs: from its own progress rate once it reports some, else from its last duration. */
export function remaining(elapsed: number, fraction: number, lastDuration: number | undefined): number | undefined {
  if (fraction > 0.02) return (elapsed / fraction) * (1 - fraction);
  return lastDuration === undefined ? undefined : Math.max(0, lastDuration - elapsed);
}
