import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { ValidateFunction } from 'ajv';
import type { Log, Result, Run } from 'sarif';
import type { Finding, RuleInfo, ScanResult } from '../../src/model/result.js';
import { FINGERPRINT_KEY } from '../../src/report/fingerprint.js';
import { formatSarif, pascalCase, rootUri } from '../../src/report/sarif.js';
import { loadRules } from '../../src/rules/load-packs.js';
import { scan } from '../../src/scan.js';
import { DEMO, REPO } from '../helpers.js';
import { sarifValidator } from './sarif-validator.js';
import { syntheticResult } from './synthetic-result.js';

function run(text: string): Run {
  const log = JSON.parse(text) as Log;
  const first = log.runs[0];
  assert.ok(first, 'one run');
  return first;
}

function results(text: string): Result[] {
  return run(text).results ?? [];
}

function uriOf(r: Result, i = 0): string {
  const uri = r.locations?.[i]?.physicalLocation?.artifactLocation?.uri;
  assert.ok(uri !== undefined, 'result has an artifact uri');
  return uri;
}

function finding(ruleId: string, outcome: Finding['outcome'], severity: Finding['severity'], overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    slug: `${ruleId.toLowerCase()}-slug`,
    title: `title of ${ruleId}`,
    outcome,
    severity,
    dimension: 'retention',
    pillars: ['identity'],
    stage: 'initial',
    subject: 'Pod/kube-system/kube-apiserver',
    message: `message of ${ruleId}`,
    data: {},
    locations: [{ path: 'k8s/api server.yaml', line: 12, column: 7 }],
    references: [],
    ...overrides,
  };
}

function rule(id: string, overrides: Partial<RuleInfo> = {}): RuleInfo {
  return {
    id,
    slug: `${id.toLowerCase()}-slug`,
    title: `title of ${id}`,
    dimension: 'retention',
    pillars: ['subject', 'visibility'],
    stage: 'initial',
    severity: 'high',
    rationale: `rationale of ${id}`,
    remediation: `remediation of ${id}`,
    references: [{ framework: 'nist-800-53', id: 'AU-11', note: 'retention' }],
    ...overrides,
  };
}

function synthetic(findings: Finding[], rules: RuleInfo[] = [], repositoryBase: string | null = 'infra'): ScanResult {
  return syntheticResult(findings, rules, repositoryBase);
}

