import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hostPathOf, isApiserverImage, isKubeApiserverDocument, parseGoInt, readKubeApiservers, shellWords } from '../../src/adapters/kube-apiserver.js';
import { parseStructured } from '../../src/documents/yaml-document.js';
import { staticPodManifest } from '../helpers.js';

function read(yaml: string) {
  const doc = parseStructured('m.yaml', yaml).documents[0];
  assert.ok(doc);
  return readKubeApiservers(doc);
}

const staticPod = staticPodManifest;

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

describe('pflag and kube-apiserver flag semantics', () => {
  test('underscores in flag names are dashes', () => {
    const [api] = read(staticPod(['--audit_log_path=/var/log/a.log', '--audit_log_maxage=40']));
    assert.equal(api?.audit.logPath, '/var/log/a.log');
    assert.equal(api?.audit.maxAge, 40);
  });
  test('integers are read like Go strconv.ParseInt base 0', () => {
    assert.equal(parseGoInt('30'), 30);
    assert.equal(parseGoInt('030'), 24);
    assert.equal(parseGoInt('0x1e'), 30);
    assert.equal(parseGoInt('0o36'), 30);
    assert.equal(parseGoInt('0b11110'), 30);
    assert.equal(parseGoInt('1_000'), 1000);
    assert.equal(parseGoInt('-1'), -1);
    assert.equal(parseGoInt('0'), 0);
    for (const bad of ['', '09', '1__0', '_1', '30d', '1e3', ' 30']) assert.equal(parseGoInt(bad), null, bad);
    const [api] = read(staticPod(['--audit-log-maxage=030']));
    assert.equal(api?.audit.maxAge, 24);
  });
  test('a value flag takes the next word even when it starts with a dash', () => {
    const [api] = read(staticPod(['--audit-log-path', '"-"', '--audit-log-maxage', '30']));
    assert.equal(api?.audit.logPath, '-');
    assert.equal(api?.audit.maxAge, 30);
  });
  test('flags after a shell operator belong to another command', () => {
    const yaml = `kind: Pod
metadata: { name: api }
spec:
  containers:
  - name: api
    command: ["/bin/sh", "-c", "kube-apiserver --audit-log-maxage=30 && echo --audit-log-maxage=1"]
`;
    assert.equal(read(yaml)[0]?.audit.maxAge, 30);
  });
});

describe('what counts as a kube-apiserver container', () => {
  test('a hostname in a shell script is not the apiserver binary', () => {
    const doc = parseStructured(
      'x.yaml',
      'kind: Deployment\nmetadata: { name: web }\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        command: ["sh", "-c", "until nc -z kube-apiserver 443; do sleep 1; done; exec /web"]\n',
    ).documents[0];
    assert.equal(isKubeApiserverDocument(doc?.data), false);
  });
  test('a program name after exec, a pipe or && is the apiserver', () => {
    for (const script of ['exec kube-apiserver --audit-log-maxage=9', 'sleep 1 && /usr/local/bin/kube-apiserver --audit-log-maxage=9', 'FOO=1 kube-apiserver --audit-log-maxage=9']) {
      const yaml = `kind: Pod\nmetadata: { name: a }\nspec:\n  containers:\n  - name: a\n    command: ["/bin/bash", "-c", ${JSON.stringify(script)}]\n`;
      assert.equal(read(yaml)[0]?.audit.maxAge, 9, script);
    }
  });
  test('a kube-apiserver word that is an argument of another program does not count', () => {
    const doc = parseStructured('x.yaml', 'kind: Pod\nspec:\n  containers:\n  - name: t\n    command: [curl, kube-apiserver]\n').documents[0];
    assert.equal(isKubeApiserverDocument(doc?.data), false);
  });
  test('the upstream image with flags in args only', () => {
    const yaml = `kind: Pod
metadata: { name: kube-apiserver, namespace: kube-system }
spec:
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.31.1@sha256:0123
    args: [--audit-log-path=/var/log/audit.log, --audit-log-maxage=31]
`;
    const [api] = read(yaml);
    assert.equal(api?.audit.maxAge, 31);
    assert.ok(isApiserverImage('k8s.gcr.io/kube-apiserver-amd64:v1.21.0'));
    assert.ok(!isApiserverImage('example.com/kube-apiserver-proxy:1'));
  });
  test('two apiservers in one file get distinct ids', () => {
    const two = `${staticPod(['--audit-log-path=-']).replace('name: kube-apiserver\n  namespace', 'name: kube-apiserver-cp1\n  namespace')}---\n${staticPod(['--audit-log-path=-']).replace('name: kube-apiserver\n  namespace', 'name: kube-apiserver-cp2\n  namespace')}`;
    const ids = parseStructured('pods.yaml', two).documents.flatMap((d) => readKubeApiservers(d).map((a) => a.id));
    assert.deepEqual(ids, ['Pod/kube-system/kube-apiserver-cp1', 'Pod/kube-system/kube-apiserver-cp2']);
  });
});

