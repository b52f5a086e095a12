/**
 * The access-log and auditd parsers on real samples from /work/shared/corpus/logs. Every expected
 * value was taken from reading the files, not from running the parsers.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createAccessLogParser, parseAccessLine } from '../src/logs/formats/access-log.js';
import { createAuditdParser, looksLikeAuditd } from '../src/logs/formats/auditd.js';
import type { LineParser, ParsedEvent } from '../src/logs/formats/types.js';

// Compiled to /work/main/build/test-corpus/: three levels up is /work.
const CORPUS = new URL('../../../shared/corpus/logs/', import.meta.url);

/** The file's lines; a final line end does not start another line. */
function readLines(relative: string): string[] {
  const text = fs.readFileSync(fileURLToPath(new URL(relative, CORPUS)), 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

interface Run {
  events: ParsedEvent[];
  errorLines: number[];
  errors: string[];
}

function runParser(parser: LineParser, lines: readonly string[]): Run {
  const run: Run = { events: [], errorLines: [], errors: [] };
  lines.forEach((text, index) => {
    const outcome = parser.push(text, index + 1);
    if (outcome.kind === 'error') {
      run.errorLines.push(outcome.line);
      run.errors.push(outcome.message);
    } else {
      run.events.push(...outcome.events);
    }
  });
  run.events.push(...parser.end());
  return run;
}

function field(events: readonly ParsedEvent[], key: string): unknown[] {
  return events.map((event) => event.record[key]);
}

const FIREFOX_15 = 'Mozilla/5.0 (Windows NT 6.1; rv:15.0) Gecko/20120716 Firefox/15.0a2';
const A_BEKA = '/A%20Beka%20G1%20Howe/029_AND_30/15%20reading%20elephants.mp4';
const IPV6 = '2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6';

describe('access logs on the corpus', () => {
  it('apache-access/test-access-basic.log: 17 lines, 5 common and 12 combined, none rejected', () => {
    const lines = readLines('apache-access/test-access-basic.log');
    // 16 line ends; the last line (`"\n" 400 226 98`) has none.
    assert.equal(lines.length, 17);
    const run = runParser(createAccessLogParser(), lines);
    assert.deepEqual(run.errorLines, []);
    assert.equal(run.events.length, 17);
    assert.ok(run.events.every((event) => event.schema === 'access-log'));
    assert.deepEqual(
      run.events.map((event) => event.line),
      Array.from({ length: 17 }, (_, index) => index + 1),
    );
    // Common: 1 and 3 (no referer/agent), 11 (an unquoted number after the bytes), 13 (Apache's
    // doc example), 17 (an unquoted number after the bytes).
    assert.deepEqual(
      run.events.flatMap((event) => (event.format === 'access-common' ? [event.line] : [])),
      [1, 3, 11, 13, 17],
    );
    assert.deepEqual(field(run.events, 'remoteAddr'), [
      '::1',
      '192.168.33.1',
      '::1',
      '172.17.0.1',
      'monitoring-server',
      '127.0.0.1',
      'monitoring-server',
      '89.160.20.112',
      IPV6,
      'monitoring-server',
      IPV6,
      'monitoring-server',
      '127.0.0.1',
      '127.0.0.1:80',
      // line 15: `127.0.1.1:80 127.0.0.1 - -`: a virtual host before the client
      '127.0.0.1',
      '127.0.0.1',
      '127.0.0.1',
    ]);
    assert.deepEqual(field(run.events, 'status'), [404, 404, 408, 404, 200, 408, 200, 200, 200, 200, 200, 200, 200, 400, 400, 400, 400]);
    assert.deepEqual(field(run.events, 'bytes'), [209, 499, null, 612, 612, 152, 612, 612, 612, 45, 612, 45, 2326, 3386, 483, 226, 226]);
    assert.deepEqual(field(run.events, 'userAgent'), [
      undefined,
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.12; rv:50.0) Gecko/20100101 Firefox/50.0',
      undefined,
      FIREFOX_15,
      FIREFOX_15,
      undefined, // "-"
      FIREFOX_15,
      FIREFOX_15,
      FIREFOX_15,
      'curl/7.79.1',
      undefined, // common: the agent follows the extra number
      'curl/7.79.1',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    assert.deepEqual(field(run.events, 'forwardedFor'), [
      undefined,
      undefined,
      undefined,
      undefined, // "-"
      undefined, // "-"
      undefined,
      undefined, // X-Forwarded-For="-"
      '10.0.0.2,10.0.0.1',
      '10.225.192.17, 10.2.2.121',
      '192.168.0.2',
      undefined,
      '192.168.0.2',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    assert.equal(run.events.filter((event) => event.record['referer'] !== undefined).length, 0);
  });

  it('apache-access/test-access-basic.log: request lines, users and times', () => {
    const lines = readLines('apache-access/test-access-basic.log');
    const records = lines.map((line) => parseAccessLine(line)?.record);
    assert.equal(records[0]?.time, '26/Dec/2016:16:16:29 +0200');
    assert.equal(records[0]?.path, '/favicon.ico');
    assert.equal(records[2]?.request, '-');
    assert.equal(records[2]?.method, undefined);
    assert.equal(records[6]?.path, A_BEKA);
    assert.equal(records[6]?.protocol, 'HTTP/1.1');
    assert.equal(records[12]?.ident, 'user-identity');
    assert.equal(records[12]?.remoteUser, 'frank');
    assert.equal(records[12]?.protocol, 'HTTP/1.0');
    assert.equal(records[0]?.ident, undefined);
    assert.equal(records[0]?.remoteUser, undefined);
    // Scanner probes and garbage: logged, but not METHOD target protocol.
    assert.equal(records[13]?.request, '<SCRIPT>NXSSTEST</SCRIPT> / HTTP/1.1');
    assert.equal(records[13]?.method, undefined);
    assert.equal(records[14]?.request, '\\x16\\x03\\x03\\x01\\x8f\\x01');
    assert.equal(records[14]?.virtualHost, '127.0.1.1:80');
    assert.equal(records[14]?.method, undefined);
    assert.equal(records[15]?.request, '- - HTTP/1.0');
    assert.equal(records[15]?.method, undefined);
    assert.equal(records[16]?.request, '\\n');
    assert.equal(records[16]?.time, '22/May/2024:08:21:14 +0300');
  });

  it('nginx-access/test-access.log: 14 combined lines', () => {
    const lines = readLines('nginx-access/test-access.log');
    assert.equal(lines.length, 14);
    const run = runParser(createAccessLogParser(), lines);
    assert.deepEqual(run.errorLines, []);
    assert.equal(run.events.length, 14);
    assert.ok(run.events.every((event) => event.format === 'access-combined'));
    assert.deepEqual(field(run.events, 'remoteAddr'), [
      ...Array<string>(8).fill('67.43.156.13'),
      ...Array<string>(4).fill('127.0.0.1'),
      '192.168.0.1',
      '192.168.0.1',
    ]);
    assert.deepEqual(field(run.events, 'virtualHost'), [
      ...Array<undefined>(12).fill(undefined),
      'lessons.example.com',
      'lessons.example.com',
    ]);
    assert.deepEqual(field(run.events, 'status'), [200, 404, 404, 200, 404, 404, 404, 404, 404, 304, 304, 404, 206, 206]);
    assert.deepEqual(field(run.events, 'bytes'), [612, 571, 571, 612, 571, 571, 571, 571, 571, 0, 0, 169, 7648063, 7648063]);
    const chrome = (build: string): string =>
      `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/54.0.2840.${build} Safari/537.36`;
    const firefox = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.12; rv:49.0) Gecko/20100101 Firefox/49.0';
    const silk =
      'Mozilla/5.0 (Linux; Android 5.1.1; KFFOWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/81.2.16 like Chrome/81.0.4044.138 Safari/537.36';
    assert.deepEqual(field(run.events, 'userAgent'), [
      ...Array<string>(3).fill(chrome('59')),
      ...Array<string>(6).fill(chrome('98')),
      ...Array<string>(3).fill(firefox),
      silk,
      silk,
    ]);
    const lessons = `http://lessons.example.com${A_BEKA}`;
    assert.deepEqual(field(run.events, 'referer'), [
      undefined,
      'http://localhost:8080/',
      undefined,
      undefined,
      'http://localhost:8080/',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      lessons,
      lessons,
    ]);
    assert.deepEqual(field(run.events, 'path'), [
      '/',
      '/favicon.ico',
      '/adsasd',
      '/',
      '/favicon.ico',
      '/test',
      '/test',
      '/test1',
      '/test1',
      '/',
      '/',
      '/taga',
      A_BEKA,
      '/%D0%A0%D1%83%D1%81%D1%81%D0%BA%D0%B0%D1%8F%20%D1%88%D0%BA%D0%BE%D0%BB%D0%B0%20-%20InternetUrok%201%D0%BA%D0%BB%D0%B0%D1%81%D1%81/',
    ]);
    assert.equal(run.events[0]?.record['time'], '25/Oct/2016:14:49:33 +0200');
    assert.equal(run.events[13]?.record['time'], '09/Jun/2020:12:15:39 -0700');
  });
});

describe('auditd on the corpus', () => {
  const FILE = 'auditd-log/test-auditd-useradd.log';

  it('test-auditd-useradd.log: 21 records, 20 events, line 17 malformed', () => {
    const lines = readLines(FILE);
    assert.equal(lines.length, 21);
    assert.ok(lines.every((line) => looksLikeAuditd(line)));
    // Seven lines carry the ENRICHED GS separator.
    assert.deepEqual(
      lines.flatMap((line, index) => (line.includes('\u001d') ? [index + 1] : [])),
      [9, 10, 11, 12, 13, 14, 18],
    );
    const run = runParser(createAuditdParser(), lines);
    // Line 17's msg='... res=successUID="root" ...' never closes its quote.
    assert.deepEqual(run.errorLines, [17]);
    assert.match(run.errors[0] ?? '', /unterminated quote in msg/);
    assert.equal(run.events.length, 20);
    assert.ok(run.events.every((event) => event.schema === 'auditd' && event.format === 'auditd'));
    assert.deepEqual(
      run.events.map((event) => event.line),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 21],
    );
    assert.deepEqual(
      field(run.events, 'serial'),
      [584, 586, 587, 591, 593, 594, 595, 596, 1308, 5678, 1200, 3456, 3457, 4568, 194380001, 387518118, 4569, 597, 598, 3458],
    );
    const types = [
      'ADD_GROUP',
      'ADD_GROUP',
      'ADD_GROUP',
      'ADD_USER',
      'USER_ACCT',
      'USER_CHAUTHTOK',
      'USER_AUTH',
      'USER_ACCT',
      'ADD_GROUP',
      'DEL_GROUP',
      'ADD_USER',
      'DEL_USER',
      'USER_CHAUTHTOK',
      'ACCT_LOCK',
      'USER_LOGOUT',
      'USER_START',
      'ACCT_UNLOCK',
      'USER_CHAUTHTOK',
      'USER_CHAUTHTOK',
      'USER_CHAUTHTOK',
    ];
    assert.deepEqual(field(run.events, 'type'), types);
    // Every serial in this file is distinct: each event joins a single record.
    assert.deepEqual(
      field(run.events, 'types'),
      types.map((type) => [type]),
    );
    assert.deepEqual(field(run.events, 'timestamp').slice(0, 9), [
      '1610903553.686',
      '1610903553.710',
      '1610903553.710',
      '1610903553.730',
      '1610903553.814',
      '1610903558.174',
      '1610903558.178',
      '1610903558.178',
      '1781533204.613',
    ]);
    assert.deepEqual(field(run.events, 'auid'), [
      '1000',
      '1000',
      '1000',
      '1000',
      '1000',
      '1000',
      '1000',
      '1000',
      '1000000000',
      '1006',
      '1006',
      '10001',
      '1007',
      '1000',
      '100001',
      '100002',
      '1000',
      '1000',
      '1000',
      '1005',
    ]);
    // Every record's outer uid is 0; line 5's inner `uid=1004` (pam_tally2) does not override it.
    assert.deepEqual(field(run.events, 'uid'), Array<string>(20).fill('0'));
    assert.deepEqual(field(run.events, 'res'), Array<string>(20).fill('success'));
    assert.deepEqual(field(run.events, 'exe'), [
      '/usr/sbin/groupadd',
      '/usr/sbin/groupadd',
      '/usr/sbin/groupadd',
      '/usr/sbin/useradd',
      '/sbin/pam_tally2',
      '/usr/bin/passwd',
      '/usr/bin/chfn',
      '/usr/bin/chfn',
      '/usr/sbin/groupadd',
      '/usr/sbin/groupdel',
      '/usr/sbin/useradd',
      '/usr/sbin/userdel',
      '/usr/sbin/usermod',
      '/usr/bin/passwd',
      '/usr/sbin/sshd',
      '/usr/sbin/sshd',
      '/usr/bin/passwd',
      '/usr/sbin/usermod',
      '/usr/sbin/usermod',
      '/usr/sbin/usermod',
    ]);
    const acct = field(run.events, 'acct');
    assert.deepEqual(
      acct.flatMap((value, index) => (value === undefined ? [] : [[index, value]])),
      [
        [5, 'charlie'],
        [6, 'root'],
        [7, 'root'],
        [19, 'example_target_user'],
      ],
    );
  });

  it('test-auditd-useradd.log: op texts with spaces, addresses, sessions and translations', () => {
    const run = runParser(createAuditdParser(), readLines(FILE));
    const records = run.events.map((event) => event.record);
    assert.equal(records[0]?.['op'], 'adding group to /etc/group');
    assert.equal(records[1]?.['op'], 'adding group to /etc/gshadow');
    assert.equal(records[2]?.['op'], '');
    assert.equal(records[3]?.['op'], 'adding user');
    assert.equal(records[4]?.['op'], undefined); // 'pam_tally2 uid=1004 reset=0 ...'
    assert.equal(records[4]?.['reset'], '0');
    assert.equal(records[4]?.['terminal'], '/dev/pts/2');
    assert.equal(records[5]?.['op'], 'PAM:chauthtok');
    assert.equal(records[19]?.['op'], 'adding user to shadow group');
    assert.equal(records[17]?.['op'], 'changing uid');
    assert.equal(records[18]?.['op'], 'updating passwd');
    assert.equal(records[0]?.['pid'], '2940');
    assert.equal(records[0]?.['ses'], '14');
    assert.equal(records[0]?.['id'], '1004');
    assert.equal(records[0]?.['addr'], '127.0.0.1');
    assert.equal(records[0]?.['hostname'], 'ubuntu-bionic');
    assert.equal(
      records[0]?.['msg'],
      'op=adding group to /etc/group id=1004 exe="/usr/sbin/groupadd" hostname=ubuntu-bionic addr=127.0.0.1 terminal=pts/2 res=success',
    );
    assert.equal(records[8]?.['subj'], 'unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023');
    assert.equal(records[8]?.['addr'], '?');
    assert.equal(records[14]?.['addr'], '192.168.100.25');
    assert.equal(records[15]?.['addr'], '192.168.100.50');
    assert.equal(records[15]?.['ses'], '15441219');
    assert.equal(records[19]?.['subj'], 'unconfined');
    assert.equal(records[19]?.['terminal'], 'pts/12');

    assert.deepEqual(records[8]?.['translated'], { UID: 'root', AUID: 'user123456', ID: 'testgrp1001' });
    assert.deepEqual(records[9]?.['translated'], { UID: 'root', AUID: 'example_admin', ID: 'example_deleted_group' });
    assert.deepEqual(records[10]?.['translated'], { UID: 'root', AUID: 'example_admin', ID: 'example_created_user' });
    assert.deepEqual(records[11]?.['translated'], { UID: 'root', AUID: 'example_admin', ID: 'example_deleted_user' });
    assert.deepEqual(records[12]?.['translated'], { UID: 'root', AUID: 'example_admin', ID: 'example_target_user' });
    assert.deepEqual(records[13]?.['translated'], { UID: 'root', AUID: 'example_admin', ID: 'example_locked_user' });
    // Lines 15 and 16 have the translations after a space instead of GS.
    assert.deepEqual(records[14]?.['translated'], { UID: 'root', AUID: 'appuser', ID: 'appuser' });
    assert.deepEqual(records[15]?.['translated'], { UID: 'root', AUID: 'serviceuser', ID: 'serviceuser' });
    assert.deepEqual(records[16]?.['translated'], { UID: 'root', AUID: 'example_admin', ID: 'example_unlocked_user' });
    for (const index of [0, 1, 2, 3, 4, 5, 6, 7, 17, 18, 19]) assert.equal(records[index]?.['translated'], undefined, String(index));
    // The translated ID never replaces the raw id.
    assert.equal(records[8]?.['id'], '2001');
  });

  it('test-auditd-useradd.log: records of one serial are joined when their lines repeat', () => {
    // The file's own records, each fed twice in a row: the copies join into their first event.
    const lines = readLines(FILE).flatMap((line) => [line, line]);
    const run = runParser(createAuditdParser(), lines);
    assert.equal(run.events.length, 20);
    assert.deepEqual(run.errorLines, [33, 34]);
    assert.deepEqual(run.events[0]?.record['types'], ['ADD_GROUP', 'ADD_GROUP']);
    assert.equal(run.events[0]?.line, 1);
    assert.equal(run.events[19]?.line, 41);
  });
});
