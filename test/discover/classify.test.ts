import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_STRUCTURED_BYTES, classifyFile } from '../../src/discover/classify.js';

const head = (text: string, size = text.length) => ({ bytes: Buffer.from(text), size });

test('YAML and JSON are structured; logs by name; JSON lines by content', () => {
  assert.deepEqual(classifyFile('a/policy.yaml', head('kind: Policy\n')), { read: 'structured' });
  assert.deepEqual(classifyFile('a/plan.json', head('{\n  "a": 1\n}\n')), { read: 'structured' });
  assert.deepEqual(classifyFile('a/events.json', head('{"a":1}\n{"a":2}\n')), { read: 'log' });
  assert.deepEqual(classifyFile('var/log/audit.log', head('anything\n')), { read: 'log' });
  assert.deepEqual(classifyFile('var/log/audit.log.1', head('anything\n')), { read: 'log' });
  assert.deepEqual(classifyFile('x/events', head('{"ts":"2024-01-01T00:00:00Z"}\n')), { read: 'log' });
  assert.deepEqual(classifyFile('x/manifest', head('apiVersion: v1\nkind: Pod\n')), { read: 'structured' });
});

test('binary, compressed, huge and unknown files are skipped with a reason', () => {
  assert.deepEqual(classifyFile('a.bin', head('ab\u0000cd')), { read: 'skip', reason: 'binary file' });
  assert.equal(classifyFile('a.log', head('ab\u0000cd')).read, 'skip');
  assert.equal(classifyFile('audit.log.gz', head('\u001f\u008b')).read, 'skip');
  const huge = classifyFile('big.yaml', head('a: 1\n', MAX_STRUCTURED_BYTES + 1));
  assert.equal(huge.read, 'skip');
  assert.match((huge as { reason: string }).reason, /too large/);
  assert.deepEqual(classifyFile('README.md', head('# hello\n')), { read: 'skip', reason: 'not recognised' });
});

test('a JSON manifest without a .json name is recognised by content (GCE .manifest files)', () => {
  assert.deepEqual(classifyFile('etc/kubernetes/manifests/kube-apiserver.manifest', head('{\n"apiVersion": "v1",\n"kind": "Pod",\n"metadata": {}\n}\n')), { read: 'structured' });
});
