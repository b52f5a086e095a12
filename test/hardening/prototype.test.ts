/**
 * No key in a scanned or loaded document reaches object prototypes (issue 8): `__proto__`,
 * `constructor` and `prototype`, at any depth, in configuration files (YAML and JSON), in log events
 * of every format, in `.ztmm.yaml` and in rule packs, neither pollute Object.prototype nor change
 * what a fact lookup finds. A rule path like `constructor.name` or `__proto__.polluted` names
 * nothing on a subject that does not own it; message placeholders resolve own data only.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseConfig } from '../../src/config/load-config.js';
import { parseStructured } from '../../src/documents/yaml-document.js';
import { renderMessage } from '../../src/engine/render-message.js';
import { valueAtPath } from '../../src/logs/field-aliases.js';
import type { ScanResult } from '../../src/model/result.js';
import { compilePack } from '../../src/rules/load-packs.js';
import { getFact } from '../../src/rules/fact-path.js';
import { runCli, staticPodManifest, writeTree } from '../helpers.js';

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
const ARRAY_PROTO_KEYS = Object.getOwnPropertyNames(Array.prototype).sort();

/** Object.prototype and Array.prototype are as they were, and a fresh object inherits nothing new. */
function assertClean(where: string): void {
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), PROTO_KEYS, `${where}: Object.prototype gained a key`);
  assert.deepEqual(Object.getOwnPropertyNames(Array.prototype).sort(), ARRAY_PROTO_KEYS, `${where}: Array.prototype gained a key`);
  const fresh = {} as Record<string, unknown>;
  for (const key of ['polluted', 'isAdmin', 'name', 'command', 'kind', 'user', 'audit']) assert.equal(fresh[key], undefined, `${where}: {}.${key} is inherited`);
  assert.equal(Object.getPrototypeOf(fresh), Object.prototype);
}

const HOSTILE_JSON = '{"__proto__": {"polluted": "yes", "isAdmin": true}, "constructor": {"prototype": {"polluted": "yes"}, "name": "evil"}, "prototype": {"polluted": "yes"}}';

async function scan(root: string, extra: string[] = []): Promise<ScanResult> {
  const run = await runCli(['scan', root, '-f', 'json', ...extra]);
  assert.notEqual(run.code, 2, run.stderr);
  return JSON.parse(run.stdout) as ScanResult;
}

describe('fact lookups resolve own data only', () => {
  test('getFact: constructor, __proto__, prototype and inherited members name nothing', () => {
    const subject = { audit: { maxAge: 30 }, items: [{ name: 'a' }], text: 'abc' };
    for (const path of ['constructor', 'constructor.name', '__proto__', '__proto__.polluted', 'prototype', 'toString', 'hasOwnProperty', 'audit.constructor', 'audit.__proto__', 'items.constructor', 'items.length', 'items.0.constructor.name', 'text.length', 'valueOf']) {
      assert.equal(getFact(subject, path), undefined, path);
    }
    assert.equal(getFact(subject, 'audit.maxAge'), 30);
    assert.equal(getFact(subject, 'items.0.name'), 'a');
    // An own key of that name is data like any other.
    const own = JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"name": "mine"}}') as unknown;
    assert.equal(getFact(own, '__proto__.polluted'), 1);
    assert.equal(getFact(own, 'constructor.name'), 'mine');
    assertClean('getFact');
  });
  test('field aliases (valueAtPath) walk own keys only, flattened or nested', () => {
    const record = { user: { name: 'alice' }, 'a.b': 1 } as Record<string, unknown>;
    for (const path of ['constructor', 'constructor.name', '__proto__', '__proto__.polluted', 'user.constructor', 'user.name.length', 'toString']) {
      assert.equal(valueAtPath(record, path), undefined, path);
    }
    assert.equal(valueAtPath(record, 'user.name'), 'alice');
    assert.equal(valueAtPath(JSON.parse(HOSTILE_JSON) as Record<string, unknown>, 'constructor.name'), 'evil');
  });
  test('message placeholders: inherited members are not filled in', () => {
    const message = renderMessage('{{value}} {{constructor}} {{toString}} {{params.constructor}} {{params.hasOwnProperty|name}} {{facts.constructor}} {{facts.__proto__.polluted}} {{valueOf|percent}}', {
      data: { value: 0.5 },
      params: { minRatio: 0.9 },
      facts: { events: 3 },
    });
    assert.ok(!/native code|function|\[object/.test(message), message);
    assert.equal(message, '0.5 {{constructor}} {{toString}} {{params.constructor}} {{params.hasOwnProperty|name}} unset unset {{valueOf|percent}}');
  });
});

