import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADAPTERS, isVectorDocument, readVectorDocument, readVectorToml } from '../../src/adapters/vector.js';
import { assertWellFormed, edges, facts, firstDoc, input, lc, onePipeline, output } from './shippers-support.js';

const TEXT = ADAPTERS.text[0];
const DOCUMENT = ADAPTERS.documents[0];

const toml = (text: string, path = 'etc/vector/vector.toml') => readVectorToml({ path, text });
const yaml = (text: string, path = 'etc/vector/vector.yaml') => readVectorDocument(firstDoc(path, text));

describe('vector: claims', () => {
  test('TOML with component tables or dotted component keys', () => {
    assert.ok(TEXT);
    assert.ok(TEXT.claims('etc/vector/vector.toml', '[sources.in]\ntype = "stdin"\n'));
    assert.ok(TEXT.claims('vector/agent.toml', '# c\n  [ sinks.out ]\n'));
    assert.ok(TEXT.claims('conf/x.toml', 'sources.in.type = "stdin"\n'));
  });
  test('not: other TOML, or Vector-looking text in another file name', () => {
    assert.ok(TEXT);
    assert.ok(!TEXT.claims('Cargo.toml', '[package]\nname = "x"\n[dependencies]\nserde = "1"\n'));
    assert.ok(!TEXT.claims('pyproject.toml', '[tool.sources]\nx = 1\n'));
    assert.ok(!TEXT.claims('vector.conf', '[sources.in]\ntype = "stdin"\n'));
    assert.ok(!TEXT.claims('app.log', '[sinks.x] something happened'));
  });
  test('YAML/JSON documents: sources, transforms and sinks of typed components', () => {
    assert.ok(DOCUMENT);
    assert.ok(DOCUMENT.claims('vector.yaml', { sources: { in: { type: 'stdin' } }, sinks: { out: { type: 'console', inputs: ['in'] } } }));
    assert.ok(DOCUMENT.claims('x.json', { sinks: { out: { type: 'console', inputs: ['in'] } } }));
    assert.ok(isVectorDocument({ data_dir: '/var/lib/vector', sources: { a: { type: 'file' } } }));
  });
  test('not: collector configs, Fluent Bit YAML, manifests, untyped tables', () => {
    assert.ok(DOCUMENT);
    assert.ok(!DOCUMENT.claims('otel.yaml', { receivers: { otlp: {} }, exporters: { debug: {} }, service: { pipelines: { logs: {} } } }));
    assert.ok(!DOCUMENT.claims('fluent-bit.yaml', { pipeline: { inputs: [{ name: 'tail' }], outputs: [{ name: 'stdout' }] } }));
    assert.ok(!DOCUMENT.claims('deploy.yaml', { apiVersion: 'apps/v1', kind: 'Deployment', sources: { a: { type: 'x' } } }));
    assert.ok(!DOCUMENT.claims('x.yaml', { sources: { a: { path: '/x' } } }));
    assert.ok(!DOCUMENT.claims('x.yaml', { sources: ['a', 'b'] }));
    assert.ok(!DOCUMENT.claims('cm.yaml', { apiVersion: 'v1', kind: 'ConfigMap', data: { 'app.properties': 'a=b' } }));
    assert.ok(!DOCUMENT.claims('x.yaml', null));
  });
  test('ConfigMaps whose data holds a Vector file', () => {
    assert.ok(DOCUMENT);
    assert.ok(DOCUMENT.claims('cm.yaml', { apiVersion: 'v1', kind: 'ConfigMap', data: { 'agent.yaml': 'sources:\n  k:\n    type: kubernetes_logs\n' } }));
    assert.ok(DOCUMENT.claims('cm.yaml', { apiVersion: 'v1', kind: 'ConfigMap', data: { 'vector.toml': '[sinks.out]\ntype = "console"\n' } }));
    assert.ok(!DOCUMENT.claims('cm.yaml', { apiVersion: 'v1', kind: 'ConfigMap', data: { 'config.yaml': 'receivers:\n  otlp: {}\nsinks:\n  x: {}\n' } }));
  });
});

