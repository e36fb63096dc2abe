/**
 * `npm run report -- --compare REV`: the report of the results recorded in the profile's
 * lock file, with each figure's data at REV (a git revision or a lock file) overlaid in grey
 * where it differs, each check's value then and now, and a list of what changed. Both sides
 * are read from the local store through the engine (engine/locked.ts); nothing is run, and
 * what the store no longer has is named on the page.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lockedResults } from '../engine/locked.ts';
import { openProject } from '../engine/project.ts';
import { buildReport, type ReportFiles, type ThenSource } from './build.ts';
import { collectFigure, collectFigures } from './collect.ts';
import { PAPERS } from './papers.ts';
import { lockAt, RevisionError } from './revision.ts';
import { readScripts, runFacts } from './run-facts.ts';
import { execFileSync } from 'node:child_process';

const HELP = `Usage: npm run report -- --compare REV [--profile NAME] [--out DIR] [-C ROOT]

Renders the report of the results recorded in the profile's lock file with each figure's
data at REV overlaid in grey where it differs, the checks' values then and now, and a
summary of the figures that changed. REV is a git revision (its committed lock file of the
same profile is read) or a lock file. Results are read from the local store; nothing is
rerun, and a result the store no longer has is listed as not comparable.

  --compare REV   git revision (HEAD~1, a tag, a commit) or path of a lock file
  --profile NAME  params profile whose lock file to read (default: the project's)
  --out DIR       where to write index.html and data/ (default: reports/compare)
  -C, --root DIR  project root (default: current directory)`;

const paperOf = new Map(PAPERS.flatMap((p) => p.figures.map((id) => [id, p.paper] as const)));

/** The comparison report of the profile's recorded results with those at `rev` (nothing written, nothing run). */
export async function compareReport(o: { root: string; rev: string; profile?: string }): Promise<{ report: ReportFiles; label: string; lockPath: string }> {
  const project = await openProject({ root: o.root, profile: o.profile });
  const then = lockAt(o.rev, project);
  const now = collectFigures((id) => lockedResults(project.store, project.lock, id).filter((r) => !r.missing.includes('figure.json')).map((r) => r.upstream));
  const thenOf = (id: string): ThenSource => {
    const [r] = lockedResults(project.store, then.lock, id);
    if (!r) return { found: false, reason: `${then.label} has no result for ${id}.` };
    if (r.missing.includes('figure.json')) {
      return { found: false, reason: `its result at ${then.label} (key ${r.entry.keyHash.slice(0, 10)}) is no longer in the local store (removed by repro gc, or made on another machine); nothing is rerun to compare.` };
    }
    const c = collectFigure(id, paperOf.get(id)!, [r.upstream]);
    return c.explicit ? { found: true, data: c.explicit } : { found: false, reason: c.notes.join(' ') };
  };
  let git: { commit: string; dirty: boolean } | undefined;
  try {
    git = { commit: execFileSync('git', ['-C', o.root, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(), dirty: false };
  } catch {
    git = undefined;
  }
  const report = await buildReport(now, runFacts(now, project.profile, git), readScripts(resolve(import.meta.dirname, '..')), { svg: false, compare: { rev: then.label, then: thenOf } });
  return { report, label: then.label, lockPath: project.lockPath };
}

export async function main(argv: string[]): Promise<number> {
  const { values: v } = parseArgs({
    args: argv,
    options: { compare: { type: 'string' }, profile: { type: 'string' }, out: { type: 'string' }, root: { type: 'string', short: 'C' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (v.help) {
    console.log(HELP);
    return 0;
  }
  if (!v.compare) {
    console.error(`report: --compare REV is required (to render the current report, run: npx repro run report)\n\n${HELP}`);
    return 2;
  }
  const root = resolve(v.root ?? process.cwd());
  const { report: out, label, lockPath } = await compareReport({ root, rev: v.compare, profile: v.profile });
  const dir = resolve(root, v.out ?? join('reports', 'compare'));
  rmSync(join(dir, 'data'), { recursive: true, force: true });
  mkdirSync(join(dir, 'data'), { recursive: true });
  for (const [id, plot] of out.data) writeFileSync(join(dir, 'data', `${id}.json`), `${JSON.stringify(plot)}\n`);
  writeFileSync(join(dir, 'index.html'), out.html);
  const compared = out.figures.filter((f) => f.compare);
  const changed = compared.filter((f) => f.compare!.found && f.compare!.changed).map((f) => f.collected.id);
  const lost = compared.filter((f) => !f.compare!.found);
  console.log(`compared ${relative(root, lockPath)} with ${label}: ${changed.length} changed${changed.length ? ` (${changed.join(', ')})` : ''}, ${compared.length - changed.length - lost.length} unchanged, ${lost.length} not comparable`);
  for (const f of lost) console.log(`  ${f.collected.id}: ${f.compare!.reason}`);
  console.log(`wrote ${join(dir, 'index.html')}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: Error) => {
      console.error(e instanceof RevisionError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? `report: ${e.message}` : e);
      process.exitCode = e instanceof RevisionError ? 2 : 1;
    },
  );
}
