/**
 * Figure kind `curves`: theory as lines, experiments as points with error bars
 * (mean ± sd over seeds) on the same axes, and under it a residual panel
 * (experiment − theory) where a theory curve exists. Like vega-lite's
 * `compositemark/errorbar.ts`, one figure expands into plain layers.
 *
 * Mark names (`theory_<i>`, `bar_<i>`, `point_<i>`, `residual_<i>` for panel i)
 * let the browser test count the drawn items against reports/data/<id>.json.
 */
import type { PlotData } from '../plot-data.ts';
import { CONFIG, SCHEMA, filterBy, panelColumns, panelWidth, position, rowFilter, seriesScales, type Spec } from './common.ts';

const MAIN_HEIGHT = 280;
const RESIDUAL_HEIGHT = 90;

export function curvesSpec(plot: PlotData): Spec {
  const panels: (string | undefined)[] = plot.panels.length ? plot.panels : [undefined];
  const width = panelWidth(panels.length);
  const scales = seriesScales(plot.rows, plot.residuals);
  const cells = panels.map((panel, i) => panelSpec(plot, panel, i, width, scales));
  const body = cells.length === 1 ? cells[0]! : { concat: cells, columns: panelColumns(panels.length), spacing: 24 };
  return {
    $schema: SCHEMA,
    config: CONFIG,
    datasets: { rows: plot.rows, residuals: plot.residuals },
    ...body,
    resolve: { scale: { color: 'shared', shape: 'shared' }, legend: { color: 'shared', shape: 'shared' } },
  };
}

function panelSpec(plot: PlotData, panel: string | undefined, i: number, width: number, { color, shape }: { color: Spec; shape: Spec }): Spec {
  const hasResidual = plot.residuals.some((r) => panel === undefined || r.panel === undefined || r.panel === panel);
  const tooltip = [
    { field: 'series', type: 'nominal' },
    { field: 'x', type: 'quantitative', title: plot.x.label },
    { field: 'y', type: 'quantitative', title: plot.y.label },
  ];
  // Over a residual panel the x axis keeps its ticks and grid; its labels and title are the residual panel's.
  const x = position('x', plot.x, hasResidual ? { title: null, labels: false } : {});
  const y = position('y', plot.y);
  const main: Spec = {
    width,
    height: MAIN_HEIGHT,
    data: { name: 'rows' },
    ...(panel !== undefined ? { title: panel } : {}),
    layer: [
      {
        name: `theory_${i}`,
        transform: [{ filter: rowFilter('theory', panel) }],
        mark: { type: 'line', strokeWidth: 1.8, clip: true },
        encoding: { x, y, color },
      },
      {
        name: `bar_${i}`,
        transform: [{ filter: `${rowFilter('experiment', panel)} && isValid(datum.y_lo) && isValid(datum.y_hi)` }],
        mark: { type: 'rule', strokeWidth: 1.2, clip: true },
        encoding: { x, y: { ...position('y_lo', plot.y), title: plot.y.label }, y2: { field: 'y_hi' }, color },
      },
      {
        name: `point_${i}`,
        transform: [{ filter: rowFilter('experiment', panel) }],
        mark: { type: 'point', filled: true, size: 38, opacity: 0.95, clip: true },
        encoding: {
          x,
          y,
          color,
          shape,
          tooltip: [...tooltip, { field: 'y_lo', type: 'quantitative' }, { field: 'y_hi', type: 'quantitative' }, { field: 'n', type: 'quantitative', title: 'seeds' }],
        },
      },
    ],
  };
  if (!hasResidual) return main;

  const rx = position('x', plot.x);
  // '~g' keeps tiny residuals readable (8e-13, not 0.0000000000008).
  const ry = { field: 'y', type: 'quantitative', title: 'exp − theory', scale: { zero: true, nice: true }, axis: { format: '~g', tickCount: 4 } };
  const residual: Spec = {
    width,
    height: RESIDUAL_HEIGHT,
    data: { name: 'residuals' },
    transform: filterBy(rowFilter(undefined, panel)),
    layer: [
      { mark: { type: 'rule', color: '#777', strokeDash: [4, 3] }, encoding: { y: { datum: 0, type: 'quantitative' } } },
      {
        name: `residualbar_${i}`,
        transform: [{ filter: 'isValid(datum.y_lo) && isValid(datum.y_hi)' }],
        mark: { type: 'rule', strokeWidth: 1.2 },
        encoding: { x: rx, y: { ...ry, field: 'y_lo' }, y2: { field: 'y_hi' }, color },
      },
      {
        name: `residual_${i}`,
        mark: { type: 'point', filled: true, size: 30 },
        encoding: {
          x: rx,
          y: ry,
          color,
          shape,
          tooltip: [
            { field: 'series', type: 'nominal', title: 'experiment' },
            { field: 'theory', type: 'nominal' },
            { field: 'x', type: 'quantitative', title: plot.x.label },
            { field: 'y', type: 'quantitative', title: 'exp − theory' },
          ],
        },
      },
    ],
  };
  return { vconcat: [main, residual], spacing: 6, resolve: { scale: { x: 'shared' } } };
}
