import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import { claimsSshd, readSshd, splitDirective } from '../../src/adapters/sshd.js';
import { assertWellFormed, filesContext, only, where } from './hosts-support.js';

const read = (text: string, path = 'etc/ssh/sshd_config', context = NO_INCLUDES) => readSshd({ path, text }, context);

describe('sshd: claims', () => {
  test('sshd_config and sshd_config.d/*.conf only', () => {
    assert.ok(claimsSshd('etc/ssh/sshd_config'));
    assert.ok(claimsSshd('nodes/b/etc/ssh/sshd_config.d/50-cloud-init.conf'));
    assert.ok(!claimsSshd('etc/ssh/ssh_config'));
    assert.ok(!claimsSshd('etc/ssh/sshd_config.bak'));
    assert.ok(!claimsSshd('etc/ssh/sshd_config.d/README'));
  });
});

describe('sshd: LogLevel and SyslogFacility', () => {
  test('defaults when absent: INFO and AUTH, not explicit, pointing at the file', () => {
    const r = read('# nothing set\nPort 22\n');
    const s = only(r);
    assert.equal(s.kind, 'sshd');
    assert.equal(s.id, 'sshd:etc/ssh/sshd_config');
    assert.equal(s.facts.logLevel, 'INFO');
    assert.equal(s.facts.syslogFacility, 'AUTH');
    assert.deepEqual(s.facts.explicit, { logLevel: false, syslogFacility: false });
    assert.equal(where(s, 'logLevel'), 'etc/ssh/sshd_config:1:1');
    assertWellFormed(r, 'sshd');
  });
  test('keywords are case-insensitive, values upper-cased; the first value wins', () => {
    const s = only(read('loglevel verbose\nLogLevel QUIET\n  SYSLOGFACILITY=authpriv\nSyslogFacility LOCAL7\n'));
    assert.equal(s.facts.logLevel, 'VERBOSE');
    assert.equal(s.facts.syslogFacility, 'AUTHPRIV');
    assert.equal(where(s, 'logLevel'), 'etc/ssh/sshd_config:1:1');
    assert.equal(where(s, 'syslogFacility'), 'etc/ssh/sshd_config:3:3');
  });
  test('settings inside Match blocks are recorded apart and do not change the global value', () => {
    const s = only(read('Match User backup\n    LogLevel QUIET\nMatch all\n    LogLevel DEBUG3\n'));
    assert.equal(s.facts.logLevel, 'INFO');
    assert.deepEqual(s.facts.matchLogLevels, [
      { criteria: 'User backup', logLevel: 'QUIET' },
      { criteria: 'all', logLevel: 'DEBUG3' },
    ]);
    assert.equal(where(s, 'matchLogLevels.0'), 'etc/ssh/sshd_config:2:5');
    assert.equal(s.facts.matchBlocks, 2);
  });
  test('the source: syslog with the facility in lower case, and the journal', () => {
    const r = read('SyslogFacility LOCAL5\n');
    assert.deepEqual(r.sources[0]?.channels, [
      { kind: 'syslog', facility: 'local5' },
      { kind: 'journald', facility: null },
    ]);
    assert.deepEqual(r.sources[0]?.pillars, ['identity', 'devices']);
    assert.equal(r.sources[0]?.system, 'sshd');
    assert.deepEqual(r.sources[0]?.paths, []);
  });
  test('quotes and trailing comments', () => {
    assert.deepEqual(splitDirective('Banner "/etc/issue net" # note')?.args, ['/etc/issue net']);
    assert.deepEqual(splitDirective('  # only a comment'), null);
    const s = only(read('LogLevel "VERBOSE" # more detail\n'));
    assert.equal(s.facts.logLevel, 'VERBOSE');
  });
});

