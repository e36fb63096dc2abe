/**
 * The release and the store format are two things: the release is package.json's
 * version (recorded with results), the store format is what keys hold.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ENGINE_PACKAGE, ENGINE_VERSION } from '../../engine/version.ts';

const test = suite('engine/version');
const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { name: string; version: string };

test('ENGINE_VERSION and ENGINE_PACKAGE are package.json’s version and name', () => {
  assert.is(ENGINE_VERSION, pkg.version);
  assert.is(ENGINE_PACKAGE, pkg.name);
});

test.run();
