import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { otelInterpolates, parseEndpoint, splitHostPort, vectorInterpolates } from '../../src/adapters/shipper-kit/endpoint.js';
import { embeddedText, readEmbedded } from '../../src/adapters/shipper-kit/embedded.js';
import { globMatches } from '../../src/adapters/shipper-kit/pipeline-parts.js';
import { readToml } from '../../src/adapters/shipper-kit/toml.js';
import { firstDoc, lc } from './shippers-support.js';

describe('TOML with positions', () => {
  const text = `# top
title = "x"

[a]
b.c = 1            # dotted key
"quoted key" = 'v'
arr = [
  { name = "one", deep = { x = 1 } },
  """multi
line""",
  'lit',
]

[[tests]]
name = "first"
[[tests]]
name = "second"
[tests.inner]
k = true

[e."f.g"]
h = { i = [1, 2], j = "\\u00e9" }
`;
  const read = readToml('x.toml', text);

  test('values come from the parser, positions from the scan', () => {
    assert.ok(read.source);
    const at = (...path: (string | number)[]) => lc(read.source?.locate(path));
    assert.equal(at('title'), '2:1');
    assert.equal(at('a'), '4:1');
    assert.equal(at('a', 'b', 'c'), '5:1');
    assert.equal(at('a', 'quoted key'), '6:1');
    assert.equal(at('a', 'arr'), '7:1');
    assert.equal(at('a', 'arr', 0), '8:3');
    assert.equal(at('a', 'arr', 0, 'deep', 'x'), '8:28');
    assert.equal(at('a', 'arr', 1), '9:3');
    assert.equal(at('a', 'arr', 2), '11:3');
    assert.equal(at('tests', 0, 'name'), '15:1');
    assert.equal(at('tests', 1), '16:1');
    assert.equal(at('tests', 1, 'name'), '17:1');
    assert.equal(at('tests', 1, 'inner', 'k'), '19:1');
    assert.equal(at('e', 'f.g', 'h', 'j'), '22:19');
    assert.equal(at('e', 'f.g', 'h', 'i', 1), '22:15');
    assert.equal(at('missing', 'x'), '1:1', 'no ancestor: the file start');
    assert.equal(at('a', 'nothing'), '4:1', 'closest existing ancestor');
  });

  test('a syntax error has its position and names no value', () => {
    const bad = readToml('x.toml', 'a = 1\npassword = "s3cr3t\n');
    assert.equal(bad.source, null);
    assert.deepEqual([bad.problem?.line, bad.problem?.column], [2, 19]);
    assert.ok(!bad.problem?.message.includes('s3cr3t'));
    assert.equal(readToml('x.toml', `a = ${'['.repeat(200)}${']'.repeat(200)}`).source, null, 'deep nesting is refused');
  });
});

describe('endpoints', () => {
  test('credentials, query and fragment are dropped; ports and loopback', () => {
    assert.deepEqual(parseEndpoint('https://u:p@es.example:9200/x?api_key=k#f'), { display: 'https://es.example:9200/x', scheme: 'https', host: 'es.example', port: 9200, explicitPort: 9200, loopback: false });
    assert.deepEqual(parseEndpoint('http://[::1]/'), { display: 'http://[::1]/', scheme: 'http', host: '::1', port: 80, explicitPort: null, loopback: true });
    assert.deepEqual(parseEndpoint('127.0.0.2:514'), { display: '127.0.0.2:514', scheme: null, host: '127.0.0.2', port: 514, explicitPort: 514, loopback: true });
    assert.equal(parseEndpoint('0.0.0.0:4317')?.loopback, true);
    assert.equal(parseEndpoint('  '), null);
    assert.deepEqual(splitHostPort('fe80::1'), { host: 'fe80::1', port: null });
    assert.deepEqual(splitHostPort('host:99999'), { host: 'host', port: null });
  });

  test('interpolation: Vector ($VAR, ${VAR}, SECRET[...], $$ escapes) and the collector (${...})', () => {
    assert.ok(vectorInterpolates('${ES_HOST}:9200'));
    assert.ok(vectorInterpolates('http://$HOST'));
    assert.ok(vectorInterpolates('SECRET[backend.token]'));
    assert.ok(!vectorInterpolates('price $$5 and $1'));
    assert.ok(otelInterpolates('${env:OTLP}'));
    assert.ok(!otelInterpolates('$$literal and $HOME'));
  });

  test('component globs, bounded', () => {
    assert.ok(globMatches('app_*', 'app_nginx'));
    assert.ok(globMatches('*', 'x'));
    assert.ok(globMatches('a?c*', 'abcdef'));
    assert.ok(!globMatches('app_*', 'web'));
    assert.ok(!globMatches(`${'*a'.repeat(300)}b`, 'a'.repeat(400)));
  });
});

describe('configs embedded in manifests', () => {
  test('a literal block keeps its lines; the column assumes two more spaces than the key', () => {
    const doc = firstDoc('cm.yaml', 'kind: ConfigMap\ndata:\n  a.yaml: |\n    x: 1\n\n    y:\n      z: 2\n  b: c\n');
    const embedded = embeddedText(doc, ['data'], 'a.yaml');
    assert.ok(embedded);
    const source = readEmbedded(embedded, 'yaml').source;
    assert.deepEqual([lc(source?.locate(['x'])), lc(source?.locate(['y', 'z']))], ['4:5', '7:7']);
  });

  test('a string that cannot be a literal block is reported at its key', () => {
    const doc = firstDoc('cm.yaml', 'kind: ConfigMap\ndata:\n  a.yaml: "x: 1\\ny: 2\\n"\n  b: c\n');
    const embedded = embeddedText(doc, ['data'], 'a.yaml');
    assert.ok(embedded);
    assert.equal(lc(readEmbedded(embedded, 'yaml').source?.locate(['y'])), '3:3');
  });

  test('parse errors inside are mapped into the manifest', () => {
    const doc = firstDoc('cm.yaml', 'kind: ConfigMap\ndata:\n  a.yaml: |\n    x: [1\n    y: 2\n');
    const embedded = embeddedText(doc, ['data'], 'a.yaml');
    assert.ok(embedded);
    const read = readEmbedded(embedded, 'yaml');
    assert.equal(read.source, null);
    assert.ok(read.problems.length > 0 && read.problems.every((p) => p.at.line >= 4 && p.at.path === 'cm.yaml'));
  });
});
