import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ZtmmError } from '../../src/errors.js';
import { DIMENSIONS } from '../../src/model/vocabulary.js';
import { compilePack, loadRules } from '../../src/rules/load-packs.js';
import { writeTree } from '../helpers.js';

const rule = (over: string): string => `pack: custom
rules:
  - id: CUS-001
    slug: custom-rule
    title: A custom rule for tests
    dimension: retention
    pillars: [applications]
    stage: initial
    severity: medium
    target: { kind: kube-apiserver }
    params: { min: 30 }
    check: { path: audit.maxAge, gte: "{{params.min}}" }
    message: "maxage is {{value}}, need {{params.min}}"
    rationale: Long enough rationale for the schema.
    remediation: Long enough remediation for the schema.
    references: [{ framework: cis-kubernetes, id: "1.2.17" }]
${over}`;

function packError(text: string): ZtmmError {
  try {
    compilePack('packs/custom.yaml', text);
  } catch (error) {
    assert.ok(error instanceof ZtmmError, String(error));
    return error;
  }
  assert.fail('expected the pack to be refused');
}

describe('built-in packs', () => {
  const rules = loadRules();
  test('load, validate and cover the five core dimensions with at least 12 rules', () => {
    assert.ok(rules.length >= 12);
    for (const d of DIMENSIONS.slice(0, 5)) assert.ok(rules.some((r) => r.dimension === d), d);
    assert.deepEqual(rules.map((r) => r.id), [...rules.map((r) => r.id)].sort());
  });
  test('every pack file is named after the dimension of its rules', () => {
    for (const r of rules) assert.equal(r.pack, r.dimension, `${r.id} in pack ${r.pack}`);
    // A pack may be split by topic (`integrity.aws.yaml`): the file name starts with its pack.
    for (const r of rules) {
      const file = r.declaredAt.path.split(/[\\/]/).pop() ?? '';
      assert.equal(file.split('.')[0], r.pack, `${r.id} is in ${file}`);
    }
  });
  test('rules read all three input kinds: manifests, policies and log samples', () => {
    for (const kind of ['kube-apiserver', 'k8s-audit-policy', 'sample', 'source']) assert.ok(rules.some((r) => r.target.kind === kind), kind);
  });
});

describe('pack errors name file:line:col', () => {
  test('a valid custom pack compiles', () => {
    const [compiled] = compilePack('packs/custom.yaml', rule(''));
    assert.equal(compiled?.id, 'CUS-001');
    assert.equal(compiled?.params.min, 30);
    assert.deepEqual(compiled?.declaredAt, { path: 'packs/custom.yaml', line: 3, column: 5 });
  });
  test('YAML syntax error', () => {
    const e = packError('pack: x\nrules: [\n');
    assert.equal(e.code, 'E_RULEPACK_PARSE');
    assert.match(e.message, /^packs\/custom\.yaml:\d+:\d+: /);
  });
  test('an enum violation points at the value', () => {
    const e = packError(rule('').replace('severity: medium', 'severity: urgent'));
    assert.equal(e.code, 'E_RULEPACK_SCHEMA');
    assert.match(e.message, /^packs\/custom\.yaml:9:5: rules\[0\]\.severity must be one of "low", "medium", "high", "critical"$/);
  });
  test('an unknown property points at that key', () => {
    const e = packError(`${rule('')}    exec: rm -rf /\n`);
    assert.match(e.message, /^packs\/custom\.yaml:17:5: rules\[0\] unknown property "exec"$/);
  });
  test('a missing property points at the rule', () => {
    const e = packError(rule('').replace(/    rationale: .*\n/, ''));
    assert.match(e.message, /^packs\/custom\.yaml:3:5: rules\[0\] missing required property "rationale"$/);
  });
  test('an unknown parameter in a condition', () => {
    const e = packError(rule('').replace('{{params.min}}"', '{{params.nope}}"'));
    assert.match(e.message, /^packs\/custom\.yaml:12:\d+: unknown parameter "nope"$/);
  });
  test('an unknown parameter in the message', () => {
    const e = packError(rule('').replace('need {{params.min}}', 'need {{params.other}}'));
    assert.match(e.message, /:13:\d+: unknown parameter "other" in message$/);
  });
  test('two operators in one condition', () => {
    const e = packError(rule('').replace('gte: "{{params.min}}"', 'gte: 1, lte: 2'));
    assert.match(e.message, /:12:\d+: a path condition takes exactly one operator/);
  });
  test('a pattern RE2 cannot run (backreference, lookaround) is refused at load', () => {
    const e = packError(rule('').replace('gte: "{{params.min}}"', 'matches: "(a)\\\\1"'));
    assert.equal(e.code, 'E_RULEPACK_SCHEMA');
    assert.match(e.message, /:12:\d+: not a valid RE2 pattern: invalid escape sequence/);
    assert.match(packError(rule('').replace('gte: "{{params.min}}"', 'matches: "a(?=b)"')).message, /:12:\d+: not a valid RE2 pattern: invalid or unsupported Perl syntax/);
  });
  test('a document that is not a mapping', () => {
    assert.match(packError('- just\n- a list\n').message, /^packs\/custom\.yaml:1:1: must be object$/);
  });
  test('duplicate ids across packs', () => {
    const dir = writeTree({ 'a.yaml': rule('').replace('CUS-001', 'COV-001') });
    assert.throws(
      () => loadRules({ extra: [dir] }),
      (e: unknown) => e instanceof ZtmmError && e.code === 'E_RULEPACK_DUPLICATE' && /a\.yaml:3:5: rule id COV-001 is already declared at rules\/coverage\.yaml:\d+$/.test(e.message),
    );
  });
  test('duplicate slugs across packs', () => {
    const dir = writeTree({ 'a.yaml': rule('').replace('slug: custom-rule', 'slug: apiserver-audit-log-maxage') });
    assert.throws(
      () => loadRules({ extra: [dir] }),
      (e: unknown) => e instanceof ZtmmError && e.code === 'E_RULEPACK_DUPLICATE' && /a\.yaml:3:5: rule slug apiserver-audit-log-maxage is already used by RET-001 at rules\/retention\.yaml:\d+$/.test(e.message),
    );
  });
  test('an unreadable pack folder', () => {
    assert.throws(() => loadRules({ extra: [join(writeTree({}), 'missing')] }), (e: unknown) => e instanceof ZtmmError && e.code === 'E_RULEPACK_UNREADABLE');
  });
  test('extra packs load after the built-ins', () => {
    const dir = writeTree({ 'a.yaml': rule(''), 'notes.txt': 'ignored' });
    const rules = loadRules({ extra: [dir] });
    assert.ok(rules.some((r) => r.id === 'CUS-001' && r.declaredAt.path.endsWith('a.yaml')));
  });
});
