/**
 * The JUnit XML report (pure), for CI systems that show test results: one <testsuite> per pillar
 * and capability in the result's order (all eight: a capability's stage gates like a pillar's),
 * one <testcase> per finding in each area the finding belongs to, so a finding about Identity and
 * Applications counts in both suites and in the totals twice, as the suites add up.
 *
 * Outcomes: pass is an empty test case; fail is a <failure> and error an <error>, both typed with
 * the rule's severity; no-evidence, not-applicable and waived are <skipped>, with the reason: the
 * control was not shown, did not apply, or was accepted as is. No real durations: `time="0"`
 * everywhere keeps the output byte-identical across runs while satisfying readers that need it.
 */
import type { Finding, RuleInfo, ScanResult } from '../model/result.js';
import { AREAS, AREA_TITLES, isArea } from '../model/vocabulary.js';
import type { Area } from '../model/vocabulary.js';
import { repositoryPath } from './links.js';
import { escapeXmlAttribute, escapeXmlText } from './xml.js';

interface Suite {
  /** An area, or `unassigned` for findings whose rule and subject name no area. */
  id: Area | 'unassigned';
  title: string;
  properties: [string, string][];
  findings: Finding[];
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

const SKIPPED: ReadonlySet<Finding['outcome']> = new Set(['no-evidence', 'not-applicable', 'waived']);

function count(findings: readonly Finding[]): Counts {
  return {
    tests: findings.length,
    failures: findings.filter((f) => f.outcome === 'fail').length,
    errors: findings.filter((f) => f.outcome === 'error').length,
    skipped: findings.filter((f) => SKIPPED.has(f.outcome)).length,
  };
}

function countAttributes(c: Counts): string {
  return `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="0"`;
}

function attr(name: string, value: string): string {
  return `${name}="${escapeXmlAttribute(value)}"`;
}

/** The result's areas in its order, then any other area the findings name, then the unassigned. */
function suites(result: ScanResult): Suite[] {
  const out: Suite[] = result.pillars.map((area) => ({
    id: area.id,
    title: AREA_TITLES[area.id],
    properties: [
      ['kind', area.kind],
      ['stage', area.stage],
      ['score', String(area.score)],
      ['evidence', String(area.evidence)],
      ...(area.next ? ([['next-stage', area.next.stage], ['next-stage-blockers', area.next.blockers.join(',')]] as [string, string][]) : []),
    ],
    findings: [],
  }));
  const listed = new Set<string>(out.map((s) => s.id));
  for (const area of AREAS) {
    if (!listed.has(area) && result.findings.some((f) => f.pillars.includes(area))) {
      out.push({ id: area, title: AREA_TITLES[area], properties: [], findings: [] });
    }
  }
  const byId = new Map(out.map((s) => [s.id, s]));
  const unassigned: Finding[] = [];
  for (const f of result.findings) {
    const areas = f.pillars.filter((p) => isArea(p));
    if (areas.length === 0) unassigned.push(f);
    for (const area of areas) byId.get(area)?.findings.push(f);
  }
  if (unassigned.length > 0) out.push({ id: 'unassigned', title: 'Unassigned', properties: [], findings: unassigned });
  return out;
}

function locationLines(result: ScanResult, f: Finding): string[] {
  if (f.locations.length === 0) {
    const base = result.repositoryBase;
    return [`at ${base ? `${base}/` : './'} (the scanned folder)`];
  }
  return f.locations.map((loc) => `at ${repositoryPath(result, loc.path)}:${loc.line}`);
}

/** The body of a failure or error: what, where, how to fix it. */
function details(result: ScanResult, f: Finding, rule: RuleInfo | undefined): string {
  return [
    f.message,
    ...locationLines(result, f),
    `rule: ${f.ruleId} ${f.title} (${f.severity}, ${f.stage}, ${f.dimension})`,
    `subject: ${f.subject}`,
    ...(rule?.remediation ? [`remediation: ${rule.remediation}`] : []),
  ].join('\n');
}

function stringField(f: Finding, key: string): string | undefined {
  const value = f.data[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function skipReason(f: Finding): string {
  switch (f.outcome) {
    case 'no-evidence':
      return stringField(f, 'reason') ?? f.message;
    case 'waived': {
      const why = stringField(f, 'justification') ?? stringField(f, 'reason');
      return why ? `waived: ${why}` : 'waived';
    }
    default:
      return f.message;
  }
}

function testcase(result: ScanResult, suite: Suite, f: Finding, rules: ReadonlyMap<string, RuleInfo>): string {
  const open = `    <testcase ${attr('name', `${f.ruleId} ${f.subject}`)} ${attr('classname', `ztmm.${suite.id}.${f.dimension}`)} time="0"`;
  const body = (tag: 'failure' | 'error'): string =>
    `${open}>\n      <${tag} ${attr('message', f.message)} ${attr('type', f.severity)}>${escapeXmlText(details(result, f, rules.get(f.ruleId)))}</${tag}>\n    </testcase>`;
  switch (f.outcome) {
    case 'pass':
      return `${open}/>`;
    case 'fail':
      return body('failure');
    case 'error':
      return body('error');
    case 'no-evidence':
    case 'not-applicable':
    case 'waived':
      return `${open}>\n      <skipped ${attr('message', skipReason(f))}/>\n    </testcase>`;
  }
}

export function formatJunit(result: ScanResult): string {
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  const all = suites(result);
  const total = all.map((s) => count(s.findings)).reduce(
    (a, b) => ({ tests: a.tests + b.tests, failures: a.failures + b.failures, errors: a.errors + b.errors, skipped: a.skipped + b.skipped }),
    { tests: 0, failures: 0, errors: 0, skipped: 0 },
  );
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="ztmm" ${countAttributes(total)}>`];
  for (const suite of all) {
    const open = `  <testsuite ${attr('name', suite.title)} ${countAttributes(count(suite.findings))}`;
    if (suite.properties.length === 0 && suite.findings.length === 0) {
      out.push(`${open}/>`);
      continue;
    }
    out.push(`${open}>`);
    if (suite.properties.length > 0) {
      out.push('    <properties>');
      for (const [name, value] of suite.properties) out.push(`      <property ${attr('name', name)} ${attr('value', value)}/>`);
      out.push('    </properties>');
    }
    for (const f of suite.findings) out.push(testcase(result, suite, f, rules));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
