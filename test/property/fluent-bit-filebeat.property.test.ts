/**
 * Properties of the Fluent Bit, Filebeat and Elastic Agent readers: arbitrary text and data,
 * mutated real configurations (the Fluent Bit corpus, the fixtures, rich synthetic ones), include
 * webs and generated pipelines never make them throw; every read is a well-formed ConfigRead
 * within the time bound whose routes name existing inputs and outputs, whose messages are one
 * line and quote no secret, and no prototype is touched. Tag pattern overlap agrees with brute
 * force, and an output matching `*` receives every routable input.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { ADAPTERS as FB } from '../../src/adapters/fluent-bit.js';
import { ADAPTERS as BEATS } from '../../src/adapters/filebeat.js';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import type { DocumentAdapter, ReadContext, TextAdapter } from '../../src/adapters/config-adapter.js';
import { patternsOverlap } from '../../src/adapters/fluent-bit/tags.js';
import { parseStructured } from '../../src/documents/yaml-document.js';
import type { StructuredDocument } from '../../src/documents/yaml-document.js';
import type { ConfigRead } from '../../src/model/pipeline.js';
import type { Location } from '../../src/model/vocabulary.js';
import { anyText, assertNoPollution, assertOneLine, containsCanary, fixtureTexts, jsonish, mutatedText, prototypeKeys, runs, timed, withCanary } from './support.js';

const baseline = prototypeKeys();
after(() => assertNoPollution(baseline));

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/shippers/fluent-bit/', import.meta.url));
const corpus = (ext: RegExp): string[] =>
  readdirSync(CORPUS)
    .filter((n) => ext.test(n))
    .sort()
    .map((n) => readFileSync(`${CORPUS}${n}`, 'utf8'));

function must<T>(value: T | undefined): T {
  assert.ok(value !== undefined);
  return value;
}
const CLASSIC: TextAdapter = must(FB.text[0]);
const DOCUMENT_ADAPTERS: readonly DocumentAdapter[] = [...FB.documents, ...BEATS.documents];

const RICH_CLASSIC = `@SET region=eu-west-1
[SERVICE]
    Flush 1
    storage.path /var/lib/fb
@INCLUDE inputs/*.conf
[INPUT]
    Name tail
    Path /var/log/containers/*.log, /var/log/audit/audit.log
    Exclude_Path *.gz
    Tag kube.*
    Tag_Regex (?<pod>[^_]+)_(?<ns>[^_]+)
    storage.type filesystem
[INPUT]
    Name syslog
    Mode tcp
    Port 5514
[INPUT]
    Name forward
    Tag_Prefix fwd.
[FILTER]
    Name rewrite_tag
    Match kube.*
    Rule $kubernetes['namespace_name'] ^(kube-system)$ system.$TAG[1] false
    Emitter_Storage.type filesystem
[FILTER]
    Name multiline
    Match fwd.*
    multiline.parser java
[OUTPUT]
    Name es
    Match_Regex ^(kube|system)\\..*
    Host user:pw@es.example.com
    tls On
    tls.verify \${VERIFY}
    Logstash_Format On
[OUTPUT]
    Name cloudwatch_logs
    Match *
    region \${region}
    log_group_name /audit
[OUTPUT]
    Name forward
    Match fwd.*
    Upstream upstream.conf
[OUTPUT]
    Name kafka
    Match syslog.*
    Brokers k1:9093
    rdkafka.security.protocol SSL
`;

const RICH_YAML = `env:
  HOST: loki.example.com
includes:
  - more.yaml
service:
  storage.path: /var/lib/fb
pipeline:
  inputs:
    - name: tail
      path: [/var/log/a.log, /var/log/b.log]
      tag: app.*
      storage.type: filesystem
    - name: opentelemetry
  filters:
    - name: rewrite_tag
      match: "app.*"
      rule: $log ^x$ audit.$TAG false
  outputs:
    - name: loki
      match: "*"
      host: \${HOST}
      tls: on
      processors:
        logs:
          - name: content_modifier
`;

const FILEBEAT = `filebeat.inputs:
- type: filestream
  id: a
  paths: [/var/log/auth.log, "\${LOGS}/x.log"]
- type: journald
  include_matches.match: [_SYSTEMD_UNIT=sshd.service]
- type: syslog
  protocol.tcp.host: "0.0.0.0:514"
filebeat.modules:
- module: system
  auth: {enabled: true}
  syslog: {var.use_journald: true}
filebeat.config.modules.path: \${path.config}/modules.d/*.yml
queue.disk.max_size: 1GB
output.elasticsearch:
  hosts: ["https://es:9200"]
  ssl.verification_mode: certificate
`;

const AGENT = `outputs:
  default: {type: elasticsearch, hosts: ["https://es:443"]}
  ls: {type: logstash, hosts: ["ls:5044"], ssl.enabled: true}
inputs:
  - {id: logs, type: filestream, use_output: default, streams: [{paths: [/var/log/secure]}]}
  - {type: udp, use_output: ls, streams: [{host: "0.0.0.0:9000"}]}
`;

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata: {name: fb}
data:
  fluent-bit.conf: |
    [INPUT]
        Name tail
        Path /var/log/containers/*.log
    @INCLUDE out.conf
  out.conf: |
    [OUTPUT]
        Name forward
        Match *
        Host agg
`;

const CLASSIC_SAMPLES = [...corpus(/\.conf$/), ...fixtureTexts(/fluent-bit\.conf$/), RICH_CLASSIC];
const YAML_SAMPLES = [...corpus(/\.ya?ml$/), RICH_YAML, FILEBEAT, AGENT, CONFIGMAP, `${CONFIGMAP.replace('fluent-bit.conf', 'x.conf')}  filebeat.yml: |\n${FILEBEAT.replace(/^/gm, '    ')}`];

/** Includes that resolve to real samples (and to the includer itself), so include webs are exercised. */
function includesFrom(samples: readonly string[]): ReadContext {
  return {
    include: (pattern) => ({
      files: samples.slice(0, 3).map((text, i) => ({ path: `inc/${i}-${pattern.replace(/[^a-z0-9.]/gi, '_').slice(0, 40)}`, text })),
      reason: pattern.includes('*') ? null : 'partly',
    }),
  };
}

