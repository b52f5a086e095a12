/**
 * Real host audit configs written by others (../shared/corpus/hosts/auditd, hosts/systemd):
 * the audit-userspace defaults (auditd.conf, the audisp plugin files, audisp-remote.conf), its
 * sample rule files and systemd's shipped journald.conf. Expected values come from reading the
 * files.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { readAudispRemote } from '../src/adapters/audisp-remote.js';
import { readAudispPlugin, readAuditdConf } from '../src/adapters/auditd-conf.js';
import { readAuditRules } from '../src/adapters/audit-rules.js';
import type { ReadContext } from '../src/adapters/config-adapter.js';
import { readJournald } from '../src/adapters/journald.js';
import { matchInclude } from '../src/discover/include-resolver.js';
import type { Subject } from '../src/model/subject.js';
import { loadRules } from '../src/rules/load-packs.js';
import { scan } from '../src/scan.js';

const HOSTS = fileURLToPath(new URL('../../../shared/corpus/hosts/', import.meta.url));
const AUDITD = `${HOSTS}auditd/`;
const SYSTEMD = `${HOSTS}systemd/`;

function text(name: string): string {
  return readFileSync(`${HOSTS}${name}`, 'utf8');
}

/** The corpus folder as a scanned tree (paths relative to hosts/). */
function corpusContext(files: Record<string, string>): ReadContext {
  const paths = Object.keys(files).sort();
  return {
    include(pattern, from) {
      const matched = matchInclude(pattern, from, paths).filter((p) => p !== from);
      return { files: matched.map((path) => ({ path, text: files[path] as string })), reason: null };
    },
  };
}

const AUDITD_FILES = ['10-base-config.rules', '10-no-audit.rules', '30-pci-dss-v31.rules', '99-finalize.rules', 'au-remote.conf', 'audisp-remote.conf', 'auditd.conf', 'syslog.conf'];
const tree = Object.fromEntries(AUDITD_FILES.map((name) => [`auditd/${name}`, text(`auditd/${name}`)]));
const context = corpusContext(tree);

function subjectOf(read: { subjects: Subject[] }): Subject {
  assert.equal(read.subjects.length, 1);
  return read.subjects[0] as Subject;
}

function loc(subject: Subject, fact: string): string {
  const l = subject.locations[fact];
  return l ? `${l.path}:${l.line}` : 'none';
}

describe('corpus: auditd.conf (audit-userspace default)', () => {
  const read = readAuditdConf({ path: 'auditd/auditd.conf', text: tree['auditd/auditd.conf'] as string }, context);
  const s = subjectOf(read);

  test('every setting is known, every value valid', () => {
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.unknowns, []);
  });
  test('ENRICHED log to /var/log/audit/audit.log, rotated over 5 files of 8 MB', () => {
    assert.equal(s.facts.logFile, '/var/log/audit/audit.log');
    assert.equal(s.facts.logFormat, 'enriched');
    assert.equal(s.facts.maxLogFile, 8);
    assert.equal(s.facts.numLogs, 5);
    assert.equal(s.facts.maxLogFileAction, 'rotate');
    assert.equal(s.facts.keepsLogs, false);
    assert.equal(s.facts.rotatedFiles, 5);
    assert.equal(loc(s, 'maxLogFileAction'), 'auditd/auditd.conf:17');
  });
  test('low space warns to syslog, then suspends logging; a full or failing disk suspends it', () => {
    assert.equal(s.facts.spaceLeft, 75);
    assert.equal(s.facts.spaceLeftAction, 'syslog');
    assert.equal(loc(s, 'spaceLeftAction'), 'auditd/auditd.conf:19');
    assert.equal(s.facts.adminSpaceLeft, 50);
    assert.equal(s.facts.adminSpaceLeftAction, 'suspend');
    assert.equal(loc(s, 'adminSpaceLeftAction'), 'auditd/auditd.conf:23');
    assert.equal(s.facts.diskFullAction, 'suspend');
    assert.equal(s.facts.diskErrorAction, 'suspend');
    assert.equal(s.facts.nameFormat, 'none');
    assert.equal(s.facts.flush, 'incremental_async');
    assert.equal(s.facts.writesLogs, true);
  });
  test('the source, and the syslog plugin beside it (inactive, LOG_INFO, facility LOG_USER)', () => {
    assert.deepEqual(read.sources.map((x) => [x.id, x.paths, x.channels, x.declaredAt.line]), [['auditd:auditd/auditd.conf', ['/var/log/audit/audit.log'], [], 7]]);
    assert.deepEqual(s.facts.syslogPlugin, { found: true, active: false, facility: 'user', path: 'auditd/syslog.conf' });
  });
});

