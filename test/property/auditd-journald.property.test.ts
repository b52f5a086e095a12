/**
 * Properties of the host audit readers: auditd.conf, the plugins.d files, audit rules (alone and
 * as a rules.d folder), audisp-remote.conf and journald.conf with drop-ins. Arbitrary text and
 * mutated real configs never make them throw, every read is a well-formed ConfigRead (positions
 * inside the file, subjects of the right kind with locations, fatal only with a problem), reads
 * are deterministic, nothing pollutes a prototype, and each read finishes within the time bound.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { audispRemoteAdapter, readAudispRemote } from '../../src/adapters/audisp-remote.js';
import { audispPluginAdapter, auditdConfAdapter, readAudispPlugin, readAuditdConf } from '../../src/adapters/auditd-conf.js';
import { auditRulesAdapter, readAuditRules } from '../../src/adapters/audit-rules.js';
import type { ReadContext, TextFile } from '../../src/adapters/config-adapter.js';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import { journaldAdapter, readJournald } from '../../src/adapters/journald.js';
import { parseSize, parseTimeSpan } from '../../src/adapters/auditd/systemd-conf.js';
import { matchInclude } from '../../src/discover/include-resolver.js';
import type { ConfigRead } from '../../src/model/pipeline.js';
import { SUBJECT_KINDS } from '../../src/model/subject.js';
import type { Location } from '../../src/model/vocabulary.js';
import { MAX_INPUT_CHARS, REPO, anyText, assertNoPollution, fixtureTexts, mutatedText, prototypeKeys, runs, sampleLines, timed } from './support.js';

const baseline = prototypeKeys();
after(() => assertNoPollution(baseline));

const CORPUS = `${REPO}/../shared/corpus/hosts`;
function corpus(folder: string, match: RegExp): string[] {
  try {
    return readdirSync(`${CORPUS}/${folder}`)
      .filter((n) => match.test(n))
      .map((n) => readFileSync(`${CORPUS}/${folder}/${n}`, 'utf8'));
  } catch {
    return [];
  }
}

const AUDITD_CONF = [...fixtureTexts(/fixtures\/.*\/auditd\.conf$/), ...corpus('auditd', /^auditd\.conf$/)];
const PLUGINS = [...fixtureTexts(/fixtures\/.*\/plugins\.d\/.*\.conf$/), ...corpus('auditd', /^(au-remote|syslog)\.conf$/)];
const RULES = [...fixtureTexts(/fixtures\/.*\.rules$/), ...corpus('auditd', /\.rules$/)];
const REMOTE = [...fixtureTexts(/fixtures\/.*audisp-remote\.conf$/), ...corpus('auditd', /^audisp-remote\.conf$/)];
const JOURNALD = [...fixtureTexts(/fixtures\/.*journald\.conf$/), ...corpus('systemd', /^journald\.conf$/)];

/** Text built from lines of real configs of every kind, shuffled and mixed with noise. */
function mixed(samples: readonly string[]): fc.Arbitrary<string> {
  const pool = sampleLines(samples, 40);
  return fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: anyText(60) }), { maxLength: 60 }).map((ls) => ls.join('\n'));
}

function input(samples: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(anyText(400), mutatedText(samples), mixed(samples));
}

function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

function checkLocation(at: Location, files: ReadonlyMap<string, string>, label: string): void {
  assert.ok(Number.isInteger(at.line) && at.line >= 1, `${label}: line ${at.line}`);
  assert.ok(Number.isInteger(at.column) && at.column >= 1, `${label}: column ${at.column}`);
  const text = files.get(at.path);
  assert.ok(text !== undefined, `${label}: ${at.path} is a file of the read`);
  assert.ok(at.line <= lineCount(text), `${label}: line ${at.line} is inside ${at.path}`);
}

