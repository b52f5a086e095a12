import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ADAPTERS, isOtelDocument, readOtelDocument } from '../../src/adapters/otel-collector.js';
import { REPO } from '../helpers.js';
import { assertWellFormed, docs, edges, facts, firstDoc, input, lc, onePipeline, output } from './shippers-support.js';

const DOCUMENT = ADAPTERS.documents[0];
const read = (text: string, path = 'otel/config.yaml') => readOtelDocument(firstDoc(path, text));

describe('otel-collector: claims', () => {
  test('collector configs, ConfigMaps holding one, the operator resource', () => {
    assert.ok(DOCUMENT);
    assert.ok(DOCUMENT.claims('c.yaml', { receivers: { otlp: null }, exporters: { debug: null }, service: { pipelines: { logs: {} } } }));
    assert.ok(isOtelDocument({ exporters: { debug: {} }, service: { pipelines: {} } }));
    assert.ok(DOCUMENT.claims('cm.yaml', { apiVersion: 'v1', kind: 'ConfigMap', data: { relay: 'receivers:\n  otlp: {}\nexporters:\n  debug: {}\nservice:\n  pipelines:\n    logs: {}\n' } }));
    const spec = { config: { receivers: { otlp: {} }, exporters: { debug: {} }, service: { pipelines: { logs: {} } } } };
    assert.ok(DOCUMENT.claims('col.yaml', { apiVersion: 'opentelemetry.io/v1beta1', kind: 'OpenTelemetryCollector', spec }));
  });
  test('not: an exporter fragment without service, Vector configs, other manifests', () => {
    assert.ok(DOCUMENT);
    assert.ok(!DOCUMENT.claims('config.yaml', { endpoint: 'https://1.2.3.4:1234', tls: { insecure: true }, sending_queue: { enabled: true } }));
    assert.ok(!DOCUMENT.claims('vector.yaml', { sources: { a: { type: 'stdin' } }, sinks: { b: { type: 'console', inputs: ['a'] } } }));
    assert.ok(!DOCUMENT.claims('deploy.yaml', { apiVersion: 'apps/v1', kind: 'Deployment', service: { pipelines: {} }, receivers: {} }));
    assert.ok(!DOCUMENT.claims('cm.yaml', { apiVersion: 'v1', kind: 'ConfigMap', data: { 'vector.yaml': 'sources:\n  a: {type: stdin}\n' } }));
    assert.ok(!DOCUMENT.claims('c.yaml', { receivers: { otlp: {} }, service: { pipelines: 'logs' } }));
    assert.ok(!DOCUMENT.claims('c.yaml', 'receivers'));
  });
});

