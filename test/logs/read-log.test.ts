import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { describeJsonError } from '../../src/logs/json-errors.js';
import { ratio } from '../../src/logs/ratio.js';
import { readLog, splitBlocks } from '../../src/logs/read-log.js';
import { createBlockPool } from '../../src/logs/worker-pool.js';
import { MIDDLE_BLOCKS, planBlocks } from '../../src/logs/sample-plan.js';
import { writeTree } from '../helpers.js';

/** Fixed-width ECS lines (WIDTH bytes each with the newline), one second apart. */
const WIDTH = 160;
function ecsLine(i: number): string {
  const t = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  const base = JSON.stringify({ '@timestamp': t, 'ecs.version': '8.11', 'user.name': `u${i % 7}`, 'event.action': 'read', pad: '' });
  return base.replace('"pad":""', `"pad":"${'x'.repeat(WIDTH - 1 - base.length)}"`);
}

describe('ratio and JSON error wording', () => {
  test('ratios round to 4 decimals; an empty denominator is 0', () => {
    assert.equal(ratio(1, 3), 0.3333);
    assert.equal(ratio(2, 3), 0.6667);
    assert.equal(ratio(0, 0), 0);
  });
  test('JSON errors never repeat the input', () => {
    let message = '';
    try {
      JSON.parse('{"password": hunter2}');
    } catch (error) {
      message = describeJsonError(error);
    }
    assert.ok(message.length > 0 && !message.includes('hunter2'), message);
  });
});

describe('sample plan', () => {
  test('a file within the budget is one block', () => {
    assert.deepEqual(planBlocks(1000, 4096), [{ start: 0, end: 1000 }]);
  });
  test('a large file: head, evenly spaced middle blocks, tail, within the budget and in order', () => {
    const size = 10_000_000;
    const budget = 1_000_000;
    const blocks = planBlocks(size, budget);
    assert.equal(blocks.length, MIDDLE_BLOCKS + 2);
    assert.deepEqual(blocks[0], { start: 0, end: 250_000 });
    assert.deepEqual(blocks.at(-1), { start: size - 250_000, end: size });
    const total = blocks.reduce((n, b) => n + (b.end - b.start), 0);
    assert.ok(total <= budget, `${total} bytes`);
    for (let i = 1; i < blocks.length; i++) assert.ok((blocks[i - 1]?.end ?? 0) <= (blocks[i]?.start ?? 0), 'blocks do not overlap');
    assert.deepEqual(planBlocks(size, budget), blocks, 'deterministic');
  });
});

