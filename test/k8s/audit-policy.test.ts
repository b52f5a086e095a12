import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import {
  AUDIT_LEVELS,
  AUDIT_STAGES,
  LEVEL_ORDER,
  PROBES,
  decide,
  effectiveLevel,
  isAuditPolicyDocument,
  parseAuditPolicy,
  probePolicy,
} from '../../src/k8s/audit-policy.js';
import type { AuditPolicy, AuditRequest, ProbeResult } from '../../src/k8s/audit-policy.js';

const HEADER = { apiVersion: 'audit.k8s.io/v1', kind: 'Policy' };

/** Parses a policy and fails the test if it has problems. */
function load(data: unknown): AuditPolicy {
  const { policy, problems } = parseAuditPolicy(data);
  assert.deepEqual(problems, []);
  return policy;
}

function loadYaml(text: string): AuditPolicy {
  return load(parse(text) as unknown);
}

function probe(policy: AuditPolicy, name: string): ProbeResult {
  const result = probePolicy(policy)[name];
  assert.ok(result, `probe ${name} missing`);
  return result;
}

const alice = { user: 'alice', groups: ['system:authenticated'] };

function res(
  verb: string,
  resource: string,
  extra: Partial<Pick<AuditRequest, 'apiGroup' | 'subresource' | 'namespace' | 'name'>> = {},
  who: Pick<AuditRequest, 'user' | 'groups'> = alice,
): AuditRequest {
  return { ...who, verb, resource, apiGroup: '', namespace: 'default', ...extra };
}

function nonRes(verb: string, path: string, who: Pick<AuditRequest, 'user' | 'groups'> = alice): AuditRequest {
  return { ...who, verb, path };
}

