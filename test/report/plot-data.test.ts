import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { FigureData, FigureRow } from '../../report/figure-data.ts';
import * as message from '../../report/messages.ts';
import { preparePlotData, roundTo } from '../../report/plot-data.ts';

const test = suite('report/plot-data');

const fig = (rows: FigureRow[], o: Partial<FigureData> = {}): FigureData => ({
  id: 'p1-e1',
  paper: 1,
  title: 't',
  claim: 'c',
  kind: 'curves',
  x: { label: 'r' },
  y: { label: 'mse' },
  rows,
  checks: [],
  ...o,
});
const line = (series: string, pts: [number, number][], extra: Partial<FigureRow> = {}): FigureRow[] =>
  pts.map(([x, y]) => ({ series, kind: 'theory', x, y, ...extra }));

test('residual is experiment minus the linearly interpolated theory, bounds shifted alike', () => {
  const rows = [
    ...line('T', [[0, 0], [1, 2], [2, 4]]),
    { series: 'E', kind: 'experiment', x: 0.5, y: 1.5, y_lo: 1.25, y_hi: 1.75 } as FigureRow,
    { series: 'E', kind: 'experiment', x: 3, y: 6 } as FigureRow, // outside the theory's range: no residual
  ];
  const { plot } = preparePlotData(fig(rows));
  assert.equal(plot.residuals, [{ series: 'E', theory: 'T', x: 0.5, y: 0.5, y_lo: 0.25, y_hi: 0.75 }]);
});

test('on a log x axis the theory is interpolated in log x', () => {
  const rows = [...line('T', [[1, 0], [100, 2]]), { series: 'E', kind: 'experiment', x: 10, y: 1 } as FigureRow];
  const { plot } = preparePlotData(fig(rows, { x: { label: 't', scale: 'log' } }));
  assert.ok(Math.abs(plot.residuals[0]!.y) < 1e-12, `residual ${plot.residuals[0]!.y}`);
});

test('with several theory curves: the declared one wins, else the nearest, and the pair is named', () => {
  const theory = [...line('A', [[0, 0], [1, 0]]), ...line('B', [[0, 1], [1, 1]])];
  const near = preparePlotData(fig([...theory, { series: 'E', kind: 'experiment', x: 0.5, y: 0.9 }]));
  assert.is(near.plot.residuals[0]!.theory, 'B');
  assert.ok(Math.abs(near.plot.residuals[0]!.y - -0.1) < 1e-12);
  assert.ok(near.notes.includes(message.residualPair('E', 'B', 'nearest')));
  const declared = preparePlotData(fig([...theory, { series: 'E', kind: 'experiment', x: 0.5, y: 0.9, theory: 'A' }]));
  assert.is(declared.plot.residuals[0]!.theory, 'A');
  assert.ok(declared.notes.includes(message.residualPair('E', 'A', 'declared')));
});

test('an experiment named after a theory curve is paired with it, even when another curve is nearer', () => {
  const theory = [...line('L2', [[0, 1], [1, 1]]), ...line('L5', [[0, 2], [1, 2]]), ...line('ODE c1', [[0, 3], [1, 3]])];
  const exp = (series: string): FigureRow => ({ series, kind: 'experiment', x: 0.5, y: 1.1 });
  const { plot, notes } = preparePlotData(fig([...theory, exp('L5 (sim d=200)'), exp('SGD digits c1')]));
  assert.equal(plot.residuals.map((r) => [r.series, r.theory]), [['L5 (sim d=200)', 'L5'], ['SGD digits c1', 'ODE c1']]);
  assert.ok(notes.includes(message.residualPair('L5 (sim d=200)', 'L5', 'name')));
});

test('a theory row without a panel serves every panel', () => {
  const rows = [
    ...line('T', [[0, 1], [1, 1]]),
    { series: 'E', kind: 'experiment', x: 0.5, y: 1.25, panel: 'a' } as FigureRow,
    { series: 'E', kind: 'experiment', x: 0.5, y: 0.5, panel: 'b' } as FigureRow,
  ];
  const { plot } = preparePlotData(fig(rows));
  assert.equal(plot.panels, ['a', 'b']);
  assert.equal(plot.residuals.map((r) => [r.panel, r.y]), [['a', 0.25], ['b', -0.5]]);
});

test('rows a chart cannot draw are dropped with a note saying how many and why', () => {
  const rows = [...line('T', [[1, 1], [2, NaN], [0, 1], [3, -1]]), { series: 'E', kind: 'experiment', x: 1, y: 1, y_lo: -1, y_hi: 2 } as FigureRow];
  const { plot, notes } = preparePlotData(fig(rows, { x: { label: 'r', scale: 'log' }, y: { label: 'm', scale: 'log' } }));
  assert.is(plot.rows.length, 2);
  assert.equal(plot.rows[1], { series: 'E', kind: 'experiment', x: 1, y: 1 });
  assert.ok(notes.includes(message.droppedRows(1, 'a coordinate or value is not a finite number')));
  assert.ok(notes.includes(message.droppedRows(2, 'not positive on a log axis')));
});

test('a dense series is thinned to maxPoints evenly spaced points, keeping both ends', () => {
  const pts = Array.from({ length: 1001 }, (_, i) => [i / 1000, (i / 1000) ** 2] as [number, number]);
  const { plot, notes } = preparePlotData(fig(line('T', pts)), { maxPoints: 11 });
  assert.equal(plot.rows.map((r) => r.x), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  assert.equal(notes, [message.thinnedSeries('T', 1001, 11)]);
  assert.throws(() => preparePlotData(fig([]), { maxPoints: 1 }), /maxPoints must be an integer ≥ 2, got 1/);
});

test('numbers are rounded to the requested significant digits', () => {
  assert.is(roundTo(0.123456789, 5), 0.12346);
  assert.is(roundTo(-1234567, 3), -1230000);
  assert.is(roundTo(0, 5), 0);
  const { plot } = preparePlotData(fig(line('T', [[1 / 3, 2 / 3]])), { digits: 3 });
  assert.equal([plot.rows[0]!.x, plot.rows[0]!.y], [0.333, 0.667]);
});

test('heat maps keep every cell and get no residuals', () => {
  const rows: FigureRow[] = [0, 1].flatMap((x) => [0, 1].map((y) => ({ series: 'B', kind: 'experiment' as const, x, y, value: x + y })));
  const { plot } = preparePlotData(fig(rows, { kind: 'heatmap' }), { maxPoints: 2 });
  assert.is(plot.rows.length, 4);
  assert.equal(plot.residuals, []);
});

test.run();
