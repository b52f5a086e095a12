import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import { claimsAuditWebhook, readAuditWebhook } from '../../src/adapters/audit-webhook.js';
import { REPO } from '../helpers.js';
import { assertWellFormed, doc, only, where } from './hosts-support.js';

const read = (path: string, yaml: string) => readAuditWebhook(doc(path, yaml), NO_INCLUDES);

const kubeconfig = (cluster: string, user = '      token: s3cr3t-t0ken-value\n', name = 'collector') => `apiVersion: v1
kind: Config
clusters:
  - name: ${name}
    cluster:
${cluster}contexts:
  - name: default
    context:
      cluster: ${name}
      user: apiserver
current-context: default
users:
  - name: apiserver
    user:
${user}`;

describe('audit webhook: claims', () => {
  test('a kubeconfig named or describing itself as an audit webhook', () => {
    const data = { apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'c', cluster: { server: 'https://x' } }] };
    assert.ok(claimsAuditWebhook('etc/kubernetes/audit-webhook.kubeconfig', data));
    assert.ok(claimsAuditWebhook('etc/kubernetes/audit/kubeconfig', data));
    assert.ok(claimsAuditWebhook('etc/kubernetes/webhook.yaml', { ...data, clusters: [{ name: 'audit-sink', cluster: { server: 'https://x' } }] }));
    assert.ok(claimsAuditWebhook('etc/kubernetes/webhook.yaml', { ...data, clusters: [{ name: 'c', cluster: { server: 'https://collector:8443/k8s-audit' } }] }));
  });
  test('not: admin and other webhook kubeconfigs, other kinds', () => {
    const data = { apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'kubernetes', cluster: { server: 'https://10.0.0.1:6443' } }] };
    assert.ok(!claimsAuditWebhook('etc/kubernetes/admin.conf', data));
    assert.ok(!claimsAuditWebhook('etc/kubernetes/authz-webhook.yaml', data));
    assert.ok(!claimsAuditWebhook('audit/policy.yaml', { apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [] }));
    assert.ok(!claimsAuditWebhook('audit/x.yaml', { kind: 'Config' }));
  });
});

describe('audit webhook: facts', () => {
  test('the demo fixture: https, verified with a CA file, client certificate', () => {
    const path = 'fixtures/demo/etc/kubernetes/audit-webhook.kubeconfig';
    const r = read(path, readFileSync(join(REPO, path), 'utf8'));
    const s = only(r);
    assert.equal(s.id, `audit-webhook:${path}`);
    assert.equal(s.facts.server, 'https://audit-collector.logging.svc:8443/k8s-audit');
    assert.equal(s.facts.tls, true);
    assert.equal(s.facts.tlsVerify, true);
    assert.equal(s.facts.caSource, 'file');
    assert.equal(s.facts.clientAuth, true);
    assert.equal(s.facts.clientAuthMethod, 'client-certificate');
    assert.equal(s.facts.remote, true);
    assert.equal(where(s, 'server'), `${path}:7:7`);
    assertWellFormed(r, 'audit-webhook');
  });
  test('http: no TLS; insecure-skip-tls-verify: TLS without verification, located there', () => {
    const plain = only(read('audit-webhook.yaml', kubeconfig('      server: http://collector:8080/audit\n')));
    assert.equal(plain.facts.tls, false);
    assert.equal(plain.facts.tlsVerify, false);
    const insecure = only(read('audit-webhook.yaml', kubeconfig('      server: https://collector:8443\n      insecure-skip-tls-verify: true\n')));
    assert.equal(insecure.facts.tls, true);
    assert.equal(insecure.facts.tlsVerify, false);
    assert.equal(where(insecure, 'tlsVerify'), 'audit-webhook.yaml:7:7');
  });
  test('no CA given: the system roots verify; a token is client auth and is never copied', () => {
    const r = read('audit-webhook.yaml', kubeconfig('      server: https://user:pw@collector.example.com/ingest?key=abc\n'));
    const s = only(r);
    assert.equal(s.facts.caSource, 'system');
    assert.equal(s.facts.tlsVerify, true);
    assert.equal(s.facts.clientAuthMethod, 'token');
    assert.equal(s.facts.server, 'https://collector.example.com/ingest');
    assert.ok(!JSON.stringify(r).includes('s3cr3t'));
    assert.ok(!JSON.stringify(r).includes(':pw@'));
  });
  test('a user without credentials: no client auth', () => {
    const s = only(read('audit-webhook.yaml', kubeconfig('      server: https://c\n', '      {}\n')));
    assert.equal(s.facts.clientAuth, false);
  });
  test('current-context naming nothing, and several clusters without one: not understood, facts null', () => {
    const r = read('audit-webhook.yaml', 'apiVersion: v1\nkind: Config\nclusters:\n  - name: a\n    cluster: {server: "https://a"}\n  - name: b\n    cluster: {server: "https://b"}\n');
    assert.equal(only(r).facts.server, null);
    assert.equal(only(r).facts.tls, null);
    assert.equal(r.unknowns.length, 1);
    const missing = read('audit-webhook.yaml', kubeconfig('      server: https://c\n').replace('current-context: default', 'current-context: other'));
    assert.equal(missing.unknowns[0]?.construct, 'current-context other');
  });
});