describe('corpus: audisp plugin files and audisp-remote.conf', () => {
  test('au-remote.conf and syslog.conf are plugin files, both inactive, declaring nothing', () => {
    for (const name of ['auditd/au-remote.conf', 'auditd/syslog.conf']) {
      const read = readAudispPlugin({ path: name, text: tree[name] as string }, context);
      assert.equal(read.kind, 'audisp-plugin');
      assert.deepEqual([read.problems, read.unknowns, read.sources, read.subjects], [[], [], [], []], name);
    }
  });

  test('audisp-remote.conf: no server, plain TCP, immediate; au-remote.conf says active = no, so no pipeline', () => {
    const read = readAudispRemote({ path: 'auditd/audisp-remote.conf', text: tree['auditd/audisp-remote.conf'] as string }, context);
    const s = subjectOf(read);
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.unknowns, []);
    assert.equal(s.facts.remoteServer, null);
    assert.equal(s.facts.port, 60);
    assert.equal(s.facts.transport, 'tcp');
    assert.equal(s.facts.mode, 'immediate');
    assert.equal(s.facts.queueDepth, 10240);
    assert.equal(s.facts.networkFailureAction, 'stop');
    assert.equal(s.facts.diskFullAction, 'warn_once');
    assert.equal(s.facts.active, false);
    assert.equal(loc(s, 'active'), 'auditd/au-remote.conf:6');
    assert.equal(s.facts.encrypted, false);
    assert.equal(s.facts.durable, false);
    assert.equal(s.facts.forwards, false);
    assert.deepEqual(read.pipelines, []);
    assert.deepEqual(read.includes, ['auditd/au-remote.conf']);
  });
});

describe('corpus: audit-userspace sample rules', () => {
  const rules = (name: string) => subjectOf(readAuditRules({ path: `auditd/${name}`, text: tree[`auditd/${name}`] as string }, context));

  test('each sample outside rules.d is a fragment', () => {
    for (const name of ['10-base-config.rules', '10-no-audit.rules', '30-pci-dss-v31.rules', '99-finalize.rules']) assert.equal(rules(name).facts.complete, false, name);
  });
  test('10-base-config.rules: -D, -b 8192, --backlog_wait_time 60000, -f 1 and no rule', () => {
    const s = rules('10-base-config.rules');
    assert.deepEqual(s.facts.control, { backlog: 8192, failureMode: 1, rateLimit: null, backlogWaitTime: 60000, loginuidImmutable: false });
    assert.equal(s.facts.ruleCount, 0);
    assert.equal((s.facts.auditing as { disabled: unknown }).disabled, null);
  });
  test('10-no-audit.rules: "-a task,never" on line 12 switches syscall auditing off', () => {
    const s = rules('10-no-audit.rules');
    assert.equal((s.facts.auditing as { disabled: unknown }).disabled, true);
    assert.equal(loc(s, 'auditing.disabled'), 'auditd/10-no-audit.rules:12');
  });
  test('30-pci-dss-v31.rules: identity files, sudoers, elevation, exec-watched tools, time changes; no plain execve', () => {
    const s = rules('30-pci-dss-v31.rules');
    assert.equal(s.facts.ruleCount, 46);
    assert.deepEqual((s.facts.identity as { missing: string[] }).missing, []);
    assert.equal(loc(s, 'identity.watched'), 'auditd/30-pci-dss-v31.rules:73');
    assert.deepEqual(s.facts.privileged, {
      sudoers: true,
      sudoersDir: true,
      sudoLog: false,
      elevation: true,
      commands: ['/usr/bin/pkexec', '/usr/bin/systemd-run', '/usr/sbin/aulast', '/usr/sbin/aulastlog', '/usr/sbin/aureport', '/usr/sbin/ausearch'],
    });
    assert.equal(loc(s, 'privileged.sudoers'), 'auditd/30-pci-dss-v31.rules:38');
    assert.equal(loc(s, 'privileged.elevation'), 'auditd/30-pci-dss-v31.rules:62');
    assert.deepEqual(s.facts.execve, { b64: false, b32: false, native: false }, 'only setuid executions (uid != euid, euid 0) are audited');
    assert.deepEqual(s.facts.timeChange, { syscalls: ['adjtimex', 'clock_settime', 'settimeofday', 'stime'], localtime: true });
    assert.deepEqual((s.facts.auditing as { disabled: unknown }).disabled, false);
    assert.equal(s.facts.immutable, false);
  });
  test('99-finalize.rules: -e 2 is commented out', () => {
    const s = rules('99-finalize.rules');
    assert.equal(s.facts.enabled, null);
    assert.equal(s.facts.immutable, false);
  });

  test('installed together in rules.d, as augenrules merges them', () => {
    const names = ['10-base-config.rules', '30-pci-dss-v31.rules', '99-finalize.rules'];
    const installed = Object.fromEntries(names.map((n) => [`etc/audit/rules.d/${n}`, tree[`auditd/${n}`] as string]));
    const s = subjectOf(readAuditRules({ path: 'etc/audit/rules.d/10-base-config.rules', text: installed['etc/audit/rules.d/10-base-config.rules'] as string }, corpusContext(installed)));
    assert.equal(s.id, 'audit-rules:etc/audit/rules.d/');
    assert.equal(s.facts.complete, true);
    assert.equal(s.facts.ruleCount, 46);
    assert.deepEqual((s.facts.auditing as { disabled: unknown }).disabled, false);
    assert.equal(s.facts.immutable, false, 'the -e 2 of 99-finalize.rules is commented out');
    const off: Record<string, string> = { ...installed, 'etc/audit/rules.d/10-no-audit.rules': tree['auditd/10-no-audit.rules'] as string };
    const disabled = subjectOf(readAuditRules({ path: 'etc/audit/rules.d/10-base-config.rules', text: off['etc/audit/rules.d/10-base-config.rules'] as string }, corpusContext(off)));
    assert.equal((disabled.facts.auditing as { disabled: unknown }).disabled, true);
    assert.equal(loc(disabled, 'auditing.disabled'), 'etc/audit/rules.d/10-no-audit.rules:12');
  });
});

