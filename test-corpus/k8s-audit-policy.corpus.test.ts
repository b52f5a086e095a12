/**
 * The audit Policy evaluator against real policies from ../shared/corpus/kubernetes/. Every
 * expected value below was worked out by reading the YAML (rule numbers are 0-based positions
 * in `rules`), not by running the evaluator.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import {
  decide,
  effectiveLevel,
  isAuditPolicyDocument,
  parseAuditPolicy,
  probePolicy,
} from '../src/k8s/audit-policy.js';
import type { AuditPolicy, AuditRequest, ProbeResult } from '../src/k8s/audit-policy.js';

// Compiled to <repo>/build/test-corpus/; the corpus lives beside the repository in ../shared/.
const CORPUS = new URL('../../../shared/corpus/', import.meta.url);

function loadPolicies(relative: string): AuditPolicy[] {
  const text = readFileSync(new URL(relative, CORPUS), 'utf8');
  const policies: AuditPolicy[] = [];
  for (const doc of parseAllDocuments(text)) {
    assert.deepEqual(doc.errors, []);
    const data: unknown = doc.toJS();
    if (!isAuditPolicyDocument(data)) continue;
    const { policy, problems } = parseAuditPolicy(data);
    assert.deepEqual(problems, [], `${relative} has problems`);
    policies.push(policy);
  }
  return policies;
}

function onlyPolicy(relative: string): AuditPolicy {
  const policies = loadPolicies(relative);
  assert.equal(policies.length, 1, `${relative} should hold exactly one Policy`);
  const [policy] = policies;
  assert.ok(policy);
  return policy;
}

function pick(results: Record<string, ProbeResult>, name: string): ProbeResult {
  const result = results[name];
  assert.ok(result, `probe ${name} missing`);
  return result;
}

const someone = { user: 'jane@example.com', groups: ['system:authenticated'] };

function req(partial: Omit<AuditRequest, 'user' | 'groups'>, who: Pick<AuditRequest, 'user' | 'groups'> = someone): AuditRequest {
  return { ...who, ...partial };
}

describe('GKE/GCE default audit policy (configure-helper.sh)', () => {
  const policy = onlyPolicy('kubernetes/gke/gke-audit-policy.extracted.yaml');
  const results = probePolicy(policy);

  it('parses all 17 rules with no policy-level omitStages', () => {
    assert.equal(policy.rules.length, 17);
    assert.deepEqual(policy.rules.map((r) => r.index), [...Array(17).keys()]);
    assert.deepEqual(policy.omitStages, []);
    assert.deepEqual(
      policy.rules.map((r) => r.level),
      [
        'None', 'None', 'None', 'None', 'None', 'None', 'None', 'None', 'None', 'None',
        'Request', 'Request', 'Request', 'Metadata', 'Request', 'RequestResponse', 'Metadata',
      ],
    );
  });

  it('drops configmaps for system:unsecured and cluster-autoscaler in kube-system (rules 2 and 7)', () => {
    const result = pick(results, 'configmaps');
    assert.equal(result.level, 'Metadata');
    assert.equal(result.maxLevel, 'Metadata');
    assert.equal(result.minLevel, 'None');
    assert.deepEqual(result.exemptPrincipals, ['user:cluster-autoscaler in namespace:kube-system', 'user:system:unsecured in namespace:kube-system']);
  });

  it('logs sensitive resources at Metadata only (rule 13)', () => {
    for (const name of ['secrets', 'secrets-write', 'tokenreviews', 'serviceaccount-tokens']) {
      const result = pick(results, name);
      assert.equal(result.level, 'Metadata', name);
      assert.equal(result.maxLevel, 'Metadata', name);
      assert.equal(result.minLevel, 'Metadata', name);
      assert.equal(result.ruleIndex, 13, name);
      assert.deepEqual(result.exemptPrincipals, [], name);
    }
  });

  it('logs writes to known API groups at RequestResponse (rule 15)', () => {
    for (const name of ['pods-write', 'deployments-write', 'rbac-write']) {
      const result = pick(results, name);
      assert.equal(result.level, 'RequestResponse', name);
      assert.equal(result.minLevel, 'RequestResponse', name);
      assert.equal(result.ruleIndex, 15, name);
    }
  });

  it('logs connect subresources at Request for get (rule 14) and RequestResponse for create (rule 15)', () => {
    for (const name of ['pods-exec', 'pods-attach', 'pods-portforward', 'pods-proxy', 'services-proxy']) {
      const result = pick(results, name);
      assert.equal(result.level, 'Request', name);
      assert.equal(result.maxLevel, 'RequestResponse', name);
      assert.equal(result.ruleIndex, 14, name);
    }
  });

  it('drops /healthz* (rule 8)', () => {
    assert.deepEqual(pick(results, 'nonresource-health'), {
      level: 'None',
      maxLevel: 'None',
      minLevel: 'None',
      ruleIndex: 8,
      maxRuleIndex: 8,
      minRuleIndex: 8,
      exemptPrincipals: [],
    });
  });

  it('every rule that logs omits RequestReceived', () => {
    const d = decide(policy, req({ verb: 'create', apiGroup: '', resource: 'pods', namespace: 'default' }));
    assert.deepEqual(d, { level: 'RequestResponse', omitStages: ['RequestReceived'], ruleIndex: 15 });
    assert.equal(effectiveLevel(d), 'RequestResponse');
  });

  it('applies the documented high-volume exemptions', () => {
    const proxy = { user: 'system:kube-proxy', groups: ['system:authenticated'] };
    assert.equal(decide(policy, req({ verb: 'watch', apiGroup: '', resource: 'services', subresource: 'status', namespace: 'default' }, proxy)).ruleIndex, 0);
    assert.equal(decide(policy, req({ verb: 'list', apiGroup: '', resource: 'services', namespace: 'default' }, proxy)).ruleIndex, 14);
    const node = { user: 'system:node:n1', groups: ['system:nodes', 'system:authenticated'] };
    assert.equal(decide(policy, req({ verb: 'get', apiGroup: '', resource: 'nodes', namespace: '', name: 'n1' }, node)).ruleIndex, 3);
    assert.deepEqual(
      decide(policy, req({ verb: 'patch', apiGroup: '', resource: 'pods', subresource: 'status', namespace: 'default', name: 'p' }, node)),
      { level: 'Request', omitStages: ['RequestReceived'], ruleIndex: 11 },
    );
    // Events are never logged, for anyone.
    assert.equal(decide(policy, req({ verb: 'create', apiGroup: '', resource: 'events', namespace: 'default' })).level, 'None');
    // The unsecured ingress-controller read is exempt only in kube-system.
    const unsecured = { user: 'system:unsecured', groups: [] };
    assert.equal(decide(policy, req({ verb: 'get', apiGroup: '', resource: 'configmaps', namespace: 'kube-system', name: 'ingress-uid' }, unsecured)).ruleIndex, 1);
    assert.equal(decide(policy, req({ verb: 'get', apiGroup: '', resource: 'configmaps', namespace: 'default', name: 'ingress-uid' }, unsecured)).ruleIndex, 13);
    // The namespace controller's deletecollection rule names no resources, so it covers every resource (secrets too).
    const nsController = { user: 'system:serviceaccount:kube-system:namespace-controller', groups: ['system:serviceaccounts'] };
    assert.equal(decide(policy, req({ verb: 'deletecollection', apiGroup: '', resource: 'secrets', namespace: 'gone' }, nsController)).ruleIndex, 12);
    // "/version" exactly, and /swagger* as a prefix.
    assert.equal(decide(policy, req({ verb: 'get', path: '/version' })).ruleIndex, 8);
    assert.equal(decide(policy, req({ verb: 'get', path: '/swagger.json' })).ruleIndex, 8);
    assert.equal(decide(policy, req({ verb: 'get', path: '/metrics' })).ruleIndex, 16);
  });

  it('falls back to Metadata for API groups missing from its known list', () => {
    // coordination.k8s.io is not among the groups listed in rules 14 and 15.
    assert.deepEqual(
      decide(policy, req({ verb: 'update', apiGroup: 'coordination.k8s.io', resource: 'leases', namespace: 'kube-system', name: 'x' })),
      { level: 'Metadata', omitStages: ['RequestReceived'], ruleIndex: 16 },
    );
    assert.equal(decide(policy, req({ verb: 'create', apiGroup: 'example.com', resource: 'widgets', namespace: 'default' })).ruleIndex, 16);
  });
});

describe('Kubernetes documentation example audit policy (audit-policy.yaml)', () => {
  const policy = onlyPolicy('kubernetes/k8s-docs/audit-policy.yaml');
  const results = probePolicy(policy);

  it('parses 9 rules and the policy-level omitStages', () => {
    assert.equal(policy.rules.length, 9);
    assert.deepEqual(policy.omitStages, ['RequestReceived']);
    assert.deepEqual(
      policy.rules.map((r) => r.level),
      ['RequestResponse', 'Metadata', 'None', 'None', 'None', 'Request', 'Metadata', 'Request', 'Metadata'],
    );
  });

  it('logs pod changes at RequestResponse, but not pod subresources', () => {
    const pods = pick(results, 'pods-write');
    assert.equal(pods.level, 'RequestResponse');
    assert.equal(pods.ruleIndex, 0);
    // "Resource "pods" doesn't match requests to any subresource of pods": exec falls to rule 7.
    const exec = pick(results, 'pods-exec');
    assert.equal(exec.level, 'Request');
    assert.equal(exec.maxLevel, 'Request');
    assert.equal(exec.ruleIndex, 7);
    assert.equal(decide(policy, req({ verb: 'get', apiGroup: '', resource: 'pods', subresource: 'log', namespace: 'default', name: 'p' })).ruleIndex, 1);
    assert.equal(decide(policy, req({ verb: 'update', apiGroup: '', resource: 'pods', subresource: 'status', namespace: 'default', name: 'p' })).level, 'Metadata');
  });

  it('logs secrets and configmaps at Metadata outside kube-system (rule 6)', () => {
    for (const name of ['secrets', 'secrets-write', 'configmaps']) {
      const result = pick(results, name);
      assert.equal(result.level, 'Metadata', name);
      assert.equal(result.ruleIndex, 6, name);
      assert.deepEqual(result.exemptPrincipals, [], name);
    }
    // configmaps in kube-system: Request (rule 5); the "controller-leader" configmap: None anywhere (rule 2).
    assert.equal(decide(policy, req({ verb: 'update', apiGroup: '', resource: 'configmaps', namespace: 'kube-system', name: 'c' })).level, 'Request');
    assert.equal(decide(policy, req({ verb: 'update', apiGroup: '', resource: 'configmaps', namespace: 'kube-system', name: 'controller-leader' })).ruleIndex, 2);
    assert.equal(decide(policy, req({ verb: 'get', apiGroup: '', resource: 'secrets', namespace: 'kube-system', name: 's' })).ruleIndex, 6);
  });

  it('logs other core resources at Request (rule 7), other groups at Metadata (rule 8)', () => {
    assert.equal(pick(results, 'serviceaccount-tokens').level, 'Request');
    assert.equal(pick(results, 'serviceaccount-tokens').ruleIndex, 7);
    for (const name of ['deployments-write', 'rbac-write', 'tokenreviews']) {
      assert.equal(pick(results, name).level, 'Metadata', name);
      assert.equal(pick(results, name).ruleIndex, 8, name);
    }
    assert.equal(decide(policy, req({ verb: 'create', apiGroup: 'extensions', resource: 'ingresses', namespace: 'default' })).ruleIndex, 7);
  });

  it('drops kube-proxy watches of endpoints and services (rule 3) only', () => {
    const proxy = { user: 'system:kube-proxy', groups: ['system:authenticated'] };
    assert.equal(decide(policy, req({ verb: 'watch', apiGroup: '', resource: 'endpoints', namespace: 'default' }, proxy)).level, 'None');
    assert.equal(decide(policy, req({ verb: 'list', apiGroup: '', resource: 'endpoints', namespace: 'default' }, proxy)).ruleIndex, 7);
  });

  it('drops authenticated requests to /api* and /version (rule 4), not /healthz', () => {
    assert.equal(decide(policy, req({ verb: 'get', path: '/apis/apps/v1' })).ruleIndex, 4);
    assert.equal(decide(policy, req({ verb: 'get', path: '/version' })).ruleIndex, 4);
    const anonymous = { user: 'system:anonymous', groups: ['system:unauthenticated'] };
    assert.equal(decide(policy, req({ verb: 'get', path: '/version' }, anonymous)).ruleIndex, 8);
    assert.deepEqual(pick(results, 'nonresource-health'), {
      level: 'Metadata',
      maxLevel: 'Metadata',
      minLevel: 'Metadata',
      ruleIndex: 8,
      maxRuleIndex: 8,
      minRuleIndex: 8,
      exemptPrincipals: [],
    });
  });

  it('never emits RequestReceived events', () => {
    const d = decide(policy, req({ verb: 'create', apiGroup: '', resource: 'pods', namespace: 'default' }));
    assert.deepEqual(d, { level: 'RequestResponse', omitStages: ['RequestReceived'], ruleIndex: 0 });
    assert.deepEqual(decide(policy, req({ verb: 'get', path: '/healthz' })).omitStages, ['RequestReceived']);
  });
});
