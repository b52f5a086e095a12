import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAuditdParser, looksLikeAuditd } from '../../../src/logs/formats/auditd.js';
import type { LineParser, ParsedEvent } from '../../../src/logs/formats/types.js';

const GS = '\u001d';

/** Feeds lines (numbered from 1), collecting events, errors and the end() flush. */
function run(lines: readonly string[], parser: LineParser = createAuditdParser()) {
  const events: ParsedEvent[] = [];
  const errors: { line: number; message: string }[] = [];
  const emittedAt: number[] = [];
  lines.forEach((text, index) => {
    const outcome = parser.push(text, index + 1);
    if (outcome.kind === 'error') {
      errors.push({ line: outcome.line, message: outcome.message });
      return;
    }
    for (const event of outcome.events) {
      events.push(event);
      emittedAt.push(index + 1);
    }
  });
  const flushed = parser.end();
  events.push(...flushed);
  return { events, errors, emittedAt, flushed };
}

const SYSCALL =
  'type=SYSCALL msg=audit(1700000000.123:42): arch=c000003e syscall=59 success=yes exit=0 a0=55d0 a1=10 ppid=100 pid=200 auid=1000 uid=0 comm="cat" exe="/usr/bin/cat" key="exec"';
const EXECVE = 'type=EXECVE msg=audit(1700000000.123:42): argc=2 a0="cat" a1=2F746D702F6120622E747874';
const CWD = 'type=CWD msg=audit(1700000000.123:42): cwd="/root"';
const PATH = 'type=PATH msg=audit(1700000000.123:42): item=0 name="/usr/bin/cat" inode=12 nametype=NORMAL';
const PROCTITLE = 'type=PROCTITLE msg=audit(1700000000.123:42): proctitle=636174002F746D702F6120622E747874';
const EOE = 'type=EOE msg=audit(1700000000.123:42): ';

