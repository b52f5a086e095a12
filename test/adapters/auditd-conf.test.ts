import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { audispPluginAdapter, auditdConfAdapter, isAuditdConfText, readAudispPlugin, readAuditdConf } from '../../src/adapters/auditd-conf.js';
import { syslogFacility } from '../../src/adapters/auditd/plugins.js';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import { at, lines, problemsOf, theSubject, treeContext } from './auditd-support.js';

const CONF = 'etc/audit/auditd.conf';

function read(text: string, context = NO_INCLUDES) {
  return readAuditdConf({ path: CONF, text }, context);
}

describe('auditd.conf: claims', () => {
  test('by name, and by two auditd-only settings under another name', () => {
    assert.equal(auditdConfAdapter.claims('etc/audit/auditd.conf', ''), true);
    assert.equal(auditdConfAdapter.claims('roles/audit/files/auditd-hardened.conf', lines('log_file = /var/log/audit/audit.log', 'max_log_file_action = keep_logs')), true);
  });
  test('not a file with one auditd setting, another key = value file, a plugin file or a log', () => {
    assert.equal(auditdConfAdapter.claims('x/app.conf', lines('log_file = /var/log/app.log', 'port = 8080')), false);
    assert.equal(auditdConfAdapter.claims('x/one.conf', lines('num_logs = 5')), false);
    assert.equal(auditdConfAdapter.claims('etc/audit/plugins.d/au-remote.conf', lines('active = no', 'path = /sbin/audisp-remote')), false);
    assert.equal(auditdConfAdapter.claims('etc/rsyslog.conf', lines('*.info;mail.none /var/log/messages')), false);
    assert.equal(auditdConfAdapter.claims('var/log/audit/audit.log', 'type=DAEMON_START msg=audit(1.0:1): op=start'), false);
    assert.equal(isAuditdConfText(lines('log_file = /x/y.log', 'write_logs = yes', 'listen = 0.0.0.0')), false, 'a name auditd does not know');
  });
  test('plugin files: active and path with plugin settings only', () => {
    assert.equal(audispPluginAdapter.claims('etc/audit/plugins.d/syslog.conf', lines('active = yes', 'path = /sbin/audisp-syslog', 'args = LOG_INFO')), true);
    assert.equal(audispPluginAdapter.claims('etc/syslog.conf', lines('*.err /dev/console', 'auth.* /var/log/auth.log')), false);
    assert.equal(audispPluginAdapter.claims('etc/x.conf', lines('active = yes')), false, 'path is required');
    assert.equal(audispPluginAdapter.claims('etc/x.conf', lines('active = yes', 'path = /x', 'remote_server = y')), false);
  });
});

