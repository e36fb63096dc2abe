/**
 * Figure specs: a golden spec per figure kind (test/report/specs/golden/, rewrite
 * with UPDATE_GOLDEN=1 after an intended change and review the diff), and every
 * spec the fixtures produce is valid against vega-lite's schema and compiles
 * without warnings — vega-lite's own examples test, applied to ours.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { FigureData } from '../../../report/figure-data.ts';
import { preparePlotData } from '../../../report/plot-data.ts';
import { seriesStyle } from '../../../report/specs/common.ts';
import { buildSpec, checkDeviations } from '../../../report/specs/index.ts';
import { schemaErrors, validateSpec } from '../../../report/validate.ts';
import { allFixtures, curvesFixture, heatmapFixture, tableFixture } from '../fixtures.ts';

const test = suite('report/specs');
const GOLDEN = join(import.meta.dirname, 'golden');

const small: Record<string, FigureData> = {
  curves: curvesFixture('p1-e1', { xs: [0.5, 2], theoryPoints: 3, instances: true }),
  'curves-panels': curvesFixture('p3-r1', { xs: [1, 10], theoryPoints: 2, logX: true, panels: ['c1', 'c2'], f: (t, p) => 1 / (t + p) }),
  heatmap: heatmapFixture('p2-f3', ['SR p=0.4', 'BG p=0.3'], 2),
  table: tableFixture('p1-e3'),
};

for (const [name, fig] of Object.entries(small)) {
  test(`golden spec: ${name}`, () => {
    const spec = buildSpec(preparePlotData(fig).plot);
    const file = join(GOLDEN, `${name}.vl.json`);
    const text = `${JSON.stringify(spec, null, 1)}\n`;
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, text);
    assert.fixture(text, readFileSync(file, 'utf8'));
    assert.equal(schemaErrors(spec!), []);
  });
}

test('every spec of every fixture figure is valid Vega-Lite and compiles without warnings', () => {
  for (const fig of allFixtures()) {
    const spec = buildSpec(preparePlotData(fig).plot);
    assert.ok(spec, `${fig.id}: no spec`);
    const v = validateSpec(spec!);
    assert.ok(v.ok, `${fig.id}: ${v.ok ? '' : v.errors.join('; ')}`);
    assert.equal(v.ok && v.warnings, [], `${fig.id} warnings`);
  }
});

test('a broken spec is reported with its schema path, not thrown', () => {
  const v = validateSpec({ mark: 'pie-chart', data: { values: [] } });
  assert.not.ok(v.ok);
  assert.ok(!v.ok && v.errors.length > 0 && v.errors.some((e) => e.startsWith('/mark')), JSON.stringify(v));
});

test('table charts place only checks with a numeric target and tolerance, as (measured − target) / tolerance', () => {
  const d = checkDeviations(tableFixture('p1-e3').checks);
  assert.equal(d.map((c) => c.name), ['max |G_ij|, i ≠ j', 'eigenvalues of B̂ᵀB̂ at r = 2', 'off-diagonal RMS']);
  assert.ok(Math.abs(d[2]!.deviation - (0.0131 - 0.0101) / 0.002) < 1e-12);
  assert.is(d[2]!.status, 'fail');
  assert.is(buildSpec(preparePlotData({ ...tableFixture('p1-e3'), checks: [] }).plot), undefined);
});

test('series style: theory lines, experiments markers in their reference colour, no two series alike, legend grouped by pair', () => {
  const rows = [
    ...['ODE', 'R_d d=100', 'R_d d=200'].map((series) => ({ series, kind: 'theory' })),
    ...['SGD d=100', 'SGD d=200', 'SGD d=400', 'other'].map((series) => ({ series, kind: 'experiment' })),
  ];
  const pairs = [
    { series: 'SGD d=100', theory: 'ODE' },
    { series: 'SGD d=200', theory: 'ODE' },
    { series: 'SGD d=400', theory: 'R_d d=200' },
  ];
  const st = seriesStyle(rows, pairs);
  assert.equal(st.domain, ['ODE', 'SGD d=100', 'SGD d=200', 'R_d d=100', 'R_d d=200', 'SGD d=400', 'other']);
  for (const t of ['ODE', 'R_d d=100', 'R_d d=200']) assert.is(st.shape.get(t), 'stroke');
  for (const { series: e, theory: t } of pairs) {
    assert.is.not(st.shape.get(e), 'stroke');
    assert.is(st.color.get(e), st.color.get(t));
  }
  const looks = st.domain.map((s) => `${st.color.get(s)} ${st.shape.get(s)}`);
  assert.is(new Set(looks).size, looks.length, looks.join('; '));
});

test.run();
