/**
 * Splunk indexes.conf. The shared corpus holds no Splunk config: the inputs follow
 * indexes.conf.example and indexes.conf.spec (Splunk Enterprise 9.0): volumes, [default]
 * settings, archiving with coldToFrozenDir, continued lines.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADAPTERS, claimsIndexesConf, readIndexesConf } from '../../src/adapters/splunk-indexes.js';
import { readSplunkConf, splunkBoolean } from '../../src/adapters/stores/splunk-conf.js';
import type { ConfigRead } from '../../src/model/pipeline.js';
import type { Subject } from '../../src/model/subject.js';

const PATH = 'opt/splunk/etc/apps/org_indexes/local/indexes.conf';

function read(text: string): ConfigRead {
  return readIndexesConf({ path: PATH, text });
}

function index(r: ConfigRead, name: string): Subject {
  const found = r.subjects.find((s) => s.facts.name === name);
  assert.ok(found, `index ${name}`);
  return found;
}

function at(subject: Subject, fact: string): number | undefined {
  return subject.locations[fact]?.line;
}

const EXAMPLE = `# Version 9.0 style indexes.conf, after indexes.conf.example
[default]
frozenTimePeriodInSecs = 31536000

[volume:hot1]
path = /mnt/fast_disk
maxVolumeDataSizeMB = 100000

[volume:cold1]
path = /mnt/big_disk
maxVolumeDataSizeMB = 1000000

[idx1]
homePath = volume:hot1/idx1
coldPath = volume:cold1/idx1
thawedPath = $SPLUNK_DB/idx1/thaweddb

[idx2]
homePath = volume:hot1/idx2
coldPath = volume:cold1/idx2
thawedPath = $SPLUNK_DB/idx2/thaweddb
frozenTimePeriodInSecs = 7776000
maxTotalDataSizeMB = 20000
enableDataIntegrityControl = true

[security]
homePath   = $SPLUNK_DB/security/db
coldPath   = $SPLUNK_DB/security/colddb
thawedPath = $SPLUNK_DB/security/thaweddb
coldToFrozenDir = /mnt/archive/security
`;

describe('indexes.conf claims', () => {
  test('by file name only', () => {
    assert.equal(claimsIndexesConf('etc/system/local/indexes.conf'), true);
    assert.equal(claimsIndexesConf('indexes.conf'), true);
    assert.equal(claimsIndexesConf('etc/system/local/inputs.conf'), false);
    assert.equal(claimsIndexesConf('indexes.conf.example'), false);
    assert.equal(claimsIndexesConf('my-indexes.conf'), false);
    const [adapter] = ADAPTERS.text;
    assert.equal(adapter?.kind, 'splunk-indexes');
    assert.equal(adapter?.claims(PATH, '[main]\n'), true);
  });
});

describe('indexes.conf', () => {
  test('[default] applies to every index; an index setting wins; volumes with their limits', () => {
    const r = read(EXAMPLE);
    assert.deepEqual([r.kind, r.fatal, r.problems], ['splunk-indexes', false, []]);
    assert.deepEqual(r.subjects.map((s) => s.id), ['log-store:splunk:idx1', 'log-store:splunk:idx2', 'log-store:splunk:security']);
    const idx1 = index(r, 'idx1');
    assert.deepEqual(idx1.facts.indexPatterns, ['idx1']);
    assert.equal(idx1.facts.retentionDays, 365);
    assert.equal(idx1.facts.unbounded, false);
    assert.equal(idx1.facts.explicit, true);
    assert.equal(idx1.facts.hotDays, 365, 'hot, warm and cold buckets are searchable');
    assert.equal(idx1.facts.frozenTimePeriodInSecs, 31536000);
    assert.equal(idx1.facts.maxTotalDataSizeMB, 500000, 'the spec default');
    assert.equal(idx1.facts.enableDataIntegrityControl, false, 'the spec default');
    assert.deepEqual(idx1.facts.volumes, [
      { name: 'cold1', maxVolumeDataSizeMB: 1000000 },
      { name: 'hot1', maxVolumeDataSizeMB: 100000 },
    ]);
    assert.equal(at(idx1, 'retentionDays'), 3, 'the [default] line decides');
    assert.equal(at(idx1, 'enableDataIntegrityControl'), 13, 'absent: the stanza header');
    assert.deepEqual(idx1.declaredAt, { path: PATH, line: 13, column: 1 });
    const idx2 = index(r, 'idx2');
    assert.equal(idx2.facts.retentionDays, 90);
    assert.equal(idx2.facts.maxTotalDataSizeMB, 20000);
    assert.equal(idx2.facts.enableDataIntegrityControl, true);
    assert.equal(at(idx2, 'retentionDays'), 22);
    assert.equal(at(idx2, 'enableDataIntegrityControl'), 24);
  });

  test('coldToFrozenDir archives instead of deleting: retention unknown, at least the frozen period', () => {
    const r = read(EXAMPLE);
    const s = index(r, 'security');
    assert.equal(s.facts.retentionDays, null);
    assert.equal(s.facts.unbounded, null);
    assert.equal(s.facts.minRetentionDays, 365);
    assert.deepEqual(s.facts.archive, { kind: 'dir', target: '/mnt/archive/security' });
    assert.equal(at(s, 'unbounded'), 30);
    assert.deepEqual(r.unknowns.map((u) => [u.construct, u.at.line]), [['[security] coldToFrozenDir', 30]]);
    assert.equal(r.policies.find((p) => p.name === 'security')?.unbounded, null);
  });

  test('the six-year default when nothing sets frozenTimePeriodInSecs, and not explicit', () => {
    const s = index(read('[proxy]\nhomePath = $SPLUNK_DB/proxy/db\n'), 'proxy');
    assert.equal(s.facts.frozenTimePeriodInSecs, 188697600);
    assert.equal(s.facts.retentionDays, 2184);
    assert.equal(s.facts.explicit, false);
    assert.equal(at(s, 'retentionDays'), 1);
  });

  test('internal indexes take their retention from system/default unless their own stanza sets it', () => {
    const r = read('[default]\nfrozenTimePeriodInSecs = 31536000\n[_internal]\nmaxTotalDataSizeMB = 1000\n[_audit]\nfrozenTimePeriodInSecs = 63072000\n');
    const internal = index(r, '_internal');
    assert.equal(internal.facts.retentionDays, null);
    assert.equal(internal.facts.unbounded, null);
    assert.equal(internal.facts.explicit, false);
    assert.deepEqual(r.unknowns.map((u) => [u.construct, u.at.line]), [['[_internal] frozenTimePeriodInSecs', 3]]);
    assert.equal(index(r, '_audit').facts.retentionDays, 730);
  });

  test('settings before any stanza are global; a stanza written twice is merged, the last value wins', () => {
    const r = read('frozenTimePeriodInSecs = 864000\n[a]\nfrozenTimePeriodInSecs = 1\n[b]\n[a]\nfrozenTimePeriodInSecs = 2592000\n');
    assert.equal(index(r, 'a').facts.retentionDays, 30);
    assert.equal(at(index(r, 'a'), 'retentionDays'), 6);
    assert.equal(index(r, 'b').facts.retentionDays, 10);
    assert.deepEqual(r.subjects.map((s) => s.facts.name), ['a', 'b']);
  });

  test('continued lines, CRLF, no inline comments, coldToFrozenScript', () => {
    const r = read('[ops]\r\ncoldToFrozenScript = "$SPLUNK_HOME/bin/python" \\\r\n  "$SPLUNK_HOME/bin/archive.py"\r\nfrozenTimePeriodInSecs = 2592000 # thirty days\r\n');
    const s = index(r, 'ops');
    assert.deepEqual(s.facts.archive, { kind: 'script', target: '"$SPLUNK_HOME/bin/python" \n  "$SPLUNK_HOME/bin/archive.py"' });
    assert.equal(s.facts.frozenTimePeriodInSecs, null, 'the # belongs to the value, which is then not a number');
    assert.deepEqual(r.problems.map((p) => [p.at.line, p.message]), [[4, 'frozenTimePeriodInSecs 2592000 # thirty days is not a whole number of seconds']]);
  });

  test('volumes, providers and virtual indexes are not indexes', () => {
    const r = read('[volume:v]\npath=/x\n[provider:hadoop]\nvix.family = hadoop\n[hadoop_idx]\nvix.provider = hadoop\nvix.input.1.path = /data\n[main]\n');
    assert.deepEqual(r.subjects.map((s) => s.facts.name), ['main']);
    assert.deepEqual(r.unknowns.map((u) => u.construct), ['[hadoop_idx]']);
  });

  test('bad lines are problems with line and column; nothing readable is fatal', () => {
    const r = read('[main]\n  just words\n= value\n[]\n[open\n[x] trailing\n');
    assert.deepEqual(r.problems.map((p) => [p.at.line, p.at.column, p.message]), [
      [2, 3, 'expected a stanza header or key = value'],
      [3, 1, 'a setting without a name'],
      [4, 1, 'stanza header without a name'],
      [5, 1, 'stanza header without a closing ]'],
      [6, 5, 'text after the stanza header is ignored'],
    ]);
    assert.equal(r.fatal, false);
    const junk = read('not a conf file at all\nreally not\n');
    assert.equal(junk.fatal, true);
    assert.equal(junk.problems[0]?.at.line, 1);
    assert.equal(read('').fatal, true);
  });

  test('problems are capped; huge and hostile inputs read in time', () => {
    const many = read('x\n'.repeat(5000));
    assert.equal(many.problems.length, 101);
    assert.match(many.problems[100]?.message ?? '', /and 4900 more/);
    const start = performance.now();
    const big = read(`[default]\nfrozenTimePeriodInSecs = 86400\n${'[__proto__]\nconstructor = 1\n'.repeat(1000)}${'a = b \\\n'.repeat(200000)}`);
    assert.ok(performance.now() - start < 2000);
    assert.equal(big.subjects.length, 1);
    assert.equal(({} as Record<string, unknown>).constructor, Object);
  });
});

describe('the .conf line reader', () => {
  test('stanzas keep the line of their first header; settings their own line and column', () => {
    const conf = readSplunkConf('f.conf', '# c\n  [main]  \nhomePath=$SPLUNK_DB/x\n   # indented comment\n  key  =  spaced value  \n');
    const main = conf.stanzas.get('main');
    assert.deepEqual(main?.at, { path: 'f.conf', line: 2, column: 3 });
    assert.deepEqual(main?.settings.get('key'), { value: 'spaced value', at: { path: 'f.conf', line: 5, column: 3 } });
    assert.equal(main?.settings.get('homePath')?.value, '$SPLUNK_DB/x');
  });

  test('booleans as Splunk reads them', () => {
    assert.deepEqual(['true', 'TRUE', '1', 'yes', 'false', '0', 'no', 'maybe'].map(splunkBoolean), [true, true, true, true, false, false, false, null]);
  });
});