test('subPath mounts a folder inside the hostPath volume; subPathExpr is unknown', () => {
  const [api] = read(
    staticPod(
      ['--audit-log-path=/var/log/kubernetes/audit/audit.log'],
      `    volumeMounts:
    - { name: logs, mountPath: /var/log/kubernetes/audit/, subPath: apiserver }
    - { name: logs, mountPath: /data, subPathExpr: "$(POD_NAME)" }
  volumes:
  - { name: logs, hostPath: { path: /var/log/k8s } }
`,
    ),
  );
  assert.ok(api);
  assert.equal(hostPathOf('/var/log/kubernetes/audit/audit.log', api.mounts), '/var/log/k8s/apiserver/audit.log');
  assert.equal(hostPathOf('/data/x.log', api.mounts), null);
});

test('shellWords splits control operators but keeps redirections whole', () => {
  assert.deepEqual(shellWords('a;b && c || d | e & f 2>&1 >>/x'), ['a', ';', 'b', '&&', 'c', '||', 'd', '|', 'e', '&', 'f', '2>&1', '>>/x']);
});

describe('wrappers and the all-in-one hyperkube binary', () => {
  const pod = (command: string, args = ''): string =>
    `kind: Pod\nmetadata: { name: api, namespace: kube-system }\nspec:\n  containers:\n  - name: api\n    image: quay.io/coreos/hyperkube:v1.5.1\n${command}${args}`;
  test('hyperkube apiserver', () => {
    const [api] = read(pod('    command: [/hyperkube, apiserver, --audit-log-maxage=12]\n'));
    assert.equal(api?.audit.maxAge, 12);
  });
  test('flock LOCKFILE /hyperkube apiserver', () => {
    const [api] = read(pod('    command: [/usr/bin/flock, --exclusive, --timeout=30, /var/lock/api-server.lock, /hyperkube, apiserver, --audit-log-maxage=13]\n'));
    assert.equal(api?.audit.maxAge, 13);
  });
  test('an entrypoint wrapper (go-runner) with its own flags first, in args only: its flags are not the apiserver flags', () => {
    const yaml = `kind: Pod\nmetadata: { name: kube-apiserver, namespace: kube-system }\nspec:\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.0\n    args: [--log-file=/var/log/kube-apiserver.log, --also-stdout, /usr/local/bin/kube-apiserver, --audit-log-path=/var/log/kube-apiserver-audit.log, --log-file=/x]\n`;
    const [api] = read(yaml);
    assert.equal(api?.audit.logPath, '/var/log/kube-apiserver-audit.log');
    assert.equal(api?.locations['audit.logPath']?.line, 7);
  });
  test('hyperkube running another component is not an apiserver', () => {
    const doc = parseStructured('x.yaml', pod('    command: [/hyperkube, proxy, --master=https://10.0.0.1]\n')).documents[0];
    assert.equal(isKubeApiserverDocument(doc?.data), false);
  });
});
