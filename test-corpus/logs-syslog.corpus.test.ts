/**
 * The syslog parser on the Linux auth.log sample in /work/shared/corpus/logs/system-auth. Every
 * expected value was read off the file by eye, not taken from running the parser.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import type { ParsedEvent } from '../src/logs/formats/types.js';
import { createSyslogParser } from '../src/logs/formats/syslog.js';

// Compiled to /work/main/build/test-corpus/: three levels up is /work.
const FILE = new URL('../../../shared/corpus/logs/system-auth/test-auth.log', import.meta.url);

function parseFile(): { events: ParsedEvent[]; errors: number[] } {
  const lines = fs.readFileSync(FILE, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const parser = createSyslogParser();
  const events: ParsedEvent[] = [];
  const errors: number[] = [];
  lines.forEach((text, index) => {
    const outcome = parser.push(text, index + 1);
    if (outcome.kind === 'events') events.push(...outcome.events);
    else errors.push(outcome.line);
  });
  events.push(...parser.end());
  return { events, errors };
}

function at(events: ParsedEvent[], line: number): Record<string, unknown> {
  const event = events.find((candidate) => candidate.line === line);
  assert.ok(event, `no event for line ${line}`);
  return event.record;
}

describe('system-auth/test-auth.log', () => {
  const { events, errors } = parseFile();

  it('parses all 12 lines as RFC 3164 syslog events', () => {
    assert.deepEqual(errors, []);
    assert.equal(events.length, 12);
    assert.deepEqual(
      events.map((event) => event.line),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    );
    for (const event of events) {
      assert.equal(event.format, 'syslog-3164');
      assert.equal(event.schema, 'syslog');
    }
  });

  it('reads app names, hosts and process ids', () => {
    assert.deepEqual(
      events.map((event) => event.record['appName']),
      ['sshd', 'sshd', 'sshd', 'sshd', 'sudo', 'sshd', 'sudo', 'sudo', 'groupadd', 'useradd', 'sshd', 'sudo'],
    );
    assert.deepEqual(
      events.map((event) => event.record['hostname']),
      [
        'localhost',
        'localhost',
        'localhost',
        'slave22',
        'localhost',
        'slave22',
        'localhost',
        'precise32',
        'localhost',
        'localhost',
        'localhost-machine',
        'host.name',
      ],
    );
    assert.deepEqual(
      events.map((event) => event.record['procId']),
      ['3402', '7483', '3430', '5774', undefined, '18406', undefined, undefined, '6991', '6995', '10161', '654321'],
    );
    assert.equal(at(events, 1)['timestamp'], 'Feb 21 21:54:44');
    assert.equal(at(events, 12)['timestamp'], 'Jun  2 19:08:43');
    assert.equal(at(events, 6)['message'], 'Did not receive identification string from 89.160.20.156');
    for (const event of events) assert.equal(event.record['facility'], undefined);
  });

  it('enriches the ssh logins', () => {
    assert.deepEqual(at(events, 1)['auth'], {
      user: 'vagrant',
      sourceIp: '10.0.2.2',
      action: 'ssh-login',
      outcome: 'success',
      category: 'authentication',
    });
    assert.deepEqual(at(events, 2)['auth'], {
      user: 'vagrant',
      sourceIp: '192.168.33.1',
      action: 'ssh-login',
      outcome: 'success',
      category: 'authentication',
    });
    assert.deepEqual(at(events, 3)['auth'], {
      user: 'test',
      sourceIp: '10.0.2.2',
      action: 'ssh-invalid-user',
      outcome: 'failure',
      category: 'authentication',
    });
    assert.deepEqual(at(events, 4)['auth'], {
      user: 'root',
      sourceIp: '89.160.20.156',
      action: 'ssh-login',
      outcome: 'failure',
      category: 'authentication',
    });
    // "error: PAM: User not known ... for illegal user test from test.example.com": sshd logged a host name.
    assert.deepEqual(at(events, 11)['auth'], {
      user: 'test',
      sourceIp: 'test.example.com',
      action: 'ssh-login',
      outcome: 'failure',
      category: 'authentication',
    });
  });

  it('leaves lines that name no user unenriched', () => {
    assert.equal(at(events, 6)['auth'], undefined);
  });

  it('enriches sudo commands, the refusal and the PAM failure', () => {
    assert.deepEqual(at(events, 5)['auth'], {
      user: 'vagrant',
      targetUser: 'root',
      action: 'sudo',
      outcome: 'success',
      category: 'privilege',
    });
    assert.deepEqual(at(events, 7)['auth'], {
      user: 'vagrant',
      targetUser: 'root',
      action: 'sudo',
      outcome: 'success',
      category: 'privilege',
    });
    // "tsg : user NOT in sudoers ; ... USER=root": refused.
    assert.deepEqual(at(events, 8)['auth'], {
      user: 'tsg',
      targetUser: 'root',
      action: 'sudo',
      outcome: 'failure',
      category: 'privilege',
    });
    // pam_unix(sudo:auth): ... ruser=alice rhost= user=root: the empty rhost gives no source.
    assert.deepEqual(at(events, 12)['auth'], {
      user: 'root',
      action: 'sudo',
      outcome: 'failure',
      category: 'privilege',
    });
  });

  it('enriches the account changes', () => {
    assert.deepEqual(at(events, 9)['auth'], {
      group: 'apache',
      action: 'group-created',
      outcome: 'success',
      category: 'account-change',
    });
    assert.deepEqual(at(events, 10)['auth'], {
      targetUser: 'apache',
      action: 'user-created',
      outcome: 'success',
      category: 'account-change',
    });
  });
});