function checkRead(read: ConfigRead, kind: string, files: ReadonlyMap<string, string>): void {
  assert.equal(read.kind, kind);
  assert.equal(typeof read.fatal, 'boolean');
  if (read.fatal) assert.ok(read.problems.length > 0, 'fatal says why');
  for (const p of read.problems) {
    checkLocation(p.at, files, 'problem');
    assert.ok(!/[\r\n]/.test(p.message), 'one-line problem');
  }
  for (const u of read.unknowns) checkLocation(u.at, files, 'unknown');
  assert.ok(read.problems.length <= 201 && read.unknowns.length <= 201, 'bounded report');
  for (const s of read.subjects) {
    assert.ok((SUBJECT_KINDS as readonly string[]).includes(s.kind));
    assert.ok(s.id.startsWith(`${s.kind}:`));
    checkLocation(s.declaredAt, files, 'declaredAt');
    for (const [fact, at] of Object.entries(s.locations)) checkLocation(at, files, `location of ${fact}`);
    JSON.stringify(s.facts);
  }
  for (const src of read.sources) checkLocation(src.declaredAt, files, 'source');
  for (const p of read.pipelines) {
    assert.equal(p.outputs.length, 1);
    assert.deepEqual(p.edges, [{ input: 'audisp', output: 'remote', facilities: null }]);
  }
  for (const path of read.includes) assert.ok(files.has(path), `included ${path} is in the tree`);
}

function treeOf(files: Record<string, string>): { context: ReadContext; map: Map<string, string> } {
  const paths = Object.keys(files).sort();
  return {
    map: new Map(Object.entries(files)),
    context: {
      include(pattern, from) {
        const matched = matchInclude(pattern, from, paths).filter((p) => p !== from);
        return { files: matched.map((path): TextFile => ({ path, text: files[path] as string })), reason: null };
      },
    },
  };
}

type Reader = (file: TextFile, context: ReadContext) => ConfigRead;

function property(name: string, path: string, kind: string, reader: Reader, samples: readonly string[], numRuns = 300): void {
  test(`${name}: never throws, well-formed, deterministic`, () => {
    fc.assert(
      fc.property(input(samples), (text) => {
        const first = timed(name, () => reader({ path, text }, NO_INCLUDES));
        checkRead(first, kind, new Map([[path, text]]));
        assert.equal(JSON.stringify(reader({ path, text }, NO_INCLUDES)), JSON.stringify(first));
      }),
      runs(numRuns),
    );
  });
}