describe('SARIF report of the demo estate', () => {
  let demo: ScanResult;
  let text: string;
  let validate: ValidateFunction;
  before(async () => {
    demo = (await scan({ roots: [DEMO], rules: loadRules({ extra: [] }), cwd: REPO })).result;
    text = formatSarif(demo);
    validate = sarifValidator();
  });

  test('is valid against the official SARIF 2.1.0 schema', () => {
    const ok = validate(JSON.parse(text));
    assert.deepEqual(validate.errors ?? [], [], 'no schema errors');
    assert.equal(ok, true);
  });

  test('the validator rejects a broken log, so the test above can fail', () => {
    const noVersion = JSON.parse(text) as Record<string, unknown>;
    delete noVersion.version;
    assert.equal(validate(noVersion), false);
    const badLevel = JSON.parse(text) as Log;
    const first = badLevel.runs[0]?.results?.[0] as unknown as Record<string, unknown>;
    first.level = 'severe';
    assert.equal(validate(badLevel), false);
    // Formats are checked too: informationUri must be an absolute URI.
    const badUri = JSON.parse(text) as Log;
    (badUri.runs[0] as Run).tool.driver.informationUri = 'not a uri';
    assert.equal(validate(badUri), false);
  });

  test('the envelope: schema, version, one run, the tool with its rules', () => {
    const log = JSON.parse(text) as Log;
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const driver = run(text).tool.driver;
    assert.equal(driver.name, 'ztmm');
    assert.equal(driver.version, demo.tool.version);
    assert.equal(driver.semanticVersion, demo.tool.version);
    assert.deepEqual(
      driver.rules?.map((r) => r.id),
      demo.rules.map((r) => r.id),
    );
  });

  test('one result per failing finding, none for passes, each pointing at its rule', () => {
    const rs = results(text);
    const failing = demo.findings.filter((f) => f.outcome === 'fail');
    assert.ok(failing.length > 0, 'the demo has failures');
    assert.equal(rs.length, demo.findings.filter((f) => ['fail', 'no-evidence', 'error', 'waived'].includes(f.outcome)).length);
    const rules = run(text).tool.driver.rules ?? [];
    for (const r of rs) {
      assert.equal(rules[r.ruleIndex ?? -1]?.id, r.ruleId);
      assert.ok(r.message.text);
      assert.ok(['fail', 'no-evidence', 'error', 'waived'].includes(String(r.properties?.outcome)));
    }
  });

  test('every result location is a real, non-blank line of a file in the repository', () => {
    const rs = results(text);
    assert.ok(rs.length > 0);
    for (const r of rs) {
      for (const loc of r.locations ?? []) {
        const physical = loc.physicalLocation;
        assert.equal(physical?.artifactLocation?.uriBaseId, '%SRCROOT%');
        const uri = physical?.artifactLocation?.uri ?? '';
        assert.ok(uri.startsWith('fixtures/demo/'), `${uri} is a repository path`);
        const lines = readFileSync(join(REPO, ...uri.split('/').map(decodeURIComponent)), 'utf8').split('\n');
        const line = physical?.region?.startLine ?? 0;
        assert.ok(line >= 1 && line <= lines.length, `${uri}:${line} is within the file`);
        assert.notEqual(lines[line - 1]?.trim(), '', `${uri}:${line} is not blank`);
      }
    }
  });

  test('rules carry GitHub metadata: name, descriptions, help, level and security-severity', () => {
    for (const d of run(text).tool.driver.rules ?? []) {
      const info = demo.rules.find((r) => r.id === d.id);
      assert.ok(info);
      assert.equal(d.name, pascalCase(info.slug));
      assert.match(d.name ?? '', /^[A-Z][A-Za-z0-9]*$/);
      assert.equal(d.shortDescription?.text, info.title);
      assert.equal(d.fullDescription?.text, info.rationale);
      assert.ok(d.help?.text.includes(info.remediation));
      assert.ok(d.help?.markdown?.includes('**Remediation:**'));
      assert.match(String(d.properties?.['security-severity']), /^\d+\.\d$/);
      const tags = d.properties?.tags ?? [];
      for (const tag of ['ztmm', 'zero-trust', 'audit-logging', info.dimension]) assert.ok(tags.includes(tag), `${d.id} tagged ${tag}`);
    }
  });

  test('run properties carry the overall and per-pillar stages', () => {
    const props = run(text).properties ?? {};
    assert.equal(props.stage, demo.summary.stage);
    assert.equal(props.score, demo.summary.score);
    assert.deepEqual(
      (props.pillars as { id: string; stage: string }[]).map((p) => `${p.id}=${p.stage}`),
      demo.pillars.map((p) => `${p.id}=${p.stage}`),
    );
  });

  test('is byte-identical across calls and holds no absolute path', () => {
    assert.equal(formatSarif(demo), text);
    assert.ok(text.endsWith('}\n'));
    assert.ok(!text.includes(REPO), 'no absolute repository path');
    assert.match(text, /^\{\n {2}"\$schema"/);
  });
});

describe('SARIF mapping', () => {
  test('levels follow severity; no-evidence is a note; pass and not-applicable are not results', () => {
    const text = formatSarif(
      synthetic([
        finding('A-1', 'fail', 'critical'),
        finding('A-2', 'fail', 'high'),
        finding('A-3', 'fail', 'medium'),
        finding('A-4', 'fail', 'low'),
        finding('A-5', 'no-evidence', 'critical'),
        finding('A-6', 'error', 'medium'),
        finding('A-7', 'pass', 'high'),
        finding('A-8', 'not-applicable', 'high'),
      ]),
    );
    const levels = Object.fromEntries(results(text).map((r) => [r.ruleId, r.level]));
    assert.deepEqual(levels, { 'A-1': 'error', 'A-2': 'error', 'A-3': 'warning', 'A-4': 'note', 'A-5': 'note', 'A-6': 'warning' });
    // SARIF allows a level other than none only with kind fail (the default): none is set.
    for (const r of results(text)) assert.equal(r.kind, undefined);
    // Rules that appear only in findings still get a descriptor, passes included.
    assert.deepEqual(
      run(text).tool.driver.rules?.map((r) => [r.id, r.defaultConfiguration?.level, r.properties?.['security-severity']]),
      [
        ['A-1', 'error', '9.5'],
        ['A-2', 'error', '8.0'],
        ['A-3', 'warning', '5.5'],
        ['A-4', 'note', '3.0'],
        ['A-5', 'error', '9.5'],
        ['A-6', 'warning', '5.5'],
        ['A-7', 'error', '8.0'],
        ['A-8', 'error', '8.0'],
      ],
    );
  });

  test('a waived finding is a result with an accepted suppression: external for the config, inSource for a comment', () => {
    const at = { path: '.ztmm.yaml', line: 4, column: 5 };
    const text = formatSarif(
      synthetic([
        finding('W-1', 'waived', 'high', { waiver: { source: 'config', reason: 'logs leave through the SIEM agent', expires: '2027-01-31', at, outcome: 'fail' }, data: { reason: 'not a waiver reason' } }),
        finding('W-2', 'waived', 'low', { waiver: { source: 'inline', reason: 'dev cluster only', at, outcome: 'no-evidence' } }),
        finding('W-3', 'waived', 'low'),
      ]),
    );
    const [config, inline, bare] = results(text);
    assert.deepEqual(config?.suppressions, [{ kind: 'external', status: 'accepted', justification: 'logs leave through the SIEM agent (until 2027-01-31)' }]);
    assert.deepEqual(inline?.suppressions, [{ kind: 'inSource', status: 'accepted', justification: 'dev cluster only' }]);
    assert.deepEqual(bare?.suppressions, [{ kind: 'external', status: 'accepted' }]);
    assert.equal(validateSynthetic(text), true);
  });

  test('uris are repository paths, percent-encoded per segment', () => {
    const text = formatSarif(synthetic([finding('U-1', 'fail', 'high', { locations: [{ path: 'k8s/a b#c.yaml', line: 3, column: 1 }] })]));
    const [r] = results(text);
    assert.ok(r);
    assert.equal(uriOf(r), 'infra/k8s/a%20b%23c.yaml');
    assert.deepEqual(r.locations?.[0]?.physicalLocation?.region, { startLine: 3, startColumn: 1 });
  });

  test('without a repository base, uris are relative to the scan base', () => {
    const f = finding('U-2', 'fail', 'high');
    const text = formatSarif(synthetic([f], [], null));
    const [r] = results(text);
    assert.ok(r);
    assert.equal(uriOf(r), 'k8s/api%20server.yaml');
    assert.match(String(run(text).originalUriBaseIds?.['%SRCROOT%']?.description?.text), /scan base/);
    assert.equal(run(text).originalUriBaseIds?.['%SRCROOT%']?.uri, undefined, 'no absolute path');
  });

  test('a finding without a location points at the scanned folder', () => {
    const f = finding('R-1', 'no-evidence', 'high', { locations: [] });
    const [inRepo] = results(formatSarif(synthetic([f], [], 'infra/prod')));
    assert.ok(inRepo);
    assert.equal(uriOf(inRepo), 'infra/prod/');
    assert.equal(inRepo.locations?.[0]?.physicalLocation?.region, undefined);
    const [atRoot] = results(formatSarif(synthetic([f], [], '')));
    assert.ok(atRoot);
    assert.equal(uriOf(atRoot), './');
    const [outside] = results(formatSarif(synthetic([f], [], null)));
    assert.ok(outside);
    assert.equal(uriOf(outside), './');
    assert.equal(rootUri({ repositoryBase: 'my infra' }), 'my%20infra/');
    assert.equal(validateSynthetic(formatSarif(synthetic([f], [], 'infra/prod'))), true);
  });

  test('fingerprints survive a line move and tell subjects and files apart', () => {
    const base = synthetic([
      finding('F-1', 'fail', 'high', { subject: 'sample:a.log' }),
      finding('F-1', 'fail', 'high', { subject: 'sample:b.log' }),
      finding('F-2', 'fail', 'high', { subject: 'sample:a.log', locations: [{ path: 'other.yaml', line: 12, column: 7 }] }),
    ]);
    const moved: ScanResult = structuredClone(base);
    for (const f of moved.findings) for (const loc of f.locations) loc.line += 5;
    for (const f of moved.findings) f.message += ' (now worded differently)';
    const prints = (r: ScanResult): string[] => results(formatSarif(r)).map((x) => String(x.partialFingerprints?.[FINGERPRINT_KEY]));
    const before = prints(base);
    assert.deepEqual(prints(moved), before);
    assert.equal(new Set(before).size, 3, 'different subjects, rules or files differ');
    for (const p of before) assert.match(p, /^[0-9a-f]{32}$/);
    // A different file is a different problem, even for the same rule and subject.
    const elsewhere: ScanResult = structuredClone(base);
    const first = elsewhere.findings[0]?.locations[0];
    assert.ok(first);
    first.path = 'k8s/renamed.yaml';
    assert.notEqual(prints(elsewhere)[0], before[0]);
  });

  test('text with quotes, newlines, markup and control characters survives JSON', () => {
    const hostile = 'say "hi"\n\tthen <b>&</b> \\ back\u0001slash \u2028 ✓';
    const text = formatSarif(
      synthetic(
        [finding('Q-1', 'fail', 'medium', { message: hostile, subject: hostile })],
        [rule('Q-1', { title: hostile, rationale: hostile, remediation: hostile, references: [{ framework: 'x"y', id: '1\n2' }] })],
      ),
    );
    const d = run(text).tool.driver.rules?.[0];
    assert.equal(d?.shortDescription?.text, hostile);
    assert.equal(d?.fullDescription?.text, hostile);
    assert.ok(d?.help?.text.includes(hostile));
    assert.equal(results(text)[0]?.message.text, hostile);
    assert.equal(validateSynthetic(text), true);
  });

  test('rules in the result keep their order and come before rules known only from findings', () => {
    const text = formatSarif(synthetic([finding('Z-9', 'fail', 'high'), finding('B-2', 'fail', 'high'), finding('A-0', 'fail', 'high')], [rule('B-2'), rule('A-1')]));
    const ids = run(text).tool.driver.rules?.map((r) => r.id);
    assert.deepEqual(ids, ['B-2', 'A-1', 'A-0', 'Z-9']);
    const indexOf = Object.fromEntries(results(text).map((r) => [r.ruleId, r.ruleIndex]));
    assert.deepEqual(indexOf, { 'Z-9': 3, 'B-2': 0, 'A-0': 2 });
    // A pack rule's `subject` pillar is no tag; its concrete areas are.
    const b2 = run(text).tool.driver.rules?.[0];
    assert.deepEqual(b2?.properties?.pillars, ['subject', 'visibility']);
    assert.ok(!b2?.properties?.tags?.includes('subject'));
    assert.ok(b2?.properties?.tags?.includes('visibility'));
  });

  test('unreadable files become tool execution notifications', () => {
    const result = synthetic([]);
    result.inventory = [{ path: 'bad.yaml', status: 'error', reason: '3:7: unexpected token' }];
    const text = formatSarif(result);
    const notes = run(text).invocations?.[0]?.toolExecutionNotifications ?? [];
    assert.equal(notes.length, 1);
    assert.equal(notes[0]?.message.text, 'bad.yaml: 3:7: unexpected token');
    assert.equal(notes[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri, 'infra/bad.yaml');
    assert.equal(validateSynthetic(text), true);
  });
});

let syntheticValidator: ValidateFunction | undefined;
function validateSynthetic(text: string): boolean {
  syntheticValidator ??= sarifValidator();
  const ok = syntheticValidator(JSON.parse(text));
  assert.deepEqual(syntheticValidator.errors ?? [], []);
  return ok === true;
}