const CHANNELS = new Set(['file', 'journald', 'syslog-local', 'syslog-listener', 'otlp-listener', 'forward-listener', 'containers', 'other']);
const SINKS = new Set(['local-file', 'webhook', 'cloudwatch-logs', 'object-store', 'elasticsearch', 'loki', 'splunk', 'syslog', 'kafka', 'otlp', 'other']);
const PROTOCOLS = new Set(['syslog', 'otlp', 'forward', 'beats', 'vector', 'http', 'other', null]);

function assertLocation(at: Location, label: string): void {
  assert.equal(typeof at.path, 'string', label);
  assert.ok(Number.isInteger(at.line) && at.line >= 1, `${label}: line ${at.line}`);
  assert.ok(Number.isInteger(at.column) && at.column >= 1, `${label}: column ${at.column}`);
}

function assertNullableBool(value: unknown, label: string): void {
  assert.ok(value === null || typeof value === 'boolean', `${label}: ${String(value)}`);
}

function assertWellFormed(read: ConfigRead, label: string): void {
  assert.ok(['fluent-bit', 'filebeat', 'elastic-agent'].includes(read.kind), `${label}: kind ${read.kind}`);
  for (const key of ['subjects', 'sources', 'pipelines', 'policies', 'attachments', 'rotations', 'unknowns', 'problems', 'includes'] as const) assert.ok(Array.isArray(read[key]), `${label}: ${key}`);
  assert.equal(typeof read.fatal, 'boolean');
  if (read.fatal) assert.ok(read.problems.length > 0, `${label}: a fatal read names a problem`);
  for (const p of read.problems) {
    assertLocation(p.at, `${label}: problem`);
    assertOneLine(p.message, label);
    assert.ok(!containsCanary(p.message), `${label}: a problem quotes a secret: ${p.message}`);
  }
  for (const u of read.unknowns) {
    assertLocation(u.at, `${label}: unknown`);
    assertOneLine(`${u.construct} ${u.reason}`, label);
    assert.ok(!containsCanary(`${u.construct} ${u.reason}`), `${label}: an unknown quotes a secret`);
  }
  const ids = new Set<string>();
  for (const p of read.pipelines) {
    assert.ok(p.id.startsWith(`${p.shipper}:`), `${label}: pipeline id ${p.id}`);
    assert.ok(!ids.has(p.id), `${label}: duplicate pipeline ${p.id}`);
    ids.add(p.id);
    assertLocation(p.declaredAt, label);
    const inputs = new Set<string>();
    for (const i of p.inputs) {
      assert.ok(!inputs.has(i.id), `${label}: duplicate input ${i.id}`);
      inputs.add(i.id);
      assert.ok(CHANNELS.has(i.channel), `${label}: channel ${i.channel}`);
      assert.ok(i.paths.every((x) => typeof x === 'string') && i.exclude.every((x) => typeof x === 'string'));
      assert.ok(i.port === null || (Number.isInteger(i.port) && i.port >= 0 && i.port <= 65535), `${label}: port ${String(i.port)}`);
      assertLocation(i.at, label);
    }
    const outputs = new Set<string>();
    for (const o of p.outputs) {
      assert.ok(!outputs.has(o.id), `${label}: duplicate output ${o.id}`);
      outputs.add(o.id);
      assert.ok(SINKS.has(o.sinkKind), `${label}: sink ${o.sinkKind}`);
      assert.ok(PROTOCOLS.has(o.protocol), `${label}: protocol ${String(o.protocol)}`);
      for (const k of ['remote', 'tls', 'tlsVerify', 'durable'] as const) assertNullableBool(o[k], `${label}: ${k}`);
      if (o.tls === false) assert.equal(o.tlsVerify, null, `${label}: no verification without TLS`);
      assert.ok(o.endpoint === null || typeof o.endpoint === 'string');
      assert.ok(o.port === null || (Number.isInteger(o.port) && o.port >= 0 && o.port <= 65535));
      assertLocation(o.at, label);
      for (const at of Object.values(o.locations)) assertLocation(at, label);
    }
    for (const e of p.edges) {
      assert.ok(inputs.has(e.input) && outputs.has(e.output), `${label}: edge ${e.input} -> ${e.output} names a missing end`);
      assert.equal(e.facilities, null);
    }
  }
}

