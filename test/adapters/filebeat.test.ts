import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADAPTERS, isElasticAgentConfig, isFilebeatConfig, isFilebeatFragment } from '../../src/adapters/filebeat.js';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import type { DocumentAdapter, ReadContext } from '../../src/adapters/config-adapter.js';
import { parseStructured } from '../../src/documents/yaml-document.js';
import type { ConfigRead, Pipeline, PipelineOutput } from '../../src/model/pipeline.js';
import { filesContext as tree } from './adapter-support.js';

function read(text: string, path = 'etc/filebeat/filebeat.yml', context: ReadContext = NO_INCLUDES): ConfigRead {
  const doc = parseStructured(path, text).documents[0];
  assert.ok(doc);
  const adapter = ADAPTERS.documents.find((a: DocumentAdapter) => a.claims(path, doc.data));
  assert.ok(adapter, 'claimed');
  return adapter.read(doc, context);
}

function only(r: ConfigRead): Pipeline {
  assert.equal(r.pipelines.length, 1);
  return r.pipelines[0] as Pipeline;
}

function out(p: Pipeline): PipelineOutput {
  assert.equal(p.outputs.length, 1);
  return p.outputs[0] as PipelineOutput;
}

describe('filebeat: claims', () => {
  test('filebeat.yml by its settings, dotted or nested', () => {
    assert.ok(isFilebeatConfig('x/config.yml', { 'filebeat.inputs': [] }));
    assert.ok(isFilebeatConfig('x/config.yml', { filebeat: { inputs: [] } }));
    assert.ok(isFilebeatConfig('etc/filebeat/filebeat.yml', { 'output.logstash': { hosts: ['a:5044'] } }));
    assert.ok(!isFilebeatConfig('x/config.yml', { 'output.logstash': { hosts: ['a:5044'] } }), 'an output alone is not Filebeat unless the file is named so');
    assert.ok(!isFilebeatConfig('vector.yaml', { sources: {}, sinks: {} }));
    assert.ok(!isFilebeatConfig('otel.yaml', { receivers: {}, exporters: {}, service: { pipelines: {} } }));
  });
  test('modules.d and inputs.d fragments; Elastic Agent by its outputs and inputs', () => {
    assert.ok(isFilebeatFragment('etc/filebeat/modules.d/system.yml', [{ module: 'system' }]));
    assert.ok(!isFilebeatFragment('etc/filebeat/other/system.yml', [{ module: 'system' }]));
    assert.ok(isFilebeatFragment('etc/filebeat/inputs.d/a.yml', [{ type: 'filestream' }]));
    assert.ok(isElasticAgentConfig('agent.yml', { outputs: { default: { type: 'elasticsearch' } }, inputs: [{ type: 'logfile' }] }));
    assert.ok(!isElasticAgentConfig('agent.yml', { outputs: { default: { type: 'webhook' } }, inputs: [{ type: 'x' }] }));
    assert.ok(!isElasticAgentConfig('agent.yaml', { sources: { a: { type: 'file' } }, sinks: {} }));
  });
});

