import assert from 'node:assert/strict';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { readLog } from '../../src/logs/read-log.js';
import { createBlockPool } from '../../src/logs/worker-pool.js';
import { writeTree } from '../helpers.js';

function gzLog(lines: number): Buffer {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(JSON.stringify({ ts: `2026-11-20T10:00:00.${String(i % 1000).padStart(3, '0')}Z`, user: `u${i}`, action: 'read', n: i }));
  return gzipSync(`${out.join('\n')}\n`);
}

test('a gzip file is gunzipped only up to the limit, on whole lines, and the sample says so', async () => {
  const dir = writeTree({ 'big.log.gz': gzLog(40_000) });
  const path = join(dir, 'big.log.gz');
  const whole = await readLog(path, { full: true, maxInflatedBytes: 256 * 1024 });
  assert.equal(whole.events, 40_000, '--full reads everything');
  assert.equal(whole.sampling.sampled, false);
  const capped = await readLog(path, { maxInflatedBytes: 256 * 1024 });
  assert.ok(capped.events > 1000 && capped.events < 40_000, `${capped.events} events`);
  assert.equal(capped.parseErrors, 0, 'the cut falls between lines');
  assert.equal(capped.sampling.sampled, true);
  assert.ok(capped.sampling.bytesRead < capped.sampling.fileBytes);
  const pool = createBlockPool(2);
  try {
    const viaPool = await readLog(path, { maxInflatedBytes: 256 * 1024, pool });
    assert.deepEqual(viaPool, capped, 'the same on a worker thread');
  } finally {
    await pool.close();
  }
});

test('a small gzip file is read whole under the default limit', async () => {
  const dir = writeTree({ 'small.log.gz': gzLog(500) });
  const s = await readLog(join(dir, 'small.log.gz'));
  assert.equal(s.events, 500);
  assert.equal(s.sampling.sampled, false);
});