describe('structured documents', () => {
  test('YAML and JSON documents keep __proto__ as an own key, at any depth, also through aliases and merge keys', () => {
    const texts = [
      '__proto__: {polluted: yes}\nconstructor: {prototype: {polluted: yes}}\na: {b: {__proto__: {polluted: yes}}}\n',
      HOSTILE_JSON,
      '[{"__proto__": {"polluted": 1}}, {"a": [{"__proto__": {"polluted": 2}}]}]',
      '%YAML 1.1\n---\nbase: &b {__proto__: {polluted: yes}, constructor: {name: evil}}\nx: {<<: *b, k: 1}\ny: {<<: [*b], __proto__: {isAdmin: true}}\n',
      '!!map {? __proto__ : {polluted: yes}}\n',
      '? {__proto__: {polluted: yes}}\n: value\n',
    ];
    for (const text of texts) {
      const parsed = parseStructured('x.yaml', text);
      assert.deepEqual(parsed.errors, [], text);
      for (const doc of parsed.documents) {
        const walk = (node: unknown): void => {
          if (Array.isArray(node)) return node.forEach(walk);
          if (typeof node !== 'object' || node === null) return;
          assert.equal(Object.getPrototypeOf(node), Object.prototype, `${text}: a parsed mapping keeps Object.prototype`);
          for (const value of Object.values(node)) walk(value);
        };
        walk(doc.data);
      }
      assertClean(text);
    }
  });
  test('a kube-apiserver flag list hidden under __proto__ or constructor is not read as the container’s', async () => {
    const hidden = `apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver, namespace: kube-system, __proto__: {name: evil}}
spec:
  __proto__: {containers: [{name: x, command: [kube-apiserver, --audit-log-path=/evil]}]}
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.30.0
    __proto__: {command: [kube-apiserver, --audit-log-path=/evil, --audit-policy-file=/evil.yaml]}
    constructor: {prototype: {command: [kube-apiserver, --audit-log-maxage=999]}}
`;
    const real = staticPodManifest(['--audit-log-path=/var/log/audit.log', '--audit-log-maxage=30'], '    __proto__: {args: [--audit-log-maxage=1]}\n    prototype: {polluted: yes}\n');
    const root = writeTree({
      'manifests/hidden.yaml': hidden,
      'manifests/hidden.json': '{"apiVersion": "v1", "kind": "Pod", "__proto__": {"spec": {"containers": [{"name": "k", "command": ["kube-apiserver", "--audit-log-path=/evil"]}]}}}',
      'manifests/real.yaml': real,
      'policy.yaml': 'apiVersion: audit.k8s.io/v1\nkind: Policy\n__proto__: {rules: [{level: None}]}\nrules:\n- level: Metadata\n  __proto__: {level: None}\n  constructor: {name: evil}\n',
    });
    const result = await scan(root);
    assertClean('scan of manifests');
    const kinds = Object.fromEntries(result.inventory.map((e) => [e.path, e.kind ?? e.status]));
    // The hidden pod is a kube-apiserver by its name and image, but has none of the flags under __proto__.
    assert.equal(kinds['manifests/real.yaml'], 'kube-apiserver');
    assert.equal(kinds['policy.yaml'], 'k8s-audit-policy');
    // The real apiserver's flags are its own: nothing under __proto__ overrode them.
    const findings = result.findings.filter((f) => f.subject.includes('kube-apiserver'));
    const ageFinding = findings.find((f) => f.data.path === 'audit.maxAge');
    if (ageFinding) assert.equal(ageFinding.data.value, 30);
    assert.ok(!JSON.stringify(result).includes('/evil'), 'nothing from under __proto__ reached the estate');
    const sources = result.estate.sources.map((s) => s.paths).flat();
    assert.ok(!sources.includes('/evil'));
  });
});

