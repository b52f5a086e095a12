import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import MarkdownIt from 'markdown-it';
import { crosswalk, levelSummary, requirementStatus } from '../../src/assess/crosswalk.js';
import { loadFramework, parseFramework } from '../../src/assess/frameworks.js';
import type { Framework } from '../../src/assess/frameworks.js';
import { loadProfile } from '../../src/assess/profiles.js';
import type { Crosswalk } from '../../src/model/assessment.js';
import type { Finding, RuleInfo, ScanResult } from '../../src/model/result.js';
import type { Outcome } from '../../src/model/vocabulary.js';
import { formatCrosswalkMarkdown } from '../../src/report/crosswalk-markdown.js';
import { formatCrosswalkText } from '../../src/report/crosswalk-text.js';
import type { Reference } from '../../src/rules/types.js';
import { loadRules } from '../../src/rules/load-packs.js';
import { scan } from '../../src/scan.js';
import { DEMO, REPO } from '../helpers.js';

function finding(ruleId: string, outcome: Outcome, subject = 'sample:a.log'): Finding {
  return {
    ruleId,
    slug: ruleId.toLowerCase(),
    title: `Rule ${ruleId}`,
    outcome,
    severity: 'medium',
    dimension: 'metadata',
    pillars: ['applications'],
    stage: 'initial',
    subject,
    message: `${ruleId} ${outcome}`,
    data: {},
    locations: [],
    references: [],
  };
}

function rule(id: string, references: Reference[]): RuleInfo {
  return {
    id,
    slug: id.toLowerCase(),
    title: `Rule ${id}`,
    dimension: 'metadata',
    pillars: ['subject'],
    stage: 'initial',
    severity: 'medium',
    rationale: 'r',
    remediation: 'r',
    references,
  };
}

const ref = (framework: string, id: string): Reference => ({ framework, id });

describe('requirement status', () => {
  const cases: [Outcome[], string][] = [
    [[], 'no-evidence'],
    [['pass'], 'met'],
    [['pass', 'waived'], 'met'],
    [['pass', 'not-applicable'], 'met'],
    [['not-applicable'], 'no-evidence'],
    [['no-evidence'], 'no-evidence'],
    // A pass next to an unknown does not prove the requirement.
    [['pass', 'no-evidence'], 'no-evidence'],
    [['pass', 'fail'], 'not-met'],
    [['error'], 'not-met'],
    [['no-evidence', 'fail', 'not-applicable'], 'not-met'],
  ];
  for (const [outcomes, expected] of cases) {
    test(`[${outcomes.join(', ')}] → ${expected}`, () => {
      assert.equal(requirementStatus(outcomes.map((o) => finding('X-001', o))), expected);
    });
  }
});

/** A small tiered framework: two requirements on T1, one on T2, one on T3. */
const tiered: Framework = parseFramework(
  'tiers',
  `id: tiers
title: Tiers
source: A test citation.
floor: T0
levels:
  - { id: T1, title: Basic, includes: [] }
  - { id: T2, title: Intermediate, includes: [T1] }
  - { id: T3, title: Advanced, includes: [T1, T2] }
requirements:
  - { id: a, title: A, level: T1 }
  - { id: b, title: B, level: T1 }
  - { id: c, title: C, level: T2 }
  - { id: d, title: D, level: T3 }
`,
);
const tieredRules = [
  rule('R-001', [ref('tiers', 'a')]),
  rule('R-002', [ref('tiers', 'b'), ref('tiers', 'a')]),
  rule('R-003', [ref('tiers', 'c')]),
  rule('R-004', [ref('tiers', 'd')]),
  // Same requirement id, other framework: does not count.
  rule('R-005', [ref('other', 'c')]),
];

function tiers(outcomes: Record<string, Outcome>): Crosswalk {
  return crosswalk(tiered, Object.entries(outcomes).map(([id, o]) => finding(id, o)), tieredRules);
}

