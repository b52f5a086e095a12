import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Finding, RuleInfo, ScanResult } from '../../src/model/result.js';
import { AREAS, AREA_TITLES } from '../../src/model/vocabulary.js';
import { formatJunit } from '../../src/report/junit.js';
import { escapeXmlAttribute, escapeXmlText, stripIllegalXml } from '../../src/report/xml.js';
import { loadRules } from '../../src/rules/load-packs.js';
import { scan } from '../../src/scan.js';
import { DEMO, REPO } from '../helpers.js';

interface XmlCase {
  name: string;
  classname: string;
  failure?: { message: string; type: string; '#text'?: string };
  error?: { message: string; type: string; '#text'?: string };
  skipped?: { message: string };
}
interface XmlSuite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  testcase?: XmlCase[];
}
interface XmlDoc {
  testsuites: { name: string; tests: string; failures: string; errors: string; skipped: string; testsuite: XmlSuite[] };
}

/** Parses a report, decoding character references, with every suite and case as an array. */
function parse(xml: string): XmlDoc {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    htmlEntities: true,
    isArray: (name) => name === 'testsuite' || name === 'testcase' || name === 'property',
  });
  return parser.parse(xml) as XmlDoc;
}

/**
 * fast-xml-parser's validator is lenient (it accepts a raw `<` in an attribute and control
 * characters), so the checks it skips are made here: only XML 1.0 characters, no raw markup
 * character inside a quoted attribute value.
 */
function assertWellFormed(xml: string): void {
  assert.equal(XMLValidator.validate(xml), true);
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
  assert.ok(xml.endsWith('</testsuites>\n'));
  assert.equal(stripIllegalXml(xml), xml, 'only XML 1.0 characters');
  for (const match of xml.matchAll(/="([^"]*)"/g)) assert.doesNotMatch(match[1] ?? '', /[<>\n\t]|&(?!(amp|lt|gt|quot|apos|#\d+);)/);
  assert.ok(!xml.includes(']]>'));
}

function finding(ruleId: string, outcome: Finding['outcome'], overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    slug: ruleId.toLowerCase(),
    title: `title of ${ruleId}`,
    outcome,
    severity: 'high',
    dimension: 'retention',
    pillars: ['identity'],
    stage: 'initial',
    subject: 'Pod/kube-system/kube-apiserver',
    message: `message of ${ruleId}`,
    data: {},
    locations: [{ path: 'k8s/api.yaml', line: 12, column: 7 }],
    references: [],
    ...overrides,
  };
}

function rule(id: string, remediation: string): RuleInfo {
  return {
    id,
    slug: id.toLowerCase(),
    title: `title of ${id}`,
    dimension: 'retention',
    pillars: ['identity'],
    stage: 'initial',
    severity: 'high',
    rationale: 'why',
    remediation,
    references: [],
  };
}

function synthetic(findings: Finding[], rules: RuleInfo[] = [], repositoryBase: string | null = 'infra'): ScanResult {
  return {
    schemaVersion: '1',
    tool: { name: 'ztmm', version: '1.2.3' },
    repositoryBase,
    summary: { score: 40, stage: 'traditional', profile: 'ztmm', counts: { pass: 0, fail: 0, 'no-evidence': 0, 'not-applicable': 0, error: 0, waived: 0 } },
    pillars: AREAS.map((id) => ({
      id,
      kind: ['visibility', 'automation', 'governance'].includes(id) ? ('capability' as const) : ('pillar' as const),
      stage: 'traditional' as const,
      score: 0,
      next: { stage: 'initial' as const, blockers: [] },
      dimensions: {},
      evidence: 0,
    })),
    findings,
    estate: { sources: [], sinks: [], routes: [], detections: [], samples: [] },
    inventory: [],
    rules,
  };
}

