/**
 * Read limits (issue 8): --max-file-size, --max-line-length and --max-events. Each limit triggers,
 * is named in the inventory, and the scan goes on; sizes parse; bad values are usage errors.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import { parseMaxEvents, parseSize } from '../../src/cli/run.js';
import { MAX_STRUCTURED_BYTES, classifyFile } from '../../src/discover/classify.js';
import { DEFAULT_MAX_LINE_BYTES } from '../../src/logs/line-splitter.js';
import { formatSize, readLog } from '../../src/logs/read-log.js';
import { createBlockPool } from '../../src/logs/worker-pool.js';
import type { InventoryEntry, ScanResult } from '../../src/model/result.js';
import { REPO, runCli, writeTree } from '../helpers.js';

const schema: unknown = JSON.parse(readFileSync(join(REPO, 'schema', 'result.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true }).compile(schema as object);

const POLICY = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n';

/** JSON lines, one ECS event each. */
function jsonl(count: number, extra: (i: number) => Record<string, unknown> = () => ({})): string {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({ '@timestamp': new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), 'ecs.version': '8.11', 'event.action': 'read', 'user.name': `u${i}`, ...extra(i) }),
  ).join('\n') + '\n';
}

async function scanJson(root: string, flags: string[]): Promise<{ code: number; stderr: string; result: ScanResult }> {
  const run = await runCli(['scan', root, '-f', 'json', ...flags]);
  assert.notEqual(run.code, 2, run.stderr);
  const result = JSON.parse(run.stdout) as ScanResult;
  assert.ok(validate(result), JSON.stringify(validate.errors));
  return { code: run.code, stderr: run.stderr, result };
}

function entry(result: ScanResult, path: string): InventoryEntry {
  const found = result.inventory.find((e) => e.path === path);
  assert.ok(found, `${path} is in the inventory`);
  return found;
}

describe('size and count parsing', () => {
  test('sizes: bytes, or k, m, g (binary), with optional b / ib and any case', () => {
    assert.equal(parseSize('512k', '--x'), 512 * 1024);
    assert.equal(parseSize('16m', '--x'), 16 * 1024 * 1024);
    assert.equal(parseSize('1g', '--x'), 1024 ** 3);
    assert.equal(parseSize('1048576', '--x'), 1048576);
    assert.equal(parseSize('1', '--x'), 1);
    assert.equal(parseSize('1.5m', '--x'), 1.5 * 1024 * 1024);
    assert.equal(parseSize('16MiB', '--x'), 16 * 1024 * 1024);
    assert.equal(parseSize('64KB', '--x'), 64 * 1024);
    assert.equal(parseSize(' 2M ', '--x'), 2 * 1024 * 1024);
    assert.equal(parseSize('100b', '--x'), 100);
  });
  test('bad sizes are usage errors naming the flag', () => {
    for (const bad of ['', '0', '0k', 'abc', '1.5', '-1', '1t', '1e3', '2g', '16 m b', 'k', '0x10']) {
      assert.throws(() => parseSize(bad, '--max-file-size'), (e: Error & { code?: string }) => e.code === 'E_USAGE' && e.message.includes('--max-file-size'), `"${bad}" is refused`);
    }
  });
  test('event counts are whole numbers from 1', () => {
    assert.equal(parseMaxEvents('1'), 1);
    assert.equal(parseMaxEvents('250000'), 250000);
    for (const bad of ['0', '-1', '1.5', 'ten', '', '1k', '1e3']) {
      assert.throws(() => parseMaxEvents(bad), (e: Error & { code?: string }) => e.code === 'E_USAGE' && e.message.includes('--max-events'), `"${bad}" is refused`);
    }
  });
  test('sizes are shown in the unit that divides them', () => {
    assert.equal(formatSize(MAX_STRUCTURED_BYTES), '8 MiB');
    assert.equal(formatSize(DEFAULT_MAX_LINE_BYTES), '1 MiB');
    assert.equal(formatSize(512 * 1024), '512 KiB');
    assert.equal(formatSize(1024 ** 3), '1 GiB');
    assert.equal(formatSize(1000), '1000 bytes');
    assert.equal(formatSize(1), '1 byte');
  });
  test('bad flag values exit 2 with one line naming the flag, before anything is scanned', async () => {
    const root = writeTree({ 'a.log': jsonl(3) });
    for (const args of [
      ['--max-file-size', '0'],
      ['--max-file-size', 'huge'],
      ['--max-line-length', '-5'],
      ['--max-line-length', '3g'],
      ['--max-events', '0'],
      ['--max-events', 'many'],
    ]) {
      const run = await runCli(['scan', root, ...args]);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, new RegExp(`^ztmm: ${args[0] ?? ''} takes `), run.stderr);
      assert.equal(run.stdout, '');
    }
    const missing = await runCli(['scan', root, '--max-events']);
    assert.equal(missing.code, 2);
  });
  test('--help lists the three flags with their defaults', async () => {
    const run = await runCli(['scan', '--help']);
    assert.match(run.stdout, /--max-file-size <size>.*default 8m/s);
    assert.match(run.stdout, /--max-line-length <bytes>.*default 1m/s);
    assert.match(run.stdout, /--max-events <n>.*no limit/s);
  });
});

