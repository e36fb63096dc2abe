/**
 * The `repro` command line. Each command has its own `--help`.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { workerScriptPath, runCommand } from './commands/run.ts';
import { dagText, statusCommand, verifyCommand, whyCommand } from './commands/inspect.ts';
import { collectGarbage, DEFAULT_GC, formatBytes, parseSize } from './gc.ts';
import { EXECUTORS, ExecutorError, type ExecutorKind } from './executors/choose.ts';
import { SiteError } from './executors/site.ts';
import { RemoteError } from './remote/backend.ts';
import { JsonReporter } from './logging/json.ts';
import { PlainReporter } from './logging/plain.ts';
import { TtyReporter } from './logging/tty.ts';
import { ParamsError } from './params.ts';
import { PlanError } from './plan.ts';
import { acquireLock } from './project-lock.ts';
import { openProject } from './project.ts';
import { UsageError } from './errors.ts';
import { lockedResults } from './locked.ts';
import { parseLock } from './record.ts';

const COMMON = `
Parameters (every command):
  --profile NAME     a profile declared in params.json's "profiles" (default: its "defaultProfile")
  --set a.b.c=VALUE  override one parameter (VALUE parsed as JSON, else a string); repeatable
  --params FILE      deep-merge a JSON file over params.json; repeatable
  -C, --root DIR     project root (default: current directory)
  --cache-dir DIR    the store, bundles included (default: <root>/cache)`;

const HELP: Record<string, string> = {
  main: `repro — a content-hashed pipeline engine for reproducible research

Usage: repro <command> [options]

Commands:
  init [dir]         scaffold a working project (pipeline.ts, two stages, params + schema)
  run [targets…]     bring targets (stage names or instance ids; default: all) up to date
  status [targets…]  every instance: fresh / stale / missing, with reasons
  why <instance>     every input that differs from the instance's last run
  show <instance> [output]  an instance's outputs (paths, hashes), or print one output
  dag                the stage graph (--format mermaid|dot|json)
  gc                 delete old results (keeps what the pipeline uses + the last N per instance)
  verify             re-hash every stored object and drop corrupt ones
  push [targets…]    upload current results to the remote cache ($REPRO_REMOTE)
  pull [targets…]    restore results whose key matches from the remote cache; run nothing
  types              generate the params type from params.schema.json (for tsc)

Run 'repro <command> --help' for a command's options.`,
  run: `Usage: repro run [targets…] [options]

Runs every stage instance of the targets (and their upstream) whose inputs changed:
its code (import closure), the params it read, the upstream outputs it read, its
declared files. Earlier results that match are restored without running.

Options:
  -j, --jobs N       instances run in parallel (default: number of cores)
  --dry-run          print what would run and why; run nothing
  --force            rerun the targets even if fresh
  --json             print a JSON summary on stdout
  --verify-determinism  rerun the targets in a scratch store and compare output hashes
  --no-gc            skip the automatic size-capped GC after the run
  --executor NAME    local (default: worker processes here) or slurm (sbatch array jobs on a
                     cluster sharing this directory; site settings: $REPRO_SITE_CONFIG or
                     ~/.config/repro/site.json, see README "Scale-out")
  --retries N        slurm: resubmit a job that hit its time or memory limit with twice as much, N times
  --requeue          slurm: let SLURM requeue a task whose node failed
  --remote           restore matching results from the remote cache before running
                     ($REPRO_REMOTE: s3://bucket/prefix or http(s)://host/path)
  --remote-write     with --remote: push every new result (the default when CI is set;
                     --remote-read-only turns it off)
  -v, --verbose      also list fresh instances${COMMON}`,
  push: `Usage: repro push [targets…]

Uploads the current result of every instance of the targets (default: all) to the remote
cache named by $REPRO_REMOTE (or remote.url in the site config): objects it lacks first
(cas/<hash>), then the run record, which is the commit: a failed upload is invisible.
Credentials come from the environment only (S3: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_SESSION_TOKEN, AWS_ENDPOINT_URL, AWS_REGION; HTTP: REPRO_REMOTE_TOKEN).${COMMON}`,
  pull: `Usage: repro pull [targets…]

Restores every instance whose current key matches a result on the remote cache, without
running anything. Every downloaded object is re-hashed and stored only if it matches its
name; a missing or corrupt one leaves the instance to run (with a warning).${COMMON}`,
  status: `Usage: repro status [targets…] [--json]

Prints every instance as fresh, stale or missing, with the reasons.${COMMON}`,
  why: `Usage: repro why <instance>

Lists every field that differs from the instance's last run, e.g.
  params.p1.lr 0.1→0.2 · code: science/linalg.ts changed · upstream p1-data[seed=0]: unchanged${COMMON}`,
  show: `Usage: repro show <instance> [output] [--lock FILE]

Without an output name: the instance's current outputs, their hashes and store paths, and
what produced them. With one: print that output (JSON and text as is).

  --lock FILE  the instance as recorded in another lock file (an earlier revision's, e.g.
               git show HEAD~1:repro.lock.json > old.lock.json), read from the local store;
               says which outputs the store no longer has. Nothing is run.${COMMON}`,
  dag: `Usage: repro dag [--format mermaid|dot|json]

Prints the stage graph (dashed: optional dependencies).${COMMON}`,
  gc: `Usage: repro gc [--dry-run] [--max-size 2GB] [--keep-last N]

Keeps every result the current pipeline uses plus the last N results per instance
(default ${DEFAULT_GC.keepLast}), then evicts least-recently-used objects down to the size cap
(default ${formatBytes(DEFAULT_GC.maxBytes)}). --dry-run lists what would go and the bytes freed.${COMMON}`,
  init: `Usage: repro init [dir] [--force]

Writes a small working project into dir (default: the current directory): pipeline.ts,
stages/simulate.ts and stages/summarize.ts, params.json with params.schema.json, a
quick profile, .gitignore and tsconfig.json; completes package.json ("type": "module",
scripts, devDependencies for typed params). Never overwrites a file unless --force.
\`repro run\` works there at once.`,
  types: `Usage: repro types [--out FILE] [--augment MODULE]

Generates the TypeScript type of the params stages see from params.schema.json (and the
keys params.json defines), and registers it with the engine, so that \`tsc\` rejects a
misspelt param path such as ctx.params.train.lrr. Needs json-schema-to-typescript
(npm install -D json-schema-to-typescript). Rerun it after editing the schema.

Options:
  --out FILE         the file to write (default: params.gen.ts)
  --augment MODULE   the module whose Register to augment (default: repro)
  -C, --root DIR     project root (default: current directory)`,
  verify: `Usage: repro verify

Re-hashes every stored object; corrupt ones are reported and removed, so their
stages rerun next time. Exits 1 if any was corrupt.${COMMON}`,
};

const options = {
  help: { type: 'boolean', short: 'h' },
  profile: { type: 'string' },
  set: { type: 'string', multiple: true },
  params: { type: 'string', multiple: true },
  root: { type: 'string', short: 'C' },
  'cache-dir': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  'dry-run': { type: 'boolean' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
  'verify-determinism': { type: 'boolean' },
  'no-gc': { type: 'boolean' },
  executor: { type: 'string' },
  retries: { type: 'string' },
  requeue: { type: 'boolean' },
  remote: { type: 'boolean' },
  'remote-write': { type: 'boolean' },
  'remote-read-only': { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  format: { type: 'string' },
  'max-size': { type: 'string' },
  'keep-last': { type: 'string' },
  out: { type: 'string' },
  augment: { type: 'string' },
  lock: { type: 'string' },
} satisfies ParseArgsConfig['options'];

function positiveInt(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} ${text}: expected a whole number`);
  return n;
}


function executorKind(name: string | undefined): ExecutorKind {
  if (name === undefined) return 'local';
  if (!(EXECUTORS as readonly string[]).includes(name)) throw new UsageError(`--executor ${name}: expected ${EXECUTORS.join(' or ')}`);
  return name as ExecutorKind;
}

/** `--lock FILE`, or a one-line usage error naming the file. */
function lockFile(path: string) {
  try {
    return parseLock(readFileSync(path, 'utf8'), path);
  } catch (e) {
    throw new UsageError((e as NodeJS.ErrnoException).code ? `cannot read ${path}: ${(e as NodeJS.ErrnoException).code}` : (e as Error).message);
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP[rest[0] ?? 'main'] ?? HELP.main);
    return 0;
  }
  if (command === '--version') {
    console.log((await import('./version.ts')).ENGINE_VERSION);
    return 0;
  }
  if (!HELP[command] || command === 'main') throw new UsageError(`unknown command '${command}'\n\n${HELP.main}`);
  const { values: v, positionals } = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  if (v.help) {
    console.log(HELP[command]);
    return 0;
  }
  const root = v.root ?? process.cwd();
  const open = { root, profile: v.profile, files: v.params, sets: v.set, cacheDir: v['cache-dir'] };
  const distDir = dirname(fileURLToPath(import.meta.url));
  switch (command) {
    case 'run': {
      if (v['verify-determinism']) {
        const { verifyDeterminism } = await import('./commands/determinism.ts');
        return verifyDeterminism({ ...open, targets: positionals, workerScript: workerScriptPath(distDir) });
      }
      const reporter = v.json ? new JsonReporter() : process.stderr.isTTY && !process.env.CI ? new TtyReporter() : new PlainReporter(undefined, v.verbose);
      try {
        const r = await runCommand({
          ...open,
          targets: positionals,
          jobs: Math.max(1, positiveInt('jobs', v.jobs, availableParallelism())),
          dryRun: !!v['dry-run'],
          force: !!v.force,
          reporter,
          workerScript: workerScriptPath(distDir),
          noGc: !!v['no-gc'],
          executor: executorKind(v.executor),
          retries: positiveInt('retries', v.retries, 0),
          requeue: !!v.requeue,
          remote: !!v.remote,
          remoteWrite: !!v['remote-write'] || (!!process.env.CI && !v['remote-read-only']),
        });
        return r.failed.length || r.counts.skipped ? 1 : 0;
      } finally {
        reporter.close();
      }
    }
    case 'status': {
      const rows = await statusCommand({ ...open, targets: positionals });
      if (v.json) console.log(JSON.stringify(rows, null, 2));
      else for (const r of rows) console.log(`${r.status.padEnd(7)} ${r.id}${r.reasons.length ? `  (${r.reasons.join('; ')})` : ''}`);
      return 0;
    }
    case 'why': {
      if (positionals.length !== 1) throw new UsageError(`repro why takes one instance id\n\n${HELP.why}`);
      for (const line of await whyCommand({ ...open, id: positionals[0]! })) console.log(line);
      return 0;
    }
    case 'show': {
      if (positionals.length < 1 || positionals.length > 2) throw new UsageError(`repro show takes an instance id and optionally an output name\n\n${HELP.show}`);
      const project = await openProject(open);
      const lock = v.lock ? lockFile(v.lock) : project.lock;
      const from = v.lock ? ` in ${v.lock}` : '';
      const entry = lock.instances[positionals[0]!];
      if (!entry) throw new UsageError(`'${positionals[0]}' has no result${from || ' yet (see `repro status`)'}`);
      const [result] = lockedResults(project.store, { version: 1, instances: { [entry.key.id]: entry } }, entry.key.id);
      const name = positionals[1];
      if (name) {
        const h = entry.outputs[name];
        if (!h) throw new UsageError(`'${positionals[0]}' has no output '${name}'${from} (it has: ${Object.keys(entry.outputs).join(', ')})`);
        if (result!.missing.includes(name)) throw new UsageError(`'${positionals[0]}' output '${name}'${from} (${h}) is not in the local store (removed by repro gc, or made elsewhere)`);
        process.stdout.write(readFileSync(project.store.objects.path(h)));
        return 0;
      }
      const rec = project.store.records.read(entry.key.id, entry.keyHash);
      console.log(`${entry.key.id}${from}  key ${entry.keyHash}${rec ? `  finished ${rec.recorded.finishedAt} in ${rec.recorded.seconds.toFixed(1)} s` : ''}`);
      for (const [n, h] of Object.entries(entry.outputs)) {
        console.log(`  ${n.padEnd(24)} ${h}  ${result!.missing.includes(n) ? '(not in the local store)' : project.store.objects.path(h)}`);
      }
      console.log(`  params read: ${JSON.stringify(entry.key.params)}`);
      return result!.missing.length ? 1 : 0;
    }
    case 'dag': {
      const format = (v.format ?? 'mermaid') as 'mermaid' | 'dot' | 'json';
      if (!['mermaid', 'dot', 'json'].includes(format)) throw new UsageError(`--format ${format}: expected mermaid, dot or json`);
      console.log(dagText((await openProject(open)).plan, format));
      return 0;
    }
    case 'gc': {
      const project = await openProject(open);
      const held = await acquireLock(project.store.dir, 'repro gc', (o) => console.error(`waiting for the project lock (${o})`));
      try {
        const r = collectGarbage(project, {
          dryRun: !!v['dry-run'],
          maxBytes: v['max-size'] ? parseSize(v['max-size']) : DEFAULT_GC.maxBytes,
          keepLast: positiveInt('keep-last', v['keep-last'], DEFAULT_GC.keepLast),
        });
        const verb = v['dry-run'] ? 'would remove' : 'removed';
        for (const o of r.objects) console.log(`${verb} ${o.hash} ${formatBytes(o.bytes)}`);
        console.log(`${verb} ${r.objects.length} objects (${formatBytes(r.freedBytes)}), ${r.records} run records, ${r.builds} old bundles; ${formatBytes(r.keptBytes)} kept`);
        return 0;
      } finally {
        held.release();
      }
    }
    case 'init': {
      if (positionals.length > 1) throw new UsageError(`repro init takes at most one directory\n\n${HELP.init}`);
      const { initProject, NEXT_STEPS } = await import('./commands/init.ts');
      const dir = resolve(root, positionals[0] ?? '.');
      const r = initProject(dir, { force: !!v.force });
      console.log(`wrote ${r.written.join(', ')} in ${dir}${NEXT_STEPS}`);
      return 0;
    }
    case 'types': {
      const { generateParamsTypes } = await import('./commands/types.ts');
      console.log(`wrote ${await generateParamsTypes({ root, out: v.out, augment: v.augment })}`);
      return 0;
    }
    case 'push': {
      const { pushCommand } = await import('./commands/remote.ts');
      const r = await pushCommand({ ...open, targets: positionals, reporter: new PlainReporter(), onPushed: (id, n) => console.log(`pushed ${id} (${n} new objects)`) });
      console.log(`${r.where}: ${r.records} results pushed (${r.objects} objects, ${formatBytes(r.bytes)}), ${r.already} already there${r.missing.length ? `, ${r.missing.length} without a current result` : ''}`);
      return 0;
    }
    case 'pull': {
      const reporter = process.stderr.isTTY && !process.env.CI ? new TtyReporter() : new PlainReporter(undefined, v.verbose);
      try {
        const r = await runCommand({ ...open, targets: positionals, jobs: 1, dryRun: false, force: false, reporter, workerScript: workerScriptPath(distDir), noGc: true, restoreOnly: true });
        return r.failed.length ? 1 : 0;
      } finally {
        reporter.close();
      }
    }
    case 'verify': {
      const r = await verifyCommand(open, (h) => console.log(`corrupt ${h} (removed; its stage reruns next time)`));
      console.log(`${r.checked} objects checked, ${r.corrupt} corrupt`);
      return r.corrupt ? 1 : 0;
    }
  }
  return 0;
}

export async function cli(argv: string[]): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (e) {
    if (e instanceof ParamsError || e instanceof PlanError || e instanceof UsageError || e instanceof ExecutorError || e instanceof SiteError || e instanceof RemoteError || ['TypesError', 'InitError'].includes((e as Error)?.name) || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`repro: ${(e as Error).message}`);
      process.exitCode = 2;
    } else {
      console.error(e);
      process.exitCode = 1;
    }
  }
}
