import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { auditRulesAdapter, isAuditRulesText, readAuditRules } from '../../src/adapters/audit-rules.js';
import { lexRules, splitRuleWords } from '../../src/adapters/auditd/audit-rules-lexer.js';
import { augenrulesOrder } from '../../src/adapters/auditd/audit-rules-model.js';
import { naturalCompare } from '../../src/adapters/auditd/text.js';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import { at, lines, problemsOf, theSubject, treeContext } from './auditd-support.js';

const RULES = 'etc/audit/audit.rules';

function read(text: string, path = RULES) {
  return readAuditRules({ path, text }, NO_INCLUDES);
}

const IDENTITY = ['-w /etc/group -p wa -k identity', '-w /etc/passwd -p wa -k identity', '-w /etc/gshadow -p wa -k identity', '-w /etc/shadow -p wa -k identity', '-w /etc/security/opasswd -p wa -k identity'];

describe('audit rules: claims', () => {
  test('.rules files of auditctl options', () => {
    assert.equal(auditRulesAdapter.claims('etc/audit/rules.d/50-identity.rules', lines('## identity', ...IDENTITY)), true);
    assert.equal(auditRulesAdapter.claims('etc/audit/audit.rules', lines('-D', '-b 8192', '--backlog_wait_time 60000', '-e 2')), true);
  });
  test('not udev or polkit rules, not other names', () => {
    assert.equal(auditRulesAdapter.claims('etc/udev/rules.d/70-net.rules', lines('# net', 'SUBSYSTEM=="net", ACTION=="add", NAME="eth0"')), false);
    assert.equal(auditRulesAdapter.claims('etc/polkit-1/rules.d/49-admin.rules', lines('polkit.addRule(function(action, subject) {', '});')), false);
    assert.equal(auditRulesAdapter.claims('etc/audit/rules.txt', lines(...IDENTITY)), false);
    assert.equal(auditRulesAdapter.claims('etc/udev/rules.d/99-empty.rules', lines('# nothing here')), false);
  });
  test('comments only: a commented rule or an audit folder says audit rules', () => {
    assert.equal(isAuditRulesText('samples/99-finalize.rules', lines('## Make the configuration immutable', '#-e 2')), true);
    assert.equal(isAuditRulesText('etc/audit/rules.d/00-empty.rules', lines('# placeholder')), true);
  });
});