describe('crosswalk', () => {
  test('each requirement lists the rules that reference it in this framework, in id order', () => {
    const c = tiers({});
    assert.deepEqual(c.requirements.map((r) => [r.id, r.level, r.rules]), [
      ['a', 'T1', ['R-001', 'R-002']],
      ['b', 'T1', ['R-002']],
      ['c', 'T2', ['R-003']],
      ['d', 'T3', ['R-004']],
    ]);
    assert.equal(c.framework, 'tiers');
    assert.equal(c.title, 'Tiers');
  });

  test('with no findings every requirement is no-evidence and the level is the floor', () => {
    const c = tiers({});
    assert.ok(c.requirements.every((r) => r.status === 'no-evidence'));
    assert.equal(c.level, 'T0');
    assert.deepEqual(c.levels.map((l) => [l.id, l.met, l.missing]), [
      ['T1', false, ['a', 'b']],
      ['T2', false, ['a', 'b', 'c']],
      ['T3', false, ['a', 'b', 'c', 'd']],
    ]);
  });

  test('tiers are all or nothing: one requirement short keeps the tier below', () => {
    const c = tiers({ 'R-001': 'pass', 'R-002': 'pass', 'R-003': 'fail', 'R-004': 'pass' });
    assert.equal(c.level, 'T1');
    assert.deepEqual(c.levels.map((l) => l.met), [true, false, false]);
    assert.deepEqual(c.levels[1]?.missing, ['c']);
    assert.deepEqual(c.levels[2]?.missing, ['c']);
  });

  test('meeting a higher tier without the lower one counts for nothing', () => {
    const c = tiers({ 'R-001': 'pass', 'R-002': 'fail', 'R-003': 'pass', 'R-004': 'pass' });
    assert.equal(c.level, 'T0');
    assert.deepEqual(c.levels.map((l) => l.met), [false, false, false]);
    // R-002 evidences a as well as b, so its failure costs both.
    assert.deepEqual(c.levels[2]?.missing, ['a', 'b']);
  });

  test('every tier met: the highest, and nothing next', () => {
    const c = tiers({ 'R-001': 'pass', 'R-002': 'waived', 'R-003': 'pass', 'R-004': 'pass' });
    assert.equal(c.level, 'T3');
    assert.equal(levelSummary(c)?.next, null);
  });

  test('implementation groups: no floor, so null below IG1', () => {
    const cis = loadFramework('cis-v8');
    const rules = cis.requirements.map((r, i) => rule(`C-${String(i + 1).padStart(3, '0')}`, [ref('cis-v8', r.id)]));
    const group = (level: string): string[] => cis.requirements.map((r, i) => [r, i] as const).filter(([r]) => r.level === level).map(([, i]) => rules[i]?.id ?? '');
    const pass = (ids: string[]): Finding[] => ids.map((id) => finding(id, 'pass'));
    assert.equal(crosswalk(cis, pass(group('IG2')), rules).level, null);
    const ig1 = crosswalk(cis, pass(group('IG1')), rules);
    assert.equal(ig1.level, 'IG1');
    assert.deepEqual(ig1.levels[1]?.missing, ['8.4', '8.5', '8.6', '8.7', '8.8', '8.9', '8.10', '8.11']);
    assert.equal(crosswalk(cis, pass([...group('IG1'), ...group('IG2')]), rules).level, 'IG2');
    assert.equal(crosswalk(cis, pass([...group('IG1'), ...group('IG2'), ...group('IG3')]), rules).level, 'IG3');
  });

  test('a framework without levels has no level', () => {
    const pci = loadFramework('pci-dss-4');
    const c = crosswalk(pci, [finding('P-001', 'pass')], [rule('P-001', [ref('pci-dss-4', '10.5.1')])]);
    assert.deepEqual(c.levels, []);
    assert.equal(c.level, null);
    assert.equal(c.requirements.find((r) => r.id === '10.5.1')?.status, 'met');
    assert.equal(levelSummary(c), null);
  });

  test('the input order of findings and rules does not change the result', () => {
    const findings = [finding('R-003', 'fail'), finding('R-001', 'pass'), finding('R-002', 'pass')];
    const a = crosswalk(tiered, findings, tieredRules);
    const b = crosswalk(tiered, [...findings].reverse(), [...tieredRules].reverse());
    assert.deepEqual(a, b);
  });
});

