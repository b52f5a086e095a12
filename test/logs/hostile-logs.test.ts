/** Hostile and awkward log files: each case was a defect found by review; each must stay fixed. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, test } from 'node:test';
import { parseStructured } from '../../src/documents/yaml-document.js';
import { readLog } from '../../src/logs/read-log.js';
import { createBlockPool } from '../../src/logs/worker-pool.js';
import type { ScanResult } from '../../src/model/result.js';
import { runCli, writeTree } from '../helpers.js';

const json = (i: number): string => JSON.stringify({ '@timestamp': new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), 'ecs.version': '8.11', 'user.name': `u${i}`, 'event.action': 'read' });

describe('damaged files never end the scan', () => {
  const lines = Array.from({ length: 50_000 }, (_, i) => json(i)).join('\n');
  const gz = gzipSync(lines);
  const corrupt = Buffer.from(gz);
  for (let i = 0; i < 64; i++) corrupt[Math.floor(gz.length / 2) + i] = (corrupt[Math.floor(gz.length / 2) + i] ?? 0) ^ 0xff;
  const root = writeTree({ 'corrupt.log.gz': corrupt, 'truncated.log.gz': gz.subarray(0, Math.floor(gz.length * 0.6)), 'good.log': `${json(1)}\n${json(2)}\n` });

  test('a truncated gzip keeps what was read before the cut, with one parse error', async () => {
    const s = await readLog(join(root, 'truncated.log.gz'));
    assert.ok(s.events > 1000, `${s.events} events kept`);
    assert.equal(s.parseErrors, 1);
    assert.match(s.firstError?.message ?? '', /compressed stream is truncated or corrupt/);
  });
  test('a corrupt gzip keeps the events before the damage; the garbage after it is parse errors', async () => {
    const s = await readLog(join(root, 'corrupt.log.gz'));
    assert.ok(s.events > 1000, `${s.events} events kept`);
    assert.ok(s.parseErrors >= 1);
  });
  for (const jobs of ['1', '2']) {
    test(`the scan finishes with every file reported (--jobs ${jobs})`, async () => {
      const run = await runCli(['scan', root, '-f', 'json', '--jobs', jobs]);
      assert.equal(run.code, 0, run.stderr);
      const inventory = (JSON.parse(run.stdout) as ScanResult).inventory;
      assert.deepEqual(inventory.map((e) => [e.path, e.status]), [
        ['corrupt.log.gz', 'assessed'],
        ['good.log', 'assessed'],
        ['truncated.log.gz', 'assessed'],
      ]);
    });
  }
  test('a worker whose file disappeared fails that job only; the pool goes on', async () => {
    const pool = createBlockPool(1);
    try {
      await assert.rejects(pool.readWhole({ path: join(root, 'missing-1.log'), maxLineBytes: 1024 }));
      await assert.rejects(pool.readWhole({ path: join(root, 'missing-2.log'), maxLineBytes: 1024 }));
      const good = await pool.readWhole({ path: join(root, 'good.log'), maxLineBytes: 1024 });
      assert.equal(good.events, 2);
    } finally {
      await pool.close();
    }
  });
});

describe('nothing of the log is quoted back unredacted', () => {
  const token = `ghp_${randomBytes(27).toString('base64url').replace(/[^A-Za-z0-9]/g, 'a').slice(0, 36)}`;
  const password = randomBytes(12).toString('hex');
  test('a parse error never quotes a secret', async () => {
    const root = writeTree({
      'audit.log': `type=USER_CMD msg=audit(1700000000.100:1): pid=1 uid=0 res=success\ntype=USER_CMD msg=audit(1700000000.200:2): pid=2 uid=0 ${token}="x\n`,
    });
    const s = await readLog(join(root, 'audit.log'));
    assert.equal(s.parseErrors, 1);
    assert.ok(!JSON.stringify(s).includes(token));
  });
  test('a one-line JSON document over the line cap still has its secrets found, and none quoted', async () => {
    const records = Array.from({ length: 4000 }, (_, i) => ({ eventVersion: '1.08', eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventTime: '2026-01-01T00:00:00Z', i, pad: 'x'.repeat(200) }));
    const first = { ...records[0], requestParameters: { password } };
    const text = JSON.stringify({ Records: [first, ...records.slice(1)] });
    assert.ok(text.length > 1024 * 1024);
    const root = writeTree({ 'trail.json.log': text, 'trail.json.gz': gzipSync(text) });
    for (const name of ['trail.json.log', 'trail.json.gz']) {
      const s = await readLog(join(root, name));
      assert.equal(s.events, 4000, name);
      assert.equal(s.secrets.byKind.password, 1, name);
      assert.ok(!JSON.stringify(s).includes(password), `${name}: the password is quoted`);
    }
  });
  test('YAML and JSON syntax errors name the problem, not the text', () => {
    const { errors } = parseStructured('x.json', `{"pw": *${password}}`);
    assert.ok(errors.length > 0);
    for (const e of errors) assert.ok(!e.message.includes(password), e.message);
  });
});

describe('format detection on common logs', () => {
  test('text logs whose lines start with [ are not JSON documents', async () => {
    const root = writeTree({
      'laravel.log': '[2024-01-15 10:00:00] local.ERROR: Oops {"user_id":1} []\n[2024-01-15 10:00:01] local.INFO: fine {"user_id":2} []\n',
      'error_log': '[Mon Jan 15 10:00:00.123456 2024] [core:error] [pid 42] AH00037: Symbolic link not allowed\n',
    });
    for (const name of ['laravel.log', 'error_log']) {
      const s = await readLog(join(root, name));
      assert.notEqual(s.format, 'json-document', name);
      assert.ok(s.events >= 1, name);
    }
  });
  test('JSON lines whose first event is longer than the sniffed head stay JSON lines', async () => {
    const big = JSON.stringify({ ...JSON.parse(json(0)), responseObject: 'y'.repeat(100_000) });
    const root = writeTree({ 'audit.log': `${big}\n${Array.from({ length: 999 }, (_, i) => json(i + 1)).join('\n')}\n` });
    const s = await readLog(join(root, 'audit.log'));
    assert.equal(s.format, 'jsonl');
    assert.equal(s.events, 1000);
    assert.equal(s.parseErrors, 0);
  });
  test('a long string in a document does not grow memory without bound, and a deep actor does not fail the file', async () => {
    const nested = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const root = writeTree({
      'long.json.log': `{\n  "payload": "${'a'.repeat(5_000_000)}"\n}\n`,
      'deep.log': `{"@timestamp":"2026-01-01T00:00:00Z","user":${nested}}\n${json(1)}\n`,
    });
    const long = await readLog(join(root, 'long.json.log'));
    assert.equal(long.format, 'json-document');
    assert.equal(long.events, 1);
    const d = await readLog(join(root, 'deep.log'));
    assert.equal(d.events, 2);
  });
});
