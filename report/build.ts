/**
 * The report compiler: collect → build specs → validate → assemble, one
 * function per phase (vega-lite's `compile()` runs normalise → build → parse →
 * optimise → assemble the same way). Pure apart from reading nothing: the
 * stage (stages/report.ts) gathers the inputs, this module returns the files.
 *
 *   collectFigures (collect.ts)  ctx.inputs  → CollectedFigure[]
 *   prepareFigure                FigureData  → PlotData (+ notes)        [plot-data.ts]
 *   buildSpec     (specs/)       PlotData    → Vega-Lite spec
 *   validateSpec  (validate.ts)  spec        → Vega spec or errors
 *   assembleReport (html/)       everything  → index.html
 */
import type { Spec as VegaSpec } from 'vega';
import type { CollectedFigure } from './collect.ts';
import { compareFigure, type FigureComparison } from './compare.ts';
import type { FigureData } from './figure-data.ts';
import { assemblePage, type PageScripts } from './html/page.ts';
import * as message from './messages.ts';
import { preparePlotData, type PlotData, type PlotDataOptions } from './plot-data.ts';
import { renderSvg } from './render-svg.ts';
import { buildSpec, type Spec } from './specs/index.ts';
import { validateSpec } from './validate.ts';

/** Facts about the run shown at the top of the report. */
export interface RunFacts {
  /** The params profile (`quick`, `paper`), when the engine exposes it. */
  profile?: string;
  /** The compute backend(s) the upstream stages recorded (`ctx.record({ compute })`), when visible. */
  compute?: string;
  /** e.g. `linux x64, 2 × AMD EPYC 7763, 7.8 GB`. */
  machine: string;
  node: string;
  /** Sum of the figure stages' recorded run times. */
  stageSeconds: number;
  git?: { commit: string; dirty: boolean };
  generatedAt: string;
}

/** One figure after the build and validate phases. */
export interface BuiltFigure {
  collected: CollectedFigure;
  /** The plotted data (absent when the figure is missing or invalid). */
  plot?: PlotData;
  /** The validated Vega-Lite spec, and its Vega compilation (absent when there is nothing to chart or it failed). */
  spec?: Spec;
  vega?: VegaSpec;
  /** Everything the reader should know about this figure: collect notes, then build notes. */
  notes: string[];
  /** In a comparison (`npm run report -- --compare REV`): what changed since REV. */
  compare?: FigureComparison;
}

export interface ReportFiles {
  html: string;
  /** `data/<id>.json` bodies. */
  data: Map<string, PlotData>;
  /** `figures/<id>.svg` bodies. */
  svgs: Map<string, string>;
  figures: BuiltFigure[];
}

/** The figure data at an earlier revision, or why there is none. */
export type ThenSource = { found: true; data: FigureData } | { found: false; reason: string };

export interface CompareWith {
  /** How the earlier revision is named on the page (`HEAD~1`, a lock file). */
  rev: string;
  then(id: string): ThenSource;
}

export interface BuildOptions extends PlotDataOptions {
  /** Render the server-side SVGs. @default true */
  svg?: boolean;
  /** Overlay each figure's data at an earlier revision where it differs. */
  compare?: CompareWith;
}

/** Phases 2 and 3 for one figure. */
export function buildFigure(collected: CollectedFigure, options: BuildOptions = {}): BuiltFigure {
  const notes = [...collected.notes];
  if (!collected.explicit) return { collected, notes };
  const { plot, notes: prepNotes } = preparePlotData(collected.explicit, options);
  if (collected.implicit) plot.instance = collected.implicit.instanceId;
  notes.push(...(collected.explicit.notes ?? []), ...prepNotes);
  const compare = options.compare && comparison(options.compare, plot, options);
  if (compare?.overlay.length && plot.kind === 'curves') plot.then = compare.overlay;
  const withCompare = compare ? { compare } : {};
  const spec = buildSpec(plot);
  if (!spec) return { collected, plot, notes, ...withCompare };
  const checked = validateSpec(spec);
  if (!checked.ok) return { collected, plot, notes: [...notes, message.invalidSpec(collected.id, checked.errors.join('; '))], ...withCompare };
  return { collected, plot, spec, vega: checked.vega, notes, ...withCompare };
}

function comparison(c: CompareWith, now: PlotData, options: PlotDataOptions): FigureComparison {
  const src = c.then(now.id);
  if (!src.found) return compareFigure(c.rev, now, src);
  try {
    return compareFigure(c.rev, now, { found: true, plot: preparePlotData(src.data, options).plot });
  } catch (e) {
    return compareFigure(c.rev, now, { found: false, reason: `its figure data at ${c.rev} cannot be plotted (${(e as Error).message})` });
  }
}

export async function buildReport(collected: CollectedFigure[], run: RunFacts, scripts: PageScripts, options: BuildOptions = {}): Promise<ReportFiles> {
  // A bug in one figure's build must not take the page down: it becomes that figure's note.
  const figures = collected.map((c): BuiltFigure => {
    try {
      return buildFigure(c, options);
    } catch (e) {
      return { collected: c, notes: [...c.notes, message.buildFailed(c.id, (e as Error).message)] };
    }
  });
  const data = new Map(figures.flatMap((f) => (f.plot ? [[f.collected.id, f.plot] as const] : [])));
  const svgs = new Map<string, string>();
  if (options.svg ?? true) {
    for (const f of figures) {
      if (!f.vega) continue;
      try {
        svgs.set(f.collected.id, await renderSvg(f.vega));
      } catch (e) {
        f.notes.push(message.svgFailed(f.collected.id, (e as Error).message));
      }
    }
  }
  return { html: assemblePage(figures, run, scripts), data, svgs, figures };
}
