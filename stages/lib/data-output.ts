/**
 * Glue shared by the `data-*` stages (not a stage itself): the grid over preprocessing variants,
 * reading a dataset file with its content hash, the split, and writing the outputs documented in
 * science/datasets/README.md.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { InstanceParams, StageContext } from '../../engine/stage.ts';
import {
  DatasetFormatError,
  preprocess,
  PREPS,
  selectRows,
  subsampleRows,
  trainTestSplit,
  type ImageSet,
  type Prep,
} from '../../science/datasets/index.ts';
import { createRng } from '../../science/numerics/rng.ts';

/** One instance per name in `preps`; `zca-mask` expands to one instance per p in `maskP`. */
export function prepGrid(preps: readonly string[], maskP: readonly number[]): InstanceParams[] {
  return preps.flatMap((prep): InstanceParams[] => (prep === 'zca-mask' ? maskP.map((p) => ({ prep, p })) : [{ prep }]));
}

/** A dataset file's bytes, failing with the path and what was expected when it is missing. */
export function readSource(path: string, expected: string, sources: Record<string, string>): Uint8Array {
  if (!existsSync(path) || !statSync(path).isFile()) throw new DatasetFormatError(path, `missing: expected ${expected}`);
  const bytes = readFileSync(path);
  sources[path] = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  return bytes;
}

/** The first of `names` present in `dir` (e.g. the plain and the gzipped idx file), or a clear error. */
export function findIn(dir: string, names: readonly string[]): string {
  for (const n of names) if (existsSync(`${dir}/${n}`)) return `${dir}/${n}`;
  throw new DatasetFormatError(`${dir}/${names[0]}`, `missing: expected one of ${names.join(', ')} in ${dir}`);
}

/** Rows split by `data.splitSeed` (same for every variant of a dataset), then capped (0 = no cap). */
export function splitRows(
  ctx: StageContext,
  all: ImageSet,
  testFraction: number,
  caps: { nTrain: number; nTest: number },
): { train: ImageSet; test: ImageSet } {
  const rng = createRng(ctx.params.data.splitSeed);
  const s = trainTestSplit(all.n, testFraction, rng);
  const train = selectRows(all, Array.from(subsampleRows(s.train.length, caps.nTrain, rng), (i) => s.train[i]!));
  const test = selectRows(all, Array.from(subsampleRows(s.test.length, caps.nTest, rng), (i) => s.test[i]!));
  return { train, test };
}

/** Official train and test sets capped to nTrain / nTest rows (seeded by `data.splitSeed`; 0 = all). */
export function capRows(
  ctx: StageContext,
  train: ImageSet,
  test: ImageSet,
  caps: { nTrain: number; nTest: number },
): { train: ImageSet; test: ImageSet } {
  const rng = createRng(ctx.params.data.splitSeed);
  return { train: selectRows(train, subsampleRows(train.n, caps.nTrain, rng)), test: selectRows(test, subsampleRows(test.n, caps.nTest, rng)) };
}

/** meta.json of every data stage (data-digits, data-mnist, …), as the stages that read them see it. */
export type DatasetMeta =
  | {
      available: true;
      name: string;
      prep: Prep;
      n_train: number;
      n_test: number;
      /** Pixels per image before preprocessing, and the dimension after it. */
      d_in: number;
      d: number;
      kept: number;
      nonzero: number;
      trace: number;
      scale: number;
      /** The zca-mask keep-probability (null for other preps). */
      p: number | null;
      preprocessing: string[];
      sources: Record<string, string>;
    }
  | { available: false; name: string; reason: string };

/** meta.json of a data instance that has its data (stages that need it to run read this). */
export type AvailableDataset = Extract<DatasetMeta, { available: true }>;

/** Preprocess as this instance's `prep` says and write train/test/labels/spectrum/eigvecs/mean/meta. */
export function writeDataset(
  ctx: StageContext,
  name: string,
  data: { train: ImageSet; test: ImageSet },
  sources: Record<string, string>,
): void {
  const prep = String(ctx.instance.prep) as Prep;
  if (!PREPS.includes(prep)) throw new RangeError(`${ctx.id}: unknown prep '${prep}', expected one of ${PREPS.join(', ')}`);
  const p = prep === 'zca-mask' ? Number(ctx.instance.p) : undefined;
  ctx.progress(0.1, 'preprocessing');
  const out = preprocess(data.train, data.test, {
    prep,
    relTol: ctx.params.data.pcaRelTol,
    eps: prep === 'zca' || prep === 'zca-mask' ? ctx.params.data.zcaEps : undefined,
    p,
    // The mask seed is the instance seed: independent masks per p, changed by the global seed.
    rng: p === undefined ? undefined : createRng(ctx.seed),
  });
  ctx.progress(0.9, 'writing');
  ctx.writeF64('train.f64', out.train);
  ctx.writeF64('test.f64', out.test);
  ctx.writeJson('labels-train.json', Array.from(data.train.labels));
  ctx.writeJson('labels-test.json', Array.from(data.test.labels));
  ctx.writeF64('spectrum.f64', out.spectrum);
  ctx.writeF64('eigvecs.f64', out.eigvecs);
  ctx.writeF64('mean.f64', out.mean);
  ctx.writeJson('meta.json', {
    available: true,
    name,
    prep,
    n_train: data.train.n,
    n_test: data.test.n,
    d_in: data.train.d,
    d: out.d,
    kept: out.kept,
    nonzero: out.nonzero,
    trace: out.trace,
    scale: out.scale,
    p: p ?? null,
    preprocessing: out.steps,
    sources,
  } satisfies DatasetMeta);
  ctx.log(`${name} ${prep}: ${data.train.n} train + ${data.test.n} test, d = ${out.d} (kept ${out.kept} of ${data.train.d})`);
}

/** An optional dataset that is not there: a successful instance whose meta says why. */
export function writeUnavailable(ctx: StageContext, name: string, reason: string): void {
  ctx.log(`skipped: ${reason}`);
  ctx.writeJson('meta.json', { available: false, name, reason } satisfies DatasetMeta);
}
