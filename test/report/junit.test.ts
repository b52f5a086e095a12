import assert from 'node:assert/strict';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Finding, InventoryEntry, RuleInfo, ScanResult } from '../../src/model/result.js';
import { AREA_TITLES } from '../../src/model/vocabulary.js';
import { formatJunit } from '../../src/report/junit.js';
import { escapeXmlAttribute, escapeXmlText, stripIllegalXml } from '../../src/report/xml.js';
import { loadRules } from '../../src/rules/load-packs.js';
import { scan } from '../../src/scan.js';
import { DEMO, REPO, writeTree } from '../helpers.js';
import { syntheticResult } from './synthetic-result.js';

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
  testsuites: { name: string; tests: string; failures: string; errors: string; skipped?: string; testsuite: XmlSuite[] };
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

/**
 * The attributes and children junit-10.xsd (the schema of Jenkins xUnit, which most readers
 * follow) allows on the elements this report writes: the root takes no `skipped`.
 */
const XSD: Record<string, { attributes: string[]; children: string[] }> = {
  testsuites: { attributes: ['name', 'time', 'tests', 'failures', 'errors'], children: ['testsuite'] },
  testsuite: {
    attributes: ['name', 'tests', 'failures', 'errors', 'group', 'time', 'skipped', 'timestamp', 'hostname', 'id', 'package', 'file', 'log', 'url'],
    children: ['testsuite', 'properties', 'testcase', 'system-out', 'system-err'],
  },
  properties: { attributes: [], children: ['property'] },
  property: { attributes: ['name', 'value'], children: [] },
  testcase: { attributes: ['name', 'time', 'classname', 'group'], children: ['skipped', 'error', 'failure', 'system-out', 'system-err'] },
  failure: { attributes: ['type', 'message'], children: [] },
  error: { attributes: ['type', 'message'], children: [] },
  skipped: { attributes: ['type', 'message'], children: [] },
};
const XSD_REQUIRED: Record<string, string[]> = {
  testsuite: ['name', 'tests', 'failures', 'errors'],
  testcase: ['name'],
  property: ['name', 'value'],
};

/** Checks every element of a report against junit-10.xsd's attribute and content rules. */
function assertJunit10(xml: string): void {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: true, parseAttributeValue: false, parseTagValue: false });
  type Node = Record<string, unknown> & { ':@'?: Record<string, string> };
  const visit = (nodes: Node[], parent: string): void => {
    for (const node of nodes) {
      const tag = Object.keys(node).find((k) => k !== ':@');
      if (tag === undefined || tag === '?xml' || tag === '#text') continue;
      if (parent !== '') assert.ok(XSD[parent]?.children.includes(tag), `<${tag}> inside <${parent}>`);
      const rules = XSD[tag];
      assert.ok(rules, `<${tag}> is not in junit-10.xsd`);
      const attributes = Object.keys(node[':@'] ?? {}).map((a) => a.slice(1));
      for (const a of attributes) assert.ok(rules.attributes.includes(a), `${a}="…" on <${tag}>`);
      for (const a of XSD_REQUIRED[tag] ?? []) assert.ok(attributes.includes(a), `<${tag}> without ${a}`);
      visit((node[tag] as Node[] | undefined) ?? [], tag);
    }
  };
  const doc = parser.parse(xml) as Node[];
  assert.deepEqual(
    doc.map((n) => Object.keys(n).find((k) => k !== ':@')),
    ['?xml', 'testsuites'],
  );
  visit(doc, '');
}

/** Every (classname, name) pair a reader keys test cases by, with those seen more than once. */
function duplicateCaseIds(xml: string): string[] {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const suite of parse(xml).testsuites.testsuite) {
    for (const c of suite.testcase ?? []) {
      const id = `${suite.name} | ${c.classname} | ${c.name}`;
      if (seen.has(id)) duplicates.push(id);
      seen.add(id);
    }
  }
  return duplicates;
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