describe('constants', () => {
  it('orders levels from None to RequestResponse', () => {
    assert.deepEqual(AUDIT_LEVELS.map((level) => LEVEL_ORDER[level]), [0, 1, 2, 3]);
    assert.deepEqual([...AUDIT_STAGES], ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic']);
  });

  it('defines the probes the rule packs ask about', () => {
    assert.deepEqual(
      PROBES.map((p) => p.name),
      [
        'secrets',
        'secrets-write',
        'configmaps',
        'tokenreviews',
        'pods-exec',
        'pods-attach',
        'pods-portforward',
        'pods-proxy',
        'services-proxy',
        'pods-write',
        'deployments-write',
        'rbac-write',
        'serviceaccount-tokens',
        'nonresource-health',
      ],
    );
    const byName = new Map(PROBES.map((p) => [p.name, p]));
    assert.equal(byName.get('rbac-write')?.requests.length, 24);
    assert.deepEqual(
      byName.get('secrets')?.requests.map((r) => r.verb),
      ['get', 'list', 'watch'],
    );
    assert.deepEqual(byName.get('tokenreviews')?.requests, [
      { verb: 'create', apiGroup: 'authentication.k8s.io', resource: 'tokenreviews', namespace: '', name: 'ztmm-probe' },
    ]);
    assert.deepEqual(byName.get('serviceaccount-tokens')?.requests, [
      { verb: 'create', apiGroup: '', resource: 'serviceaccounts', subresource: 'token', namespace: 'ztmm-probe', name: 'ztmm-probe' },
    ]);
    const clusterRbac = byName.get('rbac-write')?.requests.filter((r) => r.resource === 'clusterrolebindings') ?? [];
    assert.deepEqual(clusterRbac.map((r) => r.verb), ['create', 'update', 'patch', 'delete', 'bind', 'escalate']);
    assert.ok(clusterRbac.every((r) => r.namespace === '' && r.apiGroup === 'rbac.authorization.k8s.io'));
    assert.deepEqual(byName.get('nonresource-health')?.requests, [{ verb: 'get', path: '/healthz' }]);
  });
});

describe('isAuditPolicyDocument', () => {
  it('accepts audit.k8s.io v1, v1beta1 and v1alpha1 Policies', () => {
    assert.equal(isAuditPolicyDocument({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [] }), true);
    assert.equal(isAuditPolicyDocument({ apiVersion: 'audit.k8s.io/v1beta1', kind: 'Policy' }), true);
    assert.equal(isAuditPolicyDocument({ apiVersion: 'audit.k8s.io/v1alpha1', kind: 'Policy' }), true);
  });

  it('rejects other kinds, groups and shapes', () => {
    assert.equal(isAuditPolicyDocument({ apiVersion: 'audit.k8s.io/v1', kind: 'Event' }), false);
    assert.equal(isAuditPolicyDocument({ apiVersion: 'audit.k8s.io/v1', kind: 'policy' }), false);
    assert.equal(isAuditPolicyDocument({ apiVersion: 'policy/v1', kind: 'Policy' }), false);
    assert.equal(isAuditPolicyDocument({ apiVersion: 'audit.k8s.io/v2', kind: 'Policy' }), false);
    assert.equal(isAuditPolicyDocument({ kind: 'Policy', rules: [{ level: 'Metadata' }] }), false);
    assert.equal(isAuditPolicyDocument([{ apiVersion: 'audit.k8s.io/v1', kind: 'Policy' }]), false);
    assert.equal(isAuditPolicyDocument(null), false);
    assert.equal(isAuditPolicyDocument('apiVersion: audit.k8s.io/v1'), false);
  });
});

describe('first match wins', () => {
  const secretsRule = { level: 'RequestResponse', resources: [{ group: '', resources: ['secrets'] }] };

  it('a catch-all None before a secrets rule hides it', () => {
    const policy = load({ ...HEADER, rules: [{ level: 'None' }, secretsRule] });
    assert.deepEqual(decide(policy, res('get', 'secrets')), { level: 'None', omitStages: [], ruleIndex: 0 });
    const secrets = probe(policy, 'secrets');
    assert.equal(secrets.level, 'None');
    assert.equal(secrets.maxLevel, 'None');
    assert.equal(secrets.ruleIndex, 0);
  });

  it('the same rules in the other order log secrets fully', () => {
    const policy = load({ ...HEADER, rules: [secretsRule, { level: 'None' }] });
    assert.deepEqual(decide(policy, res('get', 'secrets')), { level: 'RequestResponse', omitStages: [], ruleIndex: 0 });
    assert.deepEqual(decide(policy, res('get', 'configmaps')), { level: 'None', omitStages: [], ruleIndex: 1 });
    assert.equal(probe(policy, 'secrets').level, 'RequestResponse');
    assert.equal(probe(policy, 'configmaps').level, 'None');
  });

  it('no matching rule means None with a null rule index', () => {
    const policy = load({ ...HEADER, rules: [secretsRule] });
    assert.deepEqual(decide(policy, res('get', 'pods')), { level: 'None', omitStages: [], ruleIndex: null });
    const pods = probe(policy, 'pods-write');
    assert.equal(pods.level, 'None');
    assert.equal(pods.ruleIndex, null);
  });

  it('the generic level is the weakest over the probe requests', () => {
    const policy = loadYaml(`
apiVersion: audit.k8s.io/v1
kind: Policy
rules:
  - level: Request
    verbs: [get, list, watch]
  - level: None
    verbs: [list]
  - level: RequestResponse
`);
    const secrets = probe(policy, 'secrets');
    // get, list and watch all hit rule 0 (Request); rule 1 is shadowed by rule 0.
    assert.equal(secrets.level, 'Request');
    assert.equal(secrets.ruleIndex, 0);
    const configmaps = probe(policy, 'configmaps');
    // reads at Request (rule 0), writes at RequestResponse (rule 2).
    assert.equal(configmaps.level, 'Request');
    assert.equal(configmaps.maxLevel, 'RequestResponse');
    assert.equal(configmaps.minLevel, 'Request');
    assert.equal(configmaps.ruleIndex, 0);
  });
});

describe('users and userGroups', () => {
  const policy = loadYaml(`
apiVersion: audit.k8s.io/v1
kind: Policy
rules:
  - level: None
    users: ["system:kube-proxy"]
    resources:
      - resources: ["secrets"]
  - level: None
    userGroups: ["system:nodes"]
    verbs: ["get"]
  - level: RequestResponse
    userGroups: ["admins"]
    resources:
      - resources: ["secrets"]
  - level: None
    users: ["alice"]
    resources:
      - resources: ["configmaps"]
  - level: Metadata
`);

  it('matches a user by name and a group by membership', () => {
    const proxy = { user: 'system:kube-proxy', groups: ['system:authenticated'] };
    const node = { user: 'system:node:n1', groups: ['system:nodes', 'system:authenticated'] };
    assert.equal(decide(policy, res('list', 'secrets', {}, proxy)).ruleIndex, 0);
    assert.equal(decide(policy, res('get', 'pods', {}, node)).ruleIndex, 1);
    assert.equal(decide(policy, res('list', 'pods', {}, node)).ruleIndex, 4);
    assert.equal(decide(policy, res('get', 'pods', {}, alice)).ruleIndex, 4);
    assert.equal(decide(policy, nonRes('get', '/metrics', node)).ruleIndex, 1);
  });

  it('reports principals below the generic level, and the range over all principals', () => {
    const secrets = probe(policy, 'secrets');
    assert.equal(secrets.level, 'Metadata');
    assert.equal(secrets.ruleIndex, 4);
    assert.equal(secrets.minLevel, 'None');
    assert.equal(secrets.maxLevel, 'RequestResponse');
    assert.deepEqual(secrets.exemptPrincipals, ['group:system:nodes', 'user:system:kube-proxy']);

    const configmaps = probe(policy, 'configmaps');
    assert.deepEqual(configmaps.exemptPrincipals, ['group:system:nodes', 'user:alice']);
    assert.equal(configmaps.maxLevel, 'Metadata');

    // Writes: nodes are only exempt for get, so only kube-proxy and alice (for their resources) remain.
    assert.deepEqual(probe(policy, 'secrets-write').exemptPrincipals, ['user:system:kube-proxy']);
    assert.deepEqual(probe(policy, 'pods-write').exemptPrincipals, []);
    assert.equal(probe(policy, 'pods-write').minLevel, 'Metadata');
  });
});

describe('resource matching', () => {
  it('"*/subresource" matches that subresource of any resource in the group', () => {
    const policy = load({ ...HEADER, rules: [{ level: 'RequestResponse', resources: [{ group: '', resources: ['*/exec'] }] }] });
    assert.equal(decide(policy, res('create', 'pods', { subresource: 'exec' })).ruleIndex, 0);
    assert.equal(decide(policy, res('create', 'widgets', { subresource: 'exec' })).ruleIndex, 0);
    assert.equal(decide(policy, res('create', 'pods', { subresource: 'attach' })).ruleIndex, null);
    assert.equal(decide(policy, res('create', 'pods')).ruleIndex, null);
    assert.equal(decide(policy, res('create', 'pods', { apiGroup: 'apps', subresource: 'exec' })).ruleIndex, null);
    assert.equal(probe(policy, 'pods-exec').level, 'RequestResponse');
    assert.equal(probe(policy, 'pods-attach').level, 'None');
  });

  it('"resource/*" matches the resource and all its subresources', () => {
    const policy = load({ ...HEADER, rules: [{ level: 'Request', resources: [{ resources: ['pods/*'] }] }] });
    assert.equal(decide(policy, res('get', 'pods')).ruleIndex, 0);
    assert.equal(decide(policy, res('get', 'pods', { subresource: 'log' })).ruleIndex, 0);
    assert.equal(decide(policy, res('create', 'pods', { subresource: 'exec' })).ruleIndex, 0);
    assert.equal(decide(policy, res('get', 'podtemplates')).ruleIndex, null);
    assert.equal(decide(policy, res('get', 'services', { subresource: 'proxy' })).ruleIndex, null);
  });

  it('a plain resource does not match its subresources; "*" matches everything in the group', () => {
    const plain = load({ ...HEADER, rules: [{ level: 'Request', resources: [{ resources: ['pods'] }] }] });
    assert.equal(decide(plain, res('get', 'pods')).ruleIndex, 0);
    assert.equal(decide(plain, res('get', 'pods', { subresource: 'exec' })).ruleIndex, null);
    assert.equal(probe(plain, 'pods-write').level, 'Request');
    assert.equal(probe(plain, 'pods-exec').level, 'None');

    const star = load({ ...HEADER, rules: [{ level: 'Request', resources: [{ resources: ['*'] }] }] });
    assert.equal(decide(star, res('get', 'pods', { subresource: 'exec' })).ruleIndex, 0);
    assert.equal(decide(star, res('get', 'deployments', { apiGroup: 'apps' })).ruleIndex, null);
  });

  it('resourceNames narrows a rule to named objects', () => {
    const policy = loadYaml(`
apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  resources:
  - group: ""
    resources: ["configmaps"]
    resourceNames: ["controller-leader"]
- level: Metadata
`);
    assert.equal(decide(policy, res('update', 'configmaps', { name: 'controller-leader' })).level, 'None');
    assert.equal(decide(policy, res('update', 'configmaps', { name: 'other' })).level, 'Metadata');
    // A list has no name, so it does not match a rule restricted to names.
    assert.equal(decide(policy, res('list', 'configmaps')).level, 'Metadata');
  });

  it('namespaces select namespaced requests; "" selects cluster-scoped ones', () => {
    const policy = loadYaml(`
apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: RequestResponse
  namespaces: [""]
  resources:
  - group: rbac.authorization.k8s.io
- level: None
  namespaces: ["kube-system"]
- level: Metadata
`);
    const rbac = { apiGroup: 'rbac.authorization.k8s.io' };
    assert.equal(decide(policy, res('create', 'clusterroles', { ...rbac, namespace: '' })).ruleIndex, 0);
    assert.equal(decide(policy, { ...alice, verb: 'create', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles' }).ruleIndex, 0);
    assert.equal(decide(policy, res('create', 'roles', { ...rbac, namespace: 'default' })).ruleIndex, 2);
    // namespaces without resources: any resource in the namespace, but never a non-resource URL.
    assert.equal(decide(policy, res('get', 'secrets', { namespace: 'kube-system' })).ruleIndex, 1);
    assert.equal(decide(policy, res('get', 'widgets', { apiGroup: 'example.com', namespace: 'kube-system' })).ruleIndex, 1);
    assert.equal(decide(policy, nonRes('get', '/healthz')).ruleIndex, 2);

    const rbacProbe = probe(policy, 'rbac-write');
    assert.equal(rbacProbe.level, 'Metadata'); // roles and rolebindings are namespaced
    assert.equal(rbacProbe.maxLevel, 'RequestResponse'); // clusterroles, clusterrolebindings
    assert.equal(rbacProbe.ruleIndex, 2);
  });

  it('a missing group means the core group; a group without resources means all of it', () => {
    const policy = loadYaml(`
apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: RequestResponse
  resources:
  - resources: ["secrets"]
- level: Request
  resources:
  - group: apps
- level: Metadata
  resources:
  - group: ""
`);
    assert.deepEqual(policy.rules[0]?.resources, [{ group: '', resources: ['secrets'], resourceNames: [] }]);
    assert.equal(decide(policy, res('get', 'secrets')).ruleIndex, 0);
    assert.equal(decide(policy, res('get', 'secrets', { apiGroup: 'example.com' })).ruleIndex, null);
    assert.equal(decide(policy, res('patch', 'deployments', { apiGroup: 'apps', subresource: 'scale' })).ruleIndex, 1);
    assert.equal(decide(policy, res('get', 'pods', { subresource: 'log' })).ruleIndex, 2);
    // resource rules never match non-resource requests
    assert.equal(decide(policy, nonRes('get', '/api')).ruleIndex, null);
    assert.equal(probe(policy, 'deployments-write').level, 'Request');
    assert.equal(probe(policy, 'tokenreviews').level, 'None');
  });

  it('a request without apiGroup is a core request', () => {
    const policy = load({ ...HEADER, rules: [{ level: 'Request', resources: [{ group: '', resources: ['secrets'] }] }] });
    assert.equal(decide(policy, { ...alice, verb: 'get', resource: 'secrets', namespace: 'default' }).ruleIndex, 0);
    assert.equal(decide(policy, { ...alice, verb: 'get', apiGroup: 'v1', resource: 'secrets', namespace: 'default' }).ruleIndex, null);
  });
});

describe('nonResourceURLs', () => {
  const policy = loadYaml(`
apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  nonResourceURLs: ["/healthz*", "/version"]
- level: Request
  nonResourceURLs: ["*"]
- level: Metadata
`);

  it('matches exact paths and "*" prefixes, never resource requests', () => {
    assert.equal(decide(policy, nonRes('get', '/healthz')).ruleIndex, 0);
    assert.equal(decide(policy, nonRes('get', '/healthz/etcd')).ruleIndex, 0);
    assert.equal(decide(policy, nonRes('get', '/healthzz')).ruleIndex, 0);
    assert.equal(decide(policy, nonRes('get', '/version')).ruleIndex, 0);
    assert.equal(decide(policy, nonRes('get', '/version/x')).ruleIndex, 1);
    assert.equal(decide(policy, nonRes('get', '/livez')).ruleIndex, 1);
    assert.equal(decide(policy, res('get', 'healthz')).ruleIndex, 2);
    assert.equal(probe(policy, 'nonresource-health').level, 'None');
    assert.equal(probe(policy, 'nonresource-health').ruleIndex, 0);
    assert.equal(probe(policy, 'secrets').level, 'Metadata');
  });

  it('a rule with only verbs matches resource and non-resource requests alike', () => {
    const verbsOnly = load({ ...HEADER, rules: [{ level: 'Request', verbs: ['get'] }] });
    assert.equal(decide(verbsOnly, nonRes('get', '/healthz')).ruleIndex, 0);
    assert.equal(decide(verbsOnly, res('get', 'secrets')).ruleIndex, 0);
    assert.equal(decide(verbsOnly, res('list', 'secrets')).ruleIndex, null);
  });

  it('a request with a resource is a resource request even if it also has a path', () => {
    const urls = load({ ...HEADER, rules: [{ level: 'Request', nonResourceURLs: ['/api*'] }] });
    assert.equal(decide(urls, nonRes('get', '/api/v1/pods')).ruleIndex, 0);
    assert.equal(decide(urls, { ...res('list', 'pods'), path: '/api/v1/pods' }).ruleIndex, null);
    // and a request with neither is matched by no nonResourceURLs rule
    assert.equal(decide(urls, { ...alice, verb: 'get' }).ruleIndex, null);
  });
});

describe('omitStages', () => {
  const policy = loadYaml(`
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
- level: RequestResponse
  resources:
  - resources: ["secrets"]
  omitStages: ["ResponseComplete", "RequestReceived"]
- level: Request
  resources:
  - resources: ["configmaps"]
  omitStages: ["ResponseStarted"]
`);

  it('unions rule stages with policy stages', () => {
    const secrets = decide(policy, res('get', 'secrets'));
    assert.deepEqual(secrets, { level: 'RequestResponse', omitStages: ['RequestReceived', 'ResponseComplete'], ruleIndex: 0 });
    const configmaps = decide(policy, res('get', 'configmaps'));
    assert.deepEqual(configmaps.omitStages, ['RequestReceived', 'ResponseStarted']);
    // No match: the policy's stages still apply.
    assert.deepEqual(decide(policy, res('get', 'pods')), { level: 'None', omitStages: ['RequestReceived'], ruleIndex: null });
  });

  it('omitting both RequestReceived and ResponseComplete records nothing for normal requests', () => {
    assert.equal(effectiveLevel(decide(policy, res('get', 'secrets'))), 'None');
    assert.equal(effectiveLevel(decide(policy, res('get', 'configmaps'))), 'Request');
    assert.equal(effectiveLevel({ level: 'Metadata', omitStages: ['ResponseComplete'], ruleIndex: 0 }), 'Metadata');
    assert.equal(effectiveLevel({ level: 'Metadata', omitStages: ['RequestReceived', 'ResponseComplete'], ruleIndex: 0 }), 'None');
    const secrets = probe(policy, 'secrets');
    assert.equal(secrets.level, 'None');
    assert.equal(secrets.maxLevel, 'None');
    assert.equal(secrets.ruleIndex, 0);
  });
});

describe('problems', () => {
  it('skips a rule with a wrongly cased level and keeps the other indexes', () => {
    const { policy, problems } = parseAuditPolicy(
      parse(`
apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: RequestResponse
  resources:
  - resources: ["pods"]
- level: none
  resources:
  - resources: ["secrets"]
- level: Metadata
`) as unknown,
    );
    assert.equal(problems.length, 1);
    assert.deepEqual(problems[0]?.path, ['rules', 1, 'level']);
    assert.match(problems[0]?.message ?? '', /case-sensitive.*"None"/);
    assert.deepEqual(policy.rules.map((r) => r.index), [0, 2]);
    // The skipped None rule no longer hides secrets.
    assert.deepEqual(decide(policy, res('get', 'secrets')), { level: 'Metadata', omitStages: [], ruleIndex: 2 });
  });

  it('reports wrong types with paths and skips each offending rule', () => {
    const { policy, problems } = parseAuditPolicy({
      ...HEADER,
      omitStages: ['RequestRecieved'],
      omitManagedFields: 'yes',
      rules: [
        { level: 'Metadata', users: 'alice' },
        { level: 'Metadata', verbs: ['get', 7] },
        'Metadata',
        { level: 'Metadata', omitStages: ['Done'] },
        { level: 'Metadata', resources: { group: '' } },
        { level: 'Metadata', resources: [{ group: 'apps/v1', resources: ['deployments'] }] },
        { level: 'Metadata', resources: [{ group: '', resourceNames: ['x'] }] },
        { level: 'Metadata', resources: [{ resources: ['pods'] }], nonResourceURLs: ['/healthz'] },
        { level: 'Metadata', nonResourceURLs: ['healthz', '/a*b'] },
        { verbs: ['get'] },
        { level: 3 },
        { level: 'Request', verbs: ['get'] },
      ],
    });
    assert.deepEqual(
      problems.map((p) => p.path),
      [
        ['omitStages', 0],
        ['omitManagedFields'],
        ['rules', 0, 'users'],
        ['rules', 1, 'verbs', 1],
        ['rules', 2],
        ['rules', 3, 'omitStages', 0],
        ['rules', 4, 'resources'],
        ['rules', 5, 'resources', 0, 'group'],
        ['rules', 6, 'resources', 0, 'resourceNames'],
        ['rules', 7, 'nonResourceURLs'],
        ['rules', 8, 'nonResourceURLs', 0],
        ['rules', 8, 'nonResourceURLs', 1],
        ['rules', 9, 'level'],
        ['rules', 10, 'level'],
      ],
    );
    assert.ok(problems.every((p) => p.message.length > 0));
    assert.deepEqual(policy.rules.map((r) => r.index), [11]);
    assert.deepEqual(policy.omitStages, []);
    assert.equal(policy.omitManagedFields, false);
    assert.equal(decide(policy, res('get', 'secrets')).ruleIndex, 11);
    assert.equal(decide(policy, res('list', 'secrets')).ruleIndex, null);
  });

  it('reports a document that is not an audit Policy', () => {
    assert.deepEqual(parseAuditPolicy(null).problems.map((p) => p.path), [[]]);
    assert.deepEqual(parseAuditPolicy(['x']).policy.rules, []);
    const { policy, problems } = parseAuditPolicy({ kind: 'Policy', rules: [{ level: 'Metadata' }] });
    assert.deepEqual(problems.map((p) => p.path), [['apiVersion']]);
    assert.equal(policy.rules.length, 1);
    assert.deepEqual(parseAuditPolicy({ ...HEADER, rules: 'Metadata' }).problems.map((p) => p.path), [['rules']]);
  });

  it('reads policy-level fields', () => {
    const policy = load({ ...HEADER, omitStages: ['RequestReceived', 'RequestReceived'], omitManagedFields: true, rules: [{ level: 'None', users: null }] });
    assert.deepEqual(policy.omitStages, ['RequestReceived']);
    assert.equal(policy.omitManagedFields, true);
    assert.deepEqual(policy.rules[0], {
      index: 0,
      level: 'None',
      users: [],
      userGroups: [],
      verbs: [],
      resources: [],
      namespaces: [],
      nonResourceURLs: [],
      omitStages: [],
    });
  });
});

describe('a policy with zero rules', () => {
  it('is reported (kube-apiserver refuses it) and logs nothing', () => {
    for (const data of [{ ...HEADER, rules: [] }, parse('apiVersion: audit.k8s.io/v1\nkind: Policy\n') as unknown]) {
      const { policy, problems } = parseAuditPolicy(data);
      assert.deepEqual(problems.map((p) => p.path), [['rules']]);
      assert.deepEqual(policy.rules, []);
      assert.deepEqual(decide(policy, res('get', 'secrets')), { level: 'None', omitStages: [], ruleIndex: null });
      const results = probePolicy(policy);
      assert.deepEqual(Object.keys(results), PROBES.map((p) => p.name));
      for (const result of Object.values(results)) {
        assert.deepEqual(result, { level: 'None', maxLevel: 'None', minLevel: 'None', ruleIndex: null, maxRuleIndex: null, minRuleIndex: null, exemptPrincipals: [] });
      }
    }
  });
});

describe('probes look into the namespaces a policy names', () => {
  const policy = parseAuditPolicy({
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    rules: [
      { level: 'None', namespaces: ['kube-system'], resources: [{ group: '', resources: ['secrets'] }] },
      { level: 'RequestResponse', namespaces: ['payments'], resources: [{ group: '', resources: ['configmaps'] }] },
      { level: 'Metadata' },
    ],
  }).policy;
  const results = probePolicy(policy);
  it('a namespace that drops secrets is an exemption, and minLevel points at its rule', () => {
    const secrets = results.secrets;
    assert.ok(secrets);
    assert.equal(secrets.level, 'Metadata');
    assert.equal(secrets.minLevel, 'None');
    assert.equal(secrets.minRuleIndex, 0);
    assert.deepEqual(secrets.exemptPrincipals, ['namespace:kube-system']);
  });
  it('a namespace that logs bodies raises maxLevel and points at its rule', () => {
    const configmaps = results.configmaps;
    assert.ok(configmaps);
    assert.equal(configmaps.level, 'Metadata');
    assert.equal(configmaps.maxLevel, 'RequestResponse');
    assert.equal(configmaps.maxRuleIndex, 1);
  });
  it('cluster-scoped probes are not moved into namespaces', () => {
    assert.equal(results.tokenreviews?.minLevel, 'Metadata');
  });
});