describe('readLog', () => {
  const count = 20_000; // 3.2 MB
  const lines = Array.from({ length: count }, (_, i) => ecsLine(i));
  const budget = 256 * 1024;
  const blocks = planBlocks(count * WIDTH, budget);
  // A broken line inside the third block (the second of the middle ones).
  const brokenIndex = Math.floor(((blocks[2]?.start ?? 0) + (blocks[2]?.end ?? 0)) / 2 / WIDTH);
  const broken = '{"@timestamp": "2026-01-01T00:00:00Z", "ecs.version": "8.11", ';
  const withBroken = lines.map((l, i) => (i === brokenIndex ? broken + 'y'.repeat(WIDTH - 1 - broken.length) : l));
  const root = writeTree({
    'big.log': `${withBroken.join('\n')}\n`,
    'big.log.gz': gzipSync(`${lines.join('\n')}\n`),
    'doc.json.log': `{"Records": [\n${lines.slice(0, 5).join(',\n')}\n]}\n`,
    'mixed.log': `${lines.slice(0, 3).join('\n')}\nException in thread "main" java.lang.IllegalStateException\n\tat com.example.Main.run(Main.java:42)\n`,
    'empty.log': '',
  });

  test('a large file is sampled: exact time span, no boundary errors, offsets for lines in the middle', async () => {
    const s = await readLog(join(root, 'big.log'), { sampleBytes: budget });
    assert.equal(s.sampling.sampled, true);
    assert.ok(s.sampling.bytesRead <= budget);
    assert.equal(s.sampling.fileBytes, count * WIDTH);
    assert.ok(s.events > 1000 && s.events < count, `${s.events} events`);
    // Head and tail are read, so the span of this time-ordered file is exact.
    assert.equal(s.timestamps.first, '2026-01-01T00:00:00.000Z');
    assert.equal(s.timestamps.last, new Date(Date.UTC(2026, 0, 1) + (count - 1) * 1000).toISOString());
    // Gaps and order are judged inside blocks only, never across skipped bytes: the longest gap is
    // the 2 s around the planted broken line, not the hours skipped between blocks.
    assert.equal(s.timestamps.longestGapSeconds, 2);
    assert.equal(s.timestamps.outOfOrder, 0);
    // Only the planted line fails to parse (partial lines at block edges are dropped, not errors).
    assert.equal(s.parseErrors, 1);
    assert.deepEqual(s.errorLines, []);
    assert.equal(s.errorOffsets.length, 1);
    assert.ok(Math.abs((s.errorOffsets[0] ?? 0) - brokenIndex * WIDTH) <= WIDTH, `offset ${s.errorOffsets[0]} near ${brokenIndex * WIDTH}`);
    assert.match(s.firstError?.message ?? '', /^byte \d+: /);
  });
  test('--full reads every line and knows every line number', async () => {
    const s = await readLog(join(root, 'big.log'), { sampleBytes: budget, full: true });
    assert.equal(s.sampling.sampled, false);
    assert.equal(s.events, count - 1);
    assert.deepEqual(s.errorLines, [brokenIndex + 1]);
  });
  test('worker threads read contiguous blocks that merge into exactly the sequential result', async () => {
    const sequential = await readLog(join(root, 'big.log'), { full: true });
    const pool = createBlockPool(2);
    try {
      const parallel = await readLog(join(root, 'big.log'), { full: true, pool, minSplitBytes: 64 * 1024 });
      assert.equal(parallel.sampling.sampled, false);
      // Every line is read once: no line lost or doubled at the block edges.
      for (const key of ['lines', 'events', 'parseErrors', 'structuredRatio', 'fields', 'timestamps', 'actors', 'outcomes', 'categories'] as const) {
        assert.deepEqual(parallel[key], sequential[key], key);
      }
      // Positions in later blocks are byte offsets; here the broken line is in the first block.
      const sampled = await readLog(join(root, 'big.log'), { pool, sampleBytes: budget });
      const inThread = await readLog(join(root, 'big.log'), { sampleBytes: budget });
      assert.deepEqual({ ...sampled, sampling: null }, { ...inThread, sampling: null }, 'a sample read on workers equals one read here');
    } finally {
      await pool.close();
    }
  });
  test('splitBlocks covers the file with contiguous parts', () => {
    assert.deepEqual(splitBlocks(10, 3), [{ start: 0, end: 4 }, { start: 4, end: 8 }, { start: 8, end: 10 }]);
  });
  test('gzip is read transparently, whole', async () => {
    const s = await readLog(join(root, 'big.log.gz'), { sampleBytes: budget });
    assert.equal(s.compressed, true);
    assert.equal(s.sampling.sampled, false);
    assert.equal(s.events, count);
    assert.equal(s.schema, 'ecs');
  });
  test('a JSON document is streamed element by element', async () => {
    const s = await readLog(join(root, 'doc.json.log'));
    assert.equal(s.format, 'json-document');
    assert.equal(s.events, 5);
    assert.equal(s.fields.actor, 1);
  });
  test('a file mixing JSON and stack traces reports the proportions', async () => {
    const s = await readLog(join(root, 'mixed.log'));
    assert.deepEqual(s.formats, { jsonl: 3, text: 2 });
    assert.equal(s.structuredRatio, 0.6);
    assert.equal(s.fields.actor, 1, 'fields are measured over structured events');
  });
  test('an empty file has no lines', async () => {
    const s = await readLog(join(root, 'empty.log'));
    assert.deepEqual([s.lines, s.events, s.format], [0, 0, 'text']);
  });
});

test('year-less syslog times wrap at the turn of the year; first and last are unknown, the span is not', async () => {
  const root = writeTree({
    messages: 'Dec 31 23:59:58 h app[1]: a\nDec 31 23:59:59 h app[1]: b\nJan  1 00:00:01 h app[1]: c\nJan  1 00:00:03 h app[1]: d\n',
  });
  const s = await readLog(join(root, 'messages'));
  assert.equal(s.format, 'syslog-3164');
  assert.equal(s.timestamps.outOfOrder, 0);
  assert.equal(s.timestamps.spanSeconds, 5);
  assert.equal(s.timestamps.longestGapSeconds, 2);
  assert.deepEqual([s.timestamps.first, s.timestamps.last], [null, null]);
});

