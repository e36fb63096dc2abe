/**
 * Site settings: how this machine reaches its cluster and its remote cache. They
 * belong to the lab, not to the pipeline, so they live in a config file, never in
 * pipeline.ts, and never enter a key: `$REPRO_SITE_CONFIG`, else
 * `~/.config/repro/site.json`. Secrets never go here (credentials come from the
 * environment: see engine/remote/).
 *
 *   {
 *     "slurm": { "partition": "short", "account": "lab", "qos": "normal",
 *                "sbatchFlags": ["--constraint=avx2"], "setup": ["module load nodejs/20"],
 *                "packSeconds": 60, "graceSeconds": 30,
 *                "time": { "factor": 3, "minSeconds": 300, "defaultSeconds": 3600 },
 *                "resources": { "p1-gd": { "time": "30m", "memMB": 4000 } } },
 *     "remote": { "url": "s3://lab-bucket/repro", "endpoint": "https://s3.lab.example", "region": "us-east-1" }
 *   }
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { SiteSlurm } from './slurm-batch.ts';
import type { SlurmTuning } from './slurm.ts';

export interface SiteRemote {
  /** `s3://bucket/prefix` or `http(s)://host/path`. */
  url?: string;
  /** S3 endpoint (default: $AWS_ENDPOINT_URL, else AWS). */
  endpoint?: string;
  region?: string;
}

export interface SiteConfig {
  slurm?: SiteSlurm & SlurmTuning;
  remote?: SiteRemote;
}

const str = { type: 'string' };
const pos = { type: 'number', exclusiveMinimum: 0 };
const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    slurm: {
      type: 'object',
      additionalProperties: false,
      properties: {
        partition: str,
        account: str,
        qos: str,
        node: str,
        sbatchFlags: { type: 'array', items: str },
        setup: { type: 'array', items: str },
        packSeconds: { type: 'number', minimum: 0 },
        packTargetSeconds: pos,
        graceSeconds: { type: 'number', minimum: 0 },
        pollSeconds: { type: 'array', items: pos, minItems: 2, maxItems: 2 },
        time: { type: 'object', additionalProperties: false, properties: { factor: pos, minSeconds: { type: 'number', minimum: 0 }, defaultSeconds: pos } },
        resources: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            properties: { cpus: { type: 'integer', minimum: 1 }, memMB: { type: 'integer', minimum: 1 }, time: { type: ['number', 'string'] } },
          },
        },
      },
    },
    remote: { type: 'object', additionalProperties: false, properties: { url: str, endpoint: str, region: str } },
  },
};

export class SiteError extends Error {}

export function sitePath(): string {
  return process.env.REPRO_SITE_CONFIG || join(homedir(), '.config', 'repro', 'site.json');
}

export function loadSite(path = sitePath()): SiteConfig {
  if (!existsSync(path)) return {};
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SiteError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const { default: Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  const validate = new Ajv({ allErrors: true, strict: false }).compile(SCHEMA);
  if (!validate(data)) {
    const e = validate.errors![0]!;
    const field = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(top level)';
    const extra = e.keyword === 'additionalProperties' ? ` '${(e.params as { additionalProperty: string }).additionalProperty}'` : '';
    throw new SiteError(`${path}: ${field} ${e.message}${extra}`);
  }
  return data as SiteConfig;
}
