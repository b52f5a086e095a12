import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSize, parseTimeSpan } from '../../src/adapters/auditd/systemd-conf.js';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import type { ReadContext } from '../../src/adapters/config-adapter.js';
import { journaldAdapter, readJournald } from '../../src/adapters/journald.js';
import { at, lines, problemsOf, theSubject, treeContext } from './auditd-support.js';

const CONF = 'etc/systemd/journald.conf';

function read(text: string, context: ReadContext = NO_INCLUDES, path = CONF) {
  return readJournald({ path, text }, context);
}

describe('journald.conf: claims', () => {
  test('journald.conf, namespaced journald@NS.conf and drop-ins', () => {
    assert.equal(journaldAdapter.claims(CONF, ''), true);
    assert.equal(journaldAdapter.claims('etc/systemd/journald@audit.conf', ''), true);
    assert.equal(journaldAdapter.claims('etc/systemd/journald.conf.d/60-persistent.conf', ''), true);
    assert.equal(journaldAdapter.claims('usr/lib/systemd/journald@audit.conf.d/10.conf', ''), true);
  });
  test('not other systemd files or backups', () => {
    assert.equal(journaldAdapter.claims('etc/systemd/logind.conf', '[Login]\n'), false);
    assert.equal(journaldAdapter.claims('etc/systemd/journald.conf.bak', '[Journal]\n'), false);
    assert.equal(journaldAdapter.claims('etc/systemd/journal-upload.conf', '[Upload]\n'), false);
    assert.equal(journaldAdapter.claims('etc/systemd/system.conf.d/x.conf', '[Manager]\n'), false);
  });
});

describe('journald.conf: settings', () => {
  test('the all-commented shipped file: defaults, Storage=auto leaves persistence unknown', () => {
    const r = read(lines('#  This file is part of systemd.', '', '[Journal]', '#Storage=auto', '#Compress=yes', '#ForwardToSyslog=no'));
    const s = theSubject(r);
    assert.equal(s.id, 'journald:etc/systemd/journald.conf');
    assert.deepEqual(s.pillars, ['devices']);
    assert.equal(s.facts.storage, 'auto');
    assert.equal(s.facts.persistent, null);
    assert.equal(s.facts.compress, true);
    assert.equal(s.facts.seal, true);
    assert.equal(s.facts.forwardToSyslog, false);
    assert.equal(s.facts.forwardToWall, true);
    assert.equal(s.facts.maxRetentionDays, null);
    assert.equal(s.facts.maxFileSec, 2629800);
    assert.deepEqual(s.facts.explicit, []);
    assert.equal(at(s, 'storage'), `${CONF}:3:1`, 'an absent setting points at [Journal]');
    assert.equal(at(s, 'persistent'), `${CONF}:3:1`);
    assert.deepEqual(problemsOf(r), []);
  });

  test('explicit settings with their lines; booleans and time spans as systemd reads them', () => {
    const s = theSubject(read(lines('[Journal]', 'Storage=persistent', 'Compress=no', 'Seal = off', 'MaxRetentionSec=1year', 'ForwardToSyslog=yes', 'SystemMaxUse=4G', 'MaxLevelStore=5')));
    assert.equal(s.facts.storage, 'persistent');
    assert.equal(s.facts.persistent, true);
    assert.equal(s.facts.compress, false);
    assert.equal(s.facts.seal, false);
    assert.equal(s.facts.maxRetentionSec, 31557600);
    assert.equal(s.facts.maxRetentionDays, 365.25);
    assert.equal(s.facts.forwardToSyslog, true);
    assert.equal(s.facts.systemMaxUse, 4 * 1024 ** 3);
    assert.equal(s.facts.maxLevelStore, 'notice');
    assert.equal(at(s, 'storage'), `${CONF}:2:1`);
    assert.equal(at(s, 'maxRetentionDays'), `${CONF}:5:1`);
    assert.deepEqual(s.facts.explicit, ['compress', 'forwardToSyslog', 'maxLevelStore', 'maxRetentionSec', 'seal', 'storage', 'systemMaxUse']);
  });

  test('volatile and none are not persistent; a threshold turns compression on', () => {
    assert.equal(theSubject(read(lines('[Journal]', 'Storage=volatile'))).facts.persistent, false);
    assert.equal(theSubject(read(lines('[Journal]', 'Storage=none'))).facts.persistent, false);
    assert.equal(theSubject(read(lines('[Journal]', 'Compress=1K'))).facts.compress, true);
  });

  test('an invalid value is ignored (the previous value stays) and reported; an empty value resets', () => {
    const r = read(lines('[Journal]', 'Storage=persistent', 'Storage=disk', 'MaxRetentionSec=90d', 'MaxRetentionSec='));
    const s = theSubject(r);
    assert.equal(s.facts.storage, 'persistent');
    assert.equal(at(s, 'storage'), `${CONF}:2:1`);
    assert.equal(s.facts.maxRetentionDays, null);
    assert.deepEqual(problemsOf(r), ['3:9 Storage=disk is not a valid value: journald ignores it']);
  });

  test('continuation lines, ; comments, unknown keys and sections, keys outside a section', () => {
    const r = read(lines('Storage=volatile', '; a comment', '[Journal]', 'MaxRetentionSec=1month \\', '  2week', 'Storag=persistent', '[Upload]', 'URL=https://x', '[X-Local]', 'Anything=1'));
    const s = theSubject(r);
    assert.equal(s.facts.storage, 'auto', 'outside any section: ignored');
    assert.equal(s.facts.maxRetentionSec, 2629800 + 14 * 86400);
    assert.deepEqual(problemsOf(r), ['1:1 Storage= is outside any section: journald ignores it']);
    assert.deepEqual(r.unknowns.map((u) => [u.construct, u.at.line]), [['Storag=', 6], ['[Upload] URL=', 8]]);
  });

  test('a namespace stores persistently by default', () => {
    const s = theSubject(read(lines('[Journal]'), NO_INCLUDES, 'etc/systemd/journald@audit.conf'));
    assert.equal(s.facts.namespace, 'audit');
    assert.equal(s.facts.storage, 'persistent');
    assert.equal(s.facts.persistent, true);
  });

  test('nothing readable is fatal', () => {
    const r = read(lines('store everything forever'));
    assert.equal(r.fatal, true);
    assert.equal(problemsOf(r)[0], '1:1 missing "=": "store everything forever"');
  });
});