describe('createAuditdParser', () => {
  it('joins the records of one serial into one event at EOE', () => {
    const { events, errors, emittedAt, flushed } = run([SYSCALL, EXECVE, CWD, PATH, PROCTITLE, EOE]);
    assert.deepEqual(errors, []);
    assert.equal(events.length, 1);
    assert.deepEqual(emittedAt, [6]);
    assert.deepEqual(flushed, []);
    const event = events[0];
    assert.ok(event !== undefined);
    assert.equal(event.schema, 'auditd');
    assert.equal(event.format, 'auditd');
    assert.equal(event.line, 1);
    const record = event.record;
    assert.equal(record['serial'], 42);
    assert.equal(record['timestamp'], '1700000000.123');
    assert.deepEqual(record['types'], ['SYSCALL', 'EXECVE', 'CWD', 'PATH', 'PROCTITLE']);
    assert.equal(record['type'], 'SYSCALL');
    assert.equal(record['auid'], '1000');
    assert.equal(record['uid'], '0');
    assert.equal(record['exe'], '/usr/bin/cat');
    assert.equal(record['key'], 'exec');
    // SYSCALL's a0/a1 come first and are numbers in lower-case hex: not decoded, and they win.
    assert.equal(record['a0'], '55d0');
    assert.equal(record['a1'], '10');
    assert.equal(record['cwd'], '/root');
    assert.equal(record['name'], '/usr/bin/cat');
    // proctitle is hex with NUL-separated arguments.
    assert.equal(record['proctitle'], 'cat /tmp/a b.txt');
    assert.equal(record['translated'], undefined);
  });

  it('decodes an EXECVE argument in hex when EXECVE comes first', () => {
    const { events } = run([EXECVE, EOE]);
    assert.equal(events[0]?.record['a1'], '/tmp/a b.txt');
    assert.equal(events[0]?.record['a0'], 'cat');
  });

  it('decodes hex only for known fields with even-length upper-case hex', () => {
    const { events } = run([
      'type=USER_CMD msg=audit(1700000001.000:7): pid=1 uid=1000 auid=1000 ses=3 msg=\'cwd="/home/u" cmd=6C73202D6C61 terminal=pts/0 res=success\'',
      'type=USER_ACCT msg=audit(1700000001.000:8): pid=1 uid=0 msg=\'op=PAM:accounting acct=6A6F686E20646F65 exe="/bin/su" res=failed\'',
      'type=USER_ACCT msg=audit(1700000001.000:9): pid=1 uid=0 msg=\'op=x acct=ABC ses=ABCD exe=61 res=success\'',
    ]);
    assert.equal(events[0]?.record['cmd'], 'ls -la');
    assert.equal(events[0]?.record['cwd'], '/home/u');
    assert.equal(events[1]?.record['acct'], 'john doe');
    assert.equal(events[1]?.record['res'], 'failed');
    // Odd length, and a field that is never hex: kept. A listed field with even-length hex: decoded.
    assert.equal(events[2]?.record['acct'], 'ABC');
    assert.equal(events[2]?.record['ses'], 'ABCD');
    assert.equal(events[2]?.record['exe'], 'a');
  });

  it("reads msg='...' in user-space records, keeps it whole, and lets outer fields win", () => {
    const { events } = run([
      "type=USER_LOGIN msg=audit(1700000002.500:77): pid=9 uid=0 auid=1000 ses=5 msg='op=login id=1000 exe=\"/usr/sbin/sshd\" hostname=? addr=203.0.113.5 terminal=sshd res=failed'",
      "type=USER_ACCT msg=audit(1700000002.600:78): pid=10 uid=0 auid=1000 msg='pam_tally2 uid=1004 reset=0 res=success'",
    ]);
    const login = events[0]?.record;
    assert.equal(login?.['type'], 'USER_LOGIN');
    assert.equal(login?.['msg'], 'op=login id=1000 exe="/usr/sbin/sshd" hostname=? addr=203.0.113.5 terminal=sshd res=failed');
    assert.equal(login?.['addr'], '203.0.113.5');
    assert.equal(login?.['res'], 'failed');
    assert.equal(login?.['exe'], '/usr/sbin/sshd');
    assert.equal(login?.['op'], 'login');
    const acct = events[1]?.record;
    assert.equal(acct?.['uid'], '0');
    assert.equal(acct?.['reset'], '0');
    assert.equal(acct?.['pam_tally2'], undefined);
  });

  it('continues a bare value with the words after it', () => {
    const { events } = run([
      "type=ADD_GROUP msg=audit(1700000003.000:80): pid=1 uid=0 auid=1000 msg='op=adding group to /etc/group id=1004 exe=\"/usr/sbin/groupadd\" res=success'",
      "type=ADD_GROUP msg=audit(1700000003.000:81): pid=1 uid=0 auid=1000 msg='op= id=1004 res=success'",
    ]);
    assert.equal(events[0]?.record['op'], 'adding group to /etc/group');
    assert.equal(events[0]?.record['id'], '1004');
    assert.equal(events[1]?.record['op'], '');
  });

  it('puts ENRICHED translations after GS under translated', () => {
    const line =
      "type=USER_AUTH msg=audit(1700000004.000:90): pid=5 uid=0 auid=1000 ses=1 msg='op=PAM:authentication acct=\"root\" exe=\"/usr/bin/su\" res=success'" +
      GS +
      'UID="root" AUID="vagrant" ARCH=x86_64';
    const { events, errors } = run([line]);
    assert.deepEqual(errors, []);
    const record = events[0]?.record;
    assert.equal(record?.['auid'], '1000');
    assert.equal(record?.['acct'], 'root');
    assert.deepEqual(record?.['translated'], { UID: 'root', AUID: 'vagrant', ARCH: 'x86_64' });
    assert.equal(record?.['UID'], undefined);
  });

  it('joins translations across records, first value winning', () => {
    const { events } = run([
      `type=SYSCALL msg=audit(1700000005.000:91): auid=1000 uid=0 exe="/bin/x"${GS}AUID="alice" UID="root"`,
      `type=PATH msg=audit(1700000005.000:91): item=0 name="/etc/shadow" uid=42 ouid=0${GS}OUID="root" UID="nobody"`,
    ]);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.record['uid'], '0');
    assert.deepEqual(events[0]?.record['translated'], { AUID: 'alice', UID: 'root', OUID: 'root' });
  });

  it('reads upper-case fields after the message as translations when the GS was lost', () => {
    const { events } = run([
      "type=USER_END msg=audit(1700000006.000:95): pid=1 uid=0 auid=1000 msg='op=login res=success' UID=\"root\" AUID=\"bob\"",
    ]);
    assert.deepEqual(events[0]?.record['translated'], { UID: 'root', AUID: 'bob' });
    assert.equal(events[0]?.record['res'], 'success');
  });

  it('reads node= prefixes and keeps records of different nodes apart', () => {
    const { events } = run([
      'node=web1 type=SYSCALL msg=audit(1700000007.000:5): auid=1 uid=0',
      'node=web2 type=SYSCALL msg=audit(1700000007.000:5): auid=2 uid=0',
      'node=web1 type=CWD msg=audit(1700000007.000:5): cwd="/"',
    ]);
    assert.equal(events.length, 2);
    assert.equal(events[0]?.record['node'], 'web1');
    assert.deepEqual(events[0]?.record['types'], ['SYSCALL', 'CWD']);
    assert.equal(events[1]?.record['node'], 'web2');
    assert.equal(events[1]?.record['auid'], '2');
  });

  it('joins interleaved serials and keeps at most 8 events open', () => {
    const lines: string[] = [];
    lines.push('type=SYSCALL msg=audit(1700000008.000:1): auid=1');
    lines.push('type=SYSCALL msg=audit(1700000008.000:2): auid=2');
    lines.push('type=CWD msg=audit(1700000008.000:1): cwd="/one"');
    for (let serial = 3; serial <= 12; serial++) lines.push(`type=SYSCALL msg=audit(1700000008.000:${serial}): auid=${serial}`);
    const { events, emittedAt, flushed } = run(lines);
    assert.equal(events.length, 12);
    assert.deepEqual(
      events.map((event) => event.record['serial']),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    );
    assert.deepEqual(events[0]?.record['types'], ['SYSCALL', 'CWD']);
    assert.equal(events[0]?.record['cwd'], '/one');
    assert.equal(events[0]?.line, 1);
    // Serial 9 (line 10) is the first that finds 8 open: serial 1 goes then.
    assert.deepEqual(emittedAt.slice(0, 4), [10, 11, 12, 13]);
    assert.equal(flushed.length, 8);
  });

  it('emits at EOE, ignores an EOE for an unknown serial, and does not list EOE in types', () => {
    const { events, emittedAt } = run([
      'type=EOE msg=audit(1700000009.000:300): ',
      'type=SYSCALL msg=audit(1700000009.000:301): auid=1',
      'type=EOE msg=audit(1700000009.000:301):',
      'type=SYSCALL msg=audit(1700000009.000:302): auid=2',
    ]);
    assert.deepEqual(emittedAt, [3]);
    assert.equal(events.length, 2);
    assert.deepEqual(events[0]?.record['types'], ['SYSCALL']);
  });

  it('reports malformed lines as errors and keeps open events', () => {
    const { events, errors } = run([
      'type=SYSCALL msg=audit(1700000010.000:400): auid=1',
      "type=USER_START msg=audit(1700000010.000:401): pid=1 msg='op=login res=success",
      'type=SYSCALL msg=audit(1700000010.000:402): comm="unterminated',
      'type=SYSCALL msg=audit(abc:402): auid=1',
      'type=SYSCALL msg=audit(1700000010.000): auid=1',
      'type=SYSCALL auid=1',
      'msg=audit(1700000010.000:403): auid=1',
      'hello world',
      '',
      'type=CWD msg=audit(1700000010.000:400): cwd="/"',
    ]);
    assert.deepEqual(
      errors.map((error) => error.line),
      [2, 3, 4, 5, 6, 7, 8],
    );
    assert.match(errors[0]?.message ?? '', /unterminated quote in msg/);
    assert.equal(events.length, 1);
    assert.deepEqual(events[0]?.record['types'], ['SYSCALL', 'CWD']);
  });

  it('stores __proto__ as an own field', () => {
    const { events } = run(['type=SYSCALL msg=audit(1700000011.000:1): __proto__=x auid=1']);
    const record = events[0]?.record;
    assert.ok(record !== undefined);
    assert.equal(Object.getPrototypeOf(record), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(record, '__proto__')?.value, 'x');
  });

  it('stays linear on long lines', () => {
    const started = performance.now();
    const words = 'w '.repeat(100000);
    const { events, errors } = run([
      `type=X msg=audit(1700000012.000:1): op=a ${words}${"a='b ".repeat(20001)}`,
      `type=X msg=audit(1700000012.000:2): ${'k="v" '.repeat(50000)}`,
    ]);
    // The odd count of single quotes leaves the last msg-like value open: an error.
    assert.deepEqual(
      errors.map((error) => error.line),
      [1],
    );
    assert.equal(events.length, 1);
    assert.equal(events[0]?.record['k'], 'v');
    assert.ok(performance.now() - started < 2000);
  });
});

describe('looksLikeAuditd', () => {
  it('recognises audit records', () => {
    assert.equal(looksLikeAuditd(SYSCALL), true);
    assert.equal(looksLikeAuditd('node=h1 type=EOE msg=audit(1700000000.123:42): '), true);
    assert.equal(looksLikeAuditd('type=SYSCALL pid=1'), false);
    assert.equal(looksLikeAuditd('level=info type=x msg=audit(1:2)'), false);
    assert.equal(looksLikeAuditd('type= msg=audit(1:2)'), false);
    assert.equal(looksLikeAuditd(''), false);
  });
});