function synthetic(findings: Finding[], rules: RuleInfo[] = [], repositoryBase: string | null = 'infra', inventory: InventoryEntry[] = []): ScanResult {
  return syntheticResult(findings, rules, repositoryBase, inventory);
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

  test('follows junit-10.xsd: no skipped attribute on the root, only on each suite', () => {
    assertJunit10(xml);
    assert.match(xml, /^<testsuites name="ztmm" tests="\d+" failures="\d+" errors="\d+" time="0">$/m);
    assert.equal(parse(xml).testsuites.skipped, undefined);
    for (const suite of parse(xml).testsuites.testsuite) assert.match(suite.skipped, /^\d+$/);
  });

  test('no two test cases share a classname and name', () => {
    assert.deepEqual(duplicateCaseIds(xml), []);
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
        inArea.map((f) => (f.locations[0] ? `${f.ruleId} ${f.subject} (fixtures/demo/${f.locations[0].path})` : `${f.ruleId} ${f.subject}`)),
      );
      for (const c of cases) assert.match(c.classname, new RegExp(`^ztmm\\.${area}\\.[a-z]+$`));
      tests += cases.length;
      failures += Number(suite.failures);
      skipped += Number(suite.skipped);
    }
    assert.equal(Number(doc.tests), tests);
    assert.equal(Number(doc.failures), failures);
    assert.equal(Number(doc.errors), 0);
    assert.ok(failures > 0 && skipped > 0, 'the demo fails and skips something');
  });

  test('a failure names the severity, the file and line, and the remediation', () => {
    const f = demo.findings.find((x) => x.ruleId === 'COV-006' && x.outcome === 'fail');
    assert.ok(f);
    const suite = parse(xml).testsuites.testsuite.find((s) => s.name === 'Identity');
    const c = suite?.testcase?.find((x) => x.name === `COV-006 ${f.subject} (fixtures/demo/etc/kubernetes/audit-policy.yaml)`);
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
          finding('A-6', 'waived', { waiver: { source: 'config', reason: 'kept by the SIEM', expires: '2027-01-31', at: { path: '.ztmm.yaml', line: 7, column: 5 }, outcome: 'fail' } }),
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
    assert.equal(byRule.get('A-6')?.skipped?.message, 'waived (was fail): kept by the SIEM (waiver at .ztmm.yaml:7, until 2027-01-31)');
    const pass = byRule.get('A-7');
    assert.ok(pass && !pass.failure && !pass.error && !pass.skipped);
    assert.match(xml, /<testcase name="A-7 Pod\/kube-system\/kube-apiserver \(infra\/k8s\/api\.yaml\)" classname="ztmm\.identity\.retention" time="0"\/>/);
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
    assert.deepEqual(names('Identity'), ['ztmm.identity.retention M-1 Pod/kube-system/kube-apiserver (infra/k8s/api.yaml)']);
    assert.deepEqual(names('Data'), ['ztmm.data.retention M-1 Pod/kube-system/kube-apiserver (infra/k8s/api.yaml)']);
    assert.deepEqual(names('Visibility'), ['ztmm.visibility.retention M-1 Pod/kube-system/kube-apiserver (infra/k8s/api.yaml)']);
    assert.deepEqual(names('Unassigned'), ['ztmm.unassigned.format M-2 Pod/kube-system/kube-apiserver (infra/k8s/api.yaml)']);
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
    assert.equal(cases[0]?.name, `H-1 ${clean} (it's & "odd"/a&b/<c>.yaml)`);
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

describe('JUnit test identities', () => {
  const samePath = { path: 'a/api.yaml', line: 3, column: 1 };

  test('the same rule and subject in two files: distinct names that carry each file', () => {
    const xml = formatJunit(
      synthetic([
        finding('COV-001', 'fail', { locations: [{ path: 'site-a/kube-apiserver.yaml', line: 12, column: 7 }] }),
        finding('COV-001', 'fail', { locations: [{ path: 'site-b/kube-apiserver.yaml', line: 12, column: 7 }] }),
      ]),
    );
    assertWellFormed(xml);
    assert.deepEqual(duplicateCaseIds(xml), []);
    const cases = parse(xml).testsuites.testsuite.find((s) => s.name === 'Identity')?.testcase ?? [];
    assert.deepEqual(
      cases.map((c) => c.name),
      ['COV-001 Pod/kube-system/kube-apiserver (infra/site-a/kube-apiserver.yaml)', 'COV-001 Pod/kube-system/kube-apiserver (infra/site-b/kube-apiserver.yaml)'],
    );
  });

  test('still colliding: the line, then a counter in result order', () => {
    const xml = formatJunit(
      synthetic(
        [
          finding('R-1', 'fail', { locations: [{ ...samePath, line: 3 }] }),
          finding('R-1', 'fail', { locations: [{ ...samePath, line: 9 }] }),
          finding('R-2', 'fail', { locations: [samePath] }),
          finding('R-2', 'pass', { locations: [samePath] }),
          finding('R-2', 'no-evidence', { locations: [samePath] }),
          finding('R-3', 'no-evidence', { locations: [] }),
          finding('R-3', 'no-evidence', { locations: [] }),
          finding('R-4', 'fail', { locations: [samePath], dimension: 'format' }),
          finding('R-4', 'fail', { locations: [samePath], dimension: 'coverage' }),
        ],
        [],
        null,
      ),
    );
    assertWellFormed(xml);
    assert.deepEqual(duplicateCaseIds(xml), []);
    const subject = 'Pod/kube-system/kube-apiserver';
    const cases = parse(xml).testsuites.testsuite.find((s) => s.name === 'Identity')?.testcase ?? [];
    assert.deepEqual(
      cases.map((c) => c.name),
      [
        `R-1 ${subject} (a/api.yaml:3)`,
        `R-1 ${subject} (a/api.yaml:9)`,
        `R-2 ${subject} (a/api.yaml:3)`,
        `R-2 ${subject} (a/api.yaml:3) #2`,
        `R-2 ${subject} (a/api.yaml:3) #3`,
        `R-3 ${subject}`,
        `R-3 ${subject} #2`,
        // Different classnames: no collision, so no line.
        `R-4 ${subject} (a/api.yaml)`,
        `R-4 ${subject} (a/api.yaml)`,
      ],
    );
    assert.deepEqual(
      cases.slice(-2).map((c) => c.classname),
      ['ztmm.identity.format', 'ztmm.identity.coverage'],
    );
  });

  test('names that differ only in characters XML cannot carry are told apart', () => {
    const xml = formatJunit(synthetic([finding('X-1', 'fail', { subject: 'a\u0001b' }), finding('X-1', 'fail', { subject: 'ab' })]));
    assertWellFormed(xml);
    assert.deepEqual(duplicateCaseIds(xml), []);
  });

  describe('a scan of two copies of the demo', () => {
    let root: string;
    let xml: string;
    before(async () => {
      root = writeTree({});
      cpSync(DEMO, join(root, 'site-a'), { recursive: true });
      cpSync(DEMO, join(root, 'site-b'), { recursive: true });
      xml = formatJunit((await scan({ roots: [root], rules: loadRules({ extra: [] }), cwd: root })).result);
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    test('has no duplicate test case', () => {
      assertWellFormed(xml);
      const names = parse(xml).testsuites.testsuite.flatMap((s) => (s.testcase ?? []).map((c) => c.name));
      assert.ok(names.some((n) => n.includes('(site-a/')) && names.some((n) => n.includes('(site-b/')));
      assert.deepEqual(duplicateCaseIds(xml), []);
    });
  });
});

describe('JUnit inventory errors', () => {
  test('each file that could not be read or parsed is an error case in an Inventory suite, counted', () => {
    const xml = formatJunit(
      synthetic(
        [finding('A-1', 'fail'), finding('A-2', 'no-evidence')],
        [],
        'infra',
        [
          { path: 'k8s/z-broken.yaml', status: 'error', reason: '3:1: Implicit map keys need to be followed by map values' },
          { path: 'README.md', status: 'skipped', reason: 'not recognised' },
          { path: 'k8s/api.yaml', status: 'assessed', kind: 'k8s-apiserver' },
          { path: 'logs/locked.log', status: 'error', reason: 'permission denied' },
        ],
      ),
    );
    assertWellFormed(xml);
    assertJunit10(xml);
    const doc = parse(xml).testsuites;
    const inventory = doc.testsuite.at(-1);
    assert.equal(inventory?.name, 'Inventory');
    assert.deepEqual([inventory.tests, inventory.failures, inventory.errors, inventory.skipped], ['2', '0', '2', '0']);
    const cases = inventory.testcase ?? [];
    assert.deepEqual(
      cases.map((c) => [c.classname, c.name, c.error?.message]),
      [
        ['ztmm.inventory', 'infra/k8s/z-broken.yaml', 'infra/k8s/z-broken.yaml: 3:1: Implicit map keys need to be followed by map values'],
        ['ztmm.inventory', 'infra/logs/locked.log', 'infra/logs/locked.log: permission denied'],
      ],
    );
    assert.ok(cases[1]?.error?.['#text']?.startsWith('infra/logs/locked.log: permission denied\nat infra/logs/locked.log'));
    // The root adds the inventory errors to the findings' counts.
    assert.deepEqual([doc.tests, doc.failures, doc.errors], ['4', '1', '2']);
    assert.deepEqual(duplicateCaseIds(xml), []);
  });

  test('without an inventory error there is no Inventory suite', () => {
    const xml = formatJunit(synthetic([finding('A-1', 'fail')], [], 'infra', [{ path: 'README.md', status: 'skipped', reason: 'not recognised' }]));
    assert.ok(!xml.includes('Inventory'));
    assert.equal(parse(xml).testsuites.errors, '0');
  });

  describe('a scan with a broken YAML file', () => {
    let root: string;
    let xml: string;
    before(async () => {
      root = writeTree({ 'k8s/broken.yaml': 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: [\n  - level: Metadata\n' });
      xml = formatJunit((await scan({ roots: [root], rules: loadRules({ extra: [] }), cwd: root })).result);
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    test('reports the file as an error, in the suite and in the totals', () => {
      assertWellFormed(xml);
      assertJunit10(xml);
      const doc = parse(xml).testsuites;
      const inventory = doc.testsuite.find((s) => s.name === 'Inventory');
      assert.equal(inventory?.errors, '1');
      const c = inventory.testcase?.[0];
      assert.equal(c?.name, 'k8s/broken.yaml');
      assert.match(c?.error?.message ?? '', /^k8s\/broken\.yaml: \d+:\d+: /);
      assert.ok(Number(doc.errors) >= 1);
    });
  });
});