describe('filebeat: inputs', () => {
  const config = `filebeat.inputs:
- type: filestream
  id: auth
  paths:
    - /var/log/auth.log
    - /var/log/secure*
  exclude_files: ['\\.gz$']
- type: log
  enabled: false
  paths: [/var/log/old.log]
- type: journald
  id: everything
- type: syslog
  protocol.udp:
    host: "0.0.0.0:9514"
- type: tcp
  host: "localhost:9000"
- type: container
  paths: ['/var/log/containers/*.log']
- type: unix
  path: /dev/log
- type: docker
  containers.ids: ['abc']
output.console:
  pretty: true
`;
  test('enabled inputs with their channels, paths, exclusions and ports', () => {
    const p = only(read(config));
    assert.deepEqual(
      p.inputs.map((i) => [i.id, i.channel, i.paths, i.exclude, i.port, i.at.line]),
      [
        ['auth', 'file', ['/var/log/auth.log', '/var/log/secure*'], ['\\.gz$'], null, 2],
        ['everything', 'journald', [], [], null, 11],
        ['syslog#0', 'syslog-listener', [], [], 9514, 13],
        ['tcp#0', 'syslog-listener', [], [], 9000, 16],
        ['container#0', 'containers', ['/var/log/containers/*.log'], [], null, 18],
        ['unix#0', 'syslog-local', ['/dev/log'], [], null, 20],
        ['docker#0', 'containers', ['/var/lib/docker/containers/abc/*.log'], [], null, 22],
      ],
    );
    assert.equal(p.id, 'filebeat:etc/filebeat/filebeat.yml');
    assert.equal(p.edges.length, 7);
    assert.ok(p.edges.every((e) => e.output === 'console'));
    assert.equal(out(p).remote, false);
  });
  test('the system module: filesets listed are enabled, with default Linux paths or var.paths', () => {
    const p = only(
      read(`filebeat.modules:
- module: system
  syslog:
    enabled: false
  auth:
    enabled: true
- module: system
  auth:
    var.paths: ["/srv/log/auth.log*"]
- module: system
  syslog:
    var.use_journald: true
- module: auditd
  log: {}
- module: mysql
  error: {}
output.logstash.hosts: ["ls.example.com:5044"]
`),
    );
    assert.deepEqual(
      p.inputs.map((i) => [i.id, i.plugin, i.channel, i.paths]),
      [
        ['system.auth', 'system/auth', 'file', ['/var/log/auth.log*', '/var/log/secure*']],
        ['system.auth#2', 'system/auth', 'file', ['/srv/log/auth.log*']],
        ['system.syslog', 'system/syslog', 'journald', []],
        ['auditd.log', 'auditd/log', 'file', ['/var/log/audit/audit.log*']],
      ],
    );
  });
  test('modules.d and inputs.d files loaded through filebeat.config', () => {
    const files = {
      'etc/filebeat/filebeat.yml': '',
      'etc/filebeat/modules.d/system.yml': '- module: system\n  auth:\n    enabled: true\n',
      'etc/filebeat/inputs.d/app.yml': '- type: filestream\n  id: app\n  paths: [/var/log/app.log]\n',
    };
    const r = read(
      'filebeat.config.modules:\n  path: ${path.config}/modules.d/*.yml\nfilebeat.config:\n  inputs:\n    enabled: true\n    path: inputs.d/*.yml\noutput.elasticsearch:\n  hosts: ["https://es.example.com:9200"]\n',
      'etc/filebeat/filebeat.yml',
      tree(files),
    );
    const p = only(r);
    assert.deepEqual(r.includes, ['etc/filebeat/inputs.d/app.yml', 'etc/filebeat/modules.d/system.yml']);
    assert.deepEqual(p.inputs.map((i) => [i.id, i.at.path, i.at.line]), [['app', 'etc/filebeat/inputs.d/app.yml', 1], ['system.auth', 'etc/filebeat/modules.d/system.yml', 2]]);
  });
  test('include_matches of journald are not modelled; unknown input types are not understood', () => {
    const r = read('filebeat.inputs:\n- type: journald\n  include_matches.match: [_SYSTEMD_UNIT=sshd.service]\n- type: frobnicate\noutput.console: {}\n');
    assert.deepEqual(r.unknowns.map((u) => [u.construct, u.at.line]), [['include_matches', 2], ['input frobnicate', 4]]);
  });
});