describe('--max-file-size', () => {
  test('a config above the limit is skipped with the limit named; the scan goes on', async () => {
    const padding = `# ${'x'.repeat(78)}\n`.repeat(30); // 2.4 KiB of comments
    const root = writeTree({ 'etc/audit-policy.yaml': POLICY + padding, 'etc/small-policy.yaml': POLICY, 'var/log/app.log': jsonl(5) });
    const limited = await scanJson(root, ['--max-file-size', '2k']);
    assert.deepEqual(entry(limited.result, 'etc/audit-policy.yaml'), {
      path: 'etc/audit-policy.yaml',
      status: 'skipped',
      reason: 'too large for a config file: larger than --max-file-size (2 KiB)',
    });
    assert.equal(entry(limited.result, 'etc/small-policy.yaml').status, 'assessed');
    assert.equal(entry(limited.result, 'var/log/app.log').status, 'assessed');
    // Logs are streamed at any size: the limit is not theirs.
    const tiny = await scanJson(root, ['--max-file-size', '50']);
    assert.equal(entry(tiny.result, 'var/log/app.log').status, 'assessed');
    assert.equal(entry(tiny.result, 'etc/small-policy.yaml').reason, 'too large for a config file: larger than --max-file-size (50 bytes)');
    // Without the flag the file is read.
    const plain = await scanJson(root, []);
    assert.equal(entry(plain.result, 'etc/audit-policy.yaml').status, 'assessed');
  });
  test('the default is 8 MiB, and the flag raises it', async () => {
    const big = POLICY + `# ${'y'.repeat(1022)}\n`.repeat(8 * 1024 + 1); // just over 8 MiB
    const root = writeTree({ 'etc/audit-policy.yaml': big });
    const plain = await scanJson(root, []);
    assert.deepEqual(entry(plain.result, 'etc/audit-policy.yaml'), {
      path: 'etc/audit-policy.yaml',
      status: 'skipped',
      reason: 'too large for a config file: larger than --max-file-size (8 MiB)',
    });
    const raised = await scanJson(root, ['--max-file-size', '16m']);
    assert.deepEqual(entry(raised.result, 'etc/audit-policy.yaml'), { path: 'etc/audit-policy.yaml', status: 'assessed', kind: 'k8s-audit-policy' });
  });
  test('a manifest sniffed by content (no extension) above the limit names it too', () => {
    const manifest = 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n';
    const head = (size: number) => ({ bytes: Buffer.from(manifest), size });
    assert.deepEqual(classifyFile('etc/kubernetes/manifest', head(manifest.length), 1024), { read: 'structured' });
    assert.deepEqual(classifyFile('etc/kubernetes/manifest', head(2048), 1024), { read: 'skip', reason: 'too large for a config file: larger than --max-file-size (1 KiB)' });
  });
});

