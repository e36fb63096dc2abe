import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDigitsCsv } from '../../../science/datasets/index.ts';
import { gz } from './fixtures.ts';

const test = suite('science/datasets/parse-digits-csv');

const row = (k: number) => [...Array.from({ length: 64 }, (_, j) => (j + k) % 17), k].join(',');
const csv = new TextEncoder().encode(`${row(1)}\n${row(2)}\r\n${row(3)}\n`);

test('plain and gzipped CSV parse to n × 64 pixels and labels', () => {
  for (const b of [csv, gz(csv)]) {
    const s = parseDigitsCsv(b, 'd.csv');
    assert.is(s.n, 3);
    assert.is(s.d, 64);
    assert.is(s.max, 16);
    assert.equal(Array.from(s.labels), [1, 2, 3]);
    assert.is(s.pixels[64 + 10], 12);
  }
});

test('the shipped data/digits.csv.gz: 1797 × 64, labels 0…9', () => {
  const s = parseDigitsCsv(readFileSync('data/digits.csv.gz'), 'data/digits.csv.gz');
  assert.is(s.n, 1797);
  assert.is(s.labels.reduce((a, l) => a + (l === 0 ? 1 : 0), 0), 178);
});

test('wrong field count, out-of-range value and truncated gzip are clear errors', () => {
  assert.throws(() => parseDigitsCsv(new TextEncoder().encode('1,2,3\n'), 'd.csv'), /^d\.csv: line 1: expected 65 comma-separated fields/);
  assert.throws(() => parseDigitsCsv(new TextEncoder().encode(['17', ...row(1).split(',').slice(1)].join(',')), 'd.csv'), /line 1, field 1: expected an integer in 0…16, got '17'/);
  const z = gz(csv);
  assert.throws(() => parseDigitsCsv(z.subarray(0, z.length - 10), 'd.csv.gz'), /^d\.csv\.gz: expected a complete gzip stream/);
});

test.run();