describe('log events of every format', () => {
  test('keys named __proto__, constructor or prototype are data, never prototypes, and fill no field', async () => {
    const ecs = (extra: string): string => `{"@timestamp":"2026-01-01T00:00:00Z","ecs.version":"8.11","event.action":"read",${extra}}`;
    const root = writeTree({
      'var/log/app.jsonl': [
        ecs('"__proto__":{"user":{"name":"ghost"},"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}'),
        ecs('"prototype":{"polluted":"yes"},"nested":{"__proto__":{"isAdmin":true}}'),
        '{"__proto__":{"@timestamp":"2026-01-01T00:00:00Z","source":{"ip":"10.0.0.1"}},"message":"x"}',
      ].join('\n'),
      'var/log/events.json': '[\n  {"eventVersion": "1.08", "eventSource": "s3.amazonaws.com", "eventName": "GetObject", "__proto__": {"userIdentity": {"arn": "ghost"}}},\n  {"eventVersion": "1.08", "eventSource": "s3.amazonaws.com", "eventName": "GetObject", "constructor": {"prototype": {"polluted": "yes"}}}\n]\n',
      'var/log/app.logfmt.log': 'ts=2026-01-01T00:00:00Z level=info __proto__=polluted constructor=evil prototype=x msg=hello\n',
      'var/log/fw.log': 'CEF:0|Vendor|FW|1.0|100|Blocked|5|__proto__=polluted constructor=evil src=10.0.0.1\n',
      'var/log/leef.log': 'LEEF:2.0|Vendor|P|1.0|100|^|__proto__=polluted^constructor=evil^usrName=bob\n',
      'var/log/messages': '<34>1 2026-01-01T00:00:00Z host app 1 ID47 [ex@1 __proto__="polluted" constructor="evil"] hello\n',
      'var/log/audit/audit.log': 'type=USER_LOGIN msg=audit(1767225600.000:1): pid=1 uid=0 __proto__=polluted constructor=evil acct="bob" res=success\n',
    });
    const result = await scan(root);
    assertClean('scan of logs');
    const byPath = new Map(result.estate.samples.map((s) => [s.path, s]));
    for (const path of ['var/log/app.jsonl', 'var/log/events.json', 'var/log/app.logfmt.log', 'var/log/fw.log', 'var/log/leef.log', 'var/log/messages', 'var/log/audit/audit.log']) {
      assert.ok(byPath.has(path), `${path} is read as a sample`);
    }
    // The actor and source address under __proto__ are not the event's.
    const app = byPath.get('var/log/app.jsonl');
    assert.equal(app?.fields.actor, 0);
    assert.equal(app?.fields.sourceAddress, 0);
    assert.ok(!JSON.stringify(result).includes('ghost'));
  });
  test('a user alias that names constructor.name finds only own data', async () => {
    const root = writeTree({
      '.ztmm.yaml': 'aliases: { actor: [constructor.name, __proto__.user] }\n',
      'var/log/plain.jsonl': '{"ts":"2026-01-01T00:00:00Z","msg":"a"}\n{"ts":"2026-01-01T00:00:01Z","msg":"b"}\n',
      'var/log/own.jsonl': '{"ts":"2026-01-01T00:00:00Z","constructor":{"name":"alice"}}\n{"ts":"2026-01-01T00:00:01Z","__proto__":{"user":"bob"}}\n',
    });
    const result = await scan(root);
    assertClean('aliases');
    const byPath = new Map(result.estate.samples.map((s) => [s.path, s]));
    assert.equal(byPath.get('var/log/plain.jsonl')?.fields.actor, 0, 'Object is not an actor');
    assert.equal(byPath.get('var/log/own.jsonl')?.fields.actor, 1, 'own keys of those names are data');
    assert.equal(byPath.get('var/log/own.jsonl')?.actors.distinct, 2);
  });
});

