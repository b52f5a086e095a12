/**
 * Host and service configs written by others (../shared/corpus): logrotate's upstream examples,
 * the GKE node logrotate file, Ubuntu's rsyslog logrotate file and OpenSSH's default
 * sshd_config. Expected values come from reading the files, not from running the readers.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { NO_INCLUDES } from '../src/adapters/config-adapter.js';
import { LOGROTATE_TEXT, readLogrotate } from '../src/adapters/logrotate.js';
import { readSshd, SSHD_TEXT } from '../src/adapters/sshd.js';
import type { Finding } from '../src/model/result.js';
import type { Subject } from '../src/model/subject.js';
import { loadRules } from '../src/rules/load-packs.js';
import { scan } from '../src/scan.js';

const corpus = (path: string): string => fileURLToPath(new URL(`../../../shared/corpus/${path}`, import.meta.url));
const text = (path: string): string => readFileSync(corpus(path), 'utf8');

function subjectOf(path: string): Subject {
  const read = readLogrotate({ path, text: text(path) }, NO_INCLUDES);
  assert.deepEqual(read.problems, [], `${path} parses`);
  assert.equal(read.subjects.length, 1, `${path}: one log file definition`);
  return read.subjects[0] as Subject;
}

describe('corpus: logrotate files', () => {
  test('every logrotate file of the corpus is claimed; the others are not', () => {
    for (const path of ['hosts/logrotate/upstream/btmp', 'hosts/logrotate/upstream/wtmp', 'hosts/logrotate/upstream/logrotate.conf', 'hosts/logrotate/gke/allvarlogs.logrotate.extracted.conf', 'shippers/rsyslog/rsyslog.logrotate']) {
      assert.ok(LOGROTATE_TEXT.claims(path, text(path)), path);
    }
    for (const path of ['hosts/openssh/sshd_config', 'hosts/auditd/auditd.conf', 'hosts/systemd/journald.conf', 'shippers/rsyslog/rsyslog.conf', 'shippers/rsyslog/50-default.conf', 'shippers/fluent-bit/fluent-bit.conf', 'shippers/vector/config_2.toml', 'kubernetes/kubeadm-v1.21/kube-apiserver.yaml', 'logs/system-auth/test-auth.log']) {
      assert.ok(!LOGROTATE_TEXT.claims(path, text(path)), path);
    }
  });

  test('upstream btmp: monthly, rotate 1 (line 6) = 30 days; create, missingok', () => {
    const s = subjectOf('hosts/logrotate/upstream/btmp');
    assert.deepEqual(s.facts.paths, ['/var/log/btmp']);
    assert.equal(s.facts.period, 'monthly');
    assert.equal(s.facts.rotate, 1);
    assert.equal(s.facts.days, 30);
    assert.equal(s.facts.create, true);
    assert.equal(s.facts.missingok, true);
    assert.equal(s.locations.days?.line, 6);
    assert.equal(s.declaredAt.line, 2);
  });

  test('upstream wtmp: monthly, minsize 1M, rotate 1 (line 7) = 30 days', () => {
    const s = subjectOf('hosts/logrotate/upstream/wtmp');
    assert.equal(s.facts.days, 30);
    assert.equal(s.facts.minsize, '1M');
    assert.equal(s.locations.days?.line, 7);
  });

  test('upstream logrotate.conf: globals only (weekly, rotate 4, create, dateext), include of logrotate.d not in the scan', () => {
    const read = readLogrotate({ path: 'hosts/logrotate/upstream/logrotate.conf', text: text('hosts/logrotate/upstream/logrotate.conf') }, NO_INCLUDES);
    assert.equal(read.subjects.length, 0);
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.unknowns.map((u) => [u.construct, u.at.line]), [['include /etc/logrotate.d', 21]]);
  });

  test('GKE allvarlogs: /var/log/*.log daily, rotate 5 (line 4) = 5 days; maxsize 100M, compress, copytruncate', () => {
    const s = subjectOf('hosts/logrotate/gke/allvarlogs.logrotate.extracted.conf');
    assert.deepEqual(s.facts.paths, ['/var/log/*.log']);
    assert.equal(s.facts.period, 'daily');
    assert.equal(s.facts.days, 5);
    assert.equal(s.facts.maxsize, '100M');
    assert.equal(s.facts.compress, true);
    assert.equal(s.facts.copytruncate, true);
    assert.equal(s.facts.notifempty, true);
    assert.equal(s.facts.dateext, true);
    assert.equal(s.locations.days?.line, 4);
  });

  test('Ubuntu rsyslog.logrotate: six logs over lines 1-6, { on line 7, weekly, rotate 4 (line 8) = 28 days; postrotate skipped', () => {
    const s = subjectOf('shippers/rsyslog/rsyslog.logrotate');
    assert.deepEqual(s.facts.paths, ['/var/log/syslog', '/var/log/mail.log', '/var/log/kern.log', '/var/log/auth.log', '/var/log/user.log', '/var/log/cron.log']);
    assert.equal(s.facts.days, 28);
    assert.equal(s.facts.delaycompress, true);
    assert.equal(s.facts.sharedscripts, true);
    assert.deepEqual(s.facts.scripts, ['postrotate']);
    assert.equal(s.locations.days?.line, 8);
    assert.equal(s.id, 'logrotate:shippers/rsyslog/rsyslog.logrotate#/var/log/syslog');
  });
});

describe('corpus: OpenSSH sshd_config', () => {
  test('all logging settings commented out: OpenSSH defaults INFO and AUTH, not explicit', () => {
    const path = 'hosts/openssh/sshd_config';
    assert.ok(SSHD_TEXT.claims(path, text(path)));
    const read = readSshd({ path, text: text(path) }, NO_INCLUDES);
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.unknowns, []);
    const s = read.subjects[0] as Subject;
    assert.equal(s.facts.logLevel, 'INFO');
    assert.equal(s.facts.syslogFacility, 'AUTH');
    assert.deepEqual(s.facts.explicit, { logLevel: false, syslogFacility: false });
    assert.equal(s.facts.matchBlocks, 0, 'the Match example is commented out');
    assert.deepEqual(read.sources[0]?.channels, [
      { kind: 'syslog', facility: 'auth' },
      { kind: 'journald', facility: null },
    ]);
  });
});

describe('corpus: real scans', async () => {
  const rules = loadRules();
  const logrotate = await scan({ roots: [corpus('hosts/logrotate')], rules, cwd: corpus('hosts/logrotate') });
  const openssh = await scan({ roots: [corpus('hosts/openssh')], rules, cwd: corpus('hosts/openssh') });
  const rsyslog = await scan({ roots: [corpus('shippers/rsyslog')], rules, cwd: corpus('shippers/rsyslog') });
  const finding = (findings: Finding[], id: string, path: string): Finding => {
    const found = findings.filter((f) => f.ruleId === id && f.locations[0]?.path === path);
    assert.equal(found.length, 1, `${id} on ${path}`);
    return found[0] as Finding;
  };

  test('hosts/logrotate: every file is assessed as logrotate', () => {
    assert.deepEqual(
      logrotate.result.inventory.map((e) => [e.path, e.status, e.kind]),
      [
        ['gke/allvarlogs.logrotate.extracted.conf', 'assessed', 'logrotate'],
        ['upstream/btmp', 'assessed', 'logrotate'],
        ['upstream/logrotate.conf', 'assessed', 'logrotate'],
        ['upstream/wtmp', 'assessed', 'logrotate'],
      ],
    );
    const conf = logrotate.result.inventory.find((e) => e.path === 'upstream/logrotate.conf');
    assert.match(conf?.reason ?? '', /include \/etc\/logrotate\.d \(line 21\)/);
  });

  test('RET-220 fails on each security log definition at its rotate line; GKE /var/log/*.log keeps 5 days', () => {
    const gke = finding(logrotate.result.findings, 'RET-220', 'gke/allvarlogs.logrotate.extracted.conf');
    assert.equal(gke.outcome, 'fail');
    assert.equal(gke.data.value, 5);
    assert.equal(gke.locations[0]?.line, 4);
    assert.equal(finding(logrotate.result.findings, 'RET-220', 'upstream/btmp').locations[0]?.line, 6);
    assert.equal(finding(logrotate.result.findings, 'RET-220', 'upstream/wtmp').outcome, 'fail');
  });

  test('hosts/openssh: sshd_config is assessed as sshd; LogLevel and facility defaults pass', () => {
    assert.deepEqual(openssh.result.inventory.map((e) => [e.path, e.status, e.kind]), [['sshd_config', 'assessed', 'sshd']]);
    assert.equal(finding(openssh.result.findings, 'COV-221', 'sshd_config').outcome, 'pass');
    assert.equal(finding(openssh.result.findings, 'MET-222', 'sshd_config').outcome, 'pass');
  });

  test('shippers/rsyslog: rsyslog.logrotate is assessed as logrotate and keeps 28 days of auth.log', () => {
    const entry = rsyslog.result.inventory.find((e) => e.path === 'rsyslog.logrotate');
    assert.equal(entry?.status, 'assessed');
    assert.equal(entry?.kind, 'logrotate');
    const f = finding(rsyslog.result.findings, 'RET-220', 'rsyslog.logrotate');
    assert.equal(f.outcome, 'fail');
    assert.equal(f.data.value, 28);
    assert.equal(f.locations[0]?.line, 8);
  });
});