describe('otel-collector: pipelines and connectors', () => {
  const text = `receivers:
  filelog/audit:
    include: [/var/log/audit/audit.log, /var/log/auth.log]
    exclude: [/var/log/*.gz]
  journald: {}
  otlp:
    protocols:
      grpc: {}
  hostmetrics: {}
  syslog:
    udp:
      listen_address: 0.0.0.0:54526
processors:
  batch: {}
connectors:
  forward/audit: {}
  routing: {}
exporters:
  otlp/central:
    endpoint: collector.example:4317
  debug: {}
  prometheus:
    endpoint: 0.0.0.0:8889
  file/archive:
    path: /var/log/otel/archive.json
service:
  pipelines:
    logs/in:
      receivers: [filelog/audit, journald]
      processors: [batch]
      exporters: [forward/audit]
    logs/syslog:
      receivers: [syslog]
      exporters: [routing]
    logs/out:
      receivers: [forward/audit, routing]
      exporters: [otlp/central, file/archive]
    logs/debug:
      receivers: [otlp]
      exporters: [debug]
    metrics:
      receivers: [hostmetrics, otlp]
      exporters: [prometheus]
`;
  const r = read(text);
  const p = onePipeline(r);

  test('well formed, one pipeline for the file', () => {
    assertWellFormed(r, 'otel-collector');
    assert.equal(p.id, 'otel-collector:otel/config.yaml');
    assert.equal(p.shipper, 'otel-collector');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.unknowns, []);
  });

  test('only receivers and exporters of logs pipelines; metrics pipelines are ignored', () => {
    assert.deepEqual(p.inputs.map((i) => i.id), ['filelog/audit', 'journald', 'otlp', 'syslog']);
    assert.deepEqual(p.outputs.map((o) => o.id), ['debug', 'file/archive', 'otlp/central']);
  });

  test('receivers: file globs, journald, syslog and OTLP listeners with their ports', () => {
    const files = input(p, 'filelog/audit');
    assert.deepEqual([files.channel, files.paths, files.exclude, lc(files.at)], ['file', ['/var/log/audit/audit.log', '/var/log/auth.log'], ['/var/log/*.gz'], '2:3']);
    assert.equal(input(p, 'journald').channel, 'journald');
    assert.deepEqual([input(p, 'syslog').channel, input(p, 'syslog').port], ['syslog-listener', 54526]);
    assert.deepEqual([input(p, 'otlp').channel, input(p, 'otlp').port, lc(input(p, 'otlp').at)], ['otlp-listener', 4317, '8:7']);
  });

  test('connectors chain logs pipelines', () => {
    assert.deepEqual(edges(p), [
      'filelog/audit>file/archive', 'filelog/audit>otlp/central',
      'journald>file/archive', 'journald>otlp/central',
      'otlp>debug',
      'syslog>file/archive', 'syslog>otlp/central',
    ]);
  });

  test('exporters: OTLP gRPC has TLS by default; file and debug are local', () => {
    assert.deepEqual(facts(output(p, 'otlp/central')), { sinkKind: 'otlp', remote: true, endpoint: 'collector.example:4317', port: 4317, protocol: 'otlp', tls: true, tlsVerify: true, durable: false, index: null, path: null });
    assert.equal(lc(output(p, 'otlp/central').locations['tls']), '20:5');
    assert.deepEqual(facts(output(p, 'file/archive')), { sinkKind: 'local-file', remote: false, endpoint: null, port: null, protocol: null, tls: false, tlsVerify: null, durable: null, index: null, path: '/var/log/otel/archive.json' });
    assert.deepEqual(facts(output(p, 'debug')), { sinkKind: 'other', remote: false, endpoint: null, port: null, protocol: null, tls: false, tlsVerify: null, durable: null, index: null, path: null });
  });

  test('a connector fed by a traces pipeline brings no log input', () => {
    const other = read(`receivers:
  otlp: {protocols: {grpc: {endpoint: ":14317"}, http: {endpoint: ":14318"}}}
connectors:
  spanlogs: {}
exporters:
  debug: {}
service:
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [spanlogs]
    logs:
      receivers: [spanlogs]
      exporters: [debug]
`);
    const pipeline = onePipeline(other);
    assert.deepEqual([pipeline.inputs, edges(pipeline)], [[], []]);
    assert.deepEqual(pipeline.outputs.map((o) => o.id), ['debug']);
  });
});

