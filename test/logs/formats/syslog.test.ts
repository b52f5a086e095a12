import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuthInfo } from '../../../src/logs/formats/syslog.js';
import { authFromSyslog, createSyslogParser, looksLikeSyslog, parseSyslogLine } from '../../../src/logs/formats/syslog.js';

function record(line: string): Record<string, unknown> {
  const parsed = parseSyslogLine(line);
  assert.ok(parsed, `expected syslog: ${line}`);
  return parsed.record;
}

function authOf(line: string): unknown {
  return record(line)['auth'];
}

describe('parseSyslogLine: RFC 5424', () => {
  it('reads the header, nil fields omitted, BOM dropped', () => {
    const parsed = parseSyslogLine("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed for lonvick on /dev/pts/8");
    assert.ok(parsed);
    assert.equal(parsed.format, 'syslog-5424');
    const { auth, ...rest } = parsed.record;
    assert.deepEqual(rest, {
      facility: 4,
      severity: 2,
      version: 1,
      timestamp: '2003-10-11T22:14:15.003Z',
      hostname: 'mymachine.example.com',
      appName: 'su',
      msgId: 'ID47',
      message: "'su root' failed for lonvick on /dev/pts/8",
    });
    assert.deepEqual(auth, { action: 'su', category: 'privilege', user: 'lonvick', targetUser: 'root', outcome: 'failure' });
  });

  it('reads a numeric offset, a process id and no MSGID', () => {
    assert.deepEqual(record("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts."), {
      facility: 20,
      severity: 5,
      version: 1,
      timestamp: '2003-08-24T05:14:15.000003-07:00',
      hostname: '192.0.2.1',
      appName: 'myproc',
      procId: '8710',
      message: "%% It's time to make the do-nuts.",
    });
  });

  it('reads structured data elements and their parameters', () => {
    const line =
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"] \uFEFFAn application event log entry';
    assert.deepEqual(record(line), {
      facility: 20,
      severity: 5,
      version: 1,
      timestamp: '2003-10-11T22:14:15.003Z',
      hostname: 'mymachine.example.com',
      appName: 'evntslog',
      msgId: 'ID47',
      structuredData: {
        'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' },
        'examplePriority@32473': { class: 'high' },
      },
      message: 'An application event log entry',
    });
  });

  it('accepts structured data without a MSG and an all-nil header', () => {
    assert.deepEqual(record('<0>1 - - - - - [meta sequenceId="29"]'), {
      facility: 0,
      severity: 0,
      version: 1,
      structuredData: { meta: { sequenceId: '29' } },
    });
    assert.deepEqual(record('<191>1 - - - - - -'), { facility: 23, severity: 7, version: 1 });
    assert.deepEqual(record('<14>1 - - - - - - '), { facility: 1, severity: 6, version: 1, message: '' });
  });

  it('unescapes \\", \\\\ and \\] in parameter values and keeps other backslashes', () => {
    const sd = record('<13>1 2024-05-01T00:00:00Z h a - - [x@1 a="q\\"uote" b="back\\\\slash" c="br\\]acket" d="C:\\temp" e="]"] m')[
      'structuredData'
    ];
    assert.deepEqual(sd, { 'x@1': { a: 'q"uote', b: 'back\\slash', c: 'br]acket', d: 'C:\\temp', e: ']' } });
  });

  it('collects a repeated parameter name into an array and merges a repeated SD-ID', () => {
    const sd = record('<13>1 2024-05-01T00:00:00Z h a - - [origin ip="192.0.2.1" ip="192.0.2.129" ip="192.0.2.200"][origin software="x"]')[
      'structuredData'
    ];
    assert.deepEqual(sd, { origin: { ip: ['192.0.2.1', '192.0.2.129', '192.0.2.200'], software: 'x' } });
  });

  it('stores a __proto__ SD-ID as data', () => {
    const sd = record('<13>1 - h a - - [__proto__ polluted="yes"]')['structuredData'];
    assert.ok(typeof sd === 'object' && sd !== null);
    assert.equal(Object.getPrototypeOf(sd), Object.prototype);
    assert.ok(Object.hasOwn(sd, '__proto__'));
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('rejects malformed RFC 5424 lines', () => {
    const bad = [
      '<34>2 2003-10-11T22:14:15.003Z host app - - - msg', // version 2
      '<34>11 2003-10-11T22:14:15.003Z host app - - - msg',
      '<192>1 2003-10-11T22:14:15.003Z host app - - - msg', // PRI out of range
      '<34>1 2003-13-11T22:14:15.003Z host app - - - msg', // month 13
      '<34>1 2003-02-29T22:14:15Z host app - - - msg', // not a leap year
      '<34>1 2003-10-11T24:14:15Z host app - - - msg',
      '<34>1 2003-10-11 host app - - - msg',
      '<34>1 2003-10-11T22:14:15.003Z host app - -', // no structured data
      '<34>1 2003-10-11T22:14:15.003Z host  app - - - msg', // empty field
      '<34>1 2003-10-11T22:14:15.003Z host app - - [x a="1"', // unterminated element
      '<34>1 2003-10-11T22:14:15.003Z host app - - [x a="1]', // unterminated value
      '<34>1 2003-10-11T22:14:15.003Z host app - - [x a=1]', // unquoted value
      '<34>1 2003-10-11T22:14:15.003Z host app - - [x  a="1"]',
      '<34>1 2003-10-11T22:14:15.003Z host app - - [] msg',
      '<34>1 2003-10-11T22:14:15.003Z host app - - [x a="1"]msg', // no space before MSG
      '<34>1 2003-10-11T22:14:15.003Z host app - - -msg',
      '<34>1 2003-10-11T22:14:15.003Z host ' + 'a'.repeat(49) + ' - - - msg', // APP-NAME over 48
    ];
    for (const line of bad) assert.equal(parseSyslogLine(line), null, line);
  });
});

describe('parseSyslogLine: RFC 3164', () => {
  it('reads the RFC 3164 example with PRI', () => {
    const parsed = parseSyslogLine("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8");
    assert.ok(parsed);
    assert.equal(parsed.format, 'syslog-3164');
    assert.equal(parsed.record['facility'], 4);
    assert.equal(parsed.record['severity'], 2);
    assert.equal(parsed.record['timestamp'], 'Oct 11 22:14:15');
    assert.equal(parsed.record['hostname'], 'mymachine');
    assert.equal(parsed.record['appName'], 'su');
    assert.equal(parsed.record['procId'], undefined);
    assert.equal(parsed.record['message'], "'su root' failed for lonvick on /dev/pts/8");
  });

  it('reads a file line without PRI, with a process id and a space-padded day', () => {
    assert.deepEqual(record('Jun  2 19:08:43 web-1 CRON[1234]: (root) CMD (run-parts /etc/cron.hourly)'), {
      timestamp: 'Jun  2 19:08:43',
      hostname: 'web-1',
      appName: 'CRON',
      procId: '1234',
      message: '(root) CMD (run-parts /etc/cron.hourly)',
    });
  });

  it('accepts a zero-padded or single-digit day and a fraction', () => {
    assert.equal(record('Jun 02 19:08:43 h app: x')['timestamp'], 'Jun 02 19:08:43');
    assert.equal(record('Jun 2 19:08:43 h app: x')['timestamp'], 'Jun 2 19:08:43');
    assert.equal(record('Jun 12 19:08:43.123 h app: x')['timestamp'], 'Jun 12 19:08:43.123');
  });

  it('accepts an RFC 3339 timestamp in place of the BSD one', () => {
    const parsed = parseSyslogLine('2024-03-01T10:00:00.123456+01:00 db-2 postgres[812]: connection authorized');
    assert.deepEqual(parsed, {
      format: 'syslog-3164',
      record: {
        timestamp: '2024-03-01T10:00:00.123456+01:00',
        hostname: 'db-2',
        appName: 'postgres',
        procId: '812',
        message: 'connection authorized',
      },
    });
    assert.equal(record('<86>2024-03-01T10:00:00Z db-2 app: m')['facility'], 10);
  });

  it('keeps the whole content as message when there is no tag', () => {
    assert.deepEqual(record('Feb  1 00:00:01 gw last message repeated 3 times'), {
      timestamp: 'Feb  1 00:00:01',
      hostname: 'gw',
      message: 'last message repeated 3 times',
    });
    assert.deepEqual(record('Feb  1 00:00:01 gw [12.5] boot'), { timestamp: 'Feb  1 00:00:01', hostname: 'gw', message: '[12.5] boot' });
  });

  it('reads a tag with no hostname before it', () => {
    assert.deepEqual(record('Feb  1 00:00:01 sshd[9]: Server listening on 0.0.0.0 port 22.'), {
      timestamp: 'Feb  1 00:00:01',
      appName: 'sshd',
      procId: '9',
      message: 'Server listening on 0.0.0.0 port 22.',
    });
  });

  it('checks month names and day/time ranges', () => {
    const bad = [
      'Foo 11 22:14:15 host app: m',
      'Feb 30 22:14:15 host app: m',
      'Apr 31 22:14:15 host app: m',
      'Oct 32 22:14:15 host app: m',
      'Oct  0 22:14:15 host app: m',
      'Oct 11 24:14:15 host app: m',
      'Oct 11 22:60:15 host app: m',
      'Oct 11 22:14:61 host app: m',
      'Oct 11 2:14:15 host app: m',
      'Oct  11 22:14:15 host app: m',
      'Oct 11 22:14:15',
      'Oct 11 22:14:15host app: m',
      '2024-02-30T10:00:00Z host app: m',
      '2024-02-10 host app: m',
    ];
    for (const line of bad) assert.equal(parseSyslogLine(line), null, line);
    assert.ok(parseSyslogLine('Feb 29 22:14:15 host app: m'));
    assert.ok(parseSyslogLine('oct 11 22:14:15 host app: m'));
  });

  it('rejects lines that are not syslog', () => {
    const bad = [
      '',
      'hello world',
      '{"time":"2024-01-01T00:00:00Z"}',
      '127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326',
      'type=USER_LOGIN msg=audit(1364481363.243:24287): pid=1',
      '<>Oct 11 22:14:15 host app: m',
      '<1234>Oct 11 22:14:15 host app: m',
      '<34 Oct 11 22:14:15 host app: m',
      '<34>',
      'May 5 is a date: really',
    ];
    for (const line of bad) assert.equal(parseSyslogLine(line), null, JSON.stringify(line));
  });

  it('does not take CEF or LEEF for a tag', () => {
    assert.deepEqual(record('Mar  4 10:11:12 fw01 CEF:0|Acme|FW|9|deny|Denied|3|src=10.1.1.1'), {
      timestamp: 'Mar  4 10:11:12',
      hostname: 'fw01',
      message: 'CEF:0|Acme|FW|9|deny|Denied|3|src=10.1.1.1',
    });
    assert.equal(record('Mar  4 10:11:12 LEEF:1.0|V|P|1|E|a=1')['hostname'], undefined);
  });
});

describe('looksLikeSyslog', () => {
  it('names the flavour or null', () => {
    assert.equal(looksLikeSyslog('<13>1 2024-05-01T00:00:00Z h a - - - m'), 'syslog-5424');
    assert.equal(looksLikeSyslog('Jun  2 19:08:43 h a: m'), 'syslog-3164');
    assert.equal(looksLikeSyslog('2024-05-01T00:00:00Z h a: m'), 'syslog-3164');
    assert.equal(looksLikeSyslog('2024-05-01 00:00:00 INFO started'), null);
    assert.equal(looksLikeSyslog('just text'), null);
  });
});

describe('authentication enrichment', () => {
  const cases: ReadonlyArray<readonly [string, AuthInfo | undefined]> = [
    [
      'Mar 10 08:00:01 bastion sshd[100]: Accepted publickey for deploy from 198.51.100.23 port 40022 ssh2: ED25519 SHA256:abc',
      { user: 'deploy', sourceIp: '198.51.100.23', action: 'ssh-login', outcome: 'success', category: 'authentication' },
    ],
    [
      'Mar 10 08:00:02 bastion sshd[101]: Failed password for invalid user admin from 203.0.113.50 port 5555 ssh2',
      { user: 'admin', sourceIp: '203.0.113.50', action: 'ssh-login', outcome: 'failure', category: 'authentication' },
    ],
    [
      'Mar 10 08:00:03 bastion sshd[102]: Failed keyboard-interactive/pam for root from 2001:db8::7 port 22 ssh2',
      { user: 'root', sourceIp: '2001:db8::7', action: 'ssh-login', outcome: 'failure', category: 'authentication' },
    ],
    [
      'Mar 10 08:00:04 bastion sshd[103]: Invalid user oracle from 203.0.113.51 port 40000',
      { user: 'oracle', sourceIp: '203.0.113.51', action: 'ssh-invalid-user', outcome: 'failure', category: 'authentication' },
    ],
    [
      'Mar 10 08:00:05 bastion sshd[104]: Disconnected from user deploy 198.51.100.23 port 40022',
      { user: 'deploy', sourceIp: '198.51.100.23', action: 'ssh-disconnect', category: 'session' },
    ],
    [
      'Mar 10 08:00:06 bastion sshd[105]: Connection closed by authenticating user root 203.0.113.52 port 6000 [preauth]',
      { user: 'root', sourceIp: '203.0.113.52', action: 'ssh-connection-closed', category: 'authentication' },
    ],
    [
      'Mar 10 08:00:07 bastion sshd[106]: Disconnected from invalid user test 203.0.113.53 port 6001 [preauth]',
      { user: 'test', sourceIp: '203.0.113.53', action: 'ssh-disconnect', category: 'authentication' },
    ],
    [
      'Mar 10 08:00:08 bastion sshd[107]: pam_unix(sshd:session): session opened for user deploy(uid=1001) by (uid=0)',
      { user: 'deploy', action: 'session-opened', category: 'session' },
    ],
    [
      'Mar 10 08:00:09 bastion sshd[107]: pam_unix(sshd:session): session closed for user deploy',
      { user: 'deploy', action: 'session-closed', category: 'session' },
    ],
    [
      'Mar 10 08:00:10 bastion sshd[108]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.54  user=root',
      { user: 'root', sourceIp: '203.0.113.54', action: 'ssh-login', outcome: 'failure', category: 'authentication' },
    ],
    [
      'Mar 10 08:00:11 bastion sshd[109]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.55',
      { sourceIp: '203.0.113.55', action: 'ssh-login', outcome: 'failure', category: 'authentication' },
    ],
    [
      'Mar 10 08:00:12 bastion sshd-session[110]: Accepted password for ops from 192.0.2.9 port 1 ssh2',
      { user: 'ops', sourceIp: '192.0.2.9', action: 'ssh-login', outcome: 'success', category: 'authentication' },
    ],
    [
      'Mar 10 08:00:13 bastion sshd[111]: message repeated 2 times: [ Failed password for root from 203.0.113.56 port 7000 ssh2]',
      { user: 'root', sourceIp: '203.0.113.56', action: 'ssh-login', outcome: 'failure', category: 'authentication' },
    ],
    ['Mar 10 08:00:14 bastion sshd[112]: Received disconnect from 203.0.113.57 port 7001:11: Bye Bye [preauth]', undefined],
    ['Mar 10 08:00:15 bastion sshd[113]: Failed password for a user with spaces from 1.2.3.4 port 1 ssh2', undefined],
    [
      'Mar 10 08:01:00 bastion sudo:   deploy : TTY=pts/2 ; PWD=/srv ; USER=postgres ; COMMAND=/usr/bin/psql -c select ; USER=evil',
      { user: 'deploy', targetUser: 'postgres', action: 'sudo', outcome: 'success', category: 'privilege' },
    ],
    [
      'Mar 10 08:01:01 bastion sudo:   intern : 3 incorrect password attempts ; TTY=pts/3 ; PWD=/home/intern ; USER=root ; COMMAND=/bin/bash',
      { user: 'intern', targetUser: 'root', action: 'sudo', outcome: 'failure', category: 'privilege' },
    ],
    [
      'Mar 10 08:01:02 bastion sudo:   deploy : PWD=/srv ; USER=root ; COMMAND=/usr/bin/id',
      { user: 'deploy', targetUser: 'root', action: 'sudo', outcome: 'success', category: 'privilege' },
    ],
    [
      'Mar 10 08:01:03 bastion sudo: pam_unix(sudo:session): session opened for user root(uid=0) by deploy(uid=1001)',
      { user: 'deploy', targetUser: 'root', action: 'session-opened', category: 'session' },
    ],
    [
      'Mar 10 08:01:04 bastion sudo: pam_unix(sudo:auth): authentication failure; logname=intern uid=1002 euid=0 tty=/dev/pts/3 ruser=intern rhost=  user=intern',
      { user: 'intern', action: 'sudo', outcome: 'failure', category: 'privilege' },
    ],
    ['Mar 10 08:01:05 bastion sudo: unable to resolve host bastion: Name or service not known', undefined],
    [
      'Mar 10 08:02:00 bastion su[300]: Successful su for root by deploy',
      { user: 'deploy', targetUser: 'root', action: 'su', outcome: 'success', category: 'privilege' },
    ],
    [
      'Mar 10 08:02:01 bastion su[301]: FAILED su for root by intern',
      { user: 'intern', targetUser: 'root', action: 'su', outcome: 'failure', category: 'privilege' },
    ],
    [
      'Mar 10 08:02:02 bastion su[302]: + pts/4 deploy:root',
      { user: 'deploy', targetUser: 'root', action: 'su', outcome: 'success', category: 'privilege' },
    ],
    [
      'Mar 10 08:02:03 bastion su[303]: - pts/4 intern:root',
      { user: 'intern', targetUser: 'root', action: 'su', outcome: 'failure', category: 'privilege' },
    ],
    [
      'Mar 10 08:02:04 bastion su[304]: (to postgres) deploy on pts/4',
      { user: 'deploy', targetUser: 'postgres', action: 'su', outcome: 'success', category: 'privilege' },
    ],
    [
      'Mar 10 08:02:05 bastion su[305]: pam_unix(su:auth): authentication failure; logname=intern uid=1002 euid=0 tty=pts/4 ruser=intern rhost=  user=root',
      { user: 'root', action: 'su', outcome: 'failure', category: 'privilege' },
    ],
    [
      'Mar 10 08:03:00 bastion useradd[400]: new user: name=svc-backup, UID=998, GID=998, home=/var/lib/backup, shell=/usr/sbin/nologin',
      { targetUser: 'svc-backup', action: 'user-created', outcome: 'success', category: 'account-change' },
    ],
    [
      'Mar 10 08:03:01 bastion groupadd[401]: new group: name=backup-ops, GID=997',
      { group: 'backup-ops', action: 'group-created', outcome: 'success', category: 'account-change' },
    ],
    [
      "Mar 10 08:03:02 bastion useradd[402]: add 'deploy' to group 'docker'",
      { targetUser: 'deploy', group: 'docker', action: 'group-member-added', outcome: 'success', category: 'account-change' },
    ],
    ["Mar 10 08:03:03 bastion useradd[402]: add 'deploy' to shadow group 'docker'", undefined],
    [
      "Mar 10 08:03:04 bastion userdel[403]: delete user 'olduser'",
      { targetUser: 'olduser', action: 'user-deleted', outcome: 'success', category: 'account-change' },
    ],
    [
      "Mar 10 08:03:05 bastion userdel[403]: delete 'olduser' from group 'wheel'",
      { targetUser: 'olduser', group: 'wheel', action: 'group-member-removed', outcome: 'success', category: 'account-change' },
    ],
    [
      "Mar 10 08:03:06 bastion groupdel[404]: group 'legacy' removed",
      { group: 'legacy', action: 'group-deleted', outcome: 'success', category: 'account-change' },
    ],
    [
      "Mar 10 08:03:07 bastion usermod[405]: change user 'deploy' shell from '/bin/sh' to '/bin/bash'",
      { targetUser: 'deploy', action: 'user-modified', outcome: 'success', category: 'account-change' },
    ],
    [
      "Mar 10 08:03:08 bastion usermod[406]: lock user 'intern' password",
      { targetUser: 'intern', action: 'user-locked', outcome: 'success', category: 'account-change' },
    ],
    [
      "Mar 10 08:03:09 bastion usermod[407]: change user name 'jdoe' to 'john.doe'",
      { targetUser: 'jdoe', action: 'user-renamed', outcome: 'success', category: 'account-change' },
    ],
    [
      'Mar 10 08:03:10 bastion passwd[408]: pam_unix(passwd:chauthtok): password changed for deploy',
      { targetUser: 'deploy', action: 'password-changed', outcome: 'success', category: 'account-change' },
    ],
    [
      'Mar 10 08:03:11 bastion chpasswd[409]: pam_unix(chpasswd:chauthtok): password changed for intern',
      { targetUser: 'intern', action: 'password-changed', outcome: 'success', category: 'account-change' },
    ],
    [
      "Mar 10 08:03:12 bastion passwd[410]: password for 'intern' changed by 'root'",
      { user: 'root', targetUser: 'intern', action: 'password-changed', outcome: 'success', category: 'account-change' },
    ],
    [
      "Mar 10 08:03:13 bastion useradd[411]: failed adding user 'dup', data deleted",
      { targetUser: 'dup', action: 'user-created', outcome: 'failure', category: 'account-change' },
    ],
    [
      'Mar 10 08:04:00 bastion systemd-logind[500]: New session 42 of user deploy.',
      { user: 'deploy', action: 'session-opened', category: 'session' },
    ],
    ['Mar 10 08:04:01 bastion systemd-logind[500]: Removed session 42.', undefined],
    [
      "Mar 10 08:05:00 console login[600]: FAILED LOGIN (1) on '/dev/tty1' FOR 'root', Authentication failure",
      { user: 'root', action: 'login', outcome: 'failure', category: 'authentication' },
    ],
    [
      'Mar 10 08:05:00 console login[600]: FAILED LOGIN 2 FROM tty2 FOR admin, Authentication failure',
      { user: 'admin', action: 'login', outcome: 'failure', category: 'authentication' },
    ],
    [
      'Mar 10 08:05:01 console login[601]: ROOT LOGIN  ON tty1',
      { user: 'root', action: 'login', outcome: 'success', category: 'authentication' },
    ],
    ['Mar 10 08:06:00 bastion kernel: Failed password for root from 1.2.3.4 port 22 ssh2', undefined],
    ['Mar 10 08:06:01 bastion CRON[700]: pam_unix(cron:session): session opened for user root by (uid=0)', { user: 'root', action: 'session-opened', category: 'session' }],
  ];

  for (const [line, expected] of cases) {
    it(line.slice(line.indexOf(': ') + 2, line.indexOf(': ') + 70), () => {
      assert.deepEqual(authOf(line), expected);
    });
  }

  it('also enriches RFC 5424 messages', () => {
    assert.deepEqual(authOf('<38>1 2024-05-01T00:00:00Z bastion sshd 812 - - Accepted password for ops from 192.0.2.9 port 1 ssh2'), {
      user: 'ops',
      sourceIp: '192.0.2.9',
      action: 'ssh-login',
      outcome: 'success',
      category: 'authentication',
    });
  });

  it('authFromSyslog reads the message of a given app', () => {
    assert.equal(authFromSyslog('sudo', 'not a sudo line')?.action, undefined);
    assert.equal(authFromSyslog('systemd-logind', 'New session c1 of user gdm.')?.user, 'gdm');
  });

  it('looksLikeSyslog does not enrich, parseSyslogLine does', () => {
    const line = 'Mar 10 08:00:01 bastion sshd[100]: Accepted password for a from 192.0.2.1 port 1 ssh2';
    assert.equal(looksLikeSyslog(line), 'syslog-3164');
    assert.ok(record(line)['auth']);
  });
});

describe('createSyslogParser', () => {
  it('gives syslog events with the flavour as format', () => {
    const parser = createSyslogParser();
    const outcome = parser.push('<13>1 2024-05-01T00:00:00Z h app - - - hello', 7);
    assert.deepEqual(outcome, {
      kind: 'events',
      events: [
        {
          record: { facility: 1, severity: 5, version: 1, timestamp: '2024-05-01T00:00:00Z', hostname: 'h', appName: 'app', message: 'hello' },
          schema: 'syslog',
          line: 7,
          format: 'syslog-5424',
        },
      ],
    });
    const bsd = parser.push('Jun  2 19:08:43 h app: x', 8);
    assert.equal(bsd.kind === 'events' ? bsd.events[0]?.format : null, 'syslog-3164');
    assert.deepEqual(parser.end(), []);
  });

  it('reports non-syslog lines without their content', () => {
    const parser = createSyslogParser();
    assert.deepEqual(parser.push('password=hunter2 for bob', 12), { kind: 'error', line: 12, message: 'not a syslog line' });
  });

  it('hands a CEF message to the CEF parser, header under syslog', () => {
    const parser = createSyslogParser();
    const outcome = parser.push('<134>Mar  4 10:11:12 fw01 CEF:0|Acme|FW|9|deny|Denied|3|src=10.1.1.1 suser=bob', 2);
    assert.deepEqual(outcome, {
      kind: 'events',
      events: [
        {
          record: {
            cef: { version: 0, deviceVendor: 'Acme', deviceProduct: 'FW', deviceVersion: '9', signatureId: 'deny', name: 'Denied', severity: '3' },
            src: '10.1.1.1',
            suser: 'bob',
            syslog: { facility: 16, severity: 6, timestamp: 'Mar  4 10:11:12', hostname: 'fw01' },
          },
          schema: 'cef',
          line: 2,
          format: 'cef',
        },
      ],
    });
  });

  it('hands a LEEF message (after a tag) to the LEEF parser', () => {
    const parser = createSyslogParser();
    const outcome = parser.push('<13>1 2024-05-01T00:00:00Z qr app - - - LEEF:2.0|V|P|1|E|^|usrName=eve^src=192.0.2.4', 5);
    assert.equal(outcome.kind, 'events');
    if (outcome.kind !== 'events') return;
    const event = outcome.events[0];
    assert.ok(event);
    assert.equal(event.format, 'leef');
    assert.equal(event.schema, 'leef');
    assert.equal(event.record['usrName'], 'eve');
    assert.equal(event.record['src'], '192.0.2.4');
    assert.deepEqual(event.record['syslog'], { facility: 1, severity: 5, version: 1, timestamp: '2024-05-01T00:00:00Z', hostname: 'qr', appName: 'app' });
  });

  it('keeps a malformed CEF message as plain syslog', () => {
    const parser = createSyslogParser();
    const outcome = parser.push('Mar  4 10:11:12 fw01 CEF:0|Acme|FW', 1);
    assert.equal(outcome.kind === 'events' ? outcome.events[0]?.format : null, 'syslog-3164');
    assert.equal(outcome.kind === 'events' ? outcome.events[0]?.schema : null, 'syslog');
  });

  it('is linear on long hostile lines', () => {
    const lines = [
      '<13>1 - h a - - [x' + ' a="b"'.repeat(100_000) + ']',
      'Jun  2 19:08:43 h a[' + '1'.repeat(300_000),
      'Jun  2 19:08:43 h sshd: Failed password for ' + 'x from '.repeat(100_000),
      'Jun  2 19:08:43 h sudo: u : ' + 'A ; '.repeat(100_000),
      'Jun  2 19:08:43 h login: FAILED LOGIN ' + ' FOR x'.repeat(100_000),
    ];
    for (const line of lines) {
      const started = process.hrtime.bigint();
      parseSyslogLine(line);
      const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
      assert.ok(elapsedMs < 1000, `took ${elapsedMs} ms`);
    }
  });
});
