/**
 * Figure kind `table`: the figure is its checks. The table itself is HTML (see
 * report/html/figure.ts); this chart shows each check whose target and tolerance
 * are numbers as its deviation (measured − target) / tolerance, against the grey
 * band [−1, 1] where it passes. Checks stated in words (`< 2e-3`) appear only in
 * the table. Mark name: `check_0`, one item per row of the `checks` dataset.
 */
import { checkStatus } from '../check-status.ts';
import type { CheckStatus, FigureCheck } from '../figure-data.ts';
import type { PlotData } from '../plot-data.ts';
import { CONFIG, SCHEMA, type Spec } from './common.ts';

export interface CheckDeviation {
  name: string;
  deviation: number;
  measured: number;
  target: number;
  tolerance: number;
  status: CheckStatus;
}

/** The checks this chart can place: numeric target and a positive numeric tolerance. */
export function checkDeviations(checks: readonly FigureCheck[]): CheckDeviation[] {
  return checks.flatMap((c) =>
    typeof c.target === 'number' && typeof c.tolerance === 'number' && c.tolerance > 0 && Number.isFinite(c.measured)
      ? [{ name: c.name, deviation: (c.measured - c.target) / c.tolerance, measured: c.measured, target: c.target, tolerance: c.tolerance, status: checkStatus(c) }]
      : [],
  );
}

/** Undefined when no check has a numeric target and tolerance. */
export function tableSpec(plot: PlotData): Spec | undefined {
  const checks = checkDeviations(plot.checks);
  if (!checks.length) return undefined;
  const y = { field: 'name', type: 'nominal', sort: null, title: null, axis: { labelLimit: 360, grid: false } };
  return {
    $schema: SCHEMA,
    config: CONFIG,
    datasets: { checks },
    data: { name: 'checks' },
    width: 360,
    height: { step: 22 },
    layer: [
      {
        mark: { type: 'rect', color: '#e8f3e8' },
        encoding: { x: { datum: -1, type: 'quantitative' }, x2: { datum: 1 } },
      },
      { mark: { type: 'rule', color: '#888' }, encoding: { x: { datum: 0, type: 'quantitative' } } },
      {
        name: 'check_0',
        mark: { type: 'point', filled: true, size: 60 },
        encoding: {
          x: { field: 'deviation', type: 'quantitative', title: '(measured − target) / tolerance', scale: { domainMin: -1.5, domainMax: 1.5, nice: true } },
          y,
          color: { field: 'status', type: 'nominal', scale: { domain: ['pass', 'fail', 'not-evaluated'], range: ['#1a7f37', '#cf222e', '#9a9a9a'] }, legend: null },
          tooltip: [
            { field: 'name', type: 'nominal' },
            { field: 'measured', type: 'quantitative' },
            { field: 'target', type: 'quantitative' },
            { field: 'tolerance', type: 'quantitative' },
            { field: 'status', type: 'nominal' },
          ],
        },
      },
    ],
  };
}
