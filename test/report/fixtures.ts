/**
 * Fixture figures for the report tests: all 18 ids with the shapes and sizes a
 * quick run produces (dense theory curves, experiment points over seeds, panels,
 * log time axes, heat maps, a checks-only table). The numbers follow the shape
 * of the specs' curves (e.g. LB(r) = 1 − 2r/π for r ≤ 1) but are not results.
 */
import type { FigureCheck, FigureData, FigureRow } from '../../report/figure-data.ts';
import { FIGURE_IDS } from '../../report/papers.ts';

/** A small deterministic noise source (the fixtures must not change between runs). */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

const lb = (r: number) => (r <= 1 ? 1 - (2 * r) / Math.PI : (1 - 2 / Math.PI) / r ** 0.9);

interface CurvesShape {
  panels?: string[];
  theoryPoints?: number;
  xs: number[];
  seeds?: number;
  logX?: boolean;
  logY?: boolean;
  /** Theory f(x, panel index). */
  f?: (x: number, p: number) => number;
  /** Each panel's own y title (panels showing different quantities). */
  yPanels?: Record<string, string>;
  /** Name, for each experiment point, the instances of a gridded stage behind it (`<id>-run[x=…,seed=…]`). */
  instances?: boolean;
}

export function curvesFixture(id: string, shape: CurvesShape, checks: FigureCheck[] = []): FigureData {
  const rnd = noise(id.length * 7919 + id.charCodeAt(id.length - 1));
  const { panels = [undefined as unknown as string], theoryPoints = 200, xs, seeds = 5, logX = false, logY = false, f = (x: number) => lb(x) } = shape;
  const rows: FigureRow[] = [];
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  panels.forEach((panel, p) => {
    const at = panel === undefined ? {} : { panel };
    for (let i = 0; i < theoryPoints; i++) {
      const x = logX ? lo * (hi / lo) ** (i / (theoryPoints - 1)) : lo + ((hi - lo) * i) / (theoryPoints - 1);
      rows.push({ series: 'theory', kind: 'theory', x, y: f(x, p), ...at });
    }
    for (const x of xs) {
      const y = f(x, p) * (1 + 0.01 * rnd()) + 0.002;
      const sd = Math.abs(0.004 * f(x, p)) + 1e-4;
      const instances = shape.instances ? { instances: Array.from({ length: seeds }, (_, s) => `${id}-run[x=${x},seed=${s}]`) } : {};
      rows.push({ series: 'experiment', kind: 'experiment', x, y, y_lo: y - sd, y_hi: y + sd, n: seeds, ...at, ...instances });
    }
  });
  return {
    id,
    paper: Number(id[1]) as 1 | 2 | 3,
    title: `Fixture ${id}`,
    claim: `The experiment of ${id} follows its theory curve.`,
    kind: 'curves',
    x: { label: logX ? 'time t' : 'rate r', scale: logX ? 'log' : 'linear' },
    y: { label: 'MSE per coordinate', scale: logY ? 'log' : 'linear', ...(shape.yPanels ? { panels: shape.yPanels } : {}) },
    rows,
    checks,
  };
}

export function heatmapFixture(id: string, panels: string[], n: number): FigureData {
  const rows: FigureRow[] = [];
  for (const panel of panels)
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) rows.push({ series: '|B|', kind: 'experiment', x: i, y: j, value: Math.abs(Math.cos(i * j + panel.length)) / (1 + Math.abs(i - j)), panel });
  return {
    id,
    paper: Number(id[1]) as 1 | 2 | 3,
    title: `Fixture ${id}`,
    claim: 'The learned encoder is a permutation for sparse data and a rotation otherwise.',
    kind: 'heatmap',
    x: { label: 'input coordinate j' },
    y: { label: 'code unit i' },
    rows,
    checks: [{ name: 'largest off-diagonal |B|', measured: 0.01, target: '< 0.05', tolerance: 'one-sided', pass: true }],
  };
}

export function tableFixture(id: string): FigureData {
  return {
    id,
    paper: Number(id[1]) as 1 | 2 | 3,
    title: `Fixture ${id}`,
    claim: 'The learned Gram matrix is the identity.',
    kind: 'table',
    x: { label: '' },
    y: { label: '' },
    rows: [],
    checks: [
      { name: 'max |G_ij|, i ≠ j', measured: 4e-4, target: 0, tolerance: 1e-3, pass: true },
      { name: 'eigenvalues of B̂ᵀB̂ at r = 2', measured: 2.004, target: 2, tolerance: 0.01, pass: true },
      { name: 'off-diagonal RMS', measured: 0.0131, target: 0.0101, tolerance: 0.002, pass: false },
      { name: 'weight tying ‖A − cBᵀ‖/‖A‖', measured: 0.003, target: '< 0.01', tolerance: 'one-sided', pass: true },
    ],
  };
}

const rates = [0.1, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];
const times = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50];

/** P3 panels: R1's show different quantities (a y title each), R2's one quantity per activation. */
const P3_PANELS: Record<string, Pick<CurvesShape, 'panels' | 'yPanels'>> = {
  'p3-r1': { panels: ['(a) R(t)', '(b) g_k(t)'], yPanels: { '(a) R(t)': 'R(t)', '(b) g_k(t)': 'gain g_k(t)' } },
  'p3-r2': { panels: ['tanh', 'erf', 'linear', 'relu'] },
};

/** Every figure, realistic for a quick run. */
export function allFixtures(): FigureData[] {
  return FIGURE_IDS.map((id) => {
    if (id === 'p1-e3') return tableFixture(id);
    if (id === 'p2-f3') return heatmapFixture(id, ['SR p=0.4', 'SR p=0.8', 'BG p=0.3'], 32);
    if (id === 'p1-e1')
      return curvesFixture(id, { xs: rates }, [
        { name: 'GD − LB at r = 0.5', measured: 2e-7, target: 0, tolerance: 1e-6, pass: true },
        { name: 'GD − LB at r = 4', measured: 0.00137, target: '0 < x < 2e-3', tolerance: 'range', pass: true },
      ]);
    if (id === 'p1-e2' || id.startsWith('p3'))
      return curvesFixture(id, { xs: times, logX: true, ...P3_PANELS[id], f: (t, p) => Math.exp(-t / (2 + p)) + 0.05 }, [
        { name: `${id}: R(10)`, measured: 0.1046, target: 0.1042, tolerance: 0.002, pass: true },
      ]);
    // P2 F2 and F4: panels of one quantity (one y title, repeated per panel).
    return curvesFixture(id, { xs: rates, panels: id === 'p2-f2' || id === 'p2-f4' ? ['p=0.3', 'p=0.6'] : undefined }, [
      { name: `${id}: loss at r = 1`, measured: 0.3651, target: 0.36338, tolerance: 0.003, pass: true },
    ]);
  });
}
