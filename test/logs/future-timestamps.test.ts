import assert from 'node:assert/strict';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FUTURE_TOLERANCE_MS } from '../../src/logs/event-stats.js';
import { readLog } from '../../src/logs/read-log.js';
import { createBlockPool } from '../../src/logs/worker-pool.js';
import { writeTree } from '../helpers.js';

/** JSON lines, one a second from `startMs`. */
function jsonLines(startMs: number, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += `${JSON.stringify({ time: new Date(startMs + i * 1000).toISOString(), user: `u${i % 3}`, action: 'read' })}\n`;
  return out;
}

const WRITTEN = Date.UTC(2026, 5, 1, 12, 0, 0);

/** Writes the file and sets its modification time to WRITTEN. */
function fileWritten(name: string, text: string): string {
  const path = join(writeTree({ [name]: text }), name);
  utimesSync(path, new Date(WRITTEN), new Date(WRITTEN));
  return path;
}

describe('future timestamps', () => {
  test('events later than the file was last written, beyond the tolerance, are in the future', async () => {
    // 10 events up to the last write, 5 within the tolerance after it, 5 beyond it.
    const text = jsonLines(WRITTEN - 9_000, 10) + jsonLines(WRITTEN + FUTURE_TOLERANCE_MS - 4_000, 5) + jsonLines(WRITTEN + FUTURE_TOLERANCE_MS + 1_000, 5);
    const s = await readLog(fileWritten('app.jsonl', text));
    assert.equal(s.events, 20);
    assert.equal(s.timestamps.future, 0.25);
  });

  test('a file written after all its events has none in the future', async () => {
    const s = await readLog(fileWritten('app.jsonl', jsonLines(WRITTEN - 3_600_000, 30)));
    assert.equal(s.timestamps.future, 0);
  });

  test('local times without a zone are not judged: read as UTC they are hours off east of Greenwich', async () => {
    // Berlin local time, written until 12:59 local (10:59Z): read as UTC, two hours "ahead".
    let text = '';
    for (let i = 0; i < 180; i++) {
      const t = new Date(WRITTEN - 3 * 3_600_000 + 2 * 3_600_000 + i * 60_000).toISOString().replace('T', ' ').slice(0, 19);
      text += `${JSON.stringify({ time: t, user: 'u1', action: 'read' })}\n`;
    }
    const s = await readLog(fileWritten('local.jsonl', text));
    assert.equal(s.timestamps.withZone, 0);
    assert.equal(s.timestamps.future, 0);
  });

  test('a placeholder modification time (1970, the DOS epoch of an archive) judges nothing', async () => {
    const path = join(writeTree({ 'old.jsonl': jsonLines(WRITTEN, 30) }), 'old.jsonl');
    utimesSync(path, new Date(0), new Date(0));
    assert.equal((await readLog(path)).timestamps.future, 0);
    utimesSync(path, new Date(Date.UTC(1980, 0, 1)), new Date(Date.UTC(1980, 0, 1)));
    assert.equal((await readLog(path)).timestamps.future, 0);
    utimesSync(path, new Date(Date.UTC(1990, 0, 1)), new Date(Date.UTC(1990, 0, 1)));
    assert.equal((await readLog(path)).timestamps.future, 1);
  });

  test('year-less syslog times are never judged to be in the future', async () => {
    // Written in June; "Dec 31" would be in the future if its guessed year were the file's.
    const text = Array.from({ length: 12 }, (_, i) => `Dec 31 23:59:${String(i).padStart(2, '0')} web-1 sshd[812]: Accepted publickey for deploy from 10.0.0.${i + 1} port 52114 ssh2`).join('\n');
    const s = await readLog(fileWritten('auth.log', `${text}\n`));
    assert.equal(s.events, 12);
    assert.ok(s.timestamps.parseable > 0);
    assert.equal(s.timestamps.future, 0);
  });

  test('blocks read on worker threads judge the future against the same file time', async () => {
    const text = jsonLines(WRITTEN - 3_000_000, 3000) + jsonLines(WRITTEN + 86_400_000, 1000);
    const path = fileWritten('big.jsonl', text);
    const sequential = await readLog(path, { full: true });
    const pool = createBlockPool(2);
    try {
      const parallel = await readLog(path, { full: true, pool, minSplitBytes: 16 * 1024 });
      assert.equal(sequential.timestamps.future, 0.25);
      assert.deepEqual(parallel.timestamps, sequential.timestamps);
    } finally {
      await pool.close();
    }
  });
});
