/**
 * Properties of the Vector, OpenTelemetry Collector and systemd-journal-upload readers: arbitrary
 * text, arbitrary data and mutated real configs never make them throw; every read is a
 * well-formed ConfigRead (1-based positions, unique ids, edges between known ids); claims never
 * throw; no prototype is polluted; each read finishes within the time bound.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import { ADAPTERS as JOURNAL_UPLOAD } from '../../src/adapters/journal-upload.js';
import { ADAPTERS as OTEL } from '../../src/adapters/otel-collector.js';
import { tomlPositions } from '../../src/adapters/shipper-kit/toml.js';
import { ADAPTERS as VECTOR } from '../../src/adapters/vector.js';
import { parseStructured } from '../../src/documents/yaml-document.js';
import type { ConfigRead } from '../../src/model/pipeline.js';
import { assertWellFormed } from '../adapters/shippers-support.js';
import { REPO, anyText, assertNoPollution, fixtureTexts, jsonish, mutatedText, prototypeKeys, runs, timed } from './support.js';

const baseline = prototypeKeys();
after(() => assertNoPollution(baseline));

/** Every file of a corpus folder (the shared corpus sits next to the repository). */
function corpusTexts(folder: string): string[] {
  const dir = join(REPO, '..', 'shared', 'corpus', 'shippers', folder);
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

const VECTOR_TOML = `[sources.auth]
type = "file"
include = ["/var/log/auth.log"]
[transforms.r]
type = "route"
inputs = ["auth", "j*"]
route.a = "true"
[sources.j]
type = "journald"
[sinks.es]
type = "elasticsearch"
inputs = ["r.a"]
endpoints = ["https://u:p@es:9200"]
bulk.index = "audit"
buffer = [{ type = "memory", when_full = "overflow" }, { type = "disk", max_size = 1 }]
tls = { verify_certificate = false }
[sinks.k]
type = "kafka"
inputs = ["*"]
bootstrap_servers = "\${BROKERS}"
`;

const OTEL_YAML = `receivers:
  filelog: {include: [/var/log/*.log], exclude: [/var/log/x.log]}
  otlp: {protocols: {grpc: {}, http: {endpoint: "0.0.0.0:4318"}}}
  syslog: {tcp: {listen_address: "0.0.0.0:514"}}
connectors:
  forward: {}
extensions:
  file_storage: {directory: /var/lib/q}
exporters:
  otlp: {endpoint: "gw:4317", tls: {insecure: true}, sending_queue: {storage: file_storage}}
  kafka: {brokers: [k:9092], tls: {insecure_skip_verify: true}}
  syslog: {endpoint: siem, network: udp}
service:
  extensions: [file_storage]
  pipelines:
    logs/a: {receivers: [filelog, syslog], exporters: [forward]}
    logs/b: {receivers: [forward, otlp], exporters: [otlp, kafka, syslog]}
`;

const JOURNAL = `[Upload]
URL=https://logs.example:19532
TrustedCertificateFile=-
ServerKeyFile=/etc/k.pem \\
# comment
`;

const VECTOR_SAMPLES = [...corpusTexts('vector'), VECTOR_TOML];
const OTEL_SAMPLES = [...corpusTexts('otel-collector'), OTEL_YAML, ...fixtureTexts(/otel-collector\.yaml$/)];

function checkRead(read: ConfigRead, kind: string): void {
  assertWellFormed(read, kind);
  if (read.fatal) assert.ok(read.problems.length > 0, 'a fatal read names its problem');
}

/** Runs every document adapter of a module over the documents of a text, as the scan does. */
function readDocuments(path: string, text: string, adapters: typeof VECTOR, kind: string): void {
  const parsed = timed('parse', () => parseStructured(path, text));
  for (const doc of parsed.documents) {
    for (const adapter of adapters.documents) {
      if (!adapter.claims(path, doc.data)) continue;
      checkRead(timed(kind, () => adapter.read(doc, NO_INCLUDES)), kind);
    }
  }
}

describe('vector: TOML text', () => {
  const adapter = VECTOR.text[0];
  assert.ok(adapter);
  test('arbitrary text: claims and reads never throw', () => {
    fc.assert(
      fc.property(anyText(400), (text) => {
        adapter.claims('vector.toml', text);
        checkRead(timed('vector toml', () => adapter.read({ path: 'vector.toml', text }, NO_INCLUDES)), 'vector');
      }),
      runs(300),
    );
  });
  test('mutated real configs', () => {
    fc.assert(
      fc.property(mutatedText(VECTOR_SAMPLES, 6), (text) => {
        checkRead(timed('vector toml', () => adapter.read({ path: 'vector.toml', text }, NO_INCLUDES)), 'vector');
        timed('toml positions', () => tomlPositions('x.toml', text));
      }),
      runs(300),
    );
  });
});

describe('vector and otel-collector: YAML/JSON documents', () => {
  test('mutated real configs', () => {
    fc.assert(
      fc.property(mutatedText([...VECTOR_SAMPLES, ...OTEL_SAMPLES], 6), (text) => {
        readDocuments('c.yaml', text, VECTOR, 'vector');
        readDocuments('c.yaml', text, OTEL, 'otel-collector');
      }),
      runs(300),
    );
  });

  test('arbitrary data under the keys the readers look at', () => {
    const shaped = fc.record({
      sources: jsonish(3),
      transforms: jsonish(3),
      sinks: fc.dictionary(fc.constantFrom('a', 'b', '__proto__', 'constructor'), fc.record({ type: fc.constantFrom('elasticsearch', 'socket', 'kafka', 'vector', 'file', 'x'), inputs: jsonish(2), endpoint: jsonish(1), buffer: jsonish(2), tls: jsonish(2) }, { requiredKeys: ['type'] })),
      receivers: jsonish(3),
      exporters: fc.dictionary(fc.constantFrom('otlp', 'otlphttp/x', 'kafka', 'syslog', '__proto__'), jsonish(3)),
      connectors: jsonish(2),
      extensions: jsonish(2),
      service: fc.record({ extensions: jsonish(1), pipelines: fc.dictionary(fc.constantFrom('logs', 'logs/x', 'traces', '__proto__'), jsonish(2)) }),
    }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(shaped, jsonish(4)), (value) => {
        const text = JSON.stringify(value) ?? 'null';
        readDocuments('c.json', text, VECTOR, 'vector');
        readDocuments('c.json', text, OTEL, 'otel-collector');
      }),
      runs(300),
    );
  });

  test('ConfigMaps with mutated embedded configs', () => {
    const embed = (body: string, key: string): string => `apiVersion: v1\nkind: ConfigMap\ndata:\n  ${key}: |\n${body.split('\n').map((l) => `    ${l}`).join('\n')}\n`;
    fc.assert(
      fc.property(mutatedText([...VECTOR_SAMPLES, ...OTEL_SAMPLES], 4), fc.constantFrom('vector.yaml', 'vector.toml', 'relay', 'config.yaml'), (body, key) => {
        const text = embed(body, key);
        readDocuments('cm.yaml', text, VECTOR, 'vector');
        readDocuments('cm.yaml', text, OTEL, 'otel-collector');
      }),
      runs(200),
    );
  });
});

describe('journal-upload', () => {
  const adapter = JOURNAL_UPLOAD.text[0];
  assert.ok(adapter);
  test('arbitrary and mutated text never throws', () => {
    fc.assert(
      fc.property(fc.oneof(anyText(400), mutatedText([JOURNAL], 6)), (text) => {
        adapter.claims('etc/systemd/journal-upload.conf', text);
        checkRead(timed('journal-upload', () => adapter.read({ path: 'etc/systemd/journal-upload.conf', text }, NO_INCLUDES)), 'journal-upload');
      }),
      runs(300),
    );
  });
});
