/**
 * Which external services the scale-out tests can use. A test skips when its service is
 * absent (a laptop), and fails instead when CI says the services are up
 * (`REPRO_CI_SERVICES=1`, exported by .ci/run after .ci/services/up.sh).
 */
import { spawnSync } from 'node:child_process';
import type { Test } from 'uvu';

export const REQUIRED = process.env.REPRO_CI_SERVICES === '1';

/** Why SLURM is unusable here, or undefined when a node is up. */
export function slurmMissing(): string | undefined {
  const r = spawnSync('sinfo', ['-h', '-o', '%T'], { encoding: 'utf8', timeout: 10_000 });
  if (r.error || r.status !== 0) return `sinfo: ${r.error?.message ?? r.stderr.trim()}`;
  if (!/idle|mix|alloc/.test(r.stdout)) return `no usable SLURM node (sinfo: ${r.stdout.trim() || 'nothing'})`;
  return undefined;
}

/** Why the S3 test server is unusable (env from .ci/services/s3.sh), or undefined. */
export function s3Missing(): string | undefined {
  if (!process.env.REPRO_TEST_S3) return 'REPRO_TEST_S3 is not set';
  if (!process.env.AWS_ACCESS_KEY_ID || !process.env.AWS_SECRET_ACCESS_KEY) return 'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not set';
  return undefined;
}

export function httpMissing(): string | undefined {
  return process.env.REPRO_TEST_HTTP ? undefined : 'REPRO_TEST_HTTP is not set';
}

/**
 * Register `body`'s tests when the service is there; otherwise one skipped test (or, in CI,
 * one failing test that says what is missing).
 */
export function withService(test: Test, what: string, missing: string | undefined, body: () => void): void {
  if (!missing) return body();
  if (REQUIRED) test(`${what} is up (REPRO_CI_SERVICES=1)`, () => {
    throw new Error(`CI says ${what} should be running, but: ${missing}`);
  });
  else test.skip(`${what} tests (${missing})`, () => {});
}

/** Jobs of any user still queued or running with this working directory. */
export function activeJobs(workdir: string): string[] {
  const r = spawnSync('squeue', ['-h', '-r', '-t', 'PD,R,CG,CF,S', '-o', '%i|%Z|%T|%j'], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l.split('|')[1] === workdir);
}

/** The running array tasks (job ids) of jobs whose working directory is `workdir`. */
export function runningTasks(workdir: string): string[] {
  return activeJobs(workdir).filter((l) => l.split('|')[2] === 'RUNNING').map((l) => l.split('|')[0]!);
}