describe('otel-collector: TLS of exporters', () => {
  const r = read(`receivers:
  otlp: {protocols: {grpc: {endpoint: "0.0.0.0:4317"}, http: {endpoint: "0.0.0.0:4318"}}}
exporters:
  otlp/plain:
    endpoint: gw.example:4317
    tls:
      insecure: true
  otlp/ca:
    endpoint: gw.example:4317
    tls: {insecure: true, ca_file: /etc/ca.pem}
  otlp_grpc/https:
    endpoint: https://gw.example
    tls:
      insecure: true
  otlp/noverify:
    endpoint: gw.example:4317
    tls:
      insecure_skip_verify: true
  otlphttp/plain:
    endpoint: http://gw.example:4318
  otlp_http/logs:
    endpoint: https://gw.example
    logs_endpoint: https://logs.example/v1/logs
    tls: {insecure_skip_verify: true}
  elasticsearch:
    endpoints: [https://elastic:changeme@es.example:9200]
    logs_index: audit-logs
  splunk_hec:
    endpoint: https://splunk.example:8088/services/collector
    index: security
    token: 00000000-0000-0000-0000-000000000000
  awscloudwatchlogs:
    region: eu-west-1
    log_group_name: /otel/audit
    log_stream_name: host
  kafka:
    topic: audit
  kafka/tls:
    brokers: [k1.example:9093, k2.example:9093]
    tls: {}
  syslog:
    endpoint: siem.example
  syslog/udp:
    endpoint: siem.example
    network: udp
    port: 5514
  loki:
    endpoint: "\${env:LOKI_ENDPOINT}"
service:
  pipelines:
    logs:
      receivers: [otlp]
      exporters: [otlp/plain, otlp/ca, otlp_grpc/https, otlp/noverify, otlphttp/plain, otlp_http/logs, elasticsearch, splunk_hec, awscloudwatchlogs, kafka, kafka/tls, syslog, syslog/udp, loki]
`);
  const p = onePipeline(r);
  const tlsOf = (id: string) => [output(p, id).tls, output(p, id).tlsVerify];

  test('OTLP receiver with both protocols: one input each', () => {
    assert.deepEqual(p.inputs.map((i) => [i.id, i.port]), [['otlp#grpc', 4317], ['otlp#http', 4318]]);
    assert.equal(p.edges.length, 2 * 14);
  });

  test('gRPC: insecure without a CA is plain text; a CA or an https endpoint keeps TLS; skip-verify', () => {
    assert.deepEqual(tlsOf('otlp/plain'), [false, null]);
    assert.equal(lc(output(p, 'otlp/plain').locations['tls']), '7:7');
    assert.deepEqual(tlsOf('otlp/ca'), [true, true]);
    assert.deepEqual(tlsOf('otlp_grpc/https'), [true, true]);
    assert.equal(output(p, 'otlp_grpc/https').port, null, 'no port written');
    assert.deepEqual(tlsOf('otlp/noverify'), [true, false]);
    assert.equal(lc(output(p, 'otlp/noverify').locations['tlsVerify']), '18:7');
  });

  test('HTTP: the scheme decides; logs_endpoint wins over endpoint', () => {
    assert.deepEqual(tlsOf('otlphttp/plain'), [false, null]);
    assert.deepEqual([output(p, 'otlphttp/plain').port, output(p, 'otlphttp/plain').sinkKind], [4318, 'otlp']);
    const logs = output(p, 'otlp_http/logs');
    assert.deepEqual([logs.endpoint, logs.port, logs.tls, logs.tlsVerify, lc(logs.locations['endpoint'])], ['https://logs.example/v1/logs', 443, true, false, '23:5']);
  });

  test('stores: Elasticsearch, Splunk, CloudWatch (provider API by default)', () => {
    assert.deepEqual(facts(output(p, 'elasticsearch')), { sinkKind: 'elasticsearch', remote: true, endpoint: 'https://es.example:9200', port: 9200, protocol: 'http', tls: true, tlsVerify: true, durable: false, index: 'audit-logs', path: null });
    assert.deepEqual([output(p, 'splunk_hec').sinkKind, output(p, 'splunk_hec').index, output(p, 'splunk_hec').tls], ['splunk', 'security', true]);
    assert.deepEqual(facts(output(p, 'awscloudwatchlogs')), { sinkKind: 'cloudwatch-logs', remote: true, endpoint: null, port: null, protocol: 'http', tls: true, tlsVerify: true, durable: false, index: '/otel/audit', path: null });
    assert.ok(!JSON.stringify(r).includes('changeme'));
  });

  test('Kafka: localhost:9092 by default, TLS only with a tls block', () => {
    assert.deepEqual([output(p, 'kafka').endpoint, output(p, 'kafka').remote, output(p, 'kafka').tls, output(p, 'kafka').index], ['localhost:9092', false, false, 'audit']);
    assert.deepEqual([output(p, 'kafka/tls').endpoint, output(p, 'kafka/tls').remote, output(p, 'kafka/tls').tls], ['k1.example:9093,k2.example:9093', true, true]);
  });

  test('syslog: TCP port 514 with TLS by default; UDP never', () => {
    assert.deepEqual(facts(output(p, 'syslog')), { sinkKind: 'syslog', remote: true, endpoint: 'siem.example:514', port: 514, protocol: 'syslog', tls: true, tlsVerify: true, durable: false, index: null, path: null });
    assert.deepEqual([output(p, 'syslog/udp').port, output(p, 'syslog/udp').tls, lc(output(p, 'syslog/udp').locations['tls'])], [5514, false, '45:5']);
  });

  test('an endpoint from the environment is not understood', () => {
    assert.deepEqual([output(p, 'loki').endpoint, output(p, 'loki').remote, output(p, 'loki').tls], [null, null, null]);
    assert.deepEqual(r.unknowns.map((u) => [u.construct, lc(u.at)]), [['exporters.loki.endpoint', '48:5']]);
  });
});