const HOST_TOML = `data_dir = "/var/lib/vector"

[sources.auth]
type = "file"
include = [
  "/var/log/auth.log",
  "/var/log/secure",
]
exclude = ["/var/log/*.gz"]

[sources.app_a]
type = "journald"

[sources.app_b]
type = "syslog"
mode = "udp"
address = "0.0.0.0:514"

[sources.metrics]
type = "host_metrics"

[transforms.split]
type = "route"
inputs = ["app_*", "auth"]
route.audit = '.facility == "auth"'
route.other = "true"

[transforms.tometric]
type = "log_to_metric"
inputs = ["split.other"]

[sinks.es]
type = "elasticsearch"
inputs = ["split.audit"]
endpoints = ["https://elastic:s3cret@es-1.example:9200", "https://es-2.example:9200"]
bulk.index = "audit-%Y.%m.%d"
tls.verify_certificate = false
buffer = { type = "disk", max_size = 268435488 }

[sinks.loki]
type = "loki"
inputs = ["split.other", "tometric", "metrics"]
endpoint = "\${LOKI_URL}"
tenant_id = "ops"

[sinks.kafka]
type = "kafka"
inputs = ["*"]
bootstrap_servers = "k1:9092,k2:9092"
topic = "logs"
[sinks.kafka.tls]
enabled = true

[sinks.prom]
type = "prometheus_exporter"
inputs = ["metrics"]
`;

describe('vector: a TOML host config', () => {
  const read = toml(HOST_TOML);
  const pipeline = onePipeline(read);

  test('one pipeline per file, well formed', () => {
    assertWellFormed(read, 'vector');
    assert.equal(read.fatal, false);
    assert.deepEqual(read.problems, []);
    assert.equal(pipeline.id, 'vector:etc/vector/vector.toml');
    assert.equal(pipeline.shipper, 'vector');
    assert.equal(lc(pipeline.declaredAt), '1:1');
  });

  test('sources: file globs, journald, a syslog listener, metrics as other', () => {
    assert.deepEqual(pipeline.inputs.map((i) => i.id), ['app_a', 'app_b', 'auth', 'metrics']);
    const auth = input(pipeline, 'auth');
    assert.equal(auth.channel, 'file');
    assert.deepEqual(auth.paths, ['/var/log/auth.log', '/var/log/secure']);
    assert.deepEqual(auth.exclude, ['/var/log/*.gz']);
    assert.equal(lc(auth.at), '3:1');
    assert.equal(input(pipeline, 'app_a').channel, 'journald');
    assert.deepEqual([input(pipeline, 'app_b').channel, input(pipeline, 'app_b').port, lc(input(pipeline, 'app_b').at)], ['syslog-listener', 514, '14:1']);
    assert.equal(input(pipeline, 'metrics').channel, 'other');
  });

  test('routing: wildcards, named route outputs, log_to_metric and metrics sources carry no logs', () => {
    assert.deepEqual(edges(pipeline), [
      'app_a>es', 'app_a>kafka', 'app_a>loki',
      'app_b>es', 'app_b>kafka', 'app_b>loki',
      'auth>es', 'auth>kafka', 'auth>loki',
    ]);
  });

  test('metrics-only sinks are not log outputs', () => {
    assert.deepEqual(pipeline.outputs.map((o) => o.id), ['es', 'kafka', 'loki']);
  });

  test('elasticsearch: endpoints without credentials, TLS from https, verification off, disk buffer, bulk index', () => {
    const es = output(pipeline, 'es');
    assert.deepEqual(facts(es), {
      sinkKind: 'elasticsearch', remote: true, endpoint: 'https://es-1.example:9200,https://es-2.example:9200', port: 9200, protocol: 'http',
      tls: true, tlsVerify: false, durable: true, index: 'audit-%Y.%m.%d', path: null,
    });
    assert.equal(lc(es.at), '32:1');
    assert.equal(lc(es.locations['endpoint']), '35:1');
    assert.equal(lc(es.locations['index']), '36:1');
    assert.equal(lc(es.locations['tlsVerify']), '37:1');
    assert.equal(lc(es.locations['durable']), '38:12');
    assert.ok(!JSON.stringify(read).includes('s3cret'), 'no credential is kept');
  });

  test('kafka: brokers list, TLS from a [sinks.kafka.tls] table, topic, default memory buffer', () => {
    const kafka = output(pipeline, 'kafka');
    assert.deepEqual(facts(kafka), {
      sinkKind: 'kafka', remote: true, endpoint: 'k1:9092,k2:9092', port: 9092, protocol: 'other',
      tls: true, tlsVerify: true, durable: false, index: 'logs', path: null,
    });
    assert.equal(lc(kafka.locations['tls']), '52:1');
    assert.equal(lc(kafka.locations['tlsVerify']), '51:1');
  });

  test('an endpoint from the environment is not understood: its facts are null', () => {
    const loki = output(pipeline, 'loki');
    assert.deepEqual([loki.endpoint, loki.remote, loki.tls, loki.tlsVerify, loki.index], [null, null, null, null, 'ops']);
    assert.deepEqual(read.unknowns.map((u) => [u.construct, lc(u.at)]), [['sinks.loki.endpoint', '43:1']]);
  });
});

