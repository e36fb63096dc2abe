/**
 * The contract between figure stages and the report.
 *
 * Every figure of the three papers is made by one stage named after the figure
 * id (`p1-e1` … `p3-r6`) that writes `figure.json` holding a `FigureData`.
 * The report stage reads those and nothing else, so the science stages never
 * touch Vega-Lite and the report never touches the science.
 */

/** One plotted point, in long format. */
export interface FigureRow {
  /** Legend entry, e.g. `LB(r)` or `GD d=100`. */
  series: string;
  /** A theory curve is drawn as a line; an experiment as points (with error bars when y_lo/y_hi are set). */
  kind: 'theory' | 'experiment';
  x: number;
  y: number;
  /** Error bar bounds (mean ± sd over seeds). */
  y_lo?: number;
  y_hi?: number;
  /** For heat maps: the colour value at (x, y). */
  value?: number;
  /**
   * Optional panel (small multiples), e.g. `p=0.3`. In a figure with panels, a row
   * without one (e.g. a shared theory curve) is drawn in every panel.
   */
  panel?: string;
  /**
   * For an experiment row: the theory series its residual is taken against. When
   * absent, the report uses the panel's only theory series, else one the experiment's
   * name points to (same prefix or same last word), else the nearest one, and names
   * the pair it used under the figure.
   */
  theory?: string;
  /** Number of seeds or samples behind an experiment point. */
  n?: number;
  /**
   * The stage instance ids behind an experiment point (e.g. `p1-gd[d=100,r=0.5,seed=0]`),
   * shown when hovering over it. When absent the report names the figure's own instance.
   */
  instances?: string[];
}

/**
 * How a check came out:
 * - `pass` / `fail`: evaluated at a size where the spec's tolerance holds;
 * - `not-evaluated`: the run is smaller than the size at which the tolerance holds (a quick
 *   profile, say), so the value is shown but judged neither way;
 * - `not-run`: the input it needs is absent (e.g. a dataset that is not installed); `reason` says why.
 */
export type CheckStatus = 'pass' | 'fail' | 'not-evaluated' | 'not-run';

/** One check from a spec, evaluated on this run. */
export interface FigureCheck {
  /** Stable id from the paper's check table, e.g. `p1.e2.gap-flow-time`; unchanged when the wording changes. */
  id?: string;
  /** What is checked, e.g. `E1: GD − LB at r=0.5`. */
  name: string;
  /** The spec row it comes from, e.g. `P1 §4B E2`. */
  spec?: string;
  /** NaN when the check was not run. */
  measured: number;
  /** The target value, or a description such as `< 2e-3`. */
  target: number | string;
  /** The tolerance as stated by the spec, e.g. `1e-6` or `0 < x < 2e-3`. */
  tolerance: number | string;
  /** measured − target, when the target is a number. */
  deviation?: number;
  /**
   * How much of the tolerance is used: |deviation| / tolerance for a symmetric band, the used
   * fraction of the allowed side for an asymmetric one. ≤ 1 passes, > 1 fails.
   */
  margin?: number;
  /** Kept for readers of older figure.json files: true exactly when `status` is `pass`. */
  pass: boolean;
  /** When absent (older figure.json), `pass` decides between `pass` and `fail`. */
  status?: CheckStatus;
  /** For `not-evaluated` and `not-run`: why, in one line (e.g. `needs d ≥ 100, ran d = 40`). */
  reason?: string;
}

export interface FigureAxis {
  label: string;
  /** @default 'linear' */
  scale?: 'linear' | 'log';
  /**
   * In a figure with panels showing different quantities: each panel's own axis title, by
   * panel name (e.g. `{ '(a) R(t)': 'R(t)', '(b) g_k(t)': 'gain g_k(t)' }`). A panel not
   * listed gets `label`.
   */
  panels?: Record<string, string>;
}

export interface FigureData {
  /** Figure id, equal to the stage name: `p1-e1` … `p3-r6`. */
  id: string;
  paper: 1 | 2 | 3;
  title: string;
  /** One short paragraph: the claim this figure tests. */
  claim: string;
  /** `curves`: theory lines + experiment points; `heatmap`: value over (x, y); `table`: checks only. */
  kind: 'curves' | 'heatmap' | 'table';
  x: FigureAxis;
  y: FigureAxis;
  rows: FigureRow[];
  checks: FigureCheck[];
  /** Free-form notes shown under the figure (e.g. which dataset substituted for another). */
  notes?: string[];
}
