import assert from 'node:assert/strict';
import { test } from 'node:test';
import { printable } from '../../src/util/printable.js';
import { runCli, writeTree } from '../helpers.js';

test('control characters become visible escapes; tabs and text stay', () => {
  assert.equal(printable('a\u001b[2Jb\nc\rd\te\u0007\u009b\u2028'), 'a\\u001b[2Jb\\nc\\rd\te\\u0007\\u009b\\u2028');
  assert.equal(printable('ré sumé 日本'), 'ré sumé 日本');
});

test('a file name with an escape sequence or a newline reaches neither the terminal report nor stderr raw', async () => {
  const root = writeTree({
    'evil\u001b]8;;http://x.test\u0007link\u001b]8;;\u0007.log': '{"ts":"2026-01-01T00:00:00Z","user":"a"}\n',
    'two\nlines.yaml': 'apiVersion: v1\nkind: Pod\nspec: [\n',
  });
  const r = await runCli(['scan', root]);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  for (const out of [r.stdout, r.stderr]) {
    assert.ok(!out.includes('\u001b'), 'no raw ESC');
    assert.ok(!out.includes('\u0007'), 'no raw BEL');
  }
  assert.match(r.stdout + r.stderr, /evil\\u001b\]8;;http/);
  const warnings = r.stderr.split('\n').filter(Boolean);
  assert.ok(warnings.every((l) => l.startsWith('ztmm: ')), `one line per warning: ${JSON.stringify(warnings)}`);
  assert.match(r.stderr, /two\\nlines\.yaml/);
});