describe('the demo under the m-21-31 profile', () => {
  let result: ScanResult;
  let c: Crosswalk;
  before(async () => {
    result = (await scan({ roots: [DEMO], rules: loadRules({ params: loadProfile('m-21-31').params }), cwd: REPO })).result;
    c = crosswalk(loadFramework('m-21-31'), result.findings, result.rules);
  });

  test('stays at EL0: some EL1 headings met, others missed', () => {
    assert.equal(c.level, 'EL0');
    const status = Object.fromEntries(c.requirements.map((r) => [r.id, r.status]));
    assert.equal(status['event-forwarding'], 'met');
    assert.equal(status['protecting-and-validating'], 'met');
    // 400 days of kube-apiserver audit files are short of 12 + 18 months.
    assert.equal(status.retention, 'not-met');
    assert.equal(result.findings.find((f) => f.ruleId === 'RET-004')?.outcome, 'fail');
    // The payments log is not in UTC, and a third of its events name no actor.
    assert.equal(status['time-standard'], 'not-met');
    assert.equal(status['minimum-logging-data'], 'not-met');
    assert.equal(status['passive-dns'], 'no-evidence');
    const el1 = c.levels[0];
    assert.equal(el1?.met, false);
    assert.ok(el1?.missing.includes('retention') && el1.missing.includes('passive-dns'));
    assert.ok(!el1.missing.includes('event-forwarding'));
  });

  test('under the default profile the same estate keeps its year of retention', async () => {
    const plain = (await scan({ roots: [DEMO], rules: loadRules(), cwd: REPO })).result;
    const d = crosswalk(loadFramework('m-21-31'), plain.findings, plain.rules);
    assert.equal(d.requirements.find((r) => r.id === 'retention')?.status, 'met');
  });

  test('the text report: one line per requirement and the tier line', () => {
    const text = formatCrosswalkText(c, false);
    assert.doesNotMatch(text, /\x1b\[/);
    const lines = text.split('\n');
    assert.match(lines[0] ?? '', /^OMB M-21-31 · 20 requirements: 2 met · 5 not met · 13 no evidence$/);
    assert.ok(lines.some((l) => /^ {2}✔ met +EL1 +event-forwarding +Event Forwarding +CEN-002(, [A-Z]+-\d{3})*$/.test(l)), text);
    assert.ok(lines.some((l) => /^ {2}✘ not met +EL1 +retention +Log retention .* RET-004(, [A-Z]+-\d{3})*$/.test(l)), text);
    // Route 53 resolver query logging (COV-507) is the one rule for passive DNS; the demo has no VPC.
    assert.ok(lines.some((l) => /^ {2}\? no evidence +EL1 +passive-dns +Passive DNS +COV-507$/.test(l)), text);
    assert.ok(
      text.includes(
        'OMB M-21-31 level: EL0 — meets: event-forwarding, protecting-and-validating; misses for EL1 (Basic): basic-logging-categories, minimum-logging-data, time-standard, passive-dns,',
      ),
      text,
    );
    assert.match(formatCrosswalkText(c, true), /\x1b\[/);
    assert.equal(formatCrosswalkText(c, false), text, 'deterministic');
  });

  test('the Markdown report: the tier paragraph and a table row per requirement', () => {
    const markdown = formatCrosswalkMarkdown(c);
    assert.match(markdown, /^### OMB M-21-31 crosswalk\n\n\*\*OMB M-21-31 level: EL0\*\* — meets: `event-forwarding`, `protecting-and-validating`; misses for EL1 \(Basic\): `basic-logging-categories`/);
    const tokens = new MarkdownIt().parse(markdown, {});
    const rows: string[][] = [];
    let row: string[] | null = null;
    for (const t of tokens) {
      if (t.type === 'tr_open') row = [];
      else if (t.type === 'tr_close' && row) rows.push(row);
      else if (t.type === 'inline' && row) row.push(t.content);
    }
    assert.equal(rows.length, 1 + c.requirements.length);
    assert.deepEqual(rows[0], ['Status', 'Level', 'Requirement', 'Rules']);
    assert.ok(rows.some((r) => r[0] === '✘ not met' && r[1] === 'EL1' && r[2] === '`retention` Log retention (12 months active and 18 months cold storage)' && (r[3] ?? '').startsWith('`RET-004`')), markdown);
  });

  test('a framework without levels prints no level line', () => {
    const pci = crosswalk(loadFramework('pci-dss-4'), result.findings, result.rules);
    assert.doesNotMatch(formatCrosswalkText(pci, false), / level: /);
    assert.doesNotMatch(formatCrosswalkMarkdown(pci), / level: /);
    assert.match(formatCrosswalkMarkdown(pci), /\| Status \| Requirement \| Rules \|/);
  });
});
