import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import { TIME_SYNC_TEXT, dialectOf, readTimeSync } from '../../src/adapters/time-sync.js';
import { assertWellFormed, filesContext, only, where } from './hosts-support.js';

const read = (path: string, text: string, context = NO_INCLUDES) => readTimeSync({ path, text }, context);

describe('time sync: claims', () => {
  test('chrony, ntpd and timesyncd files by name', () => {
    assert.deepEqual(dialectOf('etc/chrony.conf'), { daemon: 'chronyd', main: true });
    assert.deepEqual(dialectOf('etc/chrony/chrony.conf'), { daemon: 'chronyd', main: true });
    assert.deepEqual(dialectOf('etc/chrony/sources.d/local.sources'), { daemon: 'chronyd', main: false });
    assert.deepEqual(dialectOf('etc/chrony/conf.d/ntp.conf'), { daemon: 'chronyd', main: false });
    assert.deepEqual(dialectOf('etc/ntpsec/ntp.conf'), { daemon: 'ntpd', main: true });
    assert.deepEqual(dialectOf('etc/systemd/timesyncd.conf'), { daemon: 'systemd-timesyncd', main: true });
    assert.deepEqual(dialectOf('etc/systemd/timesyncd.conf.d/corp.conf'), { daemon: 'systemd-timesyncd', main: false });
    assert.ok(!TIME_SYNC_TEXT.claims('etc/apt/sources.list.d/ubuntu.sources', ''));
    assert.ok(!TIME_SYNC_TEXT.claims('etc/systemd/journald.conf', ''));
    assert.ok(!TIME_SYNC_TEXT.claims('var/log/chrony/measurements.log', ''));
  });
});

describe('time sync: chrony', () => {
  test('servers, pools (counted as maxsources, default 4), peers and reference clocks', () => {
    const text = [
      '# Use public servers',
      'pool 2.debian.pool.ntp.org iburst',
      'pool time.example.com iburst maxsources 2',
      'server 169.254.169.123 prefer iburst',
      'Server 169.254.169.123 iburst',
      '! a comment',
      'peer ntp2.example.com',
      'refclock PHC /dev/ptp0 poll 2',
      'server 10.0.0.9 noselect',
      'driftfile /var/lib/chrony/drift',
      'makestep 1.0 3',
    ].join('\n');
    const r = read('etc/chrony/chrony.conf', text);
    const s = only(r);
    assert.equal(s.id, 'time-sync:etc/chrony/chrony.conf');
    assert.equal(s.facts.daemon, 'chronyd');
    assert.deepEqual(s.facts.servers, ['169.254.169.123']);
    assert.deepEqual(s.facts.pools, [
      { host: '2.debian.pool.ntp.org', maxSources: 4 },
      { host: 'time.example.com', maxSources: 2 },
    ]);
    assert.deepEqual(s.facts.peers, ['ntp2.example.com']);
    assert.deepEqual(s.facts.refclocks, ['PHC /dev/ptp0']);
    assert.equal(s.facts.sources, 9);
    assert.equal(s.facts.sourcesKnown, 9);
    assert.equal(where(s, 'sources'), 'etc/chrony/chrony.conf:2:1');
    assert.equal(r.kind, 'chrony-conf');
    assert.deepEqual(r.unknowns, []);
    assertWellFormed(r);
  });
  test('one server only, pointing at it; none at all points at the file', () => {
    const one = only(read('etc/chrony.conf', 'driftfile /x\n  server time.corp.example iburst\n'));
    assert.equal(one.facts.sources, 1);
    assert.equal(where(one, 'sources'), 'etc/chrony.conf:2:3');
    const none = only(read('etc/chrony.conf', 'driftfile /x\n'));
    assert.equal(none.facts.sources, 0);
    assert.equal(where(none, 'sources'), 'etc/chrony.conf:1:1');
  });
  test('confdir and sourcedir read *.conf and *.sources; include reads a glob', () => {
    const main = 'confdir /etc/chrony/conf.d\nsourcedir /etc/chrony/sources.d\ninclude /etc/chrony/extra/*.conf\n';
    const files = {
      'n/etc/chrony/chrony.conf': main,
      'n/etc/chrony/conf.d/a.conf': 'server a.example\n',
      'n/etc/chrony/sources.d/b.sources': 'server b.example iburst\n',
      'n/etc/chrony/extra/c.conf': 'pool c.example maxsources 3\n',
    };
    const r = readTimeSync({ path: 'n/etc/chrony/chrony.conf', text: main }, filesContext(files));
    assert.equal(only(r).facts.sources, 5);
    assert.equal(only(r).facts.complete, true);
    assert.deepEqual(r.includes, ['n/etc/chrony/conf.d/a.conf', 'n/etc/chrony/extra/c.conf', 'n/etc/chrony/sources.d/b.sources']);
    const fragment = readTimeSync({ path: 'n/etc/chrony/conf.d/a.conf', text: 'server a.example\n' }, filesContext(files));
    assert.equal(fragment.subjects.length, 0, 'a fragment the main file reads is part of its facts');
  });
  test('a sourcedir not in the scan (DHCP servers at run time) leaves the count incomplete', () => {
    const r = read('etc/chrony/chrony.conf', 'server a.example\nsourcedir /run/chrony-dhcp\n');
    const s = only(r);
    assert.equal(s.facts.sources, 1);
    assert.equal(s.facts.sourcesKnown, null);
    assert.equal(where(s, 'sourcesKnown'), 'etc/chrony/chrony.conf:2:1');
    assert.equal(r.unknowns[0]?.construct, 'sourcedir /run/chrony-dhcp');
  });
  test('unknown directives, bad maxsources, directives not allowed in .sources files', () => {
    const r = read('etc/chrony/chrony.conf', 'frobnicate 1\npool p.example maxsources 99\n');
    assert.deepEqual(r.unknowns.map((u) => [u.construct, u.at.line]), [['frobnicate', 1]]);
    assert.deepEqual(r.problems.map((p) => p.at.line), [2]);
    const sources = read('etc/chrony/sources.d/x.sources', 'server a\ndriftfile /x\n');
    assert.deepEqual(sources.problems.map((p) => p.at.line), [2]);
  });
});