function readText(text: string, context: ReadContext = NO_INCLUDES): ConfigRead {
  const path = 'etc/fluent-bit/fluent-bit.conf';
  CLASSIC.claims(path, text.slice(0, 65536));
  const read = timed(`classic (${text.length} chars)`, () => CLASSIC.read({ path, text }, context));
  assertWellFormed(read, 'classic');
  // Deterministic: the same text reads the same.
  assert.deepEqual(CLASSIC.read({ path, text }, context), read);
  return read;
}

function readDocuments(text: string, context: ReadContext = NO_INCLUDES): void {
  const parsed = parseStructured('etc/filebeat/filebeat.yml', text);
  for (const doc of parsed.documents) readDocument(doc, context);
}

/** Every document adapter reads the document (claimed or not): none may throw. */
function readDocument(doc: StructuredDocument, context: ReadContext): void {
  for (const adapter of DOCUMENT_ADAPTERS) {
    adapter.claims(doc.path, doc.data);
    const read = timed(`${adapter.kind} document`, () => adapter.read(doc, context));
    assertWellFormed(read, adapter.kind);
  }
}

function plainDocument(data: unknown, path: string): StructuredDocument {
  return { path, index: 0, data, locate: () => ({ path, line: 1, column: 1 }) };
}

describe('Fluent Bit classic reader', () => {
  test('arbitrary text', () => {
    fc.assert(
      fc.property(anyText(600), (text) => {
        readText(text);
      }),
      runs(300),
    );
  });
  test('mutated real configurations, with includes and a planted secret', () => {
    fc.assert(
      fc.property(mutatedText(CLASSIC_SAMPLES), withCanary(), fc.boolean(), (text, plant, withIncludes) => {
        readText(plant(text), withIncludes ? includesFrom(CLASSIC_SAMPLES) : NO_INCLUDES);
      }),
      runs(300),
    );
  });
  test('a long configuration with many plugins reads within the bound', () => {
    const sections = Array.from({ length: 3000 }, (_, i) => `[INPUT]\n    Name tail\n    Path /var/log/${i}/*.log\n    Tag t${i}.*\n[OUTPUT]\n    Name forward\n    Match *${'x'.repeat(i % 50)}*\n    Host h${i}`);
    const read = readText(sections.join('\n'));
    assert.ok(read.unknowns.some((u) => /more than 512/.test(u.reason)));
  });
});

