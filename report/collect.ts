/**
 * Phase 1 of the report: collect what the figure stages left.
 *
 * Each figure id becomes a `CollectedFigure`: `explicit` is what the figure
 * stage declared (its `FigureData`), `implicit` is what the engine knows about
 * how it was made (its `Provenance`) — the split vega-lite's `AxisComponent`
 * makes between user-set and derived properties. A missing, failed or
 * unreadable figure becomes a status with a sentence, never an exception.
 */
import type { InputProvenance, Provenance, Upstream } from '../engine/stage.ts';
import type { CheckStatus, FigureCheck, FigureData } from './figure-data.ts';
import * as message from './messages.ts';
import { PAPERS } from './papers.ts';

export type FigureStatus = 'ok' | 'stale' | 'missing' | 'invalid';

export interface CollectedFigure {
  id: string;
  paper: 1 | 2 | 3;
  status: FigureStatus;
  /** The figure stage's own output (absent when missing or invalid). */
  explicit?: FigureData;
  /** How it was made (absent when missing). */
  implicit?: FigureProvenance;
  /** Sentences for the reader: why it is missing, stale, or partly shown. */
  notes: string[];
}

/** The provenance a figure footnote shows. */
export interface FigureProvenance {
  instanceId: string;
  keyHash: string;
  outputs: { name: string; hash: string }[];
  params: Record<string, unknown>;
  codeHash: string;
  codeFiles: readonly string[];
  finishedAt: string;
  seconds: number;
  stale: boolean;
  /** Facts the instance recorded with `ctx.record` (e.g. compute), when the engine exposes them. */
  facts: Record<string, string | number | boolean>;
  /** The upstream results the figure was computed from (id, key, params read), as far as the engine records them. */
  inputs: InputProvenance[];
}

/** Read every figure of every paper through `read(id)` (the stage's `ctx.inputs`). */
export function collectFigures(read: (id: string) => readonly Upstream[]): CollectedFigure[] {
  return PAPERS.flatMap((p) => p.figures.map((id) => collectFigure(id, p.paper, read(id))));
}

export function collectFigure(id: string, paper: 1 | 2 | 3, found: readonly Upstream[]): CollectedFigure {
  const up = found[0];
  if (!up) return { id, paper, status: 'missing', notes: [message.missingFigure(id)] };
  const notes = found.length > 1 ? [message.severalInstances(id, found.length)] : [];
  const implicit = provenanceOf(up);
  if (implicit.stale) notes.push(message.staleFigure(id, implicit.finishedAt));
  let raw: unknown;
  try {
    raw = up.json('figure.json');
  } catch (e) {
    return { id, paper, status: 'invalid', implicit, notes: [...notes, message.invalidFigure(id, (e as Error).message)] };
  }
  const problem = figureDataProblem(raw, id);
  if (problem) return { id, paper, status: 'invalid', implicit, notes: [...notes, message.invalidFigure(id, problem)] };
  return { id, paper, status: implicit.stale ? 'stale' : 'ok', explicit: withNumbers(raw as FigureData), implicit, notes };
}

function provenanceOf(up: Upstream): FigureProvenance {
  const p: Provenance & { facts?: Record<string, string | number | boolean> } = up.provenance;
  return {
    instanceId: up.id,
    keyHash: p.keyHash,
    outputs: Object.entries(p.outputs)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, hash]) => ({ name, hash })),
    params: { ...p.params },
    codeHash: p.codeHash,
    codeFiles: p.codeFiles,
    finishedAt: p.finishedAt,
    seconds: p.seconds,
    stale: p.stale,
    facts: { ...(p.facts ?? {}) },
    inputs: [...(p.inputs ?? [])],
  };
}