describe('vector: YAML configs', () => {
  test('defaults: memory buffer, ES bulk index, certificate checks on', () => {
    const read = yaml(`sources:
  k8s:
    type: kubernetes_logs
sinks:
  es:
    type: elasticsearch
    inputs: [k8s]
    endpoints: [https://es.example:9200]
`);
    const es = output(onePipeline(read), 'es');
    assert.deepEqual([es.durable, es.index, es.tls, es.tlsVerify], [false, 'vector-%Y.%m.%d', true, true]);
    assert.equal(input(onePipeline(read), 'k8s').channel, 'containers');
    assert.deepEqual(edges(onePipeline(read)), ['k8s>es']);
    assert.deepEqual(read.unknowns, []);
  });

  test('data stream mode names type-dataset-namespace', () => {
    const read = yaml(`sources: {j: {type: journald}}
sinks:
  es:
    type: elasticsearch
    inputs: [j]
    endpoint: http://es.local:9200
    mode: data_stream
    data_stream:
      dataset: audit
`);
    const es = output(onePipeline(read), 'es');
    assert.deepEqual([es.index, es.tls, es.tlsVerify, es.endpoint, es.port, es.remote], ['logs-audit-default', false, null, 'http://es.local:9200', 9200, true]);
    assert.equal(lc(es.locations['index']), '8:5');
  });

  test('sinks: vector (TLS off by default), socket udp/tcp, http, file, splunk, cloudwatch, loopback', () => {
    const read = yaml(`sources:
  in: {type: stdin}
sinks:
  agg:
    type: vector
    inputs: [in]
    address: aggregator.example:6000
  agg_tls:
    type: vector
    inputs: [in]
    address: aggregator.example:6000
    tls:
      enabled: true
      verify_hostname: false
  udp:
    type: socket
    inputs: [in]
    mode: udp
    address: 10.0.0.5:514
    encoding: {codec: syslog}
  tcp:
    type: socket
    mode: tcp
    inputs: [in]
    address: 127.0.0.1:5140
    encoding: {codec: json}
  hook:
    type: http
    inputs: [in]
    uri: https://hooks.example/ingest?token=abc123
  local:
    type: file
    inputs: [in]
    path: /var/log/vector/out-%Y-%m-%d.log
  splunk:
    type: splunk_hec_logs
    inputs: [in]
    endpoint: https://splunk.example:8088
    index: audit
    buffer:
      - type: memory
        when_full: overflow
      - type: disk
        max_size: 268435488
  cw:
    type: aws_cloudwatch_logs
    inputs: [in]
    region: eu-west-1
    group_name: /audit/hosts
    stream_name: "{{ host }}"
`);
    const p = onePipeline(read);
    assert.deepEqual(facts(output(p, 'agg')), { sinkKind: 'other', remote: true, endpoint: 'aggregator.example:6000', port: 6000, protocol: 'vector', tls: false, tlsVerify: null, durable: false, index: null, path: null });
    const aggTls = output(p, 'agg_tls');
    assert.deepEqual([aggTls.tls, aggTls.tlsVerify, lc(aggTls.locations['tls']), lc(aggTls.locations['tlsVerify'])], [true, false, '13:7', '14:7']);
    assert.deepEqual(facts(output(p, 'udp')), { sinkKind: 'syslog', remote: true, endpoint: '10.0.0.5:514', port: 514, protocol: 'syslog', tls: false, tlsVerify: null, durable: false, index: null, path: null });
    assert.deepEqual([output(p, 'tcp').remote, output(p, 'tcp').tls, output(p, 'tcp').protocol, output(p, 'tcp').sinkKind], [false, false, 'other', 'other']);
    assert.deepEqual(facts(output(p, 'hook')), { sinkKind: 'webhook', remote: true, endpoint: 'https://hooks.example/ingest', port: 443, protocol: 'http', tls: true, tlsVerify: true, durable: false, index: null, path: null });
    assert.deepEqual(facts(output(p, 'local')), { sinkKind: 'local-file', remote: false, endpoint: null, port: null, protocol: null, tls: false, tlsVerify: null, durable: false, index: null, path: '/var/log/vector/out-%Y-%m-%d.log' });
    const splunk = output(p, 'splunk');
    assert.deepEqual([splunk.sinkKind, splunk.index, splunk.durable, lc(splunk.locations['durable'])], ['splunk', 'audit', false, '41:9']);
    assert.deepEqual(facts(output(p, 'cw')), { sinkKind: 'cloudwatch-logs', remote: true, endpoint: null, port: null, protocol: 'http', tls: true, tlsVerify: true, durable: false, index: '/audit/hosts', path: null });
    assert.ok(!JSON.stringify(read).includes('abc123'), 'query strings are dropped');
    assert.deepEqual(read.problems, []);
  });

  test('sources: socket and syslog modes, opentelemetry (one input per protocol), listeners and their default port', () => {
    const read = yaml(`sources:
  dev_log: {type: socket, mode: unix_datagram, path: /dev/log}
  other_sock: {type: socket, mode: unix_stream, path: /run/app.sock}
  sys_unix: {type: syslog, mode: unix, path: /run/vector/syslog.sock}
  sys_tcp: {type: syslog, mode: tcp, address: "0.0.0.0:6514"}
  raw_tcp: {type: socket, mode: tcp, address: "0.0.0.0:9000"}
  otel:
    type: opentelemetry
    grpc: {address: "0.0.0.0:4317"}
    http: {address: "0.0.0.0:4318"}
  agents: {type: vector, address: "0.0.0.0:6000"}
  hec: {type: splunk_hec}
  fwd: {type: fluent, address: "0.0.0.0:24224"}
  kafka_in: {type: kafka, bootstrap_servers: "k:9092", group_id: g, topics: [t]}
sinks:
  out: {type: blackhole, inputs: ["*"]}
`);
    const p = onePipeline(read);
    const chan = (id: string) => [input(p, id).channel, input(p, id).port, input(p, id).paths];
    assert.deepEqual(chan('dev_log'), ['syslog-local', null, ['/dev/log']]);
    assert.deepEqual(chan('other_sock'), ['other', null, ['/run/app.sock']]);
    assert.deepEqual(chan('sys_unix'), ['syslog-local', null, ['/run/vector/syslog.sock']]);
    assert.deepEqual(chan('sys_tcp'), ['syslog-listener', 6514, []]);
    assert.deepEqual(chan('raw_tcp'), ['syslog-listener', 9000, []]);
    assert.deepEqual(chan('otel#grpc'), ['otlp-listener', 4317, []]);
    assert.deepEqual(chan('otel#http'), ['otlp-listener', 4318, []]);
    assert.equal(lc(input(p, 'otel#http').at), '10:5');
    assert.deepEqual(chan('agents'), ['forward-listener', 6000, []]);
    assert.deepEqual(chan('hec'), ['forward-listener', 8088, []]);
    assert.deepEqual(chan('fwd'), ['forward-listener', 24224, []]);
    assert.deepEqual(chan('kafka_in'), ['other', null, []]);
    assert.equal(p.edges.length, 11, 'every source reaches the blackhole');
    assert.deepEqual(facts(output(p, 'out')).remote, false);
  });

  test('typed outputs: otel.traces and agent.metrics carry no logs; metric_to_log makes logs', () => {
    const read = yaml(`sources:
  otel: {type: opentelemetry, grpc: {address: ":4317"}, http: {address: ":4318"}}
  hm: {type: host_metrics}
transforms:
  back: {type: metric_to_log, inputs: [hm]}
sinks:
  traces: {type: console, inputs: [otel.traces], encoding: {codec: json}}
  logs: {type: console, inputs: [otel.logs], encoding: {codec: json}}
  converted: {type: console, inputs: [back], encoding: {codec: json}}
`);
    assert.deepEqual(edges(onePipeline(read)), ['hm>converted', 'otel#grpc>logs', 'otel#http>logs']);
  });

  test('unknown types, unresolved inputs, interpolated types and paths are listed as not understood', () => {
    const read = yaml(`sources:
  x: {type: my_plugin}
  f: {type: file, include: ["\${LOG_DIR}/*.log", /var/log/a.log]}
  e: {type: "\${SRC_TYPE}"}
transforms:
  t: {type: wasm_magic, inputs: [x, f]}
sinks:
  s: {type: new_sink, inputs: [t, elsewhere, "nothing_*"]}
`);
    const p = onePipeline(read);
    assert.deepEqual(read.unknowns.map((u) => [u.construct, lc(u.at)]), [
      ['sources.x', '2:7'],
      ['sources.f.include', '3:29'],
      ['sources.e.type', '4:7'],
      ['transforms.t', '6:7'],
      ['sinks.s', '8:7'],
      ['sinks.s.inputs', '8:35'],
      ['sinks.s.inputs', '8:46'],
    ]);
    assert.deepEqual(input(p, 'f').paths, ['/var/log/a.log']);
    assert.deepEqual(facts(output(p, 's')), { sinkKind: 'other', remote: null, endpoint: null, port: null, protocol: null, tls: null, tlsVerify: null, durable: false, index: null, path: null });
    assert.deepEqual(edges(p), ['f>s', 'x>s']);
  });

  test('problems: duplicate names, missing inputs and type, a sink as input, a cycle', () => {
    const read = readVectorDocument(firstDoc('v.yaml', `sources:
  a: {type: stdin}
transforms:
  a: {type: remap, inputs: [a]}
  t1: {type: remap, inputs: [t2]}
  t2: {type: remap, inputs: [t1]}
  nt: {inputs: [a]}
sinks:
  s: {type: console}
  s2: {type: console, inputs: [s, t1]}
`));
    assert.deepEqual(read.problems.map((p) => [lc(p.at), p.message]), [
      ['4:3', 'transform a: the name is already used by another component'],
      ['5:3', 'transform t1 is part of a cycle (Vector refuses such a topology)'],
      ['7:3', 'transform nt has no type'],
      ['9:3', 'sink s has no inputs'],
      ['10:32', 'input "s" of sink s2 is a sink; only sources and transforms can be inputs'],
    ]);
    assert.deepEqual(edges(onePipeline(read)), []);
  });
});

