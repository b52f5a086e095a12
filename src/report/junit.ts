/**
 * The JUnit XML report (pure), for CI systems that show test results: one <testsuite> per pillar
 * and capability in the result's order (all eight: a capability's stage gates like a pillar's),
 * one <testcase> per finding in each area the finding belongs to, so a finding about Identity and
 * Applications counts in both suites and in the totals twice, as the suites add up. Files the
 * scan could not read or parse follow in an `Inventory` suite, one <error> case each, so a broken
 * input is as visible here as in the other reports (skipped files are left out).
 *
 * Outcomes: pass is an empty test case; fail is a <failure> and error an <error>, both typed with
 * the rule's severity; no-evidence, not-applicable and waived are <skipped>, with the reason: the
 * control was not shown, did not apply, or was accepted as is. No real durations: `time="0"`
 * everywhere keeps the output byte-identical across runs while satisfying readers that need it.
 *
 * Test identities: readers key a case by suite, classname and name (GitLab keeps only the last of
 * a duplicate), and several files may declare the same subject, so a name carries the repository
 * path of the finding's first location, then its line where the path alone still collides, then
 * a `#n` counter in result order as a last resort. Names are unique within each classname.
 *
 * The root <testsuites> carries only name, tests, failures, errors and time: the junit-10.xsd
 * schema most readers follow (Jenkins xUnit) has no `skipped` there; each <testsuite> has it.
 */
import type { Finding, InventoryEntry, RuleInfo, ScanResult } from '../model/result.js';
import { AREAS, AREA_TITLES, compareStrings, isArea } from '../model/vocabulary.js';
import type { Area } from '../model/vocabulary.js';
import { repositoryPath } from './links.js';
import { escapeXmlAttribute, escapeXmlText, stripIllegalXml } from './xml.js';

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

/** The root's counts: junit-10.xsd allows no `skipped` attribute on <testsuites>. */
function rootCountAttributes(c: Counts): string {
  return `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" time="0"`;
}

function addCounts(a: Counts, b: Counts): Counts {
  return { tests: a.tests + b.tests, failures: a.failures + b.failures, errors: a.errors + b.errors, skipped: a.skipped + b.skipped };
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
      const w = f.waiver;
      if (!w) return 'waived';
      const scope = `${w.source === 'inline' ? 'ztmm:ignore' : 'waiver'} at ${w.at.path}:${w.at.line}${w.expires ? `, until ${w.expires}` : ''}`;
      return `waived (was ${w.outcome}): ${w.reason} (${scope})`;
    }
    default:
      return f.message;
  }
}

function classname(suite: Suite, f: Finding): string {
  return `ztmm.${suite.id}.${f.dimension}`;
}

/**
 * Unique, stable names for cases, given per case its classname and its candidate names from the
 * shortest to the most specific. A case takes the first candidate no other undecided case of its
 * classname shares at that step; where even the last is shared (or a name chosen earlier happens
 * to match), ` #n` (n from 2, in order) makes it unique. Names are compared as they will read
 * back, after the characters XML cannot carry are dropped.
 */
function uniqueNames(cases: readonly { classname: string; candidates: readonly [string, ...string[]] }[]): string[] {
  const keyOf = (cls: string, name: string): string => `${stripIllegalXml(cls)}\u0000${stripIllegalXml(name)}`;
  const candidate = (c: (typeof cases)[number], level: number): string => c.candidates[Math.min(level, c.candidates.length - 1)] ?? c.candidates[0];
  const depth = Math.max(1, ...cases.map((c) => c.candidates.length));
  const chosen: (string | undefined)[] = cases.map(() => undefined);
  for (let level = 0; level < depth; level++) {
    const tally = new Map<string, number>();
    for (const [i, c] of cases.entries()) {
      if (chosen[i] !== undefined) continue;
      const key = keyOf(c.classname, candidate(c, level));
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    for (const [i, c] of cases.entries()) {
      if (chosen[i] === undefined && tally.get(keyOf(c.classname, candidate(c, level))) === 1) chosen[i] = candidate(c, level);
    }
  }
  const used = new Set<string>();
  return cases.map((c, i) => {
    const base = chosen[i] ?? candidate(c, depth);
    let name = base;
    for (let n = 2; used.has(keyOf(c.classname, name)); n++) name = `${base} #${n}`;
    used.add(keyOf(c.classname, name));
    return name;
  });
}

/** A finding's candidate case names: rule and subject, then the first file, then its line. */
function findingNames(result: ScanResult, f: Finding): [string, ...string[]] {
  const base = `${f.ruleId} ${f.subject}`;
  const loc = f.locations[0];
  if (!loc) return [base];
  const path = repositoryPath(result, loc.path);
  return [`${base} (${path})`, `${base} (${path}:${loc.line})`];
}

function testcase(result: ScanResult, suite: Suite, f: Finding, name: string, rules: ReadonlyMap<string, RuleInfo>): string {
  const open = `    <testcase ${attr('name', name)} ${attr('classname', classname(suite, f))} time="0"`;
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

/** Files the scan could not read or parse, by path, so the order does not depend on the scan's. */
function inventoryErrors(result: ScanResult): InventoryEntry[] {
  return result.inventory
    .filter((e) => e.status === 'error')
    .sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.reason ?? '', b.reason ?? ''));
}

const INVENTORY_CLASSNAME = 'ztmm.inventory';

function inventorySuite(result: ScanResult, errors: readonly InventoryEntry[]): string[] {
  const c: Counts = { tests: errors.length, failures: 0, errors: errors.length, skipped: 0 };
  const paths = errors.map((e) => repositoryPath(result, e.path));
  const names = uniqueNames(paths.map((p) => ({ classname: INVENTORY_CLASSNAME, candidates: [p] })));
  const out = [`  <testsuite ${attr('name', 'Inventory')} ${countAttributes(c)}>`];
  for (const [i, e] of errors.entries()) {
    const path = paths[i] ?? e.path;
    const message = `${path}: ${e.reason ?? 'could not be read'}`;
    const body = [message, `at ${path}`, ...(e.kind ? [`kind: ${e.kind}`] : []), 'The file was not assessed: nothing in it counts towards any finding.'].join('\n');
    out.push(
      `    <testcase ${attr('name', names[i] ?? path)} ${attr('classname', INVENTORY_CLASSNAME)} time="0">`,
      `      <error ${attr('message', message)} type="not-assessed">${escapeXmlText(body)}</error>`,
      '    </testcase>',
    );
  }
  out.push('  </testsuite>');
  return out;
}

export function formatJunit(result: ScanResult): string {
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  const all = suites(result);
  const errors = inventoryErrors(result);
  const inventoryCounts: Counts = { tests: errors.length, failures: 0, errors: errors.length, skipped: 0 };
  const total = all.map((s) => count(s.findings)).reduce(addCounts, inventoryCounts);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="ztmm" ${rootCountAttributes(total)}>`];
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
    const names = uniqueNames(suite.findings.map((f) => ({ classname: classname(suite, f), candidates: findingNames(result, f) })));
    for (const [i, f] of suite.findings.entries()) out.push(testcase(result, suite, f, names[i] ?? `${f.ruleId} ${f.subject}`, rules));
    out.push('  </testsuite>');
  }
  if (errors.length > 0) out.push(...inventorySuite(result, errors));
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