describe('.ztmm.yaml', () => {
  const refused = [
    ['__proto__: {polluted: yes}\n', /__proto__/],
    ['constructor: {name: evil}\n', /constructor/],
    ['aliases: {__proto__: [user]}\n', /__proto__/],
    // Key patterns refuse these, naming the key.
    ['params: {__proto__: {minRatio: 0}}\n', /params\.__proto__ key "__proto__" is not a rule id/],
    ['params: {MET-002: {__proto__: {minRatio: 0}}}\n', /key "__proto__" is not a parameter name/],
    ['severity: {__proto__: low}\n', /severity\.__proto__ key "__proto__" is not a rule id/],
    ['gate: {minStage: {__proto__: {identity: optimal}}}\n', /gate\.minStage must be one of/],
    ['sources: [{path: "*.dat", system: x, pillars: [data], __proto__: {format: cef}}]\n', /__proto__/],
    ['waivers: [{rule: MET-002, reason: because it is so, __proto__: {expires: "2000-01-01"}}]\n', /__proto__/],
  ] as const;
  test('keys that would reach a prototype are refused where they are, and pollute nothing', () => {
    for (const [text, named] of refused) {
      assert.throws(() => parseConfig(text, '/x/.ztmm.yaml', '.ztmm.yaml'), (e: Error) => /^\.ztmm\.yaml:\d+:\d+: /.test(e.message) && named.test(e.message), text);
      assertClean(text);
    }
  });
  test('a parameter named like an inherited member is unknown (exit 2), not silently taken', async () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const root = writeTree({ '.ztmm.yaml': `params: { MET-002: { ${name}: 0.5 } }\n`, 'a.log': '{"a":1}\n' });
      const run = await runCli(['scan', root]);
      assert.equal(run.code, 2, `${name}: ${run.stderr}`);
      assert.match(run.stderr, new RegExp(`MET-002 has no parameter "${name}"`));
      assertClean(name);
    }
  });
});