describe('auditd.conf: settings and defaults', () => {
  test('an empty file: audit 3.x defaults, nothing explicit, the default log file as a source', () => {
    const r = read('');
    const s = theSubject(r);
    assert.equal(s.id, 'auditd:etc/audit/auditd.conf');
    assert.equal(s.kind, 'auditd');
    assert.deepEqual(s.pillars, ['devices', 'identity']);
    assert.equal(s.facts.logFile, '/var/log/audit/audit.log');
    assert.equal(s.facts.logFormat, 'raw');
    assert.equal(s.facts.maxLogFileAction, 'ignore');
    assert.equal(s.facts.numLogs, 0);
    assert.equal(s.facts.spaceLeftAction, 'ignore');
    assert.equal(s.facts.adminSpaceLeftAction, 'ignore');
    assert.equal(s.facts.diskFullAction, 'ignore');
    assert.equal(s.facts.diskErrorAction, 'syslog');
    assert.equal(s.facts.nameFormat, 'none');
    assert.equal(s.facts.writesLogs, true);
    assert.equal(s.facts.keepsLogs, false);
    assert.deepEqual(s.facts.explicit, []);
    assert.equal(at(s, 'maxLogFileAction'), `${CONF}:1:1`, 'an absent setting points at the file start');
    assert.deepEqual(r.sources.map((x) => [x.id, x.system, x.paths, x.channels, x.localRetentionDays]), [['auditd:etc/audit/auditd.conf', 'auditd', ['/var/log/audit/audit.log'], [], null]]);
    assert.equal(r.kind, 'auditd-conf');
    assert.equal(r.fatal, false);
  });

  test('values are case-insensitive; locations point at each setting; exec takes its script', () => {
    const r = read(
      lines(
        '#',
        '# auditd',
        'log_file = /srv/audit/audit.log',
        'log_format = ENRICHED',
        'max_log_file = 64',
        'num_logs = 10',
        'max_log_file_action = ROTATE',
        'space_left = 25%',
        'space_left_action = EXEC /usr/local/sbin/audit-space-alert',
        'admin_space_left_action = single',
        'disk_full_action = HALT',
        'name_format = HOSTNAME',
      ),
    );
    const s = theSubject(r);
    assert.deepEqual(problemsOf(r), []);
    assert.equal(s.facts.logFile, '/srv/audit/audit.log');
    assert.equal(s.facts.logFormat, 'enriched');
    assert.equal(s.facts.maxLogFile, 64);
    assert.equal(s.facts.maxLogFileAction, 'rotate');
    assert.equal(s.facts.keepsLogs, false);
    assert.equal(s.facts.rotatedFiles, 10);
    assert.equal(s.facts.spaceLeft, '25%');
    assert.equal(s.facts.spaceLeftAction, 'exec');
    assert.equal(s.facts.spaceLeftExec, '/usr/local/sbin/audit-space-alert');
    assert.equal(s.facts.adminSpaceLeftAction, 'single');
    assert.equal(s.facts.diskFullAction, 'halt');
    assert.equal(s.facts.nameFormat, 'hostname');
    assert.equal(at(s, 'maxLogFileAction'), `${CONF}:7:1`);
    assert.equal(at(s, 'keepsLogs'), `${CONF}:7:1`);
    assert.equal(at(s, 'spaceLeftAction'), `${CONF}:9:1`);
    assert.deepEqual(s.facts.explicit, ['adminSpaceLeftAction', 'diskFullAction', 'logFile', 'logFormat', 'maxLogFile', 'maxLogFileAction', 'nameFormat', 'numLogs', 'spaceLeft', 'spaceLeftAction']);
    assert.deepEqual(r.sources[0]?.paths, ['/srv/audit/audit.log']);
    assert.deepEqual(r.sources[0]?.declaredAt, { path: CONF, line: 3, column: 1 });
  });

  test('keep_logs keeps; the last assignment wins', () => {
    const s = theSubject(read(lines('max_log_file_action = rotate', 'max_log_file_action = keep_logs')));
    assert.equal(s.facts.keepsLogs, true);
    assert.equal(s.facts.rotatedFiles, null);
    assert.equal(at(s, 'maxLogFileAction'), `${CONF}:2:1`);
  });

  test('write_logs = no or log_format = NOLOG: no log file, no source, and the reason', () => {
    for (const text of ['write_logs = no', 'log_format = NOLOG']) {
      const r = read(lines(text));
      const s = theSubject(r);
      assert.equal(s.facts.writesLogs, false, text);
      assert.deepEqual(r.sources, [], text);
      assert.deepEqual(s.facts.source, { declared: false, reason: 'write_logs = no (or log_format = NOLOG): auditd writes no log file, and no active audisp-syslog plugin was found' });
      assert.equal(at(s, 'writesLogs'), `${CONF}:1:1`);
    }
  });

  test('bad values are problems at the value, and the fact is null', () => {
    const r = read(lines('num_logs = five', 'max_log_file_action = archive', 'write_logs = maybe', 'disk_full_action = halt now'));
    const s = theSubject(r);
    assert.deepEqual(problemsOf(r), [
      '1:12 num_logs: "five" is not a number',
      '2:23 max_log_file_action: "archive" is not one of ignore, syslog, suspend, rotate, keep_logs',
      '3:14 write_logs: "maybe" is not yes or no',
      '4:25 disk_full_action: halt takes no argument',
    ]);
    assert.equal(s.facts.numLogs, null);
    assert.equal(s.facts.maxLogFileAction, null);
    assert.equal(s.facts.keepsLogs, null);
    assert.equal(s.facts.writesLogs, null);
    assert.equal(s.facts.diskFullAction, 'halt');
    assert.deepEqual(r.sources, []);
  });

  test('unknown keywords are not understood; name=value without spaces is read and reported', () => {
    const r = read(lines('space_left_exec = /usr/local/sbin/alert', 'num_logs=5'));
    assert.deepEqual(
      r.unknowns.map((u) => [u.construct, u.at.line]),
      [['space_left_exec =', 1]],
    );
    assert.match(r.unknowns[0]?.reason ?? '', /auditd refuses to start/);
    assert.deepEqual(problemsOf(r), ['2:9 auditd reads "name = value" with spaces around "=" and rejects this line']);
    assert.equal(theSubject(r).facts.numLogs, 5);
  });

  test('a line longer than auditd reads is skipped and reported', () => {
    const r = read(lines(`log_file = /var/log/${'a'.repeat(150)}.log`, 'num_logs = 4'));
    assert.deepEqual(problemsOf(r), ['1:159 line longer than 158 characters: auditd skips it']);
    assert.equal(theSubject(r).facts.logFile, '/var/log/audit/audit.log');
  });

  test('nothing readable is fatal, with the first problem', () => {
    const r = read(lines('this is not a config', 'neither is this'));
    assert.equal(r.fatal, true);
    assert.deepEqual(problemsOf(r)[0], '1:1 expected "name = value", found "this"');
    assert.deepEqual(r.subjects, []);
  });

  test('hostile names stay data', () => {
    const r = read(lines('__proto__ = polluted', 'constructor = x', 'log_file = /var/log/audit/audit.log'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(r.unknowns.map((u) => u.construct), ['__proto__ =', 'constructor =']);
  });
});

describe('auditd.conf: the audisp-syslog plugin', () => {
  const plugin = (active: string, args = 'LOG_INFO') => lines('active = ' + active, 'direction = out', 'path = /sbin/audisp-syslog', 'type = always', `args = ${args}`, 'format = string');

  test('an active plugin in plugins.d adds a syslog channel with its facility', () => {
    const tree = { [CONF]: lines('log_file = /var/log/audit/audit.log'), 'etc/audit/plugins.d/syslog.conf': plugin('yes', 'LOG_INFO LOG_LOCAL6') };
    const r = read(tree[CONF], treeContext(tree));
    const s = theSubject(r);
    assert.deepEqual(s.facts.syslogPlugin, { found: true, active: true, facility: 'local6', path: 'etc/audit/plugins.d/syslog.conf' });
    assert.equal(at(s, 'syslogPlugin'), 'etc/audit/plugins.d/syslog.conf:1:1');
    assert.deepEqual(r.sources[0]?.channels, [{ kind: 'syslog', facility: 'local6' }]);
    assert.deepEqual(r.sources[0]?.locations.channels, { path: 'etc/audit/plugins.d/syslog.conf', line: 1, column: 1 });
    assert.deepEqual(r.includes, ['etc/audit/plugins.d/syslog.conf']);
  });

  test('LOG_USER by default; an inactive plugin adds nothing', () => {
    const tree = { [CONF]: '', 'etc/audit/plugins.d/syslog.conf': plugin('no') };
    const r = read('', treeContext(tree));
    assert.deepEqual(theSubject(r).facts.syslogPlugin, { found: true, active: false, facility: 'user', path: 'etc/audit/plugins.d/syslog.conf' });
    assert.deepEqual(r.sources[0]?.channels, []);
  });

  test('write_logs = no with an active syslog plugin: a source with no file and the syslog channel', () => {
    const tree = { [CONF]: lines('write_logs = no'), 'etc/audit/plugins.d/syslog.conf': plugin('yes') };
    const r = read(tree[CONF], treeContext(tree));
    assert.deepEqual(r.sources.map((x) => [x.paths, x.channels]), [[[], [{ kind: 'syslog', facility: 'user' }]]]);
  });

  test('audit 2.x builtin_syslog in /etc/audisp/plugins.d counts too', () => {
    const tree = { [CONF]: '', 'etc/audisp/plugins.d/syslog.conf': lines('active = yes', 'direction = out', 'path = builtin_syslog', 'type = builtin', 'args = LOG_INFO', 'format = string') };
    assert.deepEqual(read('', treeContext(tree)).sources[0]?.channels, [{ kind: 'syslog', facility: 'user' }]);
  });

  test('an unknown args word is not understood and leaves the facility unknown', () => {
    const tree = { [CONF]: '', 'etc/audit/plugins.d/syslog.conf': plugin('yes', 'LOG_LOCAL9') };
    const r = read('', treeContext(tree));
    assert.deepEqual(r.sources[0]?.channels, [{ kind: 'syslog', facility: null }]);
    assert.deepEqual(r.unknowns.map((u) => [u.construct, u.at.path, u.at.line]), [['args LOG_LOCAL9', 'etc/audit/plugins.d/syslog.conf', 5]]);
  });

  test('the plugin file alone declares the auditd source only when no auditd.conf is scanned', () => {
    const path = 'etc/audit/plugins.d/syslog.conf';
    const alone = readAudispPlugin({ path, text: plugin('yes', 'LOG_AUTHPRIV') }, treeContext({ [path]: plugin('yes') }));
    assert.equal(alone.kind, 'audisp-plugin');
    assert.deepEqual(alone.subjects, []);
    assert.deepEqual(alone.sources.map((x) => [x.id, x.paths, x.channels]), [[`auditd:${path}`, [], [{ kind: 'syslog', facility: 'authpriv' }]]]);
    const withConf = readAudispPlugin({ path, text: plugin('yes') }, treeContext({ [path]: plugin('yes'), [CONF]: '' }));
    assert.deepEqual(withConf.sources, []);
    const inactive = readAudispPlugin({ path, text: plugin('no') }, NO_INCLUDES);
    assert.deepEqual(inactive.sources, []);
  });

  test('plugin files report settings they do not know', () => {
    const r = readAudispPlugin({ path: 'etc/audit/plugins.d/x.conf', text: lines('active = yes', 'path = /usr/sbin/x', 'colour = red') }, NO_INCLUDES);
    assert.deepEqual(r.unknowns.map((u) => [u.construct, u.at.line]), [['colour =', 3]]);
  });

  test('syslogFacility reads priorities, facilities and interpret', () => {
    assert.deepEqual(syslogFacility([]), { facility: 'user', unknown: null });
    assert.deepEqual(syslogFacility(['LOG_WARNING', 'log_auth', 'interpret']), { facility: 'auth', unknown: null });
    assert.deepEqual(syslogFacility(['LOG_DAEMON', 'LOG_LOCAL0']), { facility: 'local0', unknown: null });
    assert.deepEqual(syslogFacility(['bogus']), { facility: null, unknown: 'bogus' });
  });
});
