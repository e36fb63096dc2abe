/**
 * Figure kind `heatmap`: a value over a grid (x, y), one panel per `panel`
 * (e.g. |B| of the learned encoder for three data models, P2 F3), with one
 * colour scale shared by all panels so they can be compared.
 *
 * Grid coordinates are ordinal: a heat map's cells are the points where the
 * value was computed, not a continuous range, and ordinal bands draw every cell
 * the same size whatever the spacing of the grid. Mark names: `heat_<i>`.
 *
 * A heat map has a cell per grid point (P2 F3 at d = 64: 3 × 64 × 64 cells), so the page
 * carries it by grid row: one record per (panel, y) with the row's x and value arrays, which
 * a `flatten` transform turns back into cells (a tenth of the bytes of a record per cell).
 */
import type { PlotData } from '../plot-data.ts';
import { CONFIG, SCHEMA, filterBy, rowFilter, type Spec } from './common.ts';
import type { FigureRow } from '../figure-data.ts';
import { instanceLookup, instanceTable, type InstanceEntry } from './instances.ts';

const CELL_SPAN = 250;

export function heatmapSpec(plot: PlotData): Spec {
  const panels: (string | undefined)[] = plot.panels.length ? plot.panels : [undefined];
  const size = panels.length === 1 ? 360 : CELL_SPAN;
  const cells = panels.map((panel, i) => panelSpec(plot, panel, i, size));
  const body = cells.length === 1 ? cells[0]! : { concat: cells, columns: 3, spacing: 20 };
  return {
    $schema: SCHEMA,
    config: CONFIG,
    datasets: gridRows(plot.rows),
    ...body,
    resolve: { scale: { color: 'shared' } },
  };
}

function panelSpec(plot: PlotData, panel: string | undefined, i: number, size: number): Spec {
  const ordinalAxis = (label: string) => ({ title: label, labelOverlap: 'parity', labelAngle: 0, ticks: false, grid: false });
  return {
    name: `heat_${i}`,
    width: size,
    height: size,
    data: { name: 'rows' },
    transform: [...filterBy(rowFilter(undefined, panel)), { flatten: ['x', 'value'] }, ...instanceLookup(plot.instance ?? plot.id)],
    ...(panel !== undefined ? { title: panel } : {}),
    mark: { type: 'rect', cursor: 'pointer' },
    encoding: {
      x: { field: 'x', type: 'ordinal', sort: 'ascending', axis: ordinalAxis(plot.x.label) },
      y: { field: 'y', type: 'ordinal', sort: 'descending', axis: ordinalAxis(plot.y.label) },
      color: {
        field: 'value',
        type: 'quantitative',
        scale: { scheme: 'viridis' },
        legend: { title: null, orient: 'right', direction: 'vertical', gradientLength: Math.min(size, 200) },
      },
      tooltip: [
        { field: 'x', type: 'quantitative', title: plot.x.label },
        { field: 'y', type: 'quantitative', title: plot.y.label },
        { field: 'value', type: 'quantitative' },
        { field: 'instance', type: 'nominal', title: 'instance (click: params, key)' },
      ],
    },
  };
}

/** The cells grouped by grid row: `{ panel?, y, ik?, x: [...], value: [...] }`, with the instance table. */
function gridRows(cells: readonly FigureRow[]): { rows: Spec[]; instances: InstanceEntry[] } {
  const { rows, instances } = instanceTable(cells);
  const byRow = new Map<string, { x: number[]; value: number[] } & Spec>();
  for (const c of rows as (Spec & { x: number; y: number; value?: number; panel?: string; ik?: number })[]) {
    const key = JSON.stringify([c.panel ?? null, c.y, c.ik ?? null]);
    let row = byRow.get(key);
    if (!row) {
      row = { ...(c.panel !== undefined ? { panel: c.panel } : {}), y: c.y, ...(c.ik !== undefined ? { ik: c.ik } : {}), x: [], value: [] };
      byRow.set(key, row);
    }
    row.x.push(c.x);
    row.value.push(c.value!); // plot-data keeps only cells with a finite value
  }
  return { rows: [...byRow.values()], instances };
}
