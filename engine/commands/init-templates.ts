/**
 * The files `repro init` writes: a two-stage pipeline that runs at once and shows every
 * feature a new project uses first (a grid over params, seeds, an upstream read through an
 * exported output type, a published result, a declared profile, a schema).
 */

export const PIPELINE = `/**
 * The pipeline: stage modules in the order they are listed (each runs after its deps).
 * Guide: node_modules/repro/docs/engine.md
 */
import { definePipeline } from 'repro';

export default definePipeline({
  stages: ['stages/simulate.ts', 'stages/summarize.ts'],
});
`;

export const SIMULATE = `/**
 * One Monte Carlo estimate of π per seed in params.simulate.seeds: the fraction of
 * \`samples\` random points of the unit square inside the quarter disc, times 4.
 */
import { defineStage } from 'repro';

/** What this stage writes to estimate.json. Readers import this type instead of re-declaring it. */
export interface Estimate {
  seed: number;
  samples: number;
  pi: number;
}

export default defineStage({
  name: 'simulate',
  description: 'a Monte Carlo estimate of π per seed',
  // One instance per seed. Grid values are part of each instance's id: simulate[seed=1], …
  grid: (p) => p.simulate.seeds.map((seed: number) => ({ seed })),
  run(ctx) {
    // Only the params a stage reads enter its key: editing summarize.digits never reruns this.
    const samples: number = ctx.params.simulate.samples;
    // ctx.seed derives from the global \`seed\` param, the stage name and the grid point.
    const random = mulberry32(ctx.seed);
    let inside = 0;
    for (let i = 1; i <= samples; i++) {
      const x = random();
      const y = random();
      if (x * x + y * y <= 1) inside++;
      if (i % 100_000 === 0) ctx.progress(i / samples);
    }
    const estimate: Estimate = { seed: Number(ctx.instance.seed), samples, pi: (4 * inside) / samples };
    ctx.writeJson('estimate.json', estimate);
  },
});

/** A small seeded generator (mulberry32): the same seed gives the same numbers everywhere. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
`;

export const SUMMARIZE = `/**
 * The mean of the estimates, its standard error and its distance to π, published to
 * results/summary.json after every run.
 */
import { defineStage } from 'repro';
import type { Estimate } from './simulate.ts';

export interface Summary {
  estimates: number;
  mean: number;
  standardError: number;
  error: number;
}

export default defineStage({
  name: 'summarize',
  description: 'mean and standard error of the π estimates',
  deps: ['simulate'],
  publish: 'results',
  run(ctx) {
    const pis = ctx.inputs('simulate').map((u) => u.json<Estimate>('estimate.json').pi);
    const n = pis.length;
    const mean = pis.reduce((s, x) => s + x, 0) / n;
    const variance = n > 1 ? pis.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) : 0;
    const digits: number = ctx.params.summarize.digits;
    const round = (x: number) => Number(x.toPrecision(digits));
    const summary: Summary = { estimates: n, mean: round(mean), standardError: round(Math.sqrt(variance / n)), error: round(Math.abs(mean - Math.PI)) };
    ctx.writeJson('summary.json', summary);
    ctx.log(\`π ≈ \${summary.mean} ± \${summary.standardError}\`);
  },
});
`;

export const PARAMS = {
  $schema: './params.schema.json',
  seed: 1,
  simulate: { seeds: [1, 2, 3, 4], samples: 200000 },
  summarize: { digits: 4 },
  profiles: { quick: { simulate: { seeds: [1, 2], samples: 10000 } } },
};

export const PARAMS_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'parameters',
  description: 'Every parameter of the pipeline; profiles are deep-merged over the top level and the result is validated against this schema.',
  type: 'object',
  additionalProperties: false,
  required: ['seed', 'simulate', 'summarize'],
  properties: {
    $schema: { type: 'string' },
    seed: { description: 'Global seed: every instance derives its own from it, its stage name and its grid point.', type: 'integer', minimum: 0 },
    simulate: {
      type: 'object',
      additionalProperties: false,
      required: ['seeds', 'samples'],
      properties: {
        seeds: { description: 'One estimate per seed.', type: 'array', items: { type: 'integer', minimum: 0 }, minItems: 1, uniqueItems: true },
        samples: { description: 'Random points per estimate.', type: 'integer', minimum: 1 },
      },
    },
    summarize: {
      type: 'object',
      additionalProperties: false,
      required: ['digits'],
      properties: { digits: { description: 'Significant digits in results/summary.json.', type: 'integer', minimum: 1, maximum: 17 } },
    },
    profiles: { description: 'Named partial overrides, selected with --profile NAME.', type: 'object', additionalProperties: { type: 'object' } },
    defaultProfile: { description: 'The profile used when no --profile is given.', type: 'string' },
  },
};

export const GITIGNORE = `node_modules/
# the store: results, run records, bundles (rebuilt from the code and params)
cache/
# published copies of results
results/
# lock files of profiles other than the default (smoke runs); commit repro.lock.json
/repro.*.lock.json
# generated by \`repro types\` (npm run typecheck)
params.gen.ts
`;

export const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    allowImportingTsExtensions: true,
    noEmit: true,
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    types: ['node'],
  },
  include: ['pipeline.ts', 'stages', 'params.gen.ts'],
};
