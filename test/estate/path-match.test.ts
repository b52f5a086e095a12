import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bestFileMatch, isLogFileOf, nearest, sharedTail } from '../../src/estate/path-match.js';

test('sharedTail counts equal trailing segments', () => {
  assert.equal(sharedTail('/etc/kubernetes/audit-policy.yaml', 'node1/etc/kubernetes/audit-policy.yaml'), 3);
  assert.equal(sharedTail('/etc/kubernetes/audit-policy.yaml', 'k8s/audit-policy.yaml'), 1);
  assert.equal(sharedTail('/etc/kubernetes/audit-policy.yaml', 'etc/kubernetes/policy.yaml'), 0);
});

test('bestFileMatch prefers the longest tail and never guesses between equals', () => {
  const files = ['a/etc/kubernetes/audit.yaml', 'b/audit.yaml', 'c/kubernetes/audit.yaml'];
  assert.deepEqual(bestFileMatch(['/etc/kubernetes/audit.yaml'], files), { kind: 'found', path: 'a/etc/kubernetes/audit.yaml' });
  assert.deepEqual(bestFileMatch(['/srv/audit.yaml'], files), { kind: 'ambiguous', paths: ['a/etc/kubernetes/audit.yaml', 'b/audit.yaml', 'c/kubernetes/audit.yaml'] });
  assert.deepEqual(bestFileMatch(['/srv/other.yaml'], files), { kind: 'none' });
  assert.equal(bestFileMatch(['/x/kubernetes/audit.yaml'], files).kind, 'ambiguous');
  assert.deepEqual(bestFileMatch(['/x/c/kubernetes/audit.yaml', '/srv/audit.yaml'], files), { kind: 'found', path: 'c/kubernetes/audit.yaml' });
});

test('isLogFileOf accepts the file and its rotations in a matching folder', () => {
  const declared = '/var/log/kubernetes/audit/audit.log';
  for (const ok of [
    'var/log/kubernetes/audit/audit.log',
    'node-1/var/log/kubernetes/audit/audit.log.1',
    'audit/audit.log.2.gz',
    'audit/audit-2024-05-01T10-00-00.000.log',
    'audit.log',
    'kubernetes/audit/audit.log',
  ]) {
    assert.ok(isLogFileOf(declared, ok), ok);
  }
  // The last two: another host's auditd log only shares the folder name `audit` with the apiserver's.
  for (const no of [
    'var/log/kubernetes/other/audit.log',
    'var/log/kubernetes/audit/auditd.log',
    'audit/audit.json',
    'audit/audit-trail.txt',
    'bastion-1/var/log/audit/audit.log',
    'log/audit/audit.log',
  ]) {
    assert.ok(!isLogFileOf(declared, no), no);
  }
});

test('equal matches are settled by nearness to the declaring file (one folder per node)', () => {
  const files = ['node-1/etc/kubernetes/audit.yaml', 'node-2/etc/kubernetes/audit.yaml'];
  assert.deepEqual(bestFileMatch(['/etc/kubernetes/audit.yaml'], files, 'node-2/etc/kubernetes/manifests/kube-apiserver.yaml'), {
    kind: 'found',
    path: 'node-2/etc/kubernetes/audit.yaml',
  });
  assert.equal(bestFileMatch(['/etc/kubernetes/audit.yaml'], files, 'elsewhere/api.yaml').kind, 'ambiguous');
  assert.equal(nearest(['a/x/1', 'a/y/1', 'b/x/1'], (p) => p, 'a/x/2'), 'a/x/1');
  assert.equal(nearest(['a/x/1', 'a/y/1'], (p) => p, 'a/z/2'), null);
});
