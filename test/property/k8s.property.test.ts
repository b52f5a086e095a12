/**
 * Properties of the Kubernetes readers: the audit Policy evaluator (parseAuditPolicy, decide,
 * probePolicy), its document adapter (readAuditPolicy) and the kube-apiserver adapter
 * (readKubeApiservers, shell words, Go integers, host paths). Arbitrary and k8s-like data and
 * mutated real manifests never make them throw, results keep their documented shapes, first-match
 * semantics hold, and each read finishes within the time bound.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { readAuditPolicy } from '../../src/adapters/k8s-audit-policy.js';
import { AUDIT_FLAGS, hostPathOf, isApiserverImage, isKubeApiserverDocument, parseGoInt, readKubeApiservers, shellWords } from '../../src/adapters/kube-apiserver.js';
import type { Mount } from '../../src/adapters/kube-apiserver.js';
import { parseStructured } from '../../src/documents/yaml-document.js';
import type { StructuredDocument } from '../../src/documents/yaml-document.js';
import { AUDIT_LEVELS, AUDIT_STAGES, PROBES, decide, isAuditPolicyDocument, parseAuditPolicy, probePolicy } from '../../src/k8s/audit-policy.js';
import type { AuditPolicy, AuditRequest } from '../../src/k8s/audit-policy.js';
import {
  KEY,
  SCALAR,
  anyText,
  assertNoPollution,
  assertOneLine,
  define,
  fixtureTexts,
  jsonish,
  mutatedText,
  prototypeKeys,
  runs,
  timed,
} from './support.js';

const baseline = prototypeKeys();
after(() => assertNoPollution(baseline));

// ---------------------------------------------------------------------------------------------
// k8s-like data

const WORDS = [
  '', '*', 'get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'bind', 'escalate', 'secrets', 'configmaps', 'pods', 'pods/exec', '*/exec', 'pods/*',
  'serviceaccounts/token', 'tokenreviews', 'deployments', 'roles', 'clusterrolebindings', '/healthz', '/api*', '/*', '*', 'healthz', 'system:authenticated',
  'system:serviceaccounts', 'system:kube-proxy', 'admin', 'kube-system', 'default', 'ztmm-probe', 'ztmm:probe-user', 'rbac.authorization.k8s.io', 'apps', 'Apps',
  'apps/v1', 'authentication.k8s.io', 'None', 'Metadata', 'Request', 'RequestResponse', 'metadata', 'RequestReceived', 'ResponseStarted', 'ResponseComplete',
  'Panic', 'responsecomplete', '__proto__', 'constructor', 'toString',
];
const word = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) });
const list = fc.oneof({ weight: 6, arbitrary: fc.array(word, { maxLength: 4 }) }, { weight: 1, arbitrary: SCALAR }, { weight: 1, arbitrary: fc.array(SCALAR, { maxLength: 3 }) });
const level = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...AUDIT_LEVELS) }, { weight: 1, arbitrary: fc.constantFrom('none', 'metadata', 'REQUEST') }, { weight: 1, arbitrary: SCALAR });

/** Extra own keys, `__proto__` and other prototype names included. */
function withExtraKeys<T extends object>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.tuple(arb, fc.array(fc.tuple(KEY, SCALAR), { maxLength: 2 })).map(([value, extra]) => {
    for (const [key, v] of extra) if (!Object.hasOwn(value, key)) define(value as Record<string, unknown>, key, v);
    return value;
  });
}