describe('JUnit report of the demo estate', () => {
  let demo: ScanResult;
  let xml: string;
  before(async () => {
    demo = (await scan({ roots: [DEMO], rules: loadRules({ extra: [] }), cwd: REPO })).result;
    xml = formatJunit(demo);
  });

  test('is well-formed XML with a declaration', () => {
    assertWellFormed(xml);
  });

  test('one suite per pillar and capability, in the result order, with counts that add up', () => {
    const doc = parse(xml).testsuites;
    assert.equal(doc.name, 'ztmm');
    assert.deepEqual(
      doc.testsuite.map((s) => s.name),
      demo.pillars.map((p) => AREA_TITLES[p.id]),
    );
    let tests = 0;
    let failures = 0;
    let skipped = 0;
    for (const [i, suite] of doc.testsuite.entries()) {
      const area = demo.pillars[i]?.id;
      assert.ok(area);
      const inArea = demo.findings.filter((f) => f.pillars.includes(area));
      const cases = suite.testcase ?? [];
      assert.equal(cases.length, inArea.length, `${suite.name}: one case per finding`);
      assert.equal(Number(suite.tests), inArea.length);
      assert.equal(Number(suite.failures), inArea.filter((f) => f.outcome === 'fail').length);
      assert.equal(Number(suite.failures), cases.filter((c) => c.failure).length);
      assert.equal(Number(suite.errors), cases.filter((c) => c.error).length);
      assert.equal(Number(suite.skipped), cases.filter((c) => c.skipped).length);
      assert.deepEqual(
        cases.map((c) => c.name),
        inArea.map((f) => `${f.ruleId} ${f.subject}`),
      );
      for (const c of cases) assert.match(c.classname, new RegExp(`^ztmm\\.${area}\\.[a-z]+$`));
      tests += cases.length;
      failures += Number(suite.failures);
      skipped += Number(suite.skipped);
    }
    assert.equal(Number(doc.tests), tests);
    assert.equal(Number(doc.failures), failures);
    assert.equal(Number(doc.skipped), skipped);
    assert.ok(failures > 0 && skipped > 0, 'the demo fails and skips something');
  });

  test('a failure names the severity, the file and line, and the remediation', () => {
    const f = demo.findings.find((x) => x.ruleId === 'COV-006' && x.outcome === 'fail');
    assert.ok(f);
    const suite = parse(xml).testsuites.testsuite.find((s) => s.name === 'Identity');
    const c = suite?.testcase?.find((x) => x.name === `COV-006 ${f.subject}`);
    assert.ok(c?.failure);
    assert.equal(c.failure.message, f.message);
    assert.equal(c.failure.type, f.severity);
    assert.ok(c.failure['#text']?.includes('at fixtures/demo/etc/kubernetes/audit-policy.yaml:30'), c.failure['#text']);
    const remediation = demo.rules.find((r) => r.id === 'COV-006')?.remediation;
    assert.ok(remediation && c.failure['#text']?.includes(remediation));
  });

  test('is byte-identical across calls and has no durations', () => {
    assert.equal(formatJunit(demo), xml);
    assert.ok(!/time="(?!0")/.test(xml));
    assert.ok(!xml.includes(REPO), 'no absolute path');
  });
});

