import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { esc, num, scriptJson, shortHash } from '../../../report/html/text.ts';

const test = suite('report/html/text');

test('numbers: 5 significant digits, powers of ten for very small and large magnitudes', () => {
  assert.is(num(0.36338012), '0.36338');
  assert.is(num(1e-6), '1×10<sup>-6</sup>');
  assert.is(num(-8.0412e-4), '-8.041×10<sup>-4</sup>');
  assert.is(num(2.5e7), '2.5×10<sup>7</sup>');
  assert.is(num(0), '0');
  assert.is(num('< 2e-3'), '&lt; 2e-3');
});

test('script JSON cannot close its script element', () => {
  assert.is(scriptJson({ s: '</script><script>alert(1)</script>' }), '{"s":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"}');
  assert.equal(JSON.parse(scriptJson({ s: '</script>' })), { s: '</script>' });
  assert.is(esc(`a<b & "c"`), 'a&lt;b &amp; &quot;c&quot;');
});

test('short hashes drop an algorithm prefix', () => {
  assert.is(shortHash('sha256:3f2a9c0d41b7e8aa'), '3f2a9c0d41');
  assert.is(shortHash('698b768fb43f0c712baf'), '698b768fb4');
});

test.run();