describe('--max-line-length', () => {
  const lines = (): string => {
    const long = (i: number) => JSON.stringify({ '@timestamp': '2026-01-01T00:00:00Z', 'ecs.version': '8.11', message: `${i}:${'z'.repeat(300)}` });
    return jsonl(4) + [long(1), long(2), long(3)].join('\n') + '\n' + jsonl(2);
  };
  test('lines above the limit are parse errors, counted in the inventory with the limit named', async () => {
    const root = writeTree({ 'var/log/app.log': lines(), 'var/log/other.log': jsonl(3) });
    for (const jobs of ['1', '2']) {
      const { result } = await scanJson(root, ['--max-line-length', '200', '--jobs', jobs]);
      assert.deepEqual(entry(result, 'var/log/app.log'), {
        path: 'var/log/app.log',
        status: 'assessed',
        kind: 'log:jsonl',
        reason: 'lines longer than --max-line-length (200 bytes) skipped: 3',
      });
      const sample = result.estate.samples.find((s) => s.path === 'var/log/app.log');
      assert.equal(sample?.events, 6, 'the lines within the limit are read');
      assert.equal(sample?.parseErrors, 3);
      assert.deepEqual(sample?.errorLines, [5, 6, 7]);
      assert.equal(sample?.firstError?.message, 'line 5: longer than --max-line-length (200 bytes)');
      assert.equal(entry(result, 'var/log/other.log').reason, undefined, 'a log within the limit has no note');
    }
    // Within the default limit (1 MiB) nothing is skipped.
    const { result } = await scanJson(root, []);
    assert.equal(entry(result, 'var/log/app.log').reason, undefined);
    assert.equal(result.estate.samples.find((s) => s.path === 'var/log/app.log')?.parseErrors, 0);
  });
  test('the default limit is 1 MiB and is named so', async () => {
    const huge = JSON.stringify({ message: 'q'.repeat(DEFAULT_MAX_LINE_BYTES + 10) });
    const root = writeTree({ 'var/log/app.log': `${jsonl(2)}${huge}\n${jsonl(1)}` });
    const { result } = await scanJson(root, []);
    assert.equal(entry(result, 'var/log/app.log').reason, 'lines longer than --max-line-length (1 MiB) skipped: 1');
    const raised = await scanJson(root, ['--max-line-length', '2m']);
    assert.equal(entry(raised.result, 'var/log/app.log').reason, undefined);
    assert.equal(raised.result.estate.samples[0]?.parseErrors, 0);
  });
  test('sampled blocks count their long lines too (in this thread and on the pool)', async () => {
    const body = Array.from({ length: 400 }, (_, i) => (i % 10 === 0 ? `${'w'.repeat(300)}` : JSON.stringify({ ts: '2026-01-01T00:00:00Z', i }))).join('\n') + '\n';
    const root = writeTree({ 'big.log': body });
    const inThread = await readLog(join(root, 'big.log'), { sampleBytes: 4096, maxLineBytes: 200 });
    assert.equal(inThread.sampling.sampled, true);
    assert.ok((inThread.longLines ?? 0) >= 1, 'long lines in the sampled blocks are counted');
    assert.equal(inThread.longLines, inThread.parseErrors);
    const pool = createBlockPool(2);
    try {
      const onPool = await readLog(join(root, 'big.log'), { sampleBytes: 4096, maxLineBytes: 200, pool });
      assert.equal(onPool.longLines, inThread.longLines);
      assert.deepEqual(onPool, inThread);
    } finally {
      await pool.close();
    }
  });
});