describe('vector: Kubernetes ConfigMaps', () => {
  const manifest = `apiVersion: v1
kind: ConfigMap
metadata:
  name: vector
data:
  sources.toml: |
    [sources.k8s]
    type = "kubernetes_logs"
  sinks.yaml: |
    sinks:
      central:
        type: vector
        inputs: [k8s]
        address: vector-aggregator.logging:6000
        buffer:
          type: disk
          max_size: 536870912
`;
  const read = readVectorDocument(firstDoc('k8s/vector-cm.yaml', manifest));
  const p = onePipeline(read);

  test('the files of one ConfigMap are one Vector config, reported at their lines in the manifest', () => {
    assertWellFormed(read, 'vector');
    assert.equal(p.id, 'vector:k8s/vector-cm.yaml');
    assert.equal(lc(p.declaredAt), '6:3');
    assert.equal(lc(input(p, 'k8s').at), '7:5');
    const central = output(p, 'central');
    assert.equal(lc(central.at), '11:7');
    assert.equal(lc(central.locations['durable']), '16:11');
    assert.equal(lc(central.locations['endpoint']), '14:9');
    assert.deepEqual([central.durable, central.remote, central.tls], [true, true, false]);
    assert.deepEqual(edges(p), ['k8s>central']);
  });

  test('a broken embedded file is a problem at its line in the manifest', () => {
    const broken = readVectorDocument(firstDoc('cm.yaml', `kind: ConfigMap
apiVersion: v1
data:
  vector.toml: |
    [sources.a]
    type = "stdin"
    [sinks.b
`));
    assert.equal(broken.fatal, true);
    assert.deepEqual(broken.problems.map((p) => lc(p.at)), ['7:13']);
  });

  test('a quoted one-line string is reported at its key', () => {
    const read = readVectorDocument(firstDoc('cm.yaml', `kind: ConfigMap
apiVersion: v1
data:
  vector.json: '{"sources": {"a": {"type": "stdin"}}, "sinks": {"b": {"type": "console", "inputs": ["a"]}}}'
  other: x
`));
    const pipeline = onePipeline(read);
    assert.equal(lc(output(pipeline, 'b').at), '4:3');
    assert.deepEqual(edges(pipeline), ['a>b']);
  });
});