describe('filebeat: outputs', () => {
  test('elasticsearch: scheme decides TLS, verification_mode none, default index, credentials dropped', () => {
    const p = only(
      read(`filebeat.inputs:
- type: filestream
  id: a
  paths: [/var/log/a.log]
output:
  elasticsearch:
    hosts: ["https://elastic:pw@es1.example.com:9243", "https://es2.example.com:9243"]
    username: elastic
    password: secret
    ssl:
      verification_mode: none
`),
    );
    const es = out(p);
    assert.deepEqual(
      [es.id, es.sinkKind, es.endpoint, es.port, es.remote, es.protocol, es.tls, es.tlsVerify, es.index, es.durable],
      ['elasticsearch', 'elasticsearch', 'https://es1.example.com:9243,https://es2.example.com:9243', 9243, true, 'http', true, false, 'filebeat-%{[agent.version]}', false],
    );
    assert.equal(es.locations['tlsVerify']?.line, 11);
    assert.equal(es.locations['tls']?.line, 7);
    assert.ok(!JSON.stringify(p).includes('secret') && !JSON.stringify(p).includes(':pw@'));
    assert.deepEqual(p.edges, [{ input: 'a', output: 'elasticsearch', facilities: null }]);
  });
  test('elasticsearch without a scheme uses protocol (default http) and localhost:9200 by default', () => {
    const es = out(only(read('filebeat.inputs: []\noutput.elasticsearch:\n  protocol: https\n  index: audit-%{+yyyy.MM.dd}\n')));
    assert.deepEqual([es.endpoint, es.remote, es.tls, es.tlsVerify, es.index], ['localhost:9200', false, true, true, 'audit-%{+yyyy.MM.dd}']);
    const plain = out(only(read('output.elasticsearch.hosts: ["es:9200"]\nfilebeat.inputs: []\n')));
    assert.deepEqual([plain.tls, plain.tlsVerify], [false, null]);
  });
  test('logstash: beats protocol, TLS when an ssl section is present and enabled', () => {
    const ls = out(only(read('filebeat.inputs: []\noutput.logstash:\n  hosts: ["ls.example.com"]\n  ssl.certificate_authorities: ["/etc/ca.pem"]\n')));
    assert.deepEqual([ls.sinkKind, ls.protocol, ls.endpoint, ls.port, ls.tls, ls.tlsVerify], ['other', 'beats', 'ls.example.com', 5044, true, true]);
    const off = out(only(read('filebeat.inputs: []\noutput.logstash:\n  hosts: ["ls.example.com:5045"]\n  ssl.enabled: false\n  ssl.certificate_authorities: ["/etc/ca.pem"]\n')));
    assert.deepEqual([off.tls, off.tlsVerify, off.port], [false, null, 5045]);
  });
  test('queue.disk makes outputs durable', () => {
    const r = read('filebeat.inputs: []\nqueue.disk:\n  max_size: 10GB\noutput.kafka:\n  hosts: ["k1:9092"]\n');
    const k = out(only(r));
    assert.deepEqual([k.sinkKind, k.durable, k.locations['durable']?.line, k.tls], ['kafka', true, 2, false]);
  });
  test('exactly one output: two enabled outputs are a problem, a disabled one does not count', () => {
    const two = read('filebeat.inputs: []\noutput.console: {}\noutput.file:\n  path: /tmp/fb\n');
    assert.match(two.problems[0]?.message ?? '', /exactly one enabled output/);
    assert.deepEqual(only(two).edges, []);
    const one = only(read('filebeat.inputs: [{type: log, paths: [/a]}]\noutput.console.enabled: false\noutput.file:\n  path: /tmp/fb\n  filename: events\n'));
    assert.deepEqual([out(one).path, out(one).sinkKind, one.edges.length], ['/tmp/fb/events', 'local-file', 1]);
  });
  test('environment variables are unknown', () => {
    const r = read('filebeat.inputs: []\noutput.elasticsearch:\n  hosts: ["${ES_HOST}"]\n');
    const es = out(only(r));
    assert.deepEqual([es.endpoint, es.remote, es.tls], [null, null, null]);
    assert.deepEqual(r.unknowns.map((u) => [u.construct, u.at.line]), [['${ES_HOST}', 3]]);
  });
  test('cloud.id gives the HTTPS endpoint', () => {
    const id = `c:${Buffer.from('eu-west-1.aws.found.io$abc$def').toString('base64')}`;
    const es = out(only(read(`filebeat.inputs: []\ncloud.id: "${id}"\ncloud.auth: "elastic:pw"\noutput.elasticsearch: {}\n`)));
    assert.deepEqual([es.endpoint, es.tls, es.tlsVerify], ['https://abc.eu-west-1.aws.found.io:443', true, true]);
  });
});