describe('host audit readers on arbitrary and mutated input', () => {
  property('auditd.conf', 'etc/audit/auditd.conf', 'auditd-conf', readAuditdConf, AUDITD_CONF);
  property('plugins.d file', 'etc/audit/plugins.d/syslog.conf', 'audisp-plugin', readAudispPlugin, PLUGINS);
  property('audit.rules', 'etc/audit/audit.rules', 'audit-rules', readAuditRules, RULES, 400);
  property('audisp-remote.conf', 'etc/audit/audisp-remote.conf', 'audisp-remote', readAudispRemote, REMOTE);
  property('journald.conf', 'etc/systemd/journald.conf', 'journald', readJournald, JOURNALD, 400);

  test('claims never throw and answer a boolean', () => {
    const all = [...AUDITD_CONF, ...PLUGINS, ...RULES, ...REMOTE, ...JOURNALD];
    const paths = ['etc/audit/auditd.conf', 'etc/audit/rules.d/x.rules', 'etc/systemd/journald.conf.d/a.conf', 'x/y.conf', 'z.log', '__proto__.rules'];
    fc.assert(
      fc.property(input(all), fc.constantFrom(...paths), (head, path) => {
        for (const adapter of [auditdConfAdapter, audispPluginAdapter, auditRulesAdapter, audispRemoteAdapter, journaldAdapter]) assert.equal(typeof adapter.claims(path, head), 'boolean');
      }),
      runs(300),
    );
  });

  test('a rules.d folder of mutated files: one subject, from the file that sorts first', () => {
    const names = ['10-base.rules', '2-x.rules', '50-identity.rules', '99-finalize.rules'];
    fc.assert(
      fc.property(fc.array(input(RULES), { minLength: 4, maxLength: 4 }), (texts) => {
        const files = Object.fromEntries(names.map((n, i) => [`etc/audit/rules.d/${n}`, texts[i] as string]));
        const { context, map } = treeOf(files);
        let subjects = 0;
        for (const [path, text] of map) {
          if (!auditRulesAdapter.claims(path, text.slice(0, 65536))) continue;
          const read = timed('rules.d file', () => readAuditRules({ path, text }, context));
          checkRead(read, 'audit-rules', map);
          subjects += read.subjects.length;
        }
        assert.ok(subjects <= 1, `at most one subject for the folder, got ${subjects}`);
      }),
      runs(150),
    );
  });

  test('journald.conf with mutated drop-ins and an audisp-remote.conf with a mutated plugin file', () => {
    fc.assert(
      fc.property(input(JOURNALD), input(JOURNALD), input(REMOTE), input(PLUGINS), (main, dropIn, remote, pluginText) => {
        const j = treeOf({ 'etc/systemd/journald.conf': main, 'etc/systemd/journald.conf.d/10-x.conf': dropIn });
        checkRead(readJournald({ path: 'etc/systemd/journald.conf', text: main }, j.context), 'journald', j.map);
        checkRead(readJournald({ path: 'etc/systemd/journald.conf.d/10-x.conf', text: dropIn }, j.context), 'journald', j.map);
        const a = treeOf({ 'etc/audit/audisp-remote.conf': remote, 'etc/audit/plugins.d/au-remote.conf': pluginText, 'etc/audit/auditd.conf': remote });
        checkRead(readAudispRemote({ path: 'etc/audit/audisp-remote.conf', text: remote }, a.context), 'audisp-remote', a.map);
        checkRead(readAuditdConf({ path: 'etc/audit/auditd.conf', text: remote }, a.context), 'auditd-conf', a.map);
      }),
      runs(150),
    );
  });

  test('time spans and sizes: null or a finite non-negative number (or Infinity for infinity)', () => {
    fc.assert(
      fc.property(fc.oneof(anyText(40), fc.constantFrom('1y 6M', '90d', 'infinity', '1.5h', '9'.repeat(400), '1e400', '5 m s')), (text) => {
        const t = parseTimeSpan(text);
        assert.ok(t === null || t === Infinity || (Number.isFinite(t) && t >= 0));
        const s = parseSize(text);
        assert.ok(s === null || (Number.isFinite(s) && s >= 0));
      }),
      runs(500),
    );
  });

  test('inputs of the property size limit read within the time bound; a million lines never throw', () => {
    const fill = (line: string): string => line.repeat(Math.floor(MAX_INPUT_CHARS / line.length));
    const rules = fill('-w /etc/passwd -p wa -k identity\n');
    const r = timed('64 KiB of rules', () => readAuditRules({ path: 'etc/audit/audit.rules', text: rules }, NO_INCLUDES));
    assert.equal(r.subjects[0]?.facts.ruleCount, rules.split('\n').length - 1);
    timed('64 KiB of auditd.conf', () => readAuditdConf({ path: 'etc/audit/auditd.conf', text: fill('num_logs = 5\n') }, NO_INCLUDES));
    timed('64 KiB of journald.conf', () => readJournald({ path: 'etc/systemd/journald.conf', text: fill('[Journal]\nStorage=auto\n') }, NO_INCLUDES));
    const million = (line: string): string => line.repeat(1_000_000);
    assert.equal(readAuditRules({ path: 'etc/audit/audit.rules', text: million('-Q\n') }, NO_INCLUDES).unknowns.length, 201);
    assert.equal(readAuditdConf({ path: 'etc/audit/auditd.conf', text: million('x = y\n') }, NO_INCLUDES).unknowns.length, 201);
    assert.equal(readJournald({ path: 'etc/systemd/journald.conf', text: million('\\\n') }, NO_INCLUDES).fatal, true, 'one continued line of blanks');
    assert.equal(readJournald({ path: 'etc/systemd/journald.conf', text: million('a\\\n') }, NO_INCLUDES).problems[0]?.message, 'a continued line longer than 1 MiB: journald skips it');
    assert.equal(readAudispRemote({ path: 'etc/audit/audisp-remote.conf', text: million('=\n') }, NO_INCLUDES).fatal, true);
  });
});
