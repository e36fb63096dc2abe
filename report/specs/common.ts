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

/** Okabe–Ito (plus brown), black first: theory curves come first in the domain and get the darkest colours. */
export const PALETTE = ['#000000', '#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#999999', '#8C564B', '#F0E442'];

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
    // Padding keeps points at the ends of the domain whole; '~g' keeps labels short (0.3, not 0.300000).
    scale: log ? { type: 'log', nice: false, padding: 6 } : { zero: options.zero ?? false, nice: true, padding: 6 },
    axis: { format: '~g', tickCount: 6, ...labels },
  };
}

/** The legend symbol of a theory curve: a short line stroke (experiments get marker shapes). */
export const THEORY_SHAPE = 'stroke';

/** Marker shapes for experiments, in order of use. */
export const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'triangle-left', 'triangle-right'];

export interface SeriesStyle {
  /** Legend order: each theory curve followed by the experiments paired with it, then unpaired experiments. */
  domain: string[];
  color: Map<string, string>;
  shape: Map<string, string>;
  /** Experiment series → the theory series it is paired with (its residual's reference). */
  reference: Map<string, string>;
}

/**
 * Colour and shape of every series. Theory curves get distinct colours and the line
 * symbol; an experiment takes the colour of the theory curve it is paired with and a
 * marker shape no other series of that colour has; an unpaired experiment gets a colour
 * of its own. So no two series share colour and shape, and a pair shares a colour.
 */
export function seriesStyle(rows: readonly { series: string; kind: string }[], pairs: readonly { series: string; theory: string }[]): SeriesStyle {
  const theories = [...new Set(rows.filter((r) => r.kind === 'theory').map((r) => r.series))];
  const experiments = [...new Set(rows.filter((r) => r.kind !== 'theory').map((r) => r.series))].filter((s) => !theories.includes(s));
  const reference = new Map<string, string>();
  for (const p of pairs) if (!reference.has(p.series) && theories.includes(p.theory)) reference.set(p.series, p.theory);
  const color = new Map<string, string>();
  const shape = new Map<string, string>();
  const taken = new Set<string>(); // colour + shape
  const take = (s: string, c: string, shapes: readonly string[]) => {
    const free = shapes.find((sh) => !taken.has(`${c} ${sh}`)) ?? shapes[0]!;
    color.set(s, c);
    shape.set(s, free);
    taken.add(`${c} ${free}`);
  };
  let next = 0;
  const domain: string[] = [];
  for (const t of theories) {
    take(t, PALETTE[next++ % PALETTE.length]!, [THEORY_SHAPE, ...SHAPES]);
    domain.push(t);
    for (const e of experiments.filter((e) => reference.get(e) === t)) {
      take(e, color.get(t)!, SHAPES);
      domain.push(e);
    }
  }
  for (const e of experiments.filter((e) => !reference.has(e))) {
    take(e, PALETTE[next++ % PALETTE.length]!, SHAPES);
    domain.push(e);
  }
  return { domain, color, shape, reference };
}

/** The color and shape channels of a `SeriesStyle`, for every layer that draws series. */
export function seriesScales(style: SeriesStyle, legend: Spec | null): { color: Spec; shape: Spec } {
  const { domain } = style;
  const withLegend = legend === null ? { legend: null } : { legend };
  return {
    color: { field: 'series', type: 'nominal', scale: { domain, range: domain.map((s) => style.color.get(s)!) }, ...withLegend },
    shape: { field: 'series', type: 'nominal', scale: { domain, range: domain.map((s) => style.shape.get(s)!) }, ...withLegend },
  };
}

/** Panels per row: a 2 × 2 grid for four, else up to three in a row. */
export function panelColumns(panels: number): number {
  return panels === 4 ? 2 : Math.min(3, Math.max(1, panels));
}

/** Width of one panel so that a row of panels fits the page's column. */
export function panelWidth(panels: number): number {
  const columns = panelColumns(panels);
  return columns === 1 ? 560 : columns === 2 ? 340 : 210;
}
