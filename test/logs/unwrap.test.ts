import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unwrapEvent } from '../../src/logs/unwrap.js';

test('Docker json-file and Elastic fixture wrappers give the inner event', () => {
  assert.deepEqual(unwrapEvent({ log: '{"user":"alice","action":"login"}\n', stream: 'stdout', time: '2024-01-01T00:00:00Z' }), {
    user: 'alice',
    action: 'login',
    '@wrapperTimestamp': '2024-01-01T00:00:00Z',
  });
  assert.deepEqual(unwrapEvent({ '@timestamp': 'x', message: '{"time":"y","a":1}' }), { time: 'y', a: 1 });
});

test('an Azure diagnostic record of an AKS audit event gives the Kubernetes event', () => {
  const inner = { kind: 'Event', apiVersion: 'audit.k8s.io/v1', auditID: 'a', verb: 'get' };
  assert.deepEqual(unwrapEvent({ category: 'kube-audit', operationName: 'x', time: 't', properties: { log: JSON.stringify(inner), pod: 'p' } }), { ...inner, '@wrapperTimestamp': 't' });
});

test('records that are events themselves are left alone', () => {
  const event = { message: '{"not": "unwrapped"}', user: 'bob' };
  assert.equal(unwrapEvent(event), event, 'a record with its own fields is an event');
  const text = { message: 'plain text', time: 't' };
  assert.equal(unwrapEvent(text), text);
  const broken = { log: '{broken', stream: 'stderr' };
  assert.equal(unwrapEvent(broken), broken);
});