describe('sshd: Include', () => {
  const main = 'Include /etc/ssh/sshd_config.d/*.conf\nLogLevel INFO\n';
  test('drop-ins are read first (Debian layout) and their first value wins', () => {
    const files = { 'h/etc/ssh/sshd_config': main, 'h/etc/ssh/sshd_config.d/10-log.conf': 'LogLevel VERBOSE\n', 'h/etc/ssh/sshd_config.d/20-more.conf': 'LogLevel ERROR\n' };
    const r = readSshd({ path: 'h/etc/ssh/sshd_config', text: main }, filesContext(files));
    const s = only(r);
    assert.equal(s.facts.logLevel, 'VERBOSE');
    assert.equal(where(s, 'logLevel'), 'h/etc/ssh/sshd_config.d/10-log.conf:1:1');
    assert.deepEqual(r.includes, ['h/etc/ssh/sshd_config.d/10-log.conf', 'h/etc/ssh/sshd_config.d/20-more.conf']);
  });
  test('a drop-in read by the main file in the scan gives nothing on its own', () => {
    const files = { 'h/etc/ssh/sshd_config': main, 'h/etc/ssh/sshd_config.d/10-log.conf': 'LogLevel VERBOSE\n' };
    const r = readSshd({ path: 'h/etc/ssh/sshd_config.d/10-log.conf', text: 'LogLevel VERBOSE\n' }, filesContext(files));
    assert.equal(r.subjects.length, 0);
    assert.equal(r.sources.length, 0);
  });
  test('a drop-in without its main file is read on its own', () => {
    const r = readSshd({ path: 'etc/ssh/sshd_config.d/10-log.conf', text: 'LogLevel VERBOSE\n' }, NO_INCLUDES);
    assert.equal(only(r).facts.logLevel, 'VERBOSE');
  });
  test('relative names are under /etc/ssh; without a host layout next to sshd_config', () => {
    const files = { 'role/files/sshd_config': 'Include sshd_config.d/*.conf\n', 'role/files/sshd_config.d/a.conf': 'SyslogFacility LOCAL1\n' };
    const s = only(readSshd({ path: 'role/files/sshd_config', text: 'Include sshd_config.d/*.conf\n' }, filesContext(files)));
    assert.equal(s.facts.syslogFacility, 'LOCAL1');
  });
  test('an unread Include before a setting makes it unknown (it might set it first); after, it does not', () => {
    const before = read('Include /etc/ssh/sshd_config.d/*.conf\nLogLevel VERBOSE\n');
    assert.equal(only(before).facts.logLevel, null);
    assert.equal(only(before).facts.syslogFacility, null);
    assert.equal(where(only(before), 'logLevel'), 'etc/ssh/sshd_config:1:1');
    assert.equal(before.unknowns[0]?.construct, 'Include /etc/ssh/sshd_config.d/*.conf');
    assert.equal(before.sources[0]?.channels[0]?.facility, null);
    const after = read('LogLevel VERBOSE\nInclude /etc/ssh/sshd_config.d/*.conf\n');
    assert.equal(only(after).facts.logLevel, 'VERBOSE');
  });
  test('a Match in an included file ends with that file', () => {
    const files = { 'h/etc/ssh/sshd_config': 'Include /etc/ssh/x.conf\nLogLevel ERROR\n', 'h/etc/ssh/x.conf': 'Match User a\n  LogLevel QUIET\n' };
    const s = only(readSshd({ path: 'h/etc/ssh/sshd_config', text: files['h/etc/ssh/sshd_config'] }, filesContext(files)));
    assert.equal(s.facts.logLevel, 'ERROR');
    assert.deepEqual(s.facts.matchLogLevels, [{ criteria: 'User a', logLevel: 'QUIET' }]);
  });
  test('Include loops are problems, not hangs', () => {
    const files = { 'h/etc/ssh/sshd_config': 'Include /etc/ssh/a.conf\n', 'h/etc/ssh/a.conf': 'Include /etc/ssh/b.conf\n', 'h/etc/ssh/b.conf': 'Include /etc/ssh/a.conf\n' };
    const r = readSshd({ path: 'h/etc/ssh/sshd_config', text: files['h/etc/ssh/sshd_config'] }, filesContext(files));
    assert.ok(r.problems.some((p) => /loop/.test(p.message)));
  });
});

describe('sshd: unknowns and problems', () => {
  test('unknown keywords are not understood, with their position', () => {
    const r = read('Port 22\nLogLevle VERBOSE\n');
    assert.deepEqual(r.unknowns.map((u) => [u.construct, u.at.line, u.at.column]), [['LogLevle', 2, 1]]);
  });
  test('bad values, SyslogFacility in Match, unterminated quotes, missing values', () => {
    const r = read('LogLevel LOUD\nMatch User x\n SyslogFacility AUTH\nBanner "/etc/x\nLogLevel\nMatch\n');
    assert.deepEqual(
      r.problems.map((p) => [p.at.line, p.at.column]),
      [
        [1, 1],
        [3, 2],
        [4, 8],
        [5, 1],
        [6, 1],
      ],
    );
    assert.equal(only(r).facts.logLevel, 'LOUD');
    assertWellFormed(r);
  });
});
