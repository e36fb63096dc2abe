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
import { CONFIG, SCHEMA, filterBy, panelColumns, panelWidth, position, rowFilter, seriesScales, seriesStyle, type SeriesStyle, type Spec } from './common.ts';
import { instanceLookup, instanceTable, withoutInstances } from './instances.ts';

const MAIN_HEIGHT = 280;
const RESIDUAL_HEIGHT = 90;

export function curvesSpec(plot: PlotData): Spec {
  const panels: (string | undefined)[] = plot.panels.length ? plot.panels : [undefined];
  const width = panelWidth(panels.length);
  const style = seriesStyle(plot.rows, plot.residuals);
  const scales = seriesScales(style, legendSpec(style));
  const cells = panels.map((panel, i) => panelSpec(plot, panel, i, width, scales));
  const body = cells.length === 1 ? cells[0]! : { concat: cells, columns: panelColumns(panels.length), spacing: 24 };
  const { rows, instances } = instanceTable(plot.rows);
  return {
    $schema: SCHEMA,
    config: CONFIG,
    datasets: { rows, instances, residuals: plot.residuals.map((r) => ({ ...r, pair: `${r.series} − ${r.theory}` })), ...(plot.then ? { then: withoutInstances(plot.then) } : {}) },
    ...body,
    // Merged with a single panel's own resolve (its main and residual plots share x), which this would replace.
    resolve: { scale: { ...(body.resolve as { scale?: Spec } | undefined)?.scale, color: 'shared', shape: 'shared' }, legend: { color: 'shared', shape: 'shared' } },
  };
}

/**
 * The figure's one legend: theory curves as line strokes, experiments as markers, each
 * theory followed by the experiments paired with it. Where the figure has several theory
 * curves, an experiment's label names its reference ("SGD d=100 vs ODE"), which is also
 * the pair its residual is taken against.
 */
function legendSpec(style: SeriesStyle): Spec {
  const theories = new Set(style.reference.values());
  const several = style.domain.length - style.reference.size > 1;
  // An experiment named after its reference ("L2 (sim d=200)" for "L2") needs no "vs".
  const labels = several ? [...style.reference].filter(([e, t]) => !e.startsWith(t)).map(([e, t]) => [e, `${e} vs ${t}`] as const) : [];
  const labelExpr = labels.reduceRight((rest, [from, to]) => `datum.label === ${JSON.stringify(from)} ? ${JSON.stringify(to)} : ${rest}`, 'datum.label');
  return {
    symbolStrokeWidth: 2,
    ...(labels.length && theories.size ? { labelExpr } : {}),
    columns: style.reference.size && style.domain.length > 3 ? 2 : 3,
  };
}

/** A panel's y title: its own quantity when the figure names one per panel. */
const yTitle = (plot: PlotData, panel: string | undefined) => (panel !== undefined && plot.y.panels?.[panel]) || plot.y.label;

function panelSpec(plot: PlotData, panel: string | undefined, i: number, width: number, { color, shape }: { color: Spec; shape: Spec }): Spec {
  const inPanel = (r: { panel?: string }) => panel === undefined || r.panel === undefined || r.panel === panel;
  const hasResidual = plot.residuals.some(inPanel);
  const yLabel = yTitle(plot, panel);
  // Over a residual panel the x axis keeps its ticks and grid; its labels and title are the residual panel's.
  const x = position('x', plot.x, hasResidual ? { title: null, labels: false } : {});
  const y = position('y', plot.y, { title: yLabel });
  const grey = '#9a9a9a';
  const then: Spec[] = plot.then?.some(inPanel)
    ? [
        {
          name: `then_${i}`,
          data: { name: 'then' },
          transform: [{ filter: rowFilter('theory', panel) }],
          mark: { type: 'line', strokeWidth: 1.6, strokeDash: [4, 3], color: grey, clip: true },
          encoding: { x, y, detail: { field: 'series' } },
        },
        {
          name: `thenpoint_${i}`,
          data: { name: 'then' },
          transform: [{ filter: rowFilter('experiment', panel) }],
          mark: { type: 'point', filled: false, size: 38, strokeWidth: 1.2, color: grey, clip: true },
          encoding: { x, y, tooltip: [{ field: 'series', type: 'nominal', title: 'earlier' }, { field: 'x', type: 'quantitative', title: plot.x.label }, { field: 'y', type: 'quantitative', title: yLabel }] },
        },
      ]
    : [];
  const main: Spec = {
    width,
    height: MAIN_HEIGHT,
    data: { name: 'rows' },
    ...(panel !== undefined ? { title: panel } : {}),
    layer: [
      ...then,
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
        encoding: { x, y: { ...position('y_lo', plot.y), title: yLabel }, y2: { field: 'y_hi' }, color },
      },
      {
        name: `point_${i}`,
        transform: [
          { filter: rowFilter('experiment', panel) },
          { calculate: 'isValid(datum.y_lo) && isValid(datum.y_hi) ? (datum.y_hi - datum.y_lo) / 2 : null', as: 'sd' },
          // The instance ids behind the point: its own list when the stage wrote one, else the figure's instance.
          ...instanceLookup(plot.instance ?? plot.id),
        ],
        mark: { type: 'point', filled: true, size: 38, opacity: 0.95, clip: true, cursor: 'pointer' },
        encoding: {
          x,
          y,
          color,
          shape,
          tooltip: [
            { field: 'series', type: 'nominal' },
            { field: 'x', type: 'quantitative', title: plot.x.label },
            { field: 'y', type: 'quantitative', title: yLabel },
            { field: 'sd', type: 'quantitative', title: '± sd' },
            { field: 'n', type: 'quantitative', title: 'seeds' },
            { field: 'instance', type: 'nominal', title: 'instance (click: params, key)' },
          ],
        },
      },
    ],
  };
  if (!hasResidual) return main;

  const rx = position('x', plot.x);
  // '~g' keeps tiny residuals readable (8e-13, not 0.0000000000008).
  // The residual's title names its reference when the panel has one (and it is short); else the legend's "vs" labels do.
  const refs = [...new Set(plot.residuals.filter(inPanel).map((r) => r.theory))];
  const ry = { field: 'y', type: 'quantitative', title: refs.length === 1 && refs[0]!.length <= 14 ? `exp − ${refs[0]}` : 'exp − reference', scale: { zero: true, nice: true }, axis: { format: '~g', tickCount: 4, titleLimit: RESIDUAL_HEIGHT + 40 } };
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
            { field: 'pair', type: 'nominal', title: 'residual' },
            { field: 'x', type: 'quantitative', title: plot.x.label },
            { field: 'y', type: 'quantitative', title: 'exp − theory' },
          ],
        },
      },
    ],
  };
  return { vconcat: [main, residual], spacing: 6, resolve: { scale: { x: 'shared' } } };
}