describe('year-less syslog times across blocks', () => {
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  /** One line every 20 s from Dec 30 00:00 (a year-less RFC 3164 time) for `count` lines. */
  function newYearLog(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) {
      const d = new Date(Date.UTC(2001, 11, 30) + i * 20_000);
      const time = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)}`;
      out += `${time} gw-3 app[211]: request served path=/v1/ok status=200 bytes=${1000 + (i % 900)}\n`;
    }
    return out;
  }
  // 30,000 lines, about 2.4 MB: Dec 30 00:00 to Jan 5 22:39.
  const text = newYearLog(30_000);
  const spanSeconds = (30_000 - 1) * 20;

  test('blocks read on workers carry the year on, as one read does', async () => {
    const root = writeTree({ messages: text });
    const sequential = await readLog(join(root, 'messages'), { full: true });
    assert.equal(sequential.timestamps.spanSeconds, spanSeconds);
    assert.equal(sequential.timestamps.outOfOrder, 0);
    const pool = createBlockPool(2);
    try {
      const parallel = await readLog(join(root, 'messages'), { full: true, pool, minSplitBytes: 64 * 1024 });
      assert.deepEqual(parallel.timestamps, sequential.timestamps);
    } finally {
      await pool.close();
    }
  });

  test('a block without year-less times in between does not lose the years counted before it', async () => {
    // Head: Dec 31 into Jan 1; middle: stack-trace lines without a time; tail: Aug 15 (the next year).
    let head = '';
    for (let i = 0; i < 300; i++) {
      const d = new Date(Date.UTC(2001, 11, 31, 23, 55) + i * 2_000);
      head += `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)} gw-3 app[211]: tick ${i}\n`;
    }
    const middle = '    at com.example.Service.handle(Service.java:42)\n'.repeat(6000);
    let tail = '';
    for (let i = 0; i < 300; i++) tail += `Aug 15 10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} gw-3 app[211]: tock ${i}\n`;
    const root = writeTree({ messages: head + middle + tail });
    const full = await readLog(join(root, 'messages'), { full: true });
    const sampled = await readLog(join(root, 'messages'), { sampleBytes: 64 * 1024 });
    assert.equal(sampled.sampling.sampled, true);
    assert.ok((full.timestamps.spanSeconds ?? 0) > 200 * 86_400, `span ${full.timestamps.spanSeconds}`);
    assert.equal(sampled.timestamps.spanSeconds, full.timestamps.spanSeconds);
  });

  test('dated times, then year-less ones: blocks on workers agree with one read', async () => {
    // Lines of one length (75 bytes), so the two halves the pool reads meet where the year-less
    // lines start: the second block then follows a block of dated times only.
    let text = '';
    const mmss = (i: number): string => `${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
    for (let i = 0; i < 3000; i++) text += `<34>1 2024-06-01T10:${mmss(i)}Z web-1 sshd 812 - - Accepted publickey for deploy\n`;
    for (let i = 0; i < 3000; i++) text += `Jun  1 11:${mmss(i)} web-1 sshd[812]: Accepted publickey for deploy from gw-3a01\n`;
    const root = writeTree({ mixed: text });
    const sequential = await readLog(join(root, 'mixed'), { full: true });
    const pool = createBlockPool(1);
    try {
      const parallel = await readLog(join(root, 'mixed'), { full: true, pool, minSplitBytes: 16 * 1024 });
      assert.deepEqual(parallel.timestamps, sequential.timestamps);
    } finally {
      await pool.close();
    }
  });

  test('a sampled read whose tail is in January after a December head keeps the span', async () => {
    const root = writeTree({ messages: text });
    const sampled = await readLog(join(root, 'messages'), { sampleBytes: 256 * 1024 });
    assert.equal(sampled.sampling.sampled, true);
    assert.equal(sampled.timestamps.spanSeconds, spanSeconds);
    assert.equal(sampled.timestamps.outOfOrder, 0);
  });
});
