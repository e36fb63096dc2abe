/**
 * What every figure spec shares: the look (a journal figure: boxed axes, light
 * grid, a colour-blind-safe palette) and small builders for encodings.
 *
 * Specs are built as plain JSON objects and checked against vega-lite's JSON
 * schema in the validate phase (report/validate.ts), the way vega-lite checks
 * its own examples; the TypeScript types of vega-lite's nested specs are too
 * generic to help here.
 */
import type { FigureAxis } from '../figure-data.ts';

/** A Vega-Lite spec or sub-spec, as plain data. */
export type Spec = Record<string, unknown>;

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Okabe–Ito, black first: theory curves come first in the domain and get the darkest colours. */
export const PALETTE = ['#000000', '#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#999999', '#F0E442'];

export const CONFIG: Spec = {
  background: 'white',
  padding: 8,
  font: 'Helvetica Neue, Helvetica, Arial, sans-serif',
  view: { stroke: '#333', strokeWidth: 0.8 },
  axis: {
    grid: true,
    gridColor: '#ececec',
    domain: false,
    tickColor: '#333',
    labelColor: '#222',
    titleColor: '#111',
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
  },
  legend: { labelFontSize: 11, labelLimit: 260, symbolSize: 70, orient: 'bottom', direction: 'horizontal', columns: 3, title: null },
  title: { fontSize: 12, fontWeight: 'bold', anchor: 'start', offset: 6 },
  header: { labelFontSize: 12 },
};

/** The filter expression for one kind of row in panel `panel` (rows without a panel appear in every panel); '' for all rows. */
export function rowFilter(kind: 'theory' | 'experiment' | undefined, panel: string | undefined): string {
  const parts: string[] = [];
  if (kind) parts.push(`datum.kind === '${kind}'`);
  if (panel !== undefined) parts.push(`(!datum.panel || datum.panel === ${JSON.stringify(panel)})`);
  return parts.join(' && ');
}

/** A transform list holding one filter, or none when there is nothing to filter. */
export function filterBy(expr: string): Spec[] {
  return expr ? [{ filter: expr }] : [];
}

/** A quantitative position channel on a figure axis (log scales from the FigureData). */
export function position(field: string, axis: FigureAxis, options: { title?: string | null; zero?: boolean; labels?: boolean } = {}): Spec {
  const log = axis.scale === 'log';
  const labels = options.labels === false ? { labels: false } : {};
  return {
    field,
    type: 'quantitative',
    title: options.title === undefined ? axis.label : options.title,
    // A log axis ends at the data (nice would stretch 50 to 100); a linear one gets round ends and few ticks.
    scale: log ? { type: 'log', nice: false, padding: 6 } : { zero: options.zero ?? false, nice: true },
    axis: log ? { format: '~g', tickCount: 6, ...labels } : { tickCount: 6, ...labels },
  };
}

/** Series colour: the domain fixes the order (and so the colour) of every series across panels. */
export function seriesColor(domain: readonly string[]): Spec {
  return { field: 'series', type: 'nominal', scale: { domain, range: PALETTE } };
}

/** Series in legend order: theory curves first, then experiments, each in order of appearance. */
export function seriesDomain(rows: readonly { series: string; kind: string }[]): string[] {
  const theory = rows.filter((r) => r.kind === 'theory').map((r) => r.series);
  const exp = rows.filter((r) => r.kind !== 'theory').map((r) => r.series);
  return [...new Set([...theory, ...exp])];
}

/** Width of one panel so that up to three panels fit the page's column. */
export function panelWidth(panels: number): number {
  return panels <= 1 ? 560 : panels === 2 ? 340 : 230;
}