describe('otel-collector: durability', () => {
  const r = read(`receivers:
  file_log: {include: [/var/log/*.log]}
extensions:
  file_storage/q: {directory: /var/lib/otelcol/q}
  file_storage/off: {directory: /tmp/x}
  db_storage: {driver: sqlite}
  memory_ballast: {}
exporters:
  otlp/file:
    endpoint: a.example:4317
    sending_queue: {storage: file_storage/q}
  otlp/db:
    endpoint: a.example:4317
    sending_queue: {storage: db_storage}
  otlp/disabled:
    endpoint: a.example:4317
    sending_queue:
      enabled: false
      storage: file_storage/q
  otlp/notenabled:
    endpoint: a.example:4317
    sending_queue: {storage: file_storage/off}
  otlp/missing:
    endpoint: a.example:4317
    sending_queue: {storage: file_storage/nope}
  otlp/odd:
    endpoint: a.example:4317
    sending_queue: {storage: memory_ballast}
  otlp/memory:
    endpoint: a.example:4317
  syslog:
    endpoint: s.example
    sending_queue: {storage: file_storage/q}
service:
  extensions: [file_storage/q, db_storage, memory_ballast]
  pipelines:
    logs:
      receivers: [file_log]
      exporters: [otlp/file, otlp/db, otlp/disabled, otlp/notenabled, otlp/missing, otlp/odd, otlp/memory, syslog]
`);
  const p = onePipeline(r);
  const durable = (id: string) => [output(p, id).durable, lc(output(p, id).locations['durable'])];

  test('a file_storage or db_storage queue enabled in service.extensions is durable', () => {
    assert.deepEqual(durable('otlp/file'), [true, '11:21']);
    assert.deepEqual(durable('otlp/db'), [true, '14:21']);
    assert.deepEqual(input(p, 'file_log').paths, ['/var/log/*.log'], 'file_log is filelog');
  });

  test('disabled queue, default memory queue, syslog queue off by default', () => {
    assert.deepEqual(durable('otlp/disabled'), [false, '18:7']);
    assert.deepEqual(durable('otlp/memory'), [false, '29:3']);
    assert.deepEqual(durable('syslog'), [false, '33:5']);
  });

  test('a storage extension not enabled or not defined is a problem; an unknown one is not understood', () => {
    assert.deepEqual([output(p, 'otlp/notenabled').durable, output(p, 'otlp/missing').durable, output(p, 'otlp/odd').durable], [null, null, null]);
    assert.deepEqual(r.problems.map((x) => [lc(x.at), x.message]), [
      ['22:21', 'sending_queue.storage names file_storage/off, which is not enabled in service.extensions'],
      ['25:21', 'sending_queue.storage names file_storage/nope, which is not defined under extensions'],
    ]);
    assert.deepEqual(r.unknowns.map((u) => [u.construct, lc(u.at)]), [['extensions.memory_ballast', '7:3']]);
  });
});

describe('otel-collector: Kubernetes', () => {
  test('the optimal estate fixture: pod logs over mTLS OTLP/HTTP with a persistent queue', () => {
    const path = 'fixtures/estates/optimal/k8s/logging/otel-collector.yaml';
    const r = readOtelDocument(firstDoc(path, readFileSync(join(REPO, path), 'utf8')));
    const p = onePipeline(r);
    assert.deepEqual([r.problems, r.unknowns], [[], []]);
    assert.deepEqual([input(p, 'filelog').paths, lc(input(p, 'filelog').at)], [['/var/log/pods/*/*/*.log'], '11:7']);
    const siem = output(p, 'otlphttp/siem');
    assert.deepEqual(facts(siem), { sinkKind: 'otlp', remote: true, endpoint: 'https://ingest.siem.meridian.example:4318', port: 4318, protocol: 'otlp', tls: true, tlsVerify: true, durable: true, index: null, path: null });
    assert.deepEqual([lc(siem.at), lc(siem.locations['durable']), lc(siem.locations['tlsVerify'])], ['24:7', '31:11', '26:9']);
    assert.deepEqual(edges(p), ['filelog>otlphttp/siem']);
  });

  test('a ConfigMap entry is read at its lines in the manifest', () => {
    const r = readOtelDocument(firstDoc('k8s/otel.yaml', `apiVersion: v1
kind: ConfigMap
metadata: {name: otel}
data:
  relay: |
    receivers:
      filelog:
        include: [/var/log/pods/*/*/*.log]
    exporters:
      otlphttp:
        endpoint: https://siem.example:4318
    service:
      pipelines:
        logs:
          receivers: [filelog]
          exporters: [otlphttp]
`));
    const p = onePipeline(r);
    assert.equal(p.id, 'otel-collector:k8s/otel.yaml');
    assert.equal(lc(p.declaredAt), '5:3');
    assert.equal(lc(input(p, 'filelog').at), '7:7');
    assert.equal(lc(output(p, 'otlphttp').locations['endpoint']), '11:9');
    assert.deepEqual(edges(p), ['filelog>otlphttp']);
  });

  test('the operator resource: spec.config as a mapping (v1beta1) or a string (v1alpha1)', () => {
    const beta = readOtelDocument(firstDoc('col.yaml', `apiVersion: opentelemetry.io/v1beta1
kind: OpenTelemetryCollector
metadata: {name: agent}
spec:
  mode: daemonset
  config:
    receivers:
      journald: {}
    exporters:
      otlp:
        endpoint: gw:4317
    service:
      pipelines:
        logs: {receivers: [journald], exporters: [otlp]}
`));
    const pb = onePipeline(beta);
    assert.deepEqual([lc(pb.declaredAt), lc(input(pb, 'journald').at), lc(output(pb, 'otlp').at), edges(pb)], ['6:3', '8:7', '10:7', ['journald>otlp']]);
    const alpha = docs('col.yaml', `apiVersion: opentelemetry.io/v1alpha1
kind: OpenTelemetryCollector
metadata: {name: agent}
spec:
  config: |
    receivers:
      journald: {}
    exporters:
      debug: {}
    service:
      pipelines:
        logs: {receivers: [journald], exporters: [debug]}
  mode: daemonset
`);
    const pa = onePipeline(readOtelDocument(alpha[0] as (typeof alpha)[number]));
    assert.deepEqual([lc(input(pa, 'journald').at), lc(output(pa, 'debug').at)], ['7:7', '9:7']);
  });

  test('two collector configs in one ConfigMap: one pipeline each', () => {
    const r = readOtelDocument(firstDoc('cm.yaml', `apiVersion: v1
kind: ConfigMap
data:
  agent.yaml: |
    receivers: {journald: {}}
    exporters: {debug: {}}
    service: {pipelines: {logs: {receivers: [journald], exporters: [debug]}}}
  gateway.yaml: |
    receivers: {otlp: {protocols: {http: {}}}}
    exporters: {debug: {}}
    service:
      pipelines: {logs: {receivers: [otlp], exporters: [debug]}}
`));
    assert.deepEqual(r.pipelines.map((p) => p.id), ['otel-collector:cm.yaml#agent.yaml', 'otel-collector:cm.yaml#gateway.yaml']);
    assert.deepEqual(r.pipelines[1]?.inputs.map((i) => [i.id, i.port]), [['otlp', 4318]]);
  });
});