describe('YAML readers (Fluent Bit, Filebeat, Elastic Agent, ConfigMaps)', () => {
  test('mutated real and synthetic YAML', () => {
    fc.assert(
      fc.property(mutatedText(YAML_SAMPLES), withCanary(), (text, plant) => {
        readDocuments(plant(text), includesFrom(YAML_SAMPLES));
      }),
      runs(300),
    );
  });
  test('arbitrary data, also under the keys the readers look for', () => {
    const shaped = fc.oneof(
      jsonish(4),
      jsonish(3).map((v) => ({ pipeline: { inputs: [v], outputs: [v] }, service: v, env: v })),
      jsonish(3).map((v) => ({ 'filebeat.inputs': [v], output: { elasticsearch: v }, queue: v, 'filebeat.modules': [{ module: 'system', auth: v }] })),
      jsonish(3).map((v) => ({ outputs: { default: { type: 'elasticsearch', hosts: v } }, inputs: [{ type: 'logfile', streams: v }] })),
      jsonish(2).map((v) => ({ apiVersion: 'v1', kind: 'ConfigMap', data: { 'fluent-bit.conf': typeof v === 'string' ? v : JSON.stringify(v), 'filebeat.yml': 'output.console: {}\nfilebeat.inputs: []\n' } })),
    );
    fc.assert(
      fc.property(shaped, (data) => {
        readDocument(plainDocument(data, 'etc/filebeat/filebeat.yml'), NO_INCLUDES);
      }),
      runs(300),
    );
  });
});

describe('routing', () => {
  const word = fc.constantFrom('a', 'b', 'app', 'host', '*', 'a.*', '*.b', 'kube.*', 'x.y');
  test('an output matching * receives every routable input; routes only join declared ends', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('cpu', 'dummy', 'tail', 'systemd', 'forward'), word), { minLength: 1, maxLength: 5 }), fc.array(word, { maxLength: 4 }), (inputs, matches) => {
        const text = [
          ...inputs.map(([name, tag]) => `[INPUT]\n    Name ${name}\n    Tag ${tag}\n    Path /var/log/x.log`),
          '[OUTPUT]\n    Name stdout\n    Alias all\n    Match *',
          ...matches.map((m) => `[OUTPUT]\n    Name null\n    Match ${m}`),
        ].join('\n');
        const p = readText(text).pipelines[0];
        assert.ok(p);
        const fed = new Set(p.edges.filter((e) => e.output === 'all').map((e) => e.input));
        assert.deepEqual([...fed].sort(), p.inputs.map((i) => i.id).sort());
      }),
      runs(200),
    );
  });
  test('wildcard overlap agrees with brute force over short strings', () => {
    const pattern = fc.array(fc.constantFrom('a', 'b', '*'), { maxLength: 5 }).map((cs) => cs.join(''));
    const strings: string[] = [''];
    for (let n = 1; n <= 10; n++) for (let i = 0; i < 2 ** n; i++) strings.push(i.toString(2).padStart(n, '0').replace(/0/g, 'a').replace(/1/g, 'b'));
    const matcher = (p: string): RegExp => new RegExp(`^${p.replace(/\*/g, '.*')}$`);
    fc.assert(
      fc.property(pattern, pattern, (a, b) => {
        const ra = matcher(a);
        const rb = matcher(b);
        const brute = strings.some((s) => ra.test(s) && rb.test(s));
        assert.equal(patternsOverlap(a, b), brute, `${a} vs ${b}`);
        assert.equal(patternsOverlap(b, a), brute);
      }),
      runs(500),
    );
  });
});
