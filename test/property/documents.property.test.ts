/**
 * Properties of parseStructured (YAML/JSON documents): whatever the text, it returns documents and
 * errors instead of throwing, every error is one line at a real position that quotes nothing of
 * the file, every document can locate any path, it finishes within the time bound, and it never
 * pollutes a prototype. JSON documents read back as the values they were written from.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { stringify as yamlStringify } from 'yaml';
import { MAX_NESTING, parseStructured } from '../../src/documents/yaml-document.js';
import type { ParsedFile } from '../../src/documents/yaml-document.js';
import {
  KEY,
  anyText,
  assertNoPollution,
  assertOneLine,
  containsCanary,
  fixtureTexts,
  jsonish,
  mutatedText,
  prototypeKeys,
  repoText,
  runs,
  timed,
  withCanary,
} from './support.js';

const baseline = prototypeKeys();
after(() => assertNoPollution(baseline));

const YAML_SAMPLES = [
  ...fixtureTexts(/\.(ya?ml|kubeconfig|manifest)$/),
  ...['rules/realtime.yaml', 'rules/retention.yaml', 'profiles/ztmm.yaml'].map(repoText),
  '{"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [{"name": "a", "command": ["kube-apiserver", "--audit-log-path=/x"]}]}}\n',
  'a: &x {b: 1}\nc: *x\nd: [*x, *x]\n',
  "k: 'single ''quoted'''\nl: \"double \\u00e9 \\\"q\\\"\"\nm: |\n  block\n  text\nn: >-\n  folded\n",
];

/** Path segments for locate: real keys of k8s documents, indexes, and nonsense. */
const docPath = fc.array(fc.oneof(fc.constantFrom('spec', 'rules', 'containers', 'metadata', 'command', 'args', 'level', '__proto__', ''), fc.nat({ max: 12 }), KEY), { maxLength: 8 });

function checkParsed(label: string, text: string, parsed: ParsedFile, paths: readonly (string | number)[][]): void {
  assert.ok(Array.isArray(parsed.documents) && Array.isArray(parsed.errors), label);
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const error of parsed.errors) {
    assert.ok(Number.isInteger(error.line) && error.line >= 1 && error.line <= lines + 1, `${label}: error line ${error.line} of ${lines}`);
    assert.ok(Number.isInteger(error.column) && error.column >= 1, `${label}: error column ${error.column}`);
    assertOneLine(error.message, label);
    assert.ok(!containsCanary(error.message), `${label}: an error quotes the file: ${error.message}`);
  }
  parsed.documents.forEach((doc, i) => {
    assert.notEqual(doc.data, null);
    assert.notEqual(doc.data, undefined);
    if (i > 0) assert.ok(doc.index > (parsed.documents[i - 1]?.index ?? -1), `${label}: document indexes increase`);
    for (const path of paths) {
      const at = doc.locate(path);
      assert.equal(at.path, 'doc.yaml');
      assert.ok(Number.isInteger(at.line) && at.line >= 1 && at.line <= lines + 1, `${label}: locate ${JSON.stringify(path)} gave line ${at.line}`);
      assert.ok(Number.isInteger(at.column) && at.column >= 1);
    }
  });
}

function parse(text: string): ParsedFile {
  return timed(`parseStructured (${text.length} chars)`, () => parseStructured('doc.yaml', text));
}

describe('parseStructured never throws and stays within its bounds', () => {
  test('arbitrary text', () => {
    fc.assert(
      fc.property(anyText(400), fc.array(docPath, { maxLength: 3 }), (text, paths) => {
        checkParsed('arbitrary', text, parse(text), paths);
      }),
      runs(400),
    );
  });

  test('mutated real YAML and JSON (fixtures, rule packs, profiles) with a secret planted', () => {
    fc.assert(
      fc.property(mutatedText(YAML_SAMPLES), withCanary(), fc.array(docPath, { maxLength: 3 }), (text, plant, paths) => {
        const planted = plant(text);
        checkParsed('mutated', planted, parse(planted), paths);
      }),
      runs(300),
    );
  });

  test('deep nesting, alias chains and recursive aliases are errors, not crashes', () => {
    const nested = fc.tuple(fc.constantFrom('[', '{"a":', '{a: ', '- ', 'block', 'seq'), fc.integer({ min: 1, max: 3000 })).map(([kind, depth]) => {
      if (kind === 'block') return Array.from({ length: Math.min(depth, 400) }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n';
      if (kind === 'seq') return Array.from({ length: Math.min(depth, 300) }, (_, i) => `${' '.repeat(i * 2)}- `).join('\n') + '1\n';
      const close = kind === '[' ? ']' : kind === '- ' ? '' : '}';
      return kind.repeat(depth) + '1' + close.repeat(depth);
    });
    const aliasChain = fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 12 })).map(([depth, links]) => {
      let text = `a0: &a0 ${'['.repeat(depth)}1${']'.repeat(depth)}\n`;
      for (let i = 1; i < links; i++) text += `a${i}: &a${i} ${'['.repeat(depth)}*a${i - 1}${']'.repeat(depth)}\n`;
      return text;
    });
    const recursive = fc.constantFrom('a: &x [*x]\n', 'a: &x {b: *x}\n', '&x [1, *x]\n', 'a: &x\n  b: [c, *x]\n', 'a: &x\n  - *x\n', '- &x {k: [*x]}\n');
    fc.assert(
      fc.property(fc.oneof(nested, aliasChain, recursive), (text) => {
        // Twice: the second parse of a deep document is the one that used to abort the process.
        for (let i = 0; i < 2; i++) {
          const parsed = parse(text);
          checkParsed('deep', text, parsed, [['a0'], [0, 0, 0]]);
          for (const doc of parsed.documents) assert.doesNotThrow(() => JSON.stringify(doc.data), 'a document refers to itself');
        }
      }),
      runs(200),
    );
    assert.ok(MAX_NESTING >= 64, 'real documents nest far less deep than the limit');
  });
});

describe('structured documents read back as written', () => {
  const value = jsonish(5);

  test('JSON text of any value parses to that value (prototype keys included)', () => {
    fc.assert(
      fc.property(value, (v) => {
        const text = JSON.stringify(v);
        fc.pre(text !== undefined);
        const expected: unknown = JSON.parse(text);
        // YAML keys are limited to 1024 characters in flow mappings (JSON objects).
        fc.pre(!/"[^"]{1025,}":/.test(text));
        const parsed = parse(text);
        checkParsed('json', text, parsed, []);
        assert.deepEqual(parsed.errors, []);
        if (expected === null) assert.equal(parsed.documents.length, 0);
        else assert.deepEqual(parsed.documents[0]?.data, expected);
        if (typeof expected === 'object' && expected !== null && Object.hasOwn(expected, '__proto__')) {
          assert.ok(Object.hasOwn(parsed.documents[0]?.data as object, '__proto__'), '__proto__ stays an own key');
        }
      }),
      runs(300),
    );
  });

  test('YAML text of any value parses to that value', () => {
    fc.assert(
      fc.property(value, (v) => {
        const expected: unknown = JSON.parse(JSON.stringify(v) ?? 'null');
        const text = yamlStringify(expected);
        const parsed = parse(text);
        checkParsed('yaml', text, parsed, []);
        assert.deepEqual(parsed.errors, []);
        if (expected === null) assert.equal(parsed.documents.length, 0);
        else assert.deepEqual(parsed.documents[0]?.data, expected);
      }),
      runs(300),
    );
  });
});