describe('--max-events', () => {
  test('a log is read up to n events; the cut is recorded in sampling and the inventory', async () => {
    const root = writeTree({ 'var/log/app.log': jsonl(50), 'var/log/short.log': jsonl(4), 'etc/audit-policy.yaml': POLICY });
    for (const jobs of ['1', '2']) {
      const { result } = await scanJson(root, ['--max-events', '10', '--jobs', jobs]);
      const sample = result.estate.samples.find((s) => s.path === 'var/log/app.log');
      assert.equal(sample?.events, 10);
      assert.equal(sample?.lines, 10);
      assert.equal(sample?.sampling.eventLimit, 10);
      assert.equal(sample?.sampling.sampled, false);
      assert.ok((sample?.sampling.bytesRead ?? 0) <= (sample?.sampling.fileBytes ?? 0));
      assert.deepEqual(entry(result, 'var/log/app.log'), { path: 'var/log/app.log', status: 'assessed', kind: 'log:jsonl', reason: 'stopped after --max-events (10) events' });
      // A log within the limit is read whole and says nothing; the scan goes on.
      const short = result.estate.samples.find((s) => s.path === 'var/log/short.log');
      assert.equal(short?.events, 4);
      assert.equal(short?.sampling.eventLimit, undefined);
      assert.equal(entry(result, 'var/log/short.log').reason, undefined);
      assert.equal(entry(result, 'etc/audit-policy.yaml').status, 'assessed');
    }
  });
  test('exactly n events is not a cut', async () => {
    const root = writeTree({ 'var/log/app.log': jsonl(10) });
    const { result } = await scanJson(root, ['--max-events', '10']);
    assert.equal(result.estate.samples[0]?.events, 10);
    assert.equal(result.estate.samples[0]?.sampling.eventLimit, undefined);
    assert.equal(entry(result, 'var/log/app.log').reason, undefined);
  });
  test('a JSON document of events, a gzip log and syslog stop at the limit too', async () => {
    const records = Array.from({ length: 20 }, (_, i) => ({ eventVersion: '1.08', eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventTime: `2026-01-01T00:00:${String(i).padStart(2, '0')}Z` }));
    const syslog = Array.from({ length: 20 }, (_, i) => `<34>1 2026-01-01T00:00:${String(i).padStart(2, '0')}Z host app 1 ID47 - message ${i}`).join('\n') + '\n';
    const root = writeTree({
      'trail/events.json': JSON.stringify({ Records: records }, null, 2),
      'var/log/app.log.gz': gzipSync(jsonl(30)),
      'var/log/messages': syslog,
    });
    const { result } = await scanJson(root, ['--max-events', '5']);
    for (const path of ['trail/events.json', 'var/log/app.log.gz', 'var/log/messages']) {
      const sample = result.estate.samples.find((s) => s.path === path);
      assert.equal(sample?.events, 5, path);
      assert.equal(sample?.sampling.eventLimit, 5, path);
      assert.equal(sample?.parseErrors, 0, `${path}: a document cut at the limit is not a broken document`);
      assert.match(entry(result, path).reason ?? '', /stopped after --max-events \(5\) events/);
    }
  });
  test('a sampled file reads its blocks in order up to the limit', async () => {
    const root = writeTree({ 'big.log': jsonl(400) });
    const cut = await readLog(join(root, 'big.log'), { sampleBytes: 8192, maxEvents: 7 });
    assert.equal(cut.sampling.sampled, true);
    assert.equal(cut.events, 7);
    assert.equal(cut.sampling.eventLimit, 7);
    assert.ok(cut.sampling.bytesRead < 8192);
    // More than the head block holds: later blocks are read until the limit.
    const whole = await readLog(join(root, 'big.log'), { sampleBytes: 8192 });
    const wide = await readLog(join(root, 'big.log'), { sampleBytes: 8192, maxEvents: whole.events - 1 });
    assert.equal(wide.events, whole.events - 1);
    assert.equal(wide.sampling.eventLimit, whole.events - 1);
    const enough = await readLog(join(root, 'big.log'), { sampleBytes: 8192, maxEvents: whole.events });
    assert.equal(enough.events, whole.events);
    assert.equal(enough.sampling.eventLimit, undefined);
    assert.equal(enough.sampling.bytesRead, whole.sampling.bytesRead);
  });
});