describe('audit rules: what a rule set audits', () => {
  test('identity watches, with -w and with path/perm rules; the missing files listed', () => {
    const s = theSubject(read(lines('-D', '-w /etc/passwd -p wa -k identity', '-a always,exit -F arch=b64 -F path=/etc/shadow -F perm=wa -k identity', '-w /etc/group -p r -k reads')));
    assert.deepEqual(s.facts.identity, { watched: ['/etc/passwd', '/etc/shadow'], missing: ['/etc/group', '/etc/gshadow', '/etc/security/opasswd'] });
    assert.equal(at(s, 'identity.watched'), `${RULES}:2:1`);
    assert.equal(at(s, 'identity.missing'), `${RULES}:1:1`);
    assert.equal(s.facts.complete, true);
    assert.equal(s.facts.ruleCount, 3);
    assert.equal(s.facts.watchCount, 2);
  });

  test('a watch on a folder covers its files; a 32-bit-only path rule does not; a never rule first excludes', () => {
    assert.deepEqual((theSubject(read(lines('-w /etc/ -p wa -k etc'))).facts.identity as { missing: string[] }).missing, []);
    assert.deepEqual((theSubject(read(lines('-a always,exit -F arch=b32 -F path=/etc/passwd -F perm=wa'))).facts.identity as { watched: string[] }).watched, []);
    const never = theSubject(read(lines('-a never,exit -F path=/etc/passwd', '-w /etc/passwd -p wa')));
    assert.deepEqual((never.facts.identity as { watched: string[] }).watched, []);
    const filteredNever = theSubject(read(lines('-a never,exit -F path=/etc/passwd -F auid=unset', '-w /etc/passwd -p wa')));
    assert.deepEqual((filteredNever.facts.identity as { watched: string[] }).watched, ['/etc/passwd']);
  });

  test('execve: each ABI needs its own rule; login-user filters are fine, other filters are not', () => {
    const both = theSubject(read(lines('-a always,exit -F arch=b64 -S execve -F auid>=1000 -F auid!=unset -k exec', '-a always,exit -F arch=b32 -S execve -k exec')));
    assert.deepEqual(both.facts.execve, { b64: true, b32: true, native: false });
    assert.equal(at(both, 'execve.b32'), `${RULES}:2:1`);
    const narrow = theSubject(read(lines('-a always,exit -F arch=b64 -S execve -F uid=0 -k rootexec', '-a exit,always -F arch=x86_64 -S all')));
    assert.deepEqual(narrow.facts.execve, { b64: true, b32: false, native: false }, '-S all counts, uid=0 alone does not');
    const native = theSubject(read(lines('-a always,exit -S execve -k exec')));
    assert.deepEqual(native.facts.execve, { b64: false, b32: false, native: true });
    const prepended = theSubject(read(lines('-a always,exit -F arch=b64 -S execve', '-A never,exit -F arch=b64 -S execve')));
    assert.deepEqual(prepended.facts.execve, { b64: false, b32: false, native: false }, '-A puts the never rule first');
  });

  test('privileged use: sudoers, elevation, exec-watched commands', () => {
    const s = theSubject(
      read(
        lines(
          '-w /etc/sudoers -p wa -k scope',
          '-w /etc/sudoers.d/ -p wa -k scope',
          '-w /var/log/sudo.log -p wa -k sudo_log',
          '-a always,exit -F arch=b64 -C euid!=uid -F auid!=unset -S execve -k user_emulation',
          '-a always,exit -F path=/usr/bin/sudo -F perm=x -F auid>=1000 -k priv',
          '-a always,exit -F path=/usr/bin/passwd -F perm=x -k priv',
        ),
      ),
    );
    assert.deepEqual(s.facts.privileged, { sudoers: true, sudoersDir: true, sudoLog: true, elevation: true, commands: ['/usr/bin/passwd', '/usr/bin/sudo'] });
    assert.equal(at(s, 'privileged.sudoers'), `${RULES}:1:1`);
    assert.equal(at(s, 'privileged.elevation'), `${RULES}:4:1`);
    assert.equal(at(s, 'privileged.commands'), `${RULES}:5:1`);
    const setuid = theSubject(read(lines('-a always,exit -F arch=b64 -S setresuid -F a0=0 -F exe=/usr/bin/sudo -k elevated')));
    assert.equal((setuid.facts.privileged as { elevation: boolean }).elevation, true);
  });

  test('clock changes and login records', () => {
    const s = theSubject(read(lines('-a always,exit -F arch=b64 -S adjtimex,settimeofday -S clock_settime -k time', '-w /etc/localtime -p wa -k time', '-w /var/log/lastlog -p wa -k logins', '-w /var/run/faillock -p wa -k logins')));
    assert.deepEqual(s.facts.timeChange, { syscalls: ['adjtimex', 'clock_settime', 'settimeofday'], localtime: true });
    assert.deepEqual(s.facts.logins, { watched: ['/var/log/lastlog', '/var/run/faillock'], lastlog: true });
  });

  test('control settings', () => {
    const s = theSubject(read(lines('-D', '-b 8192', '--backlog_wait_time=60000', '-f2', '-r 100', '--loginuid-immutable')));
    assert.deepEqual(s.facts.control, { backlog: 8192, failureMode: 2, rateLimit: 100, backlogWaitTime: 60000, loginuidImmutable: true });
    assert.equal(at(s, 'control.failureMode'), `${RULES}:4:1`);
  });

  test('-D deletes what came before; -D -k deletes by key; -W removes a watch', () => {
    const s = theSubject(read(lines('-w /etc/passwd -p wa -k identity', '-D', '-w /etc/shadow -p wa -k identity', '-w /etc/group -p wa -k groups', '-D -k groups', '-w /etc/gshadow -p wa', '-W /etc/gshadow')));
    assert.deepEqual((s.facts.identity as { watched: string[] }).watched, ['/etc/shadow']);
  });

  test('a backslash keeps a space inside a path', () => {
    assert.deepEqual(splitRuleWords('-w /srv/my\\ data -p wa').map((w) => w.text), ['-w', '/srv/my data', '-p', 'wa']);
    assert.deepEqual(splitRuleWords('-k a\\\\b').map((w) => [w.text, w.column]), [['-k', 1], ['a\\b', 4]]);
  });
});