describe('elastic-agent standalone', () => {
  const agent = `outputs:
  default:
    type: elasticsearch
    hosts: ["https://es.example.com:443"]
    api_key: "id:key"
    ssl.verification_mode: certificate
  archive:
    type: logstash
    hosts: ["ls.example.com:5044"]
inputs:
  - id: system-logs
    type: logfile
    use_output: default
    streams:
      - data_stream.dataset: system.auth
        paths: [/var/log/auth.log*, /var/log/secure*]
      - data_stream.dataset: system.syslog
        enabled: false
        paths: [/var/log/messages*]
  - id: journal
    type: journald
    use_output: archive
  - type: udp
    use_output: missing
    streams:
      - host: "0.0.0.0:5514"
`;
  test('inputs with their streams, outputs by name, routes by use_output', () => {
    const r = read(agent, 'etc/elastic-agent/elastic-agent.yml');
    assert.equal(r.kind, 'elastic-agent');
    const p = only(r);
    assert.equal(p.shipper, 'elastic-agent');
    assert.deepEqual(p.inputs.map((i) => [i.id, i.channel, i.paths, i.port]), [
      ['system-logs', 'file', ['/var/log/auth.log*', '/var/log/secure*'], null],
      ['journal', 'journald', [], null],
      ['udp#0', 'syslog-listener', [], 5514],
    ]);
    assert.deepEqual(p.outputs.map((o) => [o.id, o.plugin, o.tls, o.tlsVerify, o.durable, o.index]), [
      ['default', 'elasticsearch', true, false, false, null],
      ['archive', 'logstash', false, null, false, null],
    ]);
    assert.deepEqual(p.edges.map((e) => `${e.input} -> ${e.output}`), ['journal -> archive', 'system-logs -> default']);
    assert.deepEqual(r.problems.map((x) => [x.at.line, x.message]), [[23, 'use_output missing names no output of this file']]);
  });
  test('a Fleet-managed agent is not modelled', () => {
    const r = read('fleet:\n  enabled: true\nagent.monitoring:\n  enabled: true\n', 'etc/elastic-agent/elastic-agent.yml');
    assert.deepEqual(r.pipelines, []);
    assert.deepEqual(r.unknowns.map((u) => u.construct), ['fleet.enabled']);
  });
});

describe('filebeat in a Kubernetes ConfigMap', () => {
  test('lines are where they are in the manifest', () => {
    const manifest = `apiVersion: v1
kind: ConfigMap
metadata:
  name: filebeat-config
  namespace: kube-system
data:
  filebeat.yml: |-
    filebeat.inputs:
    - type: container
      paths:
        - /var/log/containers/*.log
    output.elasticsearch:
      hosts: ['\${ELASTICSEARCH_HOST:elasticsearch}:\${ELASTICSEARCH_PORT:9200}']
`;
    const r = read(manifest, 'k8s/filebeat.yaml');
    const p = only(r);
    assert.equal(p.id, 'filebeat:k8s/filebeat.yaml#filebeat-config');
    assert.deepEqual(p.inputs.map((i) => [i.channel, i.at.line, i.at.column]), [['containers', 9, 7]]);
    assert.deepEqual(r.unknowns.map((u) => [u.construct, u.at.line]), [['${ELASTICSEARCH_HOST}', 13], ['${ELASTICSEARCH_PORT}', 13]]);
    assert.equal(out(p).remote, null);
  });
});
