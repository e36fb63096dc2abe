/**
 * Phase 3 of the report: check every spec before it reaches a page, as vega-lite
 * checks its own examples (`examples/examples.test.ts`): validate against
 * vega-lite's JSON schema with ajv, then compile to Vega, collecting warnings.
 * A failure is a value that the report turns into a visible note.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import type { Spec as VegaSpec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Spec } from './specs/index.ts';

export type Validated = { ok: true; vega: VegaSpec; warnings: string[] } | { ok: false; errors: string[] };

let schemaValidator: ValidateFunction | undefined;

/** Vega-Lite's schema, compiled once per process (about a second). */
function vegaLiteSchema(): ValidateFunction {
  if (!schemaValidator) {
    const path = createRequire(import.meta.url).resolve('vega-lite/vega-lite-schema.json');
    // Formats (uri, color-hex) are not checked: ajv-formats is not a dependency and no spec uses them.
    // No ref inlining or code optimisation: on this 2 MB schema they triple the compile time
    // (about 2 s instead of 6 s measured here) for validations that take milliseconds either way.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, inlineRefs: false, code: { optimize: false } });
    schemaValidator = ajv.compile(JSON.parse(readFileSync(path, 'utf8')));
  }
  return schemaValidator;
}

/**
 * The spec with each named dataset cut to its first row: the schema says only that
 * rows are objects, and checking thousands of them costs more than the whole spec.
 */
function skeleton(spec: Spec): Spec {
  const datasets = spec.datasets as Record<string, unknown[]> | undefined;
  if (!datasets) return spec;
  return { ...spec, datasets: Object.fromEntries(Object.entries(datasets).map(([k, rows]) => [k, rows.slice(0, 1)])) };
}

/** Schema errors of a spec, as `path message` lines (empty when valid). */
export function schemaErrors(spec: Spec): string[] {
  const validate = vegaLiteSchema();
  if (validate(spec)) return [];
  return (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

export function validateSpec(spec: Spec): Validated {
  const errors = schemaErrors(skeleton(spec));
  if (errors.length) return { ok: false, errors };
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...a: unknown[]) => (warnings.push(a.join(' ')), logger),
    warn: (...a: unknown[]) => (warnings.push(a.join(' ')), logger),
    info: () => logger,
    debug: () => logger,
  };
  try {
    return { ok: true, vega: compile(spec as unknown as TopLevelSpec, { logger }).spec, warnings };
  } catch (e) {
    return { ok: false, errors: [(e as Error).message] };
  }
}