describe('vector: malformed input', () => {
  test('a TOML syntax error is fatal with its line and column', () => {
    const read = toml('[sources.a]\ntype = "stdin"\n[sinks.b]\ninputs = ["a"\n');
    assert.equal(read.fatal, true);
    assert.equal(read.kind, 'vector');
    assert.deepEqual(read.problems.map((p) => lc(p.at)), ['5:1']);
    assert.match(read.problems[0]?.message ?? '', /TOML syntax/);
  });

  test('huge integers, prototype keys and odd values never throw', () => {
    const read = toml(`[sources.__proto__]
type = "demo_logs"
count = 9223372036854775807
[sources.constructor]
type = 3
[sinks.out]
type = "console"
inputs = ["__proto__", "constructor", 7]
buffer = "disk"
`);
    assertWellFormed(read, 'vector');
    assert.equal(({} as Record<string, unknown>)['type'], undefined);
    assert.deepEqual(edges(onePipeline(read)), ['__proto__>out', 'constructor>out']);
    assert.deepEqual(read.problems.map((p) => [lc(p.at), p.message]), [['5:1', 'the type of source constructor must be a component type name'], ['9:1', 'buffer of sink out must be a table (or a list of tables)']]);
    assert.equal(output(onePipeline(read), 'out').durable, null);
  });

  test('not a mapping, empty tables', () => {
    assert.equal(readVectorDocument(firstDoc('v.yaml', 'sources: {}\nsinks: {}\n')).fatal, true);
    const read = yaml('sources: [a]\nsinks:\n  b: {type: console, inputs: [a]}\n');
    assert.deepEqual(read.problems.map((p) => [lc(p.at), p.message]), [['1:1', 'sources must be a table of named components']]);
    assert.deepEqual(read.unknowns.map((u) => u.construct), ['sinks.b.inputs']);
  });
});
