import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { run } from '../../src/cli/run.js';
import { REPORT_FORMATS } from '../../src/report/formats.js';
import { DEMO, REPO, runCli, writeTree } from '../helpers.js';

describe('several reports from one scan', () => {
  test('-f sarif -o F -f markdown -o G -f text: two files and the text report on stdout', async () => {
    const out = writeTree({});
    const sarif = join(out, 'ztmm.sarif');
    const md = join(out, 'summary.md');
    const r = await runCli(['scan', DEMO, '-f', 'sarif', '-o', sarif, '-f', 'markdown', '-o', md, '-f', 'text']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ztmm \S+ · profile ztmm/);
    assert.equal((JSON.parse(readFileSync(sarif, 'utf8')) as { version: string }).version, '2.1.0');
    assert.match(readFileSync(md, 'utf8'), /```mermaid\n/);
  });
  test('two reports for stdout is a usage error (exit 2) that names them', async () => {
    const r = await runCli(['scan', DEMO, '-f', 'json', '-f', 'sarif']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'ztmm: only one report can go to stdout, but json and sarif have no --output\n');
  });
});

describe('ztmm report: re-rendering a saved JSON result', () => {
  test('every format is byte-identical to the same format from the scan itself', async () => {
    const out = writeTree({});
    const saved = join(out, 'ztmm.json');
    assert.equal((await runCli(['scan', DEMO, '-f', 'json', '-o', saved])).code, 0);
    for (const format of REPORT_FORMATS) {
      const direct = await runCli(['scan', DEMO, '-f', format]);
      const again = await runCli(['report', saved, '-f', format]);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(again.stdout, direct.stdout, `${format} differs`);
    }
  });
  test('the gate applies to a saved result', async () => {
    const saved = join(writeTree({}), 'ztmm.json');
    await runCli(['scan', DEMO, '-f', 'json', '-o', saved]);
    const r = await runCli(['report', saved, '--min-stage', 'optimal']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /gate: --min-stage optimal ✘/);
  });
  test('a file that is not a result: exit 2, one line with the file and the position or field', async () => {
    const dir = writeTree({ 'broken.json': '{\n  "schemaVersion": "1"\n  "tool": {}\n}\n', 'garbled.json': '{"tool": oops}', 'other.json': '{"schemaVersion": "2"}\n', 'partial.json': '{"schemaVersion": "1"}\n' });
    const broken = await runCli(['report', 'broken.json'], dir);
    assert.equal(broken.code, 2);
    assert.equal(broken.stderr, "ztmm: broken.json: not a ztmm JSON result (3:3: expected ',' or '}')\n");
    // V8 gives no position for this one; the message says what it can without quoting the file.
    assert.equal((await runCli(['report', 'garbled.json'], dir)).stderr, 'ztmm: garbled.json: not a ztmm JSON result (unexpected token)\n');
    const other = await runCli(['report', 'other.json'], dir);
    assert.equal(other.stderr, 'ztmm: other.json: result schemaVersion "2" is not one this ztmm reads ("1")\n');
    const partial = await runCli(['report', 'partial.json'], dir);
    assert.match(partial.stderr, /^ztmm: partial\.json: not a valid ztmm result: \/ must have required property 'tool'\n$/);
    const missing = await runCli(['report', 'nope.json'], dir);
    assert.equal(missing.stderr, 'ztmm: nope.json: cannot read the result (ENOENT)\n');
    assert.equal(missing.code, 2);
  });
});

describe('ztmm report: results from elsewhere', () => {
  async function saved(edit: (r: Record<string, unknown>) => void): Promise<string> {
    const dir = writeTree({});
    const file = join(dir, 'ztmm.json');
    await runCli(['scan', DEMO, '-f', 'json', '-o', file]);
    const result = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    edit(result);
    writeFileSync(file, JSON.stringify(result));
    return file;
  }
  test('a field added by a later minor version is ignored', async () => {
    const file = await saved((r) => {
      r.addedLater = { x: 1 };
      (r.summary as Record<string, unknown>).alsoNew = true;
    });
    const r = await runCli(['report', file, '-f', 'markdown']);
    assert.equal(r.code, 0, r.stderr);
  });
  test('a result that repeats an area or a rule is refused with the reason', async () => {
    const twice = await saved((r) => {
      const pillars = r.pillars as Record<string, unknown>[];
      pillars[1] = { ...pillars[0] };
    });
    assert.equal((await runCli(['report', twice])).stderr, `ztmm: ${twice}: not a valid ztmm result: /pillars has 2 rows for "identity" (needs exactly one)\n`);
    const rules = await saved((r) => {
      const list = r.rules as unknown[];
      list.push(list[0]);
    });
    assert.match((await runCli(['report', rules])).stderr, /\/rules lists CEN-001 twice\n$/);
  });
  test('a lone surrogate in a path (possible only by editing) renders in every format', async () => {
    const file = await saved((r) => {
      const findings = r.findings as { locations: { path: string }[]; outcome: string }[];
      const failing = findings.find((f) => f.outcome === 'fail' && f.locations.length > 0);
      if (failing?.locations[0]) failing.locations[0].path = 'a\ud800.yaml';
    });
    for (const format of REPORT_FORMATS) {
      const r = await runCli(['report', file, '-f', format]);
      assert.equal(r.code, 0, `${format}: ${r.stderr}`);
    }
  });
});

describe('progress on stderr', () => {
  async function scanWith(args: string[], stderrIsTTY: boolean): Promise<string> {
    let stderr = '';
    let t = 0;
    await run(['scan', DEMO, ...args], {
      stdout: () => undefined,
      stderr: (s) => (stderr += s),
      cwd: REPO,
      env: { NO_COLOR: '1' },
      stdoutIsTTY: false,
      stderrIsTTY,
      // Every reading of the clock is a second later, so the progress line's delay has passed.
      now: () => (t += 1000),
    });
    return stderr;
  }
  test('drawn on a terminal for a slow scan, and cleared', async () => {
    const stderr = await scanWith([], true);
    assert.match(stderr, /\r\u001b\[2Kztmm: reading files \d+\/\d+/);
    assert.ok(stderr.endsWith('\r\u001b[2K'));
  });
  test('never when stderr is not a terminal, with --quiet, or beside a machine format on stdout', async () => {
    assert.equal(await scanWith([], false), '');
    assert.equal(await scanWith(['--quiet'], true), '');
    assert.equal(await scanWith(['-f', 'sarif'], true), '');
    assert.match(await scanWith(['-f', 'sarif', '-o', join(writeTree({}), 'a.sarif')], true), /reading files/);
  });
});

describe('colour', () => {
  test('FORCE_COLOR colours a piped text report; NO_COLOR alone does not', async () => {
    let forced = '';
    await run(['scan', DEMO], { stdout: (s) => (forced += s), stderr: () => undefined, cwd: REPO, env: { FORCE_COLOR: '1' }, stdoutIsTTY: false });
    assert.ok(forced.includes('\u001b['));
    let plain = '';
    await run(['scan', DEMO], { stdout: (s) => (plain += s), stderr: () => undefined, cwd: REPO, env: { NO_COLOR: '1' }, stdoutIsTTY: true });
    assert.ok(!plain.includes('\u001b['));
  });
  test('never in a file, whatever FORCE_COLOR says', async () => {
    const file = join(writeTree({}), 'report.txt');
    await run(['scan', DEMO, '-o', file], { stdout: () => undefined, stderr: () => undefined, cwd: REPO, env: { FORCE_COLOR: '1' }, stdoutIsTTY: true });
    assert.ok(!readFileSync(file, 'utf8').includes('\u001b['));
  });
});

test('--profile takes the known profiles only', async () => {
  const r = await runCli(['scan', DEMO, '--profile', 'nope']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--profile <name>' argument 'nope' is invalid/);
});