describe('journald.conf: drop-ins', () => {
  const tree: Record<string, string> = {
    [CONF]: lines('[Journal]', 'Storage=volatile', 'Compress=yes'),
    'etc/systemd/journald.conf.d/60-persistent.conf': lines('[Journal]', 'Storage=persistent'),
    'etc/systemd/journald.conf.d/10-retention.conf': lines('[Journal]', 'MaxRetentionSec=90d', 'Compress=no'),
    'usr/lib/systemd/journald.conf.d/60-persistent.conf': lines('[Journal]', 'Storage=none'),
    'usr/lib/systemd/journald.conf.d/70-vendor.conf': lines('[Journal]', 'ForwardToSyslog=yes'),
  };

  test('drop-ins apply after the main file in name order; /etc hides /usr/lib of the same name', () => {
    const r = read(tree[CONF] as string, treeContext(tree));
    const s = theSubject(r);
    assert.equal(s.facts.storage, 'persistent');
    assert.equal(at(s, 'storage'), 'etc/systemd/journald.conf.d/60-persistent.conf:2:1');
    assert.equal(s.facts.compress, false);
    assert.equal(s.facts.maxRetentionDays, 90);
    assert.equal(s.facts.forwardToSyslog, true);
    assert.deepEqual(s.facts.files, [CONF, 'etc/systemd/journald.conf.d/10-retention.conf', 'etc/systemd/journald.conf.d/60-persistent.conf', 'usr/lib/systemd/journald.conf.d/70-vendor.conf']);
    assert.deepEqual(r.includes, ['etc/systemd/journald.conf.d/10-retention.conf', 'etc/systemd/journald.conf.d/60-persistent.conf', 'usr/lib/systemd/journald.conf.d/70-vendor.conf']);
  });

  test('a drop-in carries no subject when a journald.conf of its host is scanned', () => {
    for (const path of ['etc/systemd/journald.conf.d/10-retention.conf', 'usr/lib/systemd/journald.conf.d/70-vendor.conf']) {
      assert.deepEqual(read(tree[path] as string, treeContext(tree), path).subjects, [], path);
    }
  });

  test('/usr/lib/systemd/journald.conf is hidden by /etc/systemd/journald.conf', () => {
    const both = { [CONF]: lines('[Journal]'), 'usr/lib/systemd/journald.conf': lines('[Journal]', 'Storage=volatile') };
    assert.deepEqual(read(both['usr/lib/systemd/journald.conf'], treeContext(both), 'usr/lib/systemd/journald.conf').subjects, []);
    assert.equal(read(both[CONF], treeContext(both)).subjects.length, 1);
  });

  test('without journald.conf the first drop-in of the folder carries the subject', () => {
    const dropIns = { 'etc/systemd/journald.conf.d/10-a.conf': lines('[Journal]', 'Storage=persistent'), 'etc/systemd/journald.conf.d/20-b.conf': lines('[Journal]', 'Storage=volatile') };
    const first = read(dropIns['etc/systemd/journald.conf.d/10-a.conf'], treeContext(dropIns), 'etc/systemd/journald.conf.d/10-a.conf');
    const s = theSubject(first);
    assert.equal(s.id, 'journald:etc/systemd/journald.conf.d/');
    assert.equal(s.facts.storage, 'volatile');
    assert.deepEqual(first.includes, ['etc/systemd/journald.conf.d/20-b.conf']);
    assert.deepEqual(read(dropIns['etc/systemd/journald.conf.d/20-b.conf'], treeContext(dropIns), 'etc/systemd/journald.conf.d/20-b.conf').subjects, []);
  });
});

describe('systemd values', () => {
  test('time spans: units, case, sums, infinity', () => {
    assert.equal(parseTimeSpan('3600'), 3600);
    assert.equal(parseTimeSpan('5min'), 300);
    assert.equal(parseTimeSpan('5m'), 300);
    assert.equal(parseTimeSpan('1M'), 2629800);
    assert.equal(parseTimeSpan('1y 6M'), 31557600 + 6 * 2629800);
    assert.equal(parseTimeSpan('1.5h'), 5400);
    assert.equal(parseTimeSpan('2 weeks'), 14 * 86400);
    assert.equal(parseTimeSpan('infinity'), Infinity);
    assert.equal(parseTimeSpan('forever'), null);
    assert.equal(parseTimeSpan('5 parsecs'), null);
    assert.equal(parseTimeSpan(''), null);
  });
  test('sizes', () => {
    assert.equal(parseSize('512'), 512);
    assert.equal(parseSize('4G'), 4 * 1024 ** 3);
    assert.equal(parseSize('1.5M'), 1.5 * 1024 ** 2);
    assert.equal(parseSize('10%'), null);
  });
});
