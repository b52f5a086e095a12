import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { looksLikeJsonLines, readJsonLines } from '../../src/logs/read-jsonl.js';

let dir = '';

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ztmm-logs-'));
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('readJsonLines', () => {
  it('summarises a small mixed file', async () => {
    const file = write(
      'app.log',
      [
        // 1: ECS, everything filled, UTC
        '{"@timestamp":"2024-03-01T12:00:00.123Z","ecs":{"version":"8.11"},"user":{"name":"ann"},"source":{"ip":"192.0.2.1"},"event":{"action":"login","outcome":"success"}}',
        // 2: ECS, no source, offset timestamp
        '{"@timestamp":"2024-03-01T13:00:00+01:00","ecs":{"version":"8.11"},"user":{"id":"u2"},"event":{"action":"logout"}}',
        // 3: blank (CRLF below)
        '',
        // 4: plain JSON, local time without zone, no actor
        '{"time":"2024-03-01 12:05:00","method":"GET","status":200,"remote_addr":"192.0.2.7"}',
        // 5: not JSON
        'Mar  1 12:06:00 host sshd[1]: Accepted publickey for ann',
        // 6: plain JSON with an unparseable timestamp
        '{"timestamp":"yesterday","username":"bob","result":"denied"}',
      ].join('\r\n'),
    );
    const summary = await readJsonLines(file);
    assert.deepEqual(summary, {
      format: 'jsonl',
      schema: 'ecs', // 2 ecs vs 2 generic-json: tie, alphabetical
      lines: 5,
      events: 4,
      parseErrors: 1,
      structuredRatio: 0.8,
      fields: {
        timestamp: 1,
        actor: 0.75, // ann, u2, bob
        sourceAddress: 0.5, // 192.0.2.1, 192.0.2.7
        action: 0.75, // login, logout, GET
        outcome: 0.75, // success, 200, denied
      },
      timestamps: {
        parseable: 0.75, // not "yesterday"
        withZone: 0.5, // Z and +01:00
        utc: 0.25, // Z only
      },
      firstError: { line: 5, message: 'line 5: unexpected token' },
      schemas: { ecs: 2, 'generic-json': 2 },
    });
  });

  it('counts an overlong line as an error and keeps reading after it', async () => {
    const long = `{"pad":"${'x'.repeat(3 * 1024 * 1024)}"}`;
    const file = write('long.log', `{"a":1}\n${long}\n{"b":2}\n`);
    const summary = await readJsonLines(file, { maxLineBytes: 1024 });
    assert.equal(summary.lines, 3);
    assert.equal(summary.events, 2);
    assert.equal(summary.parseErrors, 1);
    assert.deepEqual(summary.firstError, { line: 2, message: 'line 2: longer than 1024 bytes' });
  });

  it('reads an empty file as no lines', async () => {
    const summary = await readJsonLines(write('empty.log', ''));
    assert.equal(summary.lines, 0);
    assert.equal(summary.schema, 'unknown');
    assert.equal(summary.structuredRatio, 0);
  });

  it('handles a UTF-8 BOM and non-ASCII text', async () => {
    const file = write('bom.log', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"user":"Zoë"}\n')]));
    const summary = await readJsonLines(file);
    assert.equal(summary.events, 1);
    assert.equal(summary.fields.actor, 1);
  });

  it('rejects when the file cannot be read', async () => {
    await assert.rejects(readJsonLines(path.join(dir, 'missing.log')), { code: 'ENOENT' });
  });
});

describe('looksLikeJsonLines', () => {
  it('accepts a head whose first non-empty line is a JSON object', () => {
    assert.equal(looksLikeJsonLines('{"a":1}\n{"b":2}\n'), true);
    assert.equal(looksLikeJsonLines('\n\r\n  {"a":1}\r\nnot json'), true);
    assert.equal(looksLikeJsonLines('\uFEFF{"a":1}\n'), true);
    assert.equal(looksLikeJsonLines('{}'), true);
  });

  it('tolerates a cut-off last line', () => {
    assert.equal(looksLikeJsonLines('{"kind":"Event","apiVer'), true);
    assert.equal(looksLikeJsonLines('\n{ "a" : {"b":'), true);
  });

  it('rejects anything else', () => {
    assert.equal(looksLikeJsonLines(''), false);
    assert.equal(looksLikeJsonLines('\n\n'), false);
    assert.equal(looksLikeJsonLines('[1,2]\n'), false);
    assert.equal(looksLikeJsonLines('"text"\n'), false);
    assert.equal(looksLikeJsonLines('127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /"\n'), false);
    // Pretty-printed JSON: the first line "{" is complete and not an object on its own.
    assert.equal(looksLikeJsonLines('{\n  "events": [\n'), false);
    // A complete first line that is broken JSON is not excused, even if it starts like an object.
    assert.equal(looksLikeJsonLines('{"a":1,\n{"b":2}\n'), false);
    // A cut-off line must at least start with a quoted key and a colon.
    assert.equal(looksLikeJsonLines('{"a"'), false);
    assert.equal(looksLikeJsonLines('{hello'), false);
  });
});
