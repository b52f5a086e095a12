/**
 * End to end on real Kubernetes files written by others (../shared/corpus/kubernetes): a kubeadm
 * v1.21 static pod without audit flags, the GKE default audit policy and the kubernetes.io
 * example policy. Expected values come from reading the files.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { loadRules } from '../src/rules/load-packs.js';
import { scan } from '../src/scan.js';
import type { Finding } from '../src/model/result.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/kubernetes/', import.meta.url));

describe('scan of the Kubernetes corpus', async () => {
  const { result, problems } = await scan({ roots: [CORPUS], rules: loadRules(), cwd: CORPUS });
  const of = (ruleId: string, path: string): Finding[] => result.findings.filter((f) => f.ruleId === ruleId && f.locations[0]?.path === path);
  const one = (ruleId: string, path: string): Finding => {
    const found = of(ruleId, path);
    assert.equal(found.length, 1, `${ruleId} on ${path}`);
    return found[0] as Finding;
  };

  test('every file is recognised and parses', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(
      result.inventory.map((e) => [e.path, e.status, e.kind]),
      [
        ['gke/gke-audit-policy.extracted.yaml', 'assessed', 'k8s-audit-policy'],
        ['k8s-docs/audit-policy.yaml', 'assessed', 'k8s-audit-policy'],
        ['kubeadm-v1.21/kube-apiserver.yaml', 'assessed', 'kube-apiserver'],
      ],
    );
  });

  test('kubeadm v1.21 without audit flags: COV-001 fails at the command list; retention rules do not apply', () => {
    const f = one('COV-001', 'kubeadm-v1.21/kube-apiserver.yaml');
    assert.equal(f.outcome, 'fail');
    assert.deepEqual(f.locations, [{ path: 'kubeadm-v1.21/kube-apiserver.yaml', line: 14, column: 5 }]);
    assert.equal(f.subject, 'Pod/kube-system/kube-apiserver');
    for (const id of ['RET-001', 'RET-002', 'RET-003', 'FMT-001', 'CEN-001', 'COV-002']) {
      assert.equal(one(id, 'kubeadm-v1.21/kube-apiserver.yaml').outcome, 'not-applicable', id);
    }
    assert.equal(result.estate.sources.length, 0, 'no audit source without a backend');
  });

  test('GKE default policy: logs requests, covers exec, secrets, workload and RBAC changes, sensitive objects at Metadata', () => {
    for (const id of ['COV-003', 'COV-004', 'COV-005', 'COV-006', 'MET-001']) {
      assert.equal(one(id, 'gke/gke-audit-policy.extracted.yaml').outcome, 'pass', id);
    }
  });

  test('kubernetes.io example: configmaps in kube-system are logged at Request, so MET-001 fails at that rule', () => {
    const f = result.findings.find((x) => x.ruleId === 'MET-001' && x.subject === 'Policy/audit-policy' && x.locations[0]?.path === 'k8s-docs/audit-policy.yaml');
    assert.equal(f?.outcome, 'fail');
    assert.equal(f?.data.path, 'probes.configmaps.maxLevel');
    assert.equal(f?.data.value, 'Request');
    assert.deepEqual(f?.locations, [{ path: 'k8s-docs/audit-policy.yaml', line: 43, column: 3 }]);
    for (const id of ['COV-003', 'COV-004', 'COV-005', 'COV-006']) {
      assert.equal(one(id, 'k8s-docs/audit-policy.yaml').outcome, 'pass', id);
    }
  });

  test('pillars: nothing here reaches beyond Traditional for Applications (COV-001 fails)', () => {
    assert.equal(result.pillars.find((p) => p.id === 'applications')?.stage, 'traditional');
  });
});