const groupResources = fc.oneof(
  { weight: 5, arbitrary: withExtraKeys(fc.record({ group: fc.oneof(word, SCALAR), resources: list, resourceNames: list }, { requiredKeys: [] })) },
  { weight: 1, arbitrary: SCALAR },
);
const ruleData = fc.oneof(
  {
    weight: 8,
    arbitrary: withExtraKeys(
      fc.record(
        {
          level,
          users: list,
          userGroups: list,
          verbs: list,
          resources: fc.oneof({ weight: 4, arbitrary: fc.array(groupResources, { maxLength: 3 }) }, { weight: 1, arbitrary: SCALAR }),
          namespaces: list,
          nonResourceURLs: list,
          omitStages: list,
          omitManagedFields: fc.oneof(fc.boolean(), SCALAR),
        },
        { requiredKeys: ['level'] },
      ),
    ),
  },
  { weight: 1, arbitrary: jsonish(2) },
);
const policyData = withExtraKeys(
  fc.record(
    {
      apiVersion: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('audit.k8s.io/v1', 'audit.k8s.io/v1beta1', 'audit.k8s.io/v1alpha1') }, { weight: 1, arbitrary: SCALAR }),
      kind: fc.oneof({ weight: 6, arbitrary: fc.constant('Policy') }, { weight: 1, arbitrary: SCALAR }),
      metadata: fc.oneof(fc.record({ name: fc.oneof(word, SCALAR) }), SCALAR),
      rules: fc.oneof({ weight: 8, arbitrary: fc.array(ruleData, { maxLength: 12 }) }, { weight: 1, arbitrary: SCALAR }),
      omitStages: list,
      omitManagedFields: fc.oneof(fc.boolean(), SCALAR),
    },
    { requiredKeys: [] },
  ),
);
const anyPolicyData = fc.oneof({ weight: 6, arbitrary: policyData }, { weight: 1, arbitrary: jsonish(4) }, { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) });

const request: fc.Arbitrary<AuditRequest> = fc.record(
  {
    user: word,
    groups: fc.array(word, { maxLength: 3 }),
    verb: word,
    apiGroup: word,
    resource: word,
    subresource: word,
    namespace: word,
    name: word,
    path: word,
  },
  { requiredKeys: ['user', 'groups', 'verb'] },
);

/** A document over data; `locate` points at line 1 for every path (the adapters only pass it on). */
function fakeDocument(data: unknown): StructuredDocument {
  return { path: 'etc/kubernetes/doc.yaml', index: 0, data, locate: () => ({ path: 'etc/kubernetes/doc.yaml', line: 1, column: 1 }) };
}

function checkPolicy(policy: AuditPolicy, problems: { path: (string | number)[]; message: string }[], rawRules: unknown): void {
  for (const problem of problems) {
    assert.ok(Array.isArray(problem.path) && problem.path.every((s) => typeof s === 'string' || typeof s === 'number'));
    assertOneLine(problem.message, 'policy problem');
  }
  const count = Array.isArray(rawRules) ? rawRules.length : 0;
  let last = -1;
  for (const rule of policy.rules) {
    assert.ok(Number.isInteger(rule.index) && rule.index > last && rule.index < count, `rule index ${rule.index}`);
    last = rule.index;
    assert.ok((AUDIT_LEVELS as readonly string[]).includes(rule.level));
    for (const strings of [rule.users, rule.userGroups, rule.verbs, rule.namespaces, rule.nonResourceURLs]) assert.ok(strings.every((s) => typeof s === 'string'));
    assert.ok(rule.omitStages.every((s) => (AUDIT_STAGES as readonly string[]).includes(s)));
    for (const r of rule.resources) assert.ok(typeof r.group === 'string' && r.resources.every((s) => typeof s === 'string') && r.resourceNames.every((s) => typeof s === 'string'));
  }
  assert.ok(policy.omitStages.every((s) => (AUDIT_STAGES as readonly string[]).includes(s)));
  assert.equal(typeof policy.omitManagedFields, 'boolean');
  if (problems.length === 0) assert.equal(policy.rules.length, count, 'a policy without problems keeps every rule');
}

