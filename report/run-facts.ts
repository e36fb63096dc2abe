/**
 * What the top of a report states about the run, and the libraries the page inlines:
 * shared by the report stage (stages/report.ts) and `npm run report -- --compare`.
 */
import { readFileSync } from 'node:fs';
import { arch, cpus, platform, totalmem } from 'node:os';
import { resolve } from 'node:path';
import type { RunFacts } from './build.ts';
import type { CollectedFigure } from './collect.ts';
import type { PageScripts } from './html/page.ts';

/** Inlined into the page (and the schema every spec is checked against). */
export const LIBRARIES = {
  vega: 'node_modules/vega/build/vega.min.js',
  vegaLite: 'node_modules/vega-lite/build/vega-lite.min.js',
  vegaEmbed: 'node_modules/vega-embed/build/vega-embed.min.js',
} as const;
export const VEGA_LITE_SCHEMA = 'node_modules/vega-lite/build/vega-lite-schema.json';

export function readScripts(root: string): PageScripts {
  const read = (p: string) => readFileSync(resolve(root, p), 'utf8');
  return { vega: read(LIBRARIES.vega), vegaLite: read(LIBRARIES.vegaLite), vegaEmbed: read(LIBRARIES.vegaEmbed) };
}

/** Run facts from the figures' provenance and this machine; `git` as the caller found it. */
export function runFacts(figures: readonly CollectedFigure[], profile: unknown, git: RunFacts['git']): RunFacts {
  // The compute backends the figures' results came from, as their stages recorded them
  // (`compute`); an inherited fact lists several values one per line (engine/executor.ts inheritFacts).
  const compute = [...new Set(figures.flatMap((f) => (f.implicit?.facts.compute === undefined ? [] : String(f.implicit.facts.compute).split('\n'))))].sort();
  const cpu = cpus();
  return {
    ...(typeof profile === 'string' ? { profile } : {}),
    ...(compute.length ? { compute: compute.join('; ') } : {}),
    machine: `${platform()} ${arch()}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM`,
    node: process.version,
    stageSeconds: figures.reduce((s, f) => s + (f.implicit?.seconds ?? 0), 0),
    ...(git ? { git } : {}),
    generatedAt: new Date().toISOString(),
  };
}
