import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FORCED_FORMATS, detectFormat, isForcedFormat, resolveFormat } from '../../src/logs/detect-format.js';
import { readLog } from '../../src/logs/read-log.js';
import { createBlockPool } from '../../src/logs/worker-pool.js';
import { writeTree } from '../helpers.js';

const SYSLOG_5424 = '<34>1 2026-01-01T10:00:00Z host app 1 ID47 - hello\n<34>1 2026-01-01T10:00:01Z host app 1 ID47 - again\n';
const SYSLOG_3164 = 'Jan  1 10:00:00 host sshd[1]: hello\nJan  1 10:00:01 host sshd[1]: again\n';
const ACCESS_COMMON = '10.0.0.1 - alice [01/Jan/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 12\n';
const JSONL = '{"ts": "2026-01-01T00:00:00Z", "user": "alice"}\n{"ts": "2026-01-01T00:00:01Z", "user": "bob"}\n';

describe('a declared format instead of detection', () => {
  test('the declared family decides; syslog and access-log variants come from the head', () => {
    assert.deepEqual([...FORCED_FORMATS].sort(), ['access-log', 'auditd', 'cef', 'json-document', 'jsonl', 'leef', 'logfmt', 'syslog', 'text']);
    assert.ok(isForcedFormat('syslog'));
    assert.ok(!isForcedFormat('syslog-3164'));
    assert.equal(resolveFormat(JSONL), detectFormat(JSONL));
    assert.equal(resolveFormat(JSONL, 'text'), 'text');
    assert.equal(resolveFormat(JSONL, 'logfmt'), 'logfmt');
    assert.equal(resolveFormat(SYSLOG_5424, 'syslog'), 'syslog-5424');
    assert.equal(resolveFormat(SYSLOG_3164, 'syslog'), 'syslog-3164');
    assert.equal(resolveFormat('nothing like syslog\n', 'syslog'), 'syslog-3164');
    assert.equal(resolveFormat(ACCESS_COMMON, 'access-log'), 'access-common');
    assert.equal(resolveFormat('', 'access-log'), 'access-combined');
  });

  test('readLog reads in the declared format, in this thread and on workers', async () => {
    const root = writeTree({ 'a.dat': JSONL, 'b.dat': 'user=alice action=login outcome=success\nuser=bob action=logout\n' });
    const detected = await readLog(join(root, 'a.dat'));
    assert.equal(detected.format, 'jsonl');
    const forced = await readLog(join(root, 'a.dat'), { format: 'text' });
    assert.equal(forced.format, 'text');
    assert.equal(forced.schema, 'text');
    assert.equal(forced.events, 2);
    const logfmt = await readLog(join(root, 'b.dat'), { format: 'logfmt' });
    assert.equal(logfmt.format, 'logfmt');
    assert.equal(logfmt.fields.actor, 1);
    const pool = createBlockPool(1);
    try {
      assert.deepEqual(await readLog(join(root, 'a.dat'), { format: 'text', pool }), forced);
    } finally {
      await pool.close();
    }
  });
});