describe('corpus: systemd journald.conf (all commented)', () => {
  test('defaults: Storage=auto (persistence unknown), no forwarding to syslog, no retention limit', () => {
    const read = readJournald({ path: 'systemd/journald.conf', text: text('systemd/journald.conf') }, corpusContext({}));
    const s = subjectOf(read);
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.unknowns, []);
    assert.equal(s.facts.storage, 'auto');
    assert.equal(s.facts.persistent, null);
    assert.equal(s.facts.forwardToSyslog, false);
    assert.equal(s.facts.maxRetentionDays, null);
    assert.equal(s.facts.compress, true);
    assert.equal(s.facts.seal, true);
    assert.deepEqual(s.facts.explicit, []);
    assert.equal(loc(s, 'storage'), 'systemd/journald.conf:17');
  });
});

describe('corpus: real scans', async () => {
  const rules = loadRules();
  const auditd = await scan({ roots: [AUDITD], rules, cwd: AUDITD });
  const systemd = await scan({ roots: [SYSTEMD], rules, cwd: SYSTEMD });
  const outcome = (result: typeof auditd.result, id: string, path: string) => result.findings.filter((f) => f.ruleId === id && f.locations[0]?.path.startsWith(path)).map((f) => `${f.outcome} ${f.locations[0]?.path}:${f.locations[0]?.line}`);

  test('every file is recognised as its kind and parses', () => {
    assert.deepEqual(auditd.problems, []);
    assert.deepEqual(
      auditd.result.inventory.map((e) => [e.path, e.status, e.kind]),
      [
        ['10-base-config.rules', 'assessed', 'audit-rules'],
        ['10-no-audit.rules', 'assessed', 'audit-rules'],
        ['30-pci-dss-v31.rules', 'assessed', 'audit-rules'],
        ['99-finalize.rules', 'assessed', 'audit-rules'],
        ['au-remote.conf', 'assessed', 'audisp-plugin'],
        ['audisp-remote.conf', 'assessed', 'audisp-remote'],
        ['auditd.conf', 'assessed', 'auditd-conf'],
        ['syslog.conf', 'assessed', 'audisp-plugin'],
      ],
    );
    assert.deepEqual(systemd.result.inventory.map((e) => [e.path, e.status, e.kind]), [['journald.conf', 'assessed', 'journald']]);
  });

  test('auditd.conf: rotate, syslog warning and suspend fail at their lines', () => {
    assert.deepEqual(outcome(auditd.result, 'RET-201', 'auditd.conf'), ['fail auditd.conf:17']);
    assert.deepEqual(outcome(auditd.result, 'RT-202', 'auditd.conf'), ['fail auditd.conf:19']);
    assert.deepEqual(outcome(auditd.result, 'INT-203', 'auditd.conf'), ['fail auditd.conf:23']);
  });

  test('sample rules: fragments are not judged for coverage; 10-no-audit fails, the others show what they can', () => {
    for (const id of ['COV-204', 'COV-205', 'COV-206', 'INT-207']) {
      assert.ok(auditd.result.findings.filter((f) => f.ruleId === id).every((f) => f.outcome === 'not-applicable'), id);
    }
    assert.deepEqual(outcome(auditd.result, 'COV-208', '10-no-audit.rules'), ['fail 10-no-audit.rules:12']);
    assert.deepEqual(outcome(auditd.result, 'COV-208', '30-pci-dss-v31.rules'), ['pass 30-pci-dss-v31.rules:1']);
    assert.deepEqual(outcome(auditd.result, 'COV-208', '10-base-config.rules'), ['no-evidence 10-base-config.rules:1']);
    assert.deepEqual(outcome(auditd.result, 'COV-208', '99-finalize.rules'), ['no-evidence 99-finalize.rules:1']);
  });

  test('audisp-remote: the shipped, unused plugin is not judged; journald: Storage=auto is no evidence', () => {
    assert.deepEqual(outcome(auditd.result, 'CEN-209', 'audisp-remote.conf').map((o) => o.split(' ')[0]), ['not-applicable']);
    assert.deepEqual(outcome(systemd.result, 'COV-210', 'journald.conf'), ['no-evidence journald.conf:17']);
  });
});
