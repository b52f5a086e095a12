import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPORT_FORMATS } from '../../src/report/formats.js';
import { BIN, REPO, writeTree } from '../helpers.js';

/** One real process writing every format to files, from a given working directory and environment. */
function writeAll(cwd: string, root: string, env: Record<string, string>, extra: string[] = []): Record<string, Buffer> {
  const out = writeTree({});
  const args = REPORT_FORMATS.flatMap((f) => ['-f', f, '-o', join(out, `report.${f}`)]);
  const child = spawnSync(process.execPath, [BIN, 'scan', root, ...args, ...extra], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  assert.equal(child.status, 0, child.stderr);
  return Object.fromEntries(REPORT_FORMATS.map((f) => [f, readFileSync(join(out, `report.${f}`))]));
}

test('every format is byte-identical across runs, working directories, time zones, locales and --jobs', () => {
  const demo = join(REPO, 'fixtures', 'demo');
  const first = writeAll(REPO, 'fixtures/demo', { TZ: 'UTC', LANG: 'C' });
  const variants = [
    writeAll(REPO, 'fixtures/demo', { TZ: 'UTC', LANG: 'C' }),
    writeAll(join(REPO, 'fixtures'), 'demo', { TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8', LC_ALL: 'tr_TR.UTF-8' }),
    writeAll(demo, '.', { TZ: 'America/St_Johns', LANG: 'ja_JP.UTF-8' }, ['--jobs', '2']),
  ];
  for (const format of REPORT_FORMATS) {
    assert.ok((first[format]?.length ?? 0) > 0, `${format} is written`);
    for (const variant of variants) assert.ok(first[format]?.equals(variant[format] as Buffer), `${format} differs between runs`);
  }
});