/** The first thing wrong with a parsed figure.json, or undefined if it is a usable `FigureData`. */
export function figureDataProblem(v: unknown, id: string): string | undefined {
  if (typeof v !== 'object' || v === null) return 'not a JSON object';
  const f = v as Partial<FigureData>;
  if (f.id !== id) return `its id is ${JSON.stringify(f.id)}, expected "${id}"`;
  if (f.kind !== 'curves' && f.kind !== 'heatmap' && f.kind !== 'table') return `kind ${JSON.stringify(f.kind)} is not curves, heatmap or table`;
  if (typeof f.title !== 'string' || typeof f.claim !== 'string') return 'title and claim must be strings';
  if (!f.x || !f.y || typeof f.x.label !== 'string' || typeof f.y.label !== 'string') return 'x and y must be axes with a label';
  if (!Array.isArray(f.rows)) return 'rows is not an array';
  if (!Array.isArray(f.checks)) return 'checks is not an array';
  const bad = f.rows.findIndex((r) => typeof r !== 'object' || r === null || typeof r.series !== 'string' || (r.kind !== 'theory' && r.kind !== 'experiment'));
  if (bad >= 0) return `row ${bad} lacks a series name or a kind of theory/experiment`;
  const badCheck = f.checks.findIndex((c) => typeof c?.name !== 'string' || typeof c.pass !== 'boolean');
  if (badCheck >= 0) return `check ${badCheck} lacks a name or a boolean pass`;
  for (const [i, c] of f.checks.entries()) {
    const p = checkProblem(c);
    if (p) return `check ${i} (${JSON.stringify(c.name)}) ${p}`;
  }
  const badInstances = f.rows.findIndex((r) => r.instances !== undefined && !(Array.isArray(r.instances) && r.instances.every((x) => typeof x === 'string')));
  if (badInstances >= 0) return `row ${badInstances} has instances that are not a list of instance ids`;
  for (const axis of ['x', 'y'] as const) {
    const panels = f[axis]?.panels;
    if (panels !== undefined && (typeof panels !== 'object' || panels === null || Object.values(panels).some((l) => typeof l !== 'string'))) {
      return `${axis}.panels must map panel names to axis titles`;
    }
  }
  return undefined;
}

const STATUSES: readonly CheckStatus[] = ['pass', 'fail', 'not-evaluated', 'not-run'];
/** A number, or null where JSON wrote NaN or ±Infinity. */
const numeric = (v: unknown) => v === null || typeof v === 'number';

/** What is wrong with one check's fields (the contract in figure-data.ts), or undefined. */
function checkProblem(c: FigureCheck): string | undefined {
  if (c.status !== undefined && !STATUSES.includes(c.status)) return `has status ${JSON.stringify(c.status)}, expected one of ${STATUSES.join(', ')}`;
  if (c.status !== undefined && c.pass !== (c.status === 'pass')) return `has status ${c.status} but pass ${c.pass}`;
  if (!numeric(c.measured)) return `has measured ${JSON.stringify(c.measured)}, expected a number (null when not run)`;
  if (!numeric(c.target) && typeof c.target !== 'string') return `has target ${JSON.stringify(c.target)}, expected a number or a description`;
  if (typeof c.tolerance !== 'number' && typeof c.tolerance !== 'string') return `has tolerance ${JSON.stringify(c.tolerance)}, expected a number or a description`;
  for (const k of ['deviation', 'margin'] as const) if (c[k] !== undefined && !numeric(c[k])) return `has ${k} ${JSON.stringify(c[k])}, expected a number`;
  for (const k of ['id', 'spec', 'reason'] as const) if (c[k] !== undefined && typeof c[k] !== 'string') return `has ${k} ${JSON.stringify(c[k])}, expected a string`;
  if ((c.status === 'not-run' || c.status === 'not-evaluated') && !c.reason) return `is ${c.status} without a reason`;
  return undefined;
}

/**
 * Numbers JSON could not hold, back as numbers: a null measured, target or deviation was
 * NaN (a check not run), a null margin was Infinity (a deviation against a zero band, or none).
 */
function withNumbers(f: FigureData): FigureData {
  const nan = (v: unknown) => (v === null ? NaN : v);
  return {
    ...f,
    checks: f.checks.map((c) => ({
      ...c,
      measured: nan(c.measured) as number,
      target: nan(c.target) as number | string,
      ...(c.deviation !== undefined ? { deviation: nan(c.deviation) as number } : {}),
      ...(c.margin !== undefined ? { margin: c.margin === null ? Infinity : c.margin } : {}),
    })),
  };
}