describe('JUnit mapping', () => {
  test('outcomes: failure, error, skipped with a reason, empty pass', () => {
    const xml = formatJunit(
      synthetic(
        [
          finding('A-1', 'fail', { severity: 'critical' }),
          finding('A-2', 'error', { message: 'A-2: could not be evaluated (input unreadable)' }),
          finding('A-3', 'no-evidence', { message: 'title: no evidence (no audit policy)', data: { reason: 'no audit policy was scanned' } }),
          finding('A-4', 'no-evidence', { message: 'nothing shows retention' }),
          finding('A-5', 'not-applicable', { message: 'title: not applicable (filter)' }),
          finding('A-6', 'waived', { data: { justification: 'kept by the SIEM' } }),
          finding('A-7', 'pass'),
        ],
        [rule('A-1', 'Set --audit-log-maxage=30.')],
      ),
    );
    assertWellFormed(xml);
    const suites = parse(xml).testsuites.testsuite;
    const identity = suites.find((s) => s.name === 'Identity');
    assert.ok(identity);
    const byRule = new Map((identity.testcase ?? []).map((c) => [c.name.split(' ')[0], c]));
    assert.equal(byRule.get('A-1')?.failure?.type, 'critical');
    assert.equal(
      byRule.get('A-1')?.failure?.['#text'],
      'message of A-1\nat infra/k8s/api.yaml:12\nrule: A-1 title of A-1 (critical, initial, retention)\nsubject: Pod/kube-system/kube-apiserver\nremediation: Set --audit-log-maxage=30.',
    );
    assert.equal(byRule.get('A-2')?.error?.message, 'A-2: could not be evaluated (input unreadable)');
    assert.equal(byRule.get('A-3')?.skipped?.message, 'no audit policy was scanned');
    assert.equal(byRule.get('A-4')?.skipped?.message, 'nothing shows retention');
    assert.equal(byRule.get('A-5')?.skipped?.message, 'title: not applicable (filter)');
    assert.equal(byRule.get('A-6')?.skipped?.message, 'waived: kept by the SIEM');
    const pass = byRule.get('A-7');
    assert.ok(pass && !pass.failure && !pass.error && !pass.skipped);
    assert.match(xml, /<testcase name="A-7 Pod\/kube-system\/kube-apiserver" classname="ztmm\.identity\.retention" time="0"\/>/);
    assert.deepEqual([identity.tests, identity.failures, identity.errors, identity.skipped], ['7', '1', '1', '4']);
    const devices = suites.find((s) => s.name === 'Devices');
    assert.deepEqual([devices?.tests, devices?.testcase], ['0', undefined]);
  });

  test('a finding counts in each of its areas; one without an area lands in Unassigned', () => {
    const xml = formatJunit(
      synthetic([finding('M-1', 'fail', { pillars: ['identity', 'data', 'visibility'] }), finding('M-2', 'fail', { pillars: [], dimension: 'format' })]),
    );
    assertWellFormed(xml);
    const doc = parse(xml).testsuites;
    const names = (title: string): string[] => (doc.testsuite.find((s) => s.name === title)?.testcase ?? []).map((c) => `${c.classname} ${c.name}`);
    assert.deepEqual(names('Identity'), ['ztmm.identity.retention M-1 Pod/kube-system/kube-apiserver']);
    assert.deepEqual(names('Data'), ['ztmm.data.retention M-1 Pod/kube-system/kube-apiserver']);
    assert.deepEqual(names('Visibility'), ['ztmm.visibility.retention M-1 Pod/kube-system/kube-apiserver']);
    assert.deepEqual(names('Unassigned'), ['ztmm.unassigned.format M-2 Pod/kube-system/kube-apiserver']);
    assert.equal(doc.testsuite.at(-1)?.name, 'Unassigned');
    assert.deepEqual([doc.tests, doc.failures], ['4', '4']);
  });

  test('a finding without a location points at the scanned folder', () => {
    const xml = formatJunit(synthetic([finding('L-1', 'fail', { locations: [] })], [], null));
    const c = parse(xml).testsuites.testsuite[0]?.testcase?.[0];
    assert.ok(c?.failure?.['#text']?.includes('at ./ (the scanned folder)'));
  });

  test('hostile strings are escaped or dropped, and read back as written', () => {
    const hostile = `]]> <tag attr='x'> & "quoted" \u0001bell\u0008 \uD800lone \r\n\tend ✓`;
    const clean = stripIllegalXml(hostile);
    assert.equal(clean, `]]> <tag attr='x'> & "quoted" bell lone \r\n\tend ✓`);
    const xml = formatJunit(
      synthetic(
        [
          finding('H-1', 'fail', { message: hostile, subject: hostile, locations: [{ path: `a&b/<c>.yaml`, line: 2, column: 1 }] }),
          finding('H-2', 'no-evidence', { data: { reason: hostile } }),
          finding('H-3', 'error', { message: hostile }),
        ],
        [rule('H-1', hostile)],
        `it's & "odd"`,
      ),
    );
    assertWellFormed(xml);
    const cases = parse(xml).testsuites.testsuite[0]?.testcase ?? [];
    assert.equal(cases[0]?.name, `H-1 ${clean}`);
    assert.equal(cases[0]?.failure?.message, clean);
    const body = cases[0]?.failure?.['#text'] ?? '';
    assert.ok(body.startsWith(clean), body);
    assert.ok(body.includes(`at it's & "odd"/a&b/<c>.yaml:2`), body);
    assert.ok(body.endsWith(`remediation: ${clean}`));
    assert.equal(cases[1]?.skipped?.message, clean);
    assert.equal(cases[2]?.error?.message, clean);
  });

  test('escaping helpers', () => {
    assert.equal(escapeXmlText('a<b>&]]>\r'), 'a&lt;b&gt;&amp;]]&gt;&#13;');
    assert.equal(escapeXmlAttribute(`"'<>&\t\n\u0000`), '&quot;&apos;&lt;&gt;&amp;&#9;&#10;');
    assert.equal(stripIllegalXml('\uFFFE\uFFFF\u{1F600}\uDC00x'), '\u{1F600}x');
  });

  test('is byte-identical across calls', () => {
    const result = synthetic([finding('D-1', 'fail'), finding('D-2', 'pass')]);
    assert.equal(formatJunit(result), formatJunit(structuredClone(result)));
  });
});