describe('audit Policy evaluator', () => {
  test('parseAuditPolicy reads any data into a valid policy plus one-line problems', () => {
    fc.assert(
      fc.property(anyPolicyData, (data) => {
        const { policy, problems } = timed('parseAuditPolicy', () => parseAuditPolicy(data));
        const rawRules = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>)['rules'] : undefined;
        checkPolicy(policy, problems, rawRules);
        assert.equal(typeof isAuditPolicyDocument(data), 'boolean');
      }),
      runs(400),
    );
  });

  test('decide: the first matching rule decides, and a rule in front that matches everything wins', () => {
    fc.assert(
      fc.property(policyData, request, level.filter((l): l is (typeof AUDIT_LEVELS)[number] => (AUDIT_LEVELS as readonly unknown[]).includes(l)), (data, req, front) => {
        const { policy } = parseAuditPolicy(data);
        const decision = decide(policy, req);
        assert.ok((AUDIT_LEVELS as readonly string[]).includes(decision.level));
        assert.ok(decision.omitStages.every((s) => (AUDIT_STAGES as readonly string[]).includes(s)));
        assert.ok(policy.omitStages.every((s) => decision.omitStages.includes(s)), "the policy's omitStages always apply");
        if (decision.ruleIndex === null) {
          assert.equal(decision.level, 'None');
        } else {
          const at = policy.rules.findIndex((r) => r.index === decision.ruleIndex);
          assert.ok(at >= 0);
          assert.equal(decision.level, policy.rules[at]?.level);
          assert.equal(decide({ ...policy, rules: policy.rules.slice(0, at) }, req).ruleIndex, null, 'no earlier rule matches');
        }
        const catchAll = { index: -1, level: front, users: [], userGroups: [], verbs: [], resources: [], namespaces: [], nonResourceURLs: [], omitStages: [] };
        const first = decide({ ...policy, rules: [catchAll, ...policy.rules] }, req);
        assert.deepEqual([first.level, first.ruleIndex], [front, -1]);
      }),
      runs(400),
    );
  });

  test('probePolicy answers every probe within the time bound, also for policies naming many principals and namespaces', () => {
    const big = fc.array(
      fc.record({
        level: fc.constantFrom(...AUDIT_LEVELS),
        users: fc.array(fc.string({ maxLength: 6 }), { maxLength: 25 }),
        userGroups: fc.array(fc.string({ maxLength: 6 }), { maxLength: 10 }),
        namespaces: fc.array(fc.string({ maxLength: 6 }), { maxLength: 25 }),
        verbs: fc.array(fc.constantFrom('get', 'list', 'create', 'delete'), { maxLength: 2 }),
      }),
      { maxLength: 120 },
    );
    fc.assert(
      fc.property(fc.oneof(policyData, big.map((rules) => ({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules }))), (data) => {
        const { policy } = parseAuditPolicy(data);
        const results = timed(`probePolicy (${policy.rules.length} rules)`, () => probePolicy(policy));
        assert.deepEqual(Object.keys(results), PROBES.map((p) => p.name));
        for (const result of Object.values(results)) {
          for (const l of [result.level, result.maxLevel, result.minLevel]) assert.ok((AUDIT_LEVELS as readonly string[]).includes(l));
          assert.deepEqual(result.exemptPrincipals, [...result.exemptPrincipals].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        }
      }),
      runs(120),
    );
  });

  test('readAuditPolicy reads mutated real policies (and any document) without throwing', () => {
    const samples = fixtureTexts(/audit-policy\.yaml$/);
    // Document data is never null or undefined (parseStructured drops empty documents).
    const data = anyPolicyData.filter((d) => d !== null && d !== undefined).map((d) => ({ data: d }));
    fc.assert(
      fc.property(fc.oneof(mutatedText(samples).map((text) => ({ text })), data), (input) => {
        const docs = 'text' in input ? parseStructured('audit-policy.yaml', input.text).documents : [fakeDocument(input.data)];
        for (const doc of docs) {
          const read = timed('readAuditPolicy', () => readAuditPolicy(doc));
          assert.ok(read.id.startsWith('Policy/'));
          for (const problem of read.problems) assertOneLine(problem.message, 'readAuditPolicy problem');
          assert.doesNotThrow(() => JSON.stringify(read.facts));
        }
      }),
      runs(250),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// kube-apiserver

const FLAG_NAMES = [...Object.keys(AUDIT_FLAGS), 'audit_log_path', 'audit-log-maxage', 'secure-port', 'v'];
const flagValue = fc.oneof(fc.constantFrom('/var/log/kubernetes/audit.log', '-', '30', '0x1e', '0o36', '036', '0b11110', '1_000', '-5', '9'.repeat(30), '', 'json', 'legacy', 'batch', 'blocking-strict', 'true'), fc.string({ maxLength: 10 }));
const flagWords = fc.tuple(fc.constantFrom('--', '-', '--'), fc.constantFrom(...FLAG_NAMES), fc.constantFrom('=', ' '), flagValue).map(([dash, name, sep, value]) =>
  sep === '=' ? [`${dash}${name}=${value}`] : [`${dash}${name}`, value],
);
const flags = fc.array(fc.oneof({ weight: 5, arbitrary: flagWords }, { weight: 1, arbitrary: fc.array(anyText(12), { maxLength: 2 }) }), { maxLength: 8 }).map((groups) => groups.flat());
const quote = (w: string): string => `'${w.replace(/'/g, "'\\''")}'`;
const commandLine = fc.tuple(fc.constantFrom('plain', 'sh', 'hyperkube', 'go-runner', 'args-only', 'one-item', 'chain'), flags, fc.constantFrom('kube-apiserver', '/usr/local/bin/kube-apiserver', 'kube-apiserver-x', 'toString', '__proto__')).map(([shape, words, binary]) => {
  switch (shape) {
    case 'plain':
      return { command: [binary, ...words] };
    case 'sh':
      return { command: ['/bin/sh', '-c', `exec ${binary} ${words.map(quote).join(' ')} 2>&1 | tee /x`] };
    case 'hyperkube':
      return { command: ['/hyperkube', 'apiserver'], args: words };
    case 'go-runner':
      return { command: ['/go-runner', '--log-file=/var/log/x.log', '--also-stdout', binary], args: words };
    case 'args-only':
      return { args: words };
    case 'one-item':
      return { command: [`${binary} ${words.map(quote).join(' ')}`] };
    default:
      return { command: ['bash', '-c', `flock /x ${binary} ${words.map(quote).join(' ')}; echo done && ${binary} --audit-log-path=/y`] };
  }
});
const mount = fc.record({ name: fc.constantFrom('audit', 'logs', 'policy', 'x'), mountPath: fc.oneof(fc.constantFrom('/var/log', '/var/log/kubernetes', '/', '/etc/kubernetes/'), fc.string({ maxLength: 8 })), subPath: fc.string({ maxLength: 6 }), subPathExpr: fc.constantFrom('', '$(POD)') }, { requiredKeys: ['mountPath'] });
const volume = fc.record({ name: fc.constantFrom('audit', 'logs', 'policy', 'x'), hostPath: fc.oneof(fc.record({ path: fc.oneof(fc.constantFrom('/var/log/kubernetes', '/srv'), fc.string({ maxLength: 8 })) }), SCALAR) });
const container = withExtraKeys(
  fc.tuple(commandLine, fc.record({ name: fc.oneof(word, SCALAR), image: fc.oneof(fc.constantFrom('registry.k8s.io/kube-apiserver:v1.30.2', 'k8s.gcr.io/kube-apiserver-amd64:v1.21.0', 'registry.k8s.io/kube-apiserver@sha256:abc', 'busybox'), SCALAR), volumeMounts: fc.oneof(fc.array(mount, { maxLength: 4 }), SCALAR) }, { requiredKeys: [] })).map(([cmd, rest]) => ({ ...rest, ...cmd })),
);
/** Where each kind keeps its pod spec; prototype names as kinds too. */
const PATHS = new Map<string, string[]>([
  ['Pod', ['spec']],
  ['Deployment', ['spec', 'template', 'spec']],
  ['DaemonSet', ['spec', 'template', 'spec']],
  ['Job', ['spec', 'template', 'spec']],
  ['CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec']],
  ['Service', ['spec']],
  ['toString', ['spec']],
  ['__proto__', ['spec']],
  ['constructor', ['spec']],
]);
const workload = fc
  .tuple(fc.constantFrom(...PATHS.keys()), fc.array(fc.oneof({ weight: 6, arbitrary: container }, { weight: 1, arbitrary: SCALAR }), { maxLength: 3 }), fc.oneof(fc.array(volume, { maxLength: 3 }), SCALAR), fc.record({ name: fc.oneof(word, SCALAR), namespace: fc.oneof(word, SCALAR) }, { requiredKeys: [] }))
  .map(([kind, containers, volumes, metadata]) => {
    let spec: Record<string, unknown> = { containers, volumes };
    for (const key of [...(PATHS.get(kind) ?? ['spec'])].reverse()) {
      const parent: Record<string, unknown> = {};
      define(parent, key, spec);
      spec = parent;
    }
    const doc: Record<string, unknown> = { apiVersion: 'v1', metadata };
    define(doc, 'kind', kind);
    return Object.assign(doc, spec);
  });

function checkApiservers(doc: StructuredDocument): void {
  const found = timed('readKubeApiservers', () => readKubeApiservers(doc));
  assert.equal(isKubeApiserverDocument(doc.data), found.length > 0);
  for (const apiserver of found) {
    assert.ok(typeof apiserver.id === 'string' && apiserver.id.length > 0);
    assert.equal(typeof apiserver.container, 'string');
    for (const fact of Object.values(AUDIT_FLAGS)) {
      const value = apiserver.audit[fact];
      assert.ok(value === null || typeof value === 'string' || Number.isSafeInteger(value), `audit.${fact} = ${String(value)}`);
    }
    for (const m of apiserver.mounts) assert.ok(typeof m.mountPath === 'string' && (m.hostPath === null || typeof m.hostPath === 'string'));
  }
}

describe('kube-apiserver adapter', () => {
  test('readKubeApiservers reads k8s-like workloads and any data without throwing', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 5, arbitrary: workload }, { weight: 1, arbitrary: jsonish(4) }), (data) => {
        checkApiservers(fakeDocument(data));
        const text = JSON.stringify(data);
        if (text !== undefined) for (const doc of parseStructured('pod.json', text).documents) checkApiservers(doc);
      }),
      runs(400),
    );
  });

  test('readKubeApiservers reads mutated real manifests without throwing', () => {
    const samples = fixtureTexts(/kube-apiserver\.(yaml|manifest)$/);
    fc.assert(
      fc.property(mutatedText(samples), (text) => {
        for (const doc of parseStructured('kube-apiserver.yaml', text).documents) checkApiservers(doc);
      }),
      runs(250),
    );
  });

  test('shellWords, parseGoInt, isApiserverImage and hostPathOf take any input', () => {
    const mounts = fc.array(fc.record({ mountPath: fc.oneof(fc.constantFrom('/', '/var/log', '/var/log/'), fc.string({ maxLength: 8 })), hostPath: fc.option(fc.string({ maxLength: 8 }), { nil: null }) }), { maxLength: 4 });
    fc.assert(
      fc.property(anyText(400), mounts, fc.oneof(fc.maxSafeInteger(), fc.integer()), (text, ms: Mount[], n) => {
        const words = timed('shellWords', () => shellWords(text));
        assert.ok(words.every((w) => typeof w === 'string'));
        const parsed = parseGoInt(text);
        assert.ok(parsed === null || Number.isSafeInteger(parsed));
        assert.equal(parseGoInt(String(n)), n, 'decimal integers read back');
        assert.equal(parseGoInt(`${n < 0 ? '-' : ''}0x${Math.abs(n).toString(16)}`), n);
        assert.equal(typeof isApiserverImage(text), 'boolean');
        const host = hostPathOf(text, ms);
        assert.ok(host === null || typeof host === 'string');
      }),
      runs(400),
    );
  });
});
