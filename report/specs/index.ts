/**
 * Phase 2 of the report: one Vega-Lite spec per figure, by figure kind.
 * Undefined means the figure has nothing to chart (a table of word-stated checks).
 */
import type { PlotData } from '../plot-data.ts';
import type { Spec } from './common.ts';
import { curvesSpec } from './curves.ts';
import { heatmapSpec } from './heatmap.ts';
import { tableSpec } from './table.ts';

export type { Spec } from './common.ts';
export { checkDeviations } from './table.ts';

export function buildSpec(plot: PlotData): Spec | undefined {
  switch (plot.kind) {
    case 'curves':
      return curvesSpec(plot);
    case 'heatmap':
      return heatmapSpec(plot);
    case 'table':
      return tableSpec(plot);
    default:
      return unreachable(plot.kind);
  }
}

function unreachable(x: never): never {
  throw new Error(`unknown figure kind ${JSON.stringify(x)}`);
}
