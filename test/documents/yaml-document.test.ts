import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseStructured } from '../../src/documents/yaml-document.js';

const text = `# comment
apiVersion: v1
kind: Pod
spec:
  containers:
  - name: a
    command:
    - kube-apiserver
    - --x=1
---
kind: Second
`;

describe('parseStructured', () => {
  test('multi-document streams give one document each, with data', () => {
    const { documents, errors } = parseStructured('m.yaml', text);
    assert.equal(errors.length, 0);
    assert.equal(documents.length, 2);
    assert.deepEqual(documents[1]?.data, { kind: 'Second' });
    assert.equal(documents[1]?.index, 1);
  });
  test('locate maps paths to 1-based lines and columns', () => {
    const doc = parseStructured('m.yaml', text).documents[0];
    assert.ok(doc);
    assert.deepEqual(doc.locate(['kind']), { path: 'm.yaml', line: 3, column: 1 });
    assert.deepEqual(doc.locate(['spec', 'containers', 0, 'command', 1]), { path: 'm.yaml', line: 9, column: 7 });
    assert.deepEqual(doc.locate(['spec', 'containers', 0]), { path: 'm.yaml', line: 6, column: 5 });
  });
  test('a missing key maps to its closest existing ancestor', () => {
    const doc = parseStructured('m.yaml', text).documents[0];
    assert.ok(doc);
    assert.equal(doc.locate(['spec', 'containers', 0, 'args', 3]).line, 6);
    assert.equal(doc.locate(['spec', 'containers', 0, 'command', 9]).line, 7);
    assert.equal(doc.locate(['status']).line, 2);
  });
  test('the second document locates in its own range', () => {
    const doc = parseStructured('m.yaml', text).documents[1];
    assert.equal(doc?.locate(['kind']).line, 11);
  });
  test('absurdly deep nesting is a parse problem, not a crash', () => {
    const deep = `${'['.repeat(20000)}${']'.repeat(20000)}`;
    const { documents, errors } = parseStructured('deep.json', deep);
    assert.equal(documents.length, 0);
    assert.equal(errors.length, 1);
  });
  test('JSON is read too, with positions', () => {
    const { documents } = parseStructured('a.json', '{\n  "a": {\n    "b": [1, 2]\n  }\n}\n');
    assert.deepEqual(documents[0]?.locate(['a', 'b', 1]), { path: 'a.json', line: 3, column: 14 });
  });
  test('syntax errors keep their position and one-line message', () => {
    const { documents, errors } = parseStructured('bad.yaml', 'a: 1\nb: [1, 2\nc: 3\n');
    assert.equal(documents.length, 0);
    assert.ok(errors.length > 0);
    assert.equal(errors[0]?.line, 3);
    assert.ok(!errors[0]?.message.includes('\n'));
  });
  test('an alias bomb is refused instead of expanded', () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    const { documents, errors } = parseStructured('bomb.yaml', bomb);
    assert.equal(documents.length, 0);
    assert.deepEqual(errors, [{ line: 1, column: 1, message: 'too many aliases (resource exhaustion)' }]);
  });
});