describe('rule packs', () => {
  const rule = (fields: string): string => `pack: probes
rules:
  - id: PRO-001
    slug: proto-probe
    title: A probe of prototype lookups
    dimension: metadata
    pillars: [subject]
    stage: initial
    severity: low
    target: { kind: sample }
${fields}
    rationale: Facts are own data only; inherited members are not facts.
    remediation: Nothing to remediate; this rule is a test probe.
    references: [{ framework: ztmm, id: probe }]
`;
  test('a pack with __proto__ keys is refused where they are, and pollutes nothing', () => {
    const packs = [
      'pack: p\n__proto__: {polluted: yes}\nrules: []\n',
      rule('    check: { path: events, gte: 1 }\n    message: "a message long enough"\n    __proto__: {whenMissing: pass}'),
      rule('    check: { path: events, gte: 1, __proto__: {polluted: yes} }\n    message: "a message long enough"'),
      rule('    params: { __proto__: { minRatio: 0 } }\n    check: { path: events, gte: 1 }\n    message: "a message long enough"'),
    ];
    for (const text of packs) {
      assert.throws(() => compilePack('probe.yaml', text), (e: Error) => /^probe\.yaml:\d+:\d+: /.test(e.message), text);
      assertClean(text);
    }
  });
  test('rule paths through constructor, __proto__ or prototype find nothing on a subject', async () => {
    const pack = [
      ['PRO-001', 'constructor.name', 'equals: Object'],
      ['PRO-002', '__proto__.polluted', 'exists: true'],
      ['PRO-003', 'fields.constructor', 'exists: true'],
      ['PRO-004', 'prototype', 'exists: true'],
      ['PRO-005', 'timestamps.toString', 'exists: true'],
      ['PRO-006', 'errorLines.constructor.name', 'equals: Array'],
    ]
      .map(
        ([id, path, test], i) => `  - id: ${id}
    slug: proto-probe-${i}
    title: A probe of prototype lookups
    dimension: metadata
    pillars: [subject]
    stage: initial
    severity: low
    target: { kind: sample }
    check: { path: ${path}, ${test} }
    message: "{{value}} {{constructor}} {{facts.constructor}} {{facts.__proto__}} {{valueOf|name}}"
    rationale: Facts are own data only; inherited members are not facts.
    remediation: Nothing to remediate; this rule is a test probe.
    references: [{ framework: ztmm, id: probe }]
`,
      )
      .join('');
    const root = writeTree({
      'packs/probe.yaml': `pack: probes\nrules:\n${pack}`,
      'scan/var/log/app.jsonl': `${HOSTILE_JSON.replace('{', '{"ts":"2026-01-01T00:00:00Z",')}\n{"ts":"2026-01-01T00:00:01Z","msg":"x"}\n`,
    });
    const result = await scan(`${root}/scan`, ['--rules', `${root}/packs`, '--only', 'PRO-001,PRO-002,PRO-003,PRO-004,PRO-005,PRO-006']);
    assertClean('probe pack');
    const probes = result.findings.filter((f) => f.ruleId.startsWith('PRO-'));
    assert.equal(probes.length, 6);
    for (const finding of probes) {
      assert.equal(finding.outcome, 'fail', `${finding.ruleId} ${String(finding.data.path)} resolves to nothing`);
      assert.ok(!/native code|function |\[object /.test(finding.message), `${finding.ruleId}: ${finding.message}`);
      assert.match(finding.message, /^unset \{\{constructor\}\} unset unset \{\{valueOf\|name\}\}$/);
    }
  });
  test('a parameter reference to an inherited member is an unknown parameter', () => {
    const text = rule('    check: { path: events, equals: "{{params.constructor}}" }\n    message: "a message long enough"');
    assert.throws(() => compilePack('probe.yaml', text), /unknown parameter "constructor"/);
    const inMessage = rule('    check: { path: events, gte: 1 }\n    message: "a message with {{params.toString}}"');
    assert.throws(() => compilePack('probe.yaml', inMessage), /unknown parameter "toString" in message/);
  });
});

describe('saved results (ztmm report, ztmm diff)', () => {
  test('a saved result with __proto__ and constructor keys renders without touching prototypes', async () => {
    const root = writeTree({ 'var/log/app.jsonl': '{"ts":"2026-01-01T00:00:00Z","user":"a"}\n' });
    const saved = join(root, 'result.json');
    const first = await runCli(['scan', join(root, 'var'), '-f', 'json', '-o', saved]);
    assert.notEqual(first.code, 2, first.stderr);
    const hostile = readFileSync(saved, 'utf8')
      .replace('{', `{"__proto__": {"polluted": "yes", "comparison": {"x": 1}}, "constructor": {"prototype": {"polluted": "yes"}},`)
      .replace('"summary": {', '"summary": {"__proto__": {"isAdmin": true},')
      .replace('"counts": {', '"counts": {"__proto__": {"fail": 99},');
    assert.ok(hostile.includes('"summary": {"__proto__"'), 'the summary was reached');
    writeFileSync(saved, hostile);
    for (const format of ['text', 'json', 'markdown', 'sarif', 'junit', 'html']) {
      const run = await runCli(['report', saved, '-f', format]);
      assert.notEqual(run.code, 2, `${format}: ${run.stderr}`);
      assert.ok(!run.stdout.includes('Compared with the baseline'), 'no comparison from under __proto__');
      assertClean(`report ${format}`);
    }
    const diff = await runCli(['diff', saved, saved]);
    assert.equal(diff.code, 0, diff.stderr);
    assertClean('diff');
  });
});