describe('otel-collector: not understood and malformed', () => {
  test('undefined and unknown components are listed; what they decide is null', () => {
    const r = read(`receivers:
  mystery: {}
  receiver_creator: {}
exporters:
  fancy/x: {endpoint: https://x.example}
service:
  pipelines:
    logs:
      receivers: [mystery, receiver_creator, ghost]
      exporters: [fancy/x, phantom]
`);
    assert.deepEqual(r.unknowns.map((u) => [u.construct, lc(u.at)]), [
      ['receivers.mystery', '2:3'],
      ['receivers.receiver_creator', '3:3'],
      ['exporters.fancy/x', '5:3'],
      ['service.pipelines.logs', '9:46'],
      ['service.pipelines.logs', '10:28'],
    ]);
    const p = onePipeline(r);
    assert.deepEqual(facts(output(p, 'fancy/x')), { sinkKind: 'other', remote: null, endpoint: null, port: null, protocol: null, tls: null, tlsVerify: null, durable: null, index: null, path: null });
    assert.deepEqual(edges(p), ['mystery>fancy/x', 'receiver_creator>fancy/x']);
  });

  test('bad shapes are problems with positions, never a throw', () => {
    const r = read(`receivers: [a]
exporters:
  otlp: {endpoint: 7}
service:
  extensions: {}
  pipelines:
    logs: [x]
    logs/b:
      receivers: otlp
      exporters: [otlp, 3]
`);
    assertWellFormed(r, 'otel-collector');
    assert.deepEqual(r.problems.map((x) => [lc(x.at), x.message]), [
      ['1:1', 'receivers must be a mapping of component ids'],
      ['3:10', 'endpoint of exporter otlp must be an endpoint or a list of endpoints'],
      ['5:3', 'service.extensions must be a list of component ids'],
      ['7:5', 'pipeline logs must be a mapping of receivers, processors and exporters'],
    ]);
  });

  test('no service.pipelines: a problem, an empty pipeline', () => {
    const r = readOtelDocument(firstDoc('c.yaml', 'receivers: {otlp: {}}\nservice: {}\n'));
    assert.deepEqual(r.problems.map((x) => [lc(x.at), x.message]), [['2:1', 'service.pipelines is missing: the collector runs no pipeline']]);
    assert.deepEqual(onePipeline(r).inputs, []);
  });
});
