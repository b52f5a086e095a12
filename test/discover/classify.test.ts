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
  assert.equal(classifyFile('audit.log.gz', head('\u001f\u008b')).read, 'log', 'gzip logs are read transparently');
  assert.equal(classifyFile('CloudTrail/x.json.gz', head('\u001f\u008b')).read, 'log');
  assert.deepEqual(classifyFile('blob.gz', head('\u001f\u008b')), { read: 'skip', reason: 'compressed file of unknown kind' });
  assert.equal(classifyFile('site.tgz', head('\u001f\u008b')).read, 'skip');
  const huge = classifyFile('big.yaml', head('a: 1\n', MAX_STRUCTURED_BYTES + 1));
  assert.equal(huge.read, 'skip');
  assert.match((huge as { reason: string }).reason, /too large/);
  assert.deepEqual(classifyFile('README.md', head('# hello\n')), { read: 'skip', reason: 'not recognised' });
});

test('a JSON manifest without a .json name is recognised by content (GCE .manifest files)', () => {
  assert.deepEqual(classifyFile('etc/kubernetes/manifests/kube-apiserver.manifest', head('{\n"apiVersion": "v1",\n"kind": "Pod",\n"metadata": {}\n}\n')), { read: 'structured' });
});

test('logs are found by content and by their usual names, config files are not sniffed', () => {
  assert.deepEqual(classifyFile('var/log/secure', head('anything\n')), { read: 'log' });
  assert.deepEqual(classifyFile('var/log/messages-20240101', head('anything\n')), { read: 'log' });
  assert.deepEqual(classifyFile('dump/events', head('<34>1 2003-10-11T22:14:15.003Z mymachine su - ID47 - failed\n')), { read: 'log' });
  assert.deepEqual(classifyFile('dump/fw', head('CEF:0|Vendor|FW|1.0|100|Blocked|5|src=10.0.0.1\n')), { read: 'log' });
  assert.deepEqual(classifyFile('etc/app.conf', head('level=info msg=hello\nuser=a ip=b\n')), { read: 'skip', reason: 'not recognised' });
  assert.deepEqual(classifyFile('notes', head('Dear diary, today I wrote a log parser.\n')), { read: 'skip', reason: 'not recognised' });
});