describe('audit rules: locking and switching off', () => {
  test('-e 2 as the last line locks the rules', () => {
    const s = theSubject(read(lines('-D', ...IDENTITY, '', '## lock', '-e 2')));
    assert.equal(s.facts.enabled, 2);
    assert.equal(s.facts.immutable, true);
    assert.equal(s.facts.immutableLast, true);
    assert.equal(at(s, 'immutable'), `${RULES}:9:1`);
  });

  test('rules after -e 2 are refused: not applied, reported, immutableLast false at that line', () => {
    const r = read(lines('-D', '-e 2', '-w /etc/passwd -p wa -k identity'));
    const s = theSubject(r);
    assert.equal(s.facts.immutable, true);
    assert.equal(s.facts.immutableLast, false);
    assert.equal(at(s, 'immutableLast'), `${RULES}:3:1`);
    assert.equal(s.facts.ruleCount, 0);
    assert.deepEqual(problemsOf(r), [`3:1 the rules are locked by -e 2 (${RULES}:2): this and later changes are refused until reboot`]);
  });

  test('no -e: not locked, located at the file start', () => {
    const s = theSubject(read(lines(...IDENTITY)));
    assert.equal(s.facts.enabled, null);
    assert.equal(s.facts.immutable, false);
    assert.equal(s.facts.immutableLast, null);
    assert.equal(at(s, 'immutable'), `${RULES}:1:1`);
  });

  test('-e 0, a first "never" task rule (either order), an empty complete rule set: auditing is off', () => {
    const e0 = theSubject(read(lines(...IDENTITY, '-e 0')));
    assert.deepEqual(e0.facts.auditing, { disabled: true, reason: 'auditing is disabled with -e 0' });
    assert.equal(at(e0, 'auditing.disabled'), `${RULES}:6:1`);
    for (const rule of ['-a never,task', '-a task,never']) {
      const s = theSubject(read(lines('-D', rule, ...IDENTITY)));
      assert.equal((s.facts.auditing as { disabled: boolean }).disabled, true, rule);
      assert.equal(at(s, 'auditing.disabled'), `${RULES}:2:1`);
    }
    const empty = theSubject(read(lines('-D', '-b 8192')));
    assert.deepEqual(empty.facts.auditing, { disabled: true, reason: 'no audit rule is left to load' });
    assert.equal(at(empty, 'auditing.disabled'), `${RULES}:1:1`);
    const on = theSubject(read(lines(...IDENTITY)));
    assert.deepEqual(on.facts.auditing, { disabled: false, reason: null });
  });

  test('a fragment outside rules.d: complete false, and no rules is not known to be off', () => {
    const s = theSubject(read(lines('-D', '-b 8192'), 'usr/share/audit/sample-rules/10-base-config.rules'));
    assert.equal(s.id, 'audit-rules:usr/share/audit/sample-rules/10-base-config.rules');
    assert.equal(s.facts.complete, false);
    assert.equal((s.facts.auditing as { disabled: unknown }).disabled, null);
  });
});

describe('audit rules: rules.d as augenrules merges it', () => {
  const tree = {
    'etc/audit/rules.d/10-base-config.rules': lines('-D', '-b 8192', '-f 1'),
    'etc/audit/rules.d/2-early.rules': lines('-e 2', '-w /etc/passwd -p wa -k identity'),
    'etc/audit/rules.d/50-identity.rules': lines('-D', '-w /etc/shadow -p wa -k identity'),
    'etc/audit/rules.d/audit.rules.bak': lines('-e 0'),
    'etc/udev/rules.d/70-net.rules': lines('SUBSYSTEM=="net", NAME="eth0"'),
  };
  const context = treeContext(tree);
  const readIn = (path: keyof typeof tree) => readAuditRules({ path, text: tree[path] }, context);

  test('the file first in natural order carries one subject for the folder', () => {
    const first = readIn('etc/audit/rules.d/2-early.rules');
    const s = theSubject(first);
    assert.equal(s.id, 'audit-rules:etc/audit/rules.d/');
    assert.equal(s.path, 'etc/audit/rules.d/2-early.rules');
    assert.deepEqual(s.facts.files, ['etc/audit/rules.d/2-early.rules', 'etc/audit/rules.d/10-base-config.rules', 'etc/audit/rules.d/50-identity.rules']);
    assert.deepEqual(first.includes, ['etc/audit/rules.d/10-base-config.rules', 'etc/audit/rules.d/50-identity.rules']);
    assert.deepEqual(readIn('etc/audit/rules.d/10-base-config.rules').subjects, []);
    assert.deepEqual(readIn('etc/audit/rules.d/50-identity.rules').subjects, []);
  });

  test('-D goes first and -e last: nothing is deleted, the rules are locked, -e 2 is last', () => {
    const s = theSubject(readIn('etc/audit/rules.d/2-early.rules'));
    assert.deepEqual((s.facts.identity as { watched: string[] }).watched, ['/etc/passwd', '/etc/shadow']);
    assert.equal(s.facts.immutable, true);
    assert.equal(s.facts.immutableLast, true);
    assert.equal(at(s, 'immutable'), 'etc/audit/rules.d/2-early.rules:1:1');
    assert.deepEqual(s.facts.control, { backlog: 8192, failureMode: 1, rateLimit: null, backlogWaitTime: null, loginuidImmutable: false });
  });

  test('augenrulesOrder and natural sort', () => {
    const lexed = lexRules(lines('-e 2', '-w /a', '-D', '-f 1', '-b 10', '-D -k x', '-w /b')).lines;
    assert.deepEqual(augenrulesOrder(lexed).map((l) => l.line), [3, 5, 4, 2, 6, 7, 1]);
    assert.deepEqual(['99-finalize.rules', '10-base.rules', '2-a.rules', '010-x.rules'].sort(naturalCompare), ['2-a.rules', '10-base.rules', '010-x.rules', '99-finalize.rules']);
  });

  test('audit.rules beside a rules.d with rules is regenerated from it: rules.d carries the subject', () => {
    const withRulesD = { [RULES]: lines('-D', '-e 2'), 'etc/audit/rules.d/50-identity.rules': lines(...IDENTITY) };
    const r = readAuditRules({ path: RULES, text: withRulesD[RULES] }, treeContext(withRulesD));
    assert.deepEqual(r.subjects, []);
    const alone = readAuditRules({ path: RULES, text: withRulesD[RULES] }, treeContext({ [RULES]: withRulesD[RULES] }));
    assert.equal(theSubject(alone).id, `audit-rules:${RULES}`);
  });

  test('without includes a rules.d file is its own rule set', () => {
    const s = theSubject(readAuditRules({ path: 'etc/audit/rules.d/50-identity.rules', text: lines(...IDENTITY) }, NO_INCLUDES));
    assert.equal(s.id, 'audit-rules:etc/audit/rules.d/');
    assert.equal(s.facts.complete, true);
  });
});