describe('time sync: ntpd', () => {
  test('servers and pools; the local clock driver is not a source; comments anywhere', () => {
    const text = 'driftfile /var/lib/ntp/drift # where\nserver 0.rhel.pool.ntp.org iburst\nserver 1.rhel.pool.ntp.org iburst # second\npool pool.ntp.org\nserver 127.127.1.0\nfudge 127.127.1.0 stratum 10\nrestrict default nomodify\n';
    const r = read('etc/ntp.conf', text);
    const s = only(r);
    assert.equal(s.facts.daemon, 'ntpd');
    assert.deepEqual(s.facts.servers, ['0.rhel.pool.ntp.org', '1.rhel.pool.ntp.org']);
    assert.equal(s.facts.sources, 6);
    assert.equal(r.unknowns[0]?.construct, 'server 127.127.1.0');
    assert.equal(r.kind, 'ntp-conf');
  });
  test('manycastclient finds servers at run time: incomplete', () => {
    const s = only(read('etc/ntp.conf', 'manycastclient 224.0.1.1\n'));
    assert.equal(s.facts.sourcesKnown, null);
  });
  test('includefile of a file and of an NTPsec folder', () => {
    const files = { 'h/etc/ntpsec/ntp.conf': 'includefile /etc/ntpsec/ntp.d/\n', 'h/etc/ntpsec/ntp.d/servers.conf': 'server a\nserver b\n' };
    const s = only(readTimeSync({ path: 'h/etc/ntpsec/ntp.conf', text: files['h/etc/ntpsec/ntp.conf'] }, filesContext(files)));
    assert.equal(s.facts.sources, 2);
  });
});

describe('time sync: systemd-timesyncd', () => {
  test('NTP= list; an empty assignment resets it; drop-ins apply after the main file', () => {
    const files = {
      'h/etc/systemd/timesyncd.conf': '[Time]\nNTP=a.example b.example\n#FallbackNTP=x\n',
      'h/etc/systemd/timesyncd.conf.d/10-corp.conf': '[Time]\nNTP=\nNTP=ntp1.corp ntp2.corp \\\n ntp3.corp\n',
    };
    const r = readTimeSync({ path: 'h/etc/systemd/timesyncd.conf', text: files['h/etc/systemd/timesyncd.conf'] }, filesContext(files));
    const s = only(r);
    assert.equal(s.facts.daemon, 'systemd-timesyncd');
    assert.deepEqual(s.facts.servers, ['ntp1.corp', 'ntp2.corp', 'ntp3.corp']);
    assert.equal(s.facts.sources, 3);
    assert.equal(where(s, 'sources'), 'h/etc/systemd/timesyncd.conf.d/10-corp.conf:3:1');
    assert.deepEqual(r.includes, ['h/etc/systemd/timesyncd.conf.d/10-corp.conf']);
    assert.equal(r.kind, 'timesyncd-conf');
  });
  test('all commented (the shipped file): the compiled-in fallback applies, count unknown', () => {
    const r = read('etc/systemd/timesyncd.conf', '[Time]\n#NTP=\n#FallbackNTP=ntp.ubuntu.com\n#RootDistanceMaxSec=5\n');
    const s = only(r);
    assert.equal(s.facts.sources, 0);
    assert.equal(s.facts.sourcesKnown, null);
    assert.equal(s.facts.fallback, null);
    assert.equal(r.unknowns[0]?.construct, 'FallbackNTP');
  });
  test('FallbackNTP set and NTP empty: the fallback list counts', () => {
    const s = only(read('etc/systemd/timesyncd.conf', '[Time]\nFallbackNTP=a b\n'));
    assert.equal(s.facts.sources, 2);
    assert.equal(s.facts.sourcesKnown, 2);
  });
  test('a main file under /usr/lib hidden by /etc is not read', () => {
    const files = { 'h/etc/systemd/timesyncd.conf': '[Time]\n', 'h/usr/lib/systemd/timesyncd.conf': '[Time]\nNTP=a\n' };
    const r = readTimeSync({ path: 'h/usr/lib/systemd/timesyncd.conf', text: files['h/usr/lib/systemd/timesyncd.conf'] }, filesContext(files));
    assert.equal(r.subjects.length, 0);
  });
  test('problems and unknowns with positions', () => {
    const r = read('etc/systemd/timesyncd.conf', 'NTP=a\n[Time\n[Time]\nbogus line\nPollIntervalMinSec=32\nFrobnicate=1\n[Other]\nX=1\n');
    assert.deepEqual(r.problems.map((p) => p.at.line), [1, 2, 4]);
    assert.deepEqual(r.unknowns.map((u) => u.construct).sort(), ['FallbackNTP', 'Frobnicate', '[Other]']);
    assertWellFormed(r);
  });
});
