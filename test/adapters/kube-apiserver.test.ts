import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hostPathOf, isKubeApiserverDocument, readKubeApiservers, shellWords } from '../../src/adapters/kube-apiserver.js';
import { parseStructured } from '../../src/documents/yaml-document.js';

function read(yaml: string) {
  const doc = parseStructured('m.yaml', yaml).documents[0];
  assert.ok(doc);
  return readKubeApiservers(doc);
}

const staticPod = (flags: string[], extra = ''): string => `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.30.0
    command:
    - kube-apiserver
${flags.map((f) => `    - ${f}`).join('\n')}
${extra}`;

describe('kube-apiserver audit flags', () => {
  test('--flag=value items, numbers parsed, locations per flag', () => {
    const [api] = read(staticPod(['--secure-port=6443', '--audit-log-path=/var/log/audit.log', '--audit-log-maxage=7', '--audit-log-maxbackup=10']));
    assert.ok(api);
    assert.equal(api.id, 'Pod/kube-system/kube-apiserver');
    assert.equal(api.audit.logPath, '/var/log/audit.log');
    assert.equal(api.audit.maxAge, 7);
    assert.equal(api.audit.maxBackup, 10);
    assert.equal(api.audit.maxSize, null);
    assert.equal(api.locations['audit.maxAge']?.line, 14);
    assert.equal(api.locations.audit?.line, 10, 'missing flags point at the command key');
    assert.deepEqual(api.explicit.sort(), ['logPath', 'maxAge', 'maxBackup']);
  });
  test('defaults: log format json and mode blocking when unset', () => {
    const [api] = read(staticPod(['--audit-log-path=-']));
    assert.equal(api?.audit.logFormat, 'json');
    assert.equal(api?.audit.logMode, 'blocking');
    assert.ok(!api?.explicit.includes('logFormat'));
  });
  test('--flag value as two items, and the last occurrence wins', () => {
    const [api] = read(staticPod(['--audit-log-maxage', '"14"', '--audit-log-maxage=60', '--audit-log-format', 'legacy']));
    assert.equal(api?.audit.maxAge, 60);
    assert.equal(api?.audit.logFormat, 'legacy');
  });
  test('non-numeric values are kept as text so a rule can say what it saw', () => {
    const [api] = read(staticPod(['--audit-log-maxage=thirty']));
    assert.equal(api?.audit.maxAge, 'thirty');
  });
  test('flags in args (binary in command), as in DaemonSet-run control planes', () => {
    const yaml = `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: apiserver, namespace: kube-system }
spec:
  template:
    spec:
      containers:
      - name: apiserver
        command: ["/usr/local/bin/kube-apiserver"]
        args:
        - --audit-policy-file=/etc/audit/policy.yaml
        - --audit-webhook-config-file=/etc/audit/webhook.kubeconfig
`;
    const [api] = read(yaml);
    assert.equal(api?.id, 'DaemonSet/kube-system/apiserver');
    assert.equal(api?.audit.policyFile, '/etc/audit/policy.yaml');
    assert.equal(api?.audit.webhookConfigFile, '/etc/audit/webhook.kubeconfig');
    assert.equal(api?.locations.audit?.line, 10, 'missing flags point at args');
  });
  test('a shell wrapper: sh -c "exec kube-apiserver ..."', () => {
    const yaml = `kind: Pod
metadata: { name: apiserver }
spec:
  containers:
  - name: apiserver
    command:
    - /bin/sh
    - -c
    - exec /usr/local/bin/kube-apiserver --audit-log-path=/var/log/k8s/audit.log --audit-log-maxage='45' >> /var/log/kube-apiserver.log 2>&1
`;
    const [api] = read(yaml);
    assert.equal(api?.audit.logPath, '/var/log/k8s/audit.log');
    assert.equal(api?.audit.maxAge, 45);
    assert.equal(api?.locations['audit.maxAge']?.line, 9);
  });
  test('other workloads are not apiservers', () => {
    const doc = parseStructured('x.yaml', 'kind: Pod\nspec:\n  containers:\n  - name: web\n    command: [nginx, -g, "daemon off;"]\n    args: ["--kube-apiserver=no"]\n').documents[0];
    assert.equal(isKubeApiserverDocument(doc?.data), false);
    assert.equal(isKubeApiserverDocument({ kind: 'ConfigMap', data: { cmd: 'kube-apiserver' } }), false);
  });
});

describe('volume mounts', () => {
  const mounts = [
    { mountPath: '/var/log/kubernetes/audit/', hostPath: '/var/log/kubernetes/audit/' },
    { mountPath: '/etc/kubernetes/audit-policy.yaml', hostPath: '/srv/policies/audit.yaml' },
    { mountPath: '/var/log', hostPath: null },
  ];
  test('maps container paths through hostPath mounts, longest mount first', () => {
    assert.equal(hostPathOf('/var/log/kubernetes/audit/audit.log', mounts), '/var/log/kubernetes/audit/audit.log');
    assert.equal(hostPathOf('/etc/kubernetes/audit-policy.yaml', mounts), '/srv/policies/audit.yaml');
  });
  test('paths outside hostPath mounts stay in the container', () => {
    assert.equal(hostPathOf('/var/log/other.log', mounts), null);
    assert.equal(hostPathOf('/tmp/audit.log', mounts), null);
    assert.equal(hostPathOf('/var/log/kubernetes/auditx/a.log', mounts), null);
  });
  test('reads mounts from the pod spec', () => {
    const [api] = read(
      staticPod(
        ['--audit-log-path=/var/log/kubernetes/audit/audit.log'],
        `    volumeMounts:
    - { name: audit-log, mountPath: /var/log/kubernetes/audit }
    - { name: scratch, mountPath: /tmp }
  volumes:
  - name: audit-log
    hostPath: { path: /var/log/kubernetes/audit, type: DirectoryOrCreate }
  - name: scratch
    emptyDir: {}
`,
      ),
    );
    assert.deepEqual(api?.mounts, [
      { mountPath: '/var/log/kubernetes/audit', hostPath: '/var/log/kubernetes/audit' },
      { mountPath: '/tmp', hostPath: null },
    ]);
  });
});

test('shellWords honours quotes and escapes', () => {
  assert.deepEqual(shellWords(`a 'b c' "d \\"e\\"" f\\ g`), ['a', 'b c', 'd "e"', 'f g']);
});