describe('audit rules: problems', () => {
  test('bad lines are problems with line and column; auditctl stops loading at the first', () => {
    const r = read(lines('-w /etc/passwd -p wa -k identity', '-a always,sometimes -S execve', '-w /etc/shadow -p wa -k identity'));
    assert.deepEqual(problemsOf(r), [
      '2:4 -a: "always,sometimes" is not list,action (lists: task, exit, user, exclude, filesystem, io_uring, entry; actions: always, never)',
      '2:1 auditctl stops loading the rules at this line (no -i or -c before it): later lines are not loaded',
    ]);
    const s = theSubject(r);
    assert.deepEqual((s.facts.identity as { watched: string[] }).watched, ['/etc/passwd']);
    assert.equal(s.facts.stoppedAt, `${RULES}:2`);
  });

  test('with -i first, loading goes on after a bad line', () => {
    const s = theSubject(read(lines('-i', '-w /etc/passwd -p wa', '-F path', '-w /etc/shadow -p wa')));
    assert.deepEqual((s.facts.identity as { watched: string[] }).watched, ['/etc/passwd', '/etc/shadow']);
    assert.equal(s.facts.stoppedAt, null);
  });

  test('missing values, stray words, unknown options, comments after a rule, -R', () => {
    const r = read(lines('-c', '-w', 'watch /etc/passwd', '-X 1', '-w /etc/group -p wa -k identity # groups', '-R /etc/audit/other.rules', '-p wx'));
    assert.deepEqual(problemsOf(r), [
      '2:1 -w needs a value',
      '3:1 expected an auditctl option, found "watch"',
      '4:4 expected an auditctl option, found "1"',
      '5:33 a comment after a rule: auditctl reads it as more arguments; put comments on their own line',
      '7:1 -p belongs to a rule: this line has no -a or -w',
    ]);
    assert.deepEqual(
      r.unknowns.map((u) => [u.construct, u.at.line, u.reason]),
      [
        ['-X', 4, 'not an auditctl option ztmm knows'],
        ['-R /etc/audit/other.rules', 6, 'reading another rules file is not followed'],
      ],
    );
    assert.deepEqual((theSubject(r).facts.identity as { watched: string[] }).watched, ['/etc/group']);
  });

  test('nothing readable is fatal', () => {
    const r = read(lines('watch everything', 'please'));
    assert.equal(r.fatal, true);
    assert.equal(problemsOf(r)[0], '1:1 expected an auditctl option, found "watch"');
  });

  test('hostile keys and a huge file stay bounded', () => {
    const r = read(lines('-w /etc/passwd -p wa -k __proto__', '-a always,exit -F __proto__=1 -S execve'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(r.fatal, false);
    const big = read('-Q\n'.repeat(50_000));
    assert.equal(big.unknowns.length, 201, 'capped, with one line saying how many more');
    assert.equal(big.unknowns[200]?.construct, '49800 more');
  });
});
