import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADAPTERS, claimsClassic, isFluentBitConfigMap, isFluentBitYaml } from '../../src/adapters/fluent-bit.js';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import type { ReadContext } from '../../src/adapters/config-adapter.js';
import { patternsOverlap, regexMatchesTag, rewrittenTagPattern, tailTagPattern } from '../../src/adapters/fluent-bit/tags.js';
import { parseStructured } from '../../src/documents/yaml-document.js';
import type { ConfigRead, Pipeline, PipelineOutput } from '../../src/model/pipeline.js';
import { filesContext as tree } from './adapter-support.js';

function defined<T>(value: T | undefined): T {
  assert.ok(value !== undefined);
  return value;
}
const classic = defined(ADAPTERS.text[0]);
const yamlAdapter = defined(ADAPTERS.documents[0]);

function readConf(text: string, path = 'etc/fluent-bit/fluent-bit.conf', context: ReadContext = NO_INCLUDES): ConfigRead {
  assert.ok(classic.claims(path, text), 'claimed');
  return classic.read({ path, text }, context);
}

function only(read: ConfigRead): Pipeline {
  assert.equal(read.pipelines.length, 1);
  return read.pipelines[0] as Pipeline;
}

function output(p: Pipeline, id: string): PipelineOutput {
  const found = p.outputs.find((o) => o.id === id);
  assert.ok(found, `output ${id}`);
  return found;
}

function edges(p: Pipeline): string[] {
  return p.edges.map((e) => `${e.input} -> ${e.output}`);
}

function readYaml(text: string, path = 'fluent-bit.yaml', context: ReadContext = NO_INCLUDES): ConfigRead {
  const doc = parseStructured(path, text).documents[0];
  assert.ok(doc);
  assert.ok(yamlAdapter.claims(path, doc.data), 'claimed');
  return yamlAdapter.read(doc, context);
}

describe('fluent-bit: claims', () => {
  test('classic files by their sections and entries', () => {
    assert.ok(claimsClassic('x/any.conf', '[INPUT]\n    Name tail\n    Path /var/log/a.log\n'));
    assert.ok(claimsClassic('parsers.conf', '[PARSER]\n    Name   apache\n    Format regex\n'));
    assert.ok(claimsClassic('main.conf', '[SERVICE]\n    Flush 1\n@INCLUDE inputs.conf\n'));
    assert.ok(claimsClassic('etc/td-agent-bit/td-agent-bit.conf', '@INCLUDE conf.d/*.conf\n'));
  });
  test('not systemd units, INI files, rsyslog, YAML or logs', () => {
    assert.ok(!claimsClassic('fluent-bit.service', '[Unit]\nDescription=x\n[Service]\nExecStart=/opt/fluent-bit\n'));
    assert.ok(!claimsClassic('etc/x/service.conf', '[Service]\nExecStart=/bin/true\nRestart=always\n'));
    assert.ok(!claimsClassic('app.ini', '[input]\n  name = x\n'));
    assert.ok(!claimsClassic('rsyslog.conf', '*.* @@remote:514\n'));
    assert.ok(!claimsClassic('fluent-bit.yaml', '[INPUT]\n    Name tail\n'));
    assert.ok(!claimsClassic('app.log', '[INPUT]\n    Name tail\n'));
  });
  test('YAML configurations and ConfigMaps by their shape', () => {
    assert.ok(isFluentBitYaml({ pipeline: { inputs: [{ name: 'tail' }] } }));
    assert.ok(isFluentBitYaml({ parsers: [{ name: 'json', format: 'json' }] }));
    assert.ok(!isFluentBitYaml({ service: { pipelines: {} }, receivers: {} }));
    assert.ok(!isFluentBitYaml({ sources: {}, sinks: {} }));
    assert.ok(!isFluentBitYaml({ pipeline: { inputs: [{ type: 'tail' }] } }));
    assert.ok(isFluentBitConfigMap({ apiVersion: 'v1', kind: 'ConfigMap', data: { 'fluent-bit.conf': '[INPUT]\n' } }));
    assert.ok(!isFluentBitConfigMap({ apiVersion: 'v1', kind: 'ConfigMap', data: { 'agent.yaml': 'sources: {}' } }));
  });
});

describe('fluent-bit: classic format', () => {
  const host = `[SERVICE]
    Flush        1
    storage.path /var/lib/fluent-bit/buffer

[INPUT]
    Name              tail
    Path              /var/log/audit/audit.log, /var/log/secure
    Exclude_Path      /var/log/secure-*.gz
    Tag               host.*
    storage.type      filesystem

[INPUT]
    Name   systemd
    Tag    journal.*

[INPUT]
    Name cpu

[OUTPUT]
    Name               es
    Match              host.*
    Host               elastic:changeme@es.example.com
    Port               9243
    HTTP_User          elastic
    HTTP_Passwd        s3cr3t
    tls                On
    tls.verify         Off
    Logstash_Format    On
    Logstash_Prefix    audit

[OUTPUT]
    Name  stdout
    Match cpu.*
`;

  test('inputs: channel, paths as written, exclusions, default instance tag', () => {
    const p = only(readConf(host));
    assert.deepEqual(
      p.inputs.map((i) => [i.id, i.plugin, i.channel, i.paths, i.exclude, i.at.line]),
      [
        ['tail#0', 'tail', 'file', ['/var/log/audit/audit.log', '/var/log/secure'], ['/var/log/secure-*.gz'], 5],
        ['systemd#1', 'systemd', 'journald', [], [], 12],
        ['cpu#2', 'cpu', 'other', [], [], 16],
      ],
    );
    assert.equal(p.id, 'fluent-bit:etc/fluent-bit/fluent-bit.conf');
    assert.equal(p.shipper, 'fluent-bit');
  });
  test('routing: tail tags expanded from the path match host.*; cpu.2 (default tag) matches cpu.*', () => {
    const p = only(readConf(host));
    assert.deepEqual(edges(p), ['cpu#2 -> stdout#1', 'tail#0 -> es#0']);
  });
  test('es output: endpoint without credentials, TLS, verify off, logstash prefix, durable', () => {
    const es = output(only(readConf(host)), 'es#0');
    assert.equal(es.sinkKind, 'elasticsearch');
    assert.equal(es.endpoint, 'es.example.com:9243');
    assert.equal(es.port, 9243);
    assert.equal(es.remote, true);
    assert.equal(es.protocol, 'http');
    assert.equal(es.tls, true);
    assert.equal(es.tlsVerify, false);
    assert.equal(es.index, 'audit');
    assert.equal(es.durable, true);
    assert.equal(es.locations['tls']?.line, 26);
    assert.equal(es.locations['tlsVerify']?.line, 27);
    assert.equal(es.locations['index']?.line, 29);
    assert.equal(es.locations['durable']?.line, 10);
    assert.ok(!JSON.stringify(es).includes('changeme') && !JSON.stringify(es).includes('s3cr3t'), 'credentials never copied');
  });
  test('stdout is local; a memory-buffered input makes it not durable, pointing at the input', () => {
    const out = output(only(readConf(host)), 'stdout#1');
    assert.equal(out.remote, false);
    assert.equal(out.tls, null);
    assert.equal(out.durable, false);
    assert.equal(out.locations['durable']?.line, 16);
  });
  test('defaults: es on 127.0.0.1:9200, tls off, index fluent-bit; tls.verify not applicable', () => {
    const p = only(readConf('[INPUT]\n    Name tail\n    Path /var/log/x.log\n[OUTPUT]\n    Name es\n    Match *\n'));
    const es = output(p, 'es#0');
    assert.equal(es.endpoint, '127.0.0.1:9200');
    assert.equal(es.remote, false);
    assert.equal(es.tls, false);
    assert.equal(es.tlsVerify, null);
    assert.equal(es.index, 'fluent-bit');
    assert.equal(es.locations['tls']?.line, 4, 'a default points at the section');
    assert.equal(es.durable, false);
  });
  test('filesystem storage without [SERVICE] storage.path is memory', () => {
    const p = only(readConf('[SERVICE]\n    Flush 1\n[INPUT]\n    Name tail\n    Path /a\n    storage.type filesystem\n[OUTPUT]\n    Name forward\n    Match *\n    Host 10.0.0.5\n'));
    const fwd = output(p, 'forward#0');
    assert.equal(fwd.durable, false);
    assert.equal(fwd.locations['durable']?.line, 1, 'points at [SERVICE], where storage.path belongs');
    assert.equal(fwd.protocol, 'forward');
    assert.equal(fwd.endpoint, '10.0.0.5:24224');
  });
  test('an output without Match takes nothing, unless the config is one input and one output', () => {
    const two = only(readConf('[INPUT]\n    Name cpu\n[INPUT]\n    Name mem\n[OUTPUT]\n    Name stdout\n'));
    assert.deepEqual(two.edges, []);
    const one = only(readConf('[INPUT]\n    Name cpu\n[OUTPUT]\n    Name stdout\n'));
    assert.deepEqual(edges(one), ['cpu#0 -> stdout#0']);
  });
  test('Match_Regex is anchored at the start; Alias names the plugin', () => {
    const p = only(readConf('[INPUT]\n    Name dummy\n    Tag app.audit\n    Alias audit-in\n[OUTPUT]\n    Name null\n    Match_Regex audit\n[OUTPUT]\n    Name stdout\n    Alias sink\n    Match_Regex app\\.(audit|access)\n'));
    assert.deepEqual(edges(p), ['audit-in -> sink']);
  });
  test('@SET variables resolve; environment variables are unknown and facts depending on them are null', () => {
    const read = readConf('@SET es_host=search.internal\n[INPUT]\n    Name tail\n    Path ${LOG_DIR}/*.log\n    Tag app\n[OUTPUT]\n    Name es\n    Match app\n    Host ${es_host}\n    tls ${ES_TLS}\n');
    const p = only(read);
    const es = output(p, 'es#0');
    assert.equal(es.endpoint, 'search.internal:9200');
    assert.equal(es.remote, true);
    assert.equal(es.tls, null);
    assert.deepEqual(p.inputs[0]?.paths, ['${LOG_DIR}/*.log'], 'paths kept as written when unknown');
    assert.deepEqual(read.unknowns.map((u) => [u.construct, u.at.line]), [['${LOG_DIR}', 4], ['${ES_TLS}', 10]]);
  });
  test('a Tag with an unknown variable may be anything: routes are kept', () => {
    const p = only(readConf('[INPUT]\n    Name cpu\n    Tag ${TAG}\n[OUTPUT]\n    Name stdout\n    Match cpu\n[OUTPUT]\n    Name null\n    Match mem\n'));
    assert.deepEqual(edges(p), ['cpu#0 -> null#1', 'cpu#0 -> stdout#0']);
  });
  test('@INCLUDE: relative to the main file folder, globs, includes listed, instance numbers across files', () => {
    const context = tree({
      'etc/fluent-bit/fluent-bit.conf': '[SERVICE]\n    Flush 1\n@INCLUDE conf.d/*.conf\n@INCLUDE outputs/out.conf\n',
      'etc/fluent-bit/conf.d/a.conf': '[INPUT]\n    Name tail\n    Path /var/log/a.log\n    Tag a\n',
      'etc/fluent-bit/conf.d/b.conf': '[INPUT]\n  Name systemd\n  Tag b\n@INCLUDE ../outputs/nested.conf\n',
      'etc/fluent-bit/outputs/out.conf': '[OUTPUT]\n    Name  loki\n    Match *\n    Host  loki.example.com\n',
      'etc/fluent-bit/outputs/nested.conf': '[FILTER]\n    Name grep\n    Match *\n',
    });
    const read = readConf('[SERVICE]\n    Flush 1\n@INCLUDE conf.d/*.conf\n@INCLUDE outputs/out.conf\n', 'etc/fluent-bit/fluent-bit.conf', context);
    const p = only(read);
    assert.deepEqual(read.includes, ['etc/fluent-bit/conf.d/a.conf', 'etc/fluent-bit/conf.d/b.conf', 'etc/fluent-bit/outputs/out.conf']);
    assert.deepEqual(p.inputs.map((i) => [i.id, i.at.path, i.at.line]), [['tail#0', 'etc/fluent-bit/conf.d/a.conf', 1], ['systemd#1', 'etc/fluent-bit/conf.d/b.conf', 1]]);
    assert.deepEqual(edges(p), ['systemd#1 -> loki#0', 'tail#0 -> loki#0']);
    assert.deepEqual(read.unknowns.map((u) => u.construct), ['@INCLUDE ../outputs/nested.conf'], 'nested includes are relative to the main folder too');
  });
  test('include cycles are problems, not loops', () => {
    const files = {
      'a/fluent-bit.conf': '[SERVICE]\n    Flush 1\n@INCLUDE a.conf\n',
      'a/a.conf': '@INCLUDE b.conf\n[INPUT]\n    Name cpu\n',
      'a/b.conf': '@INCLUDE a.conf\n[INPUT]\n    Name mem\n',
    };
    const read = readConf(files['a/fluent-bit.conf'], 'a/fluent-bit.conf', tree(files));
    assert.deepEqual(read.problems.map((p) => [p.at.path, p.at.line]), [['a/b.conf', 1]]);
    assert.match(read.problems[0]?.message ?? '', /includes itself/);
    assert.deepEqual(only(read).inputs.map((i) => i.id), ['mem#0', 'cpu#1']);
  });
  test('an unresolvable include is not understood', () => {
    const read = readConf('[SERVICE]\n    Flush 1\n@INCLUDE /etc/fluent-bit/missing.conf\n');
    assert.deepEqual(read.unknowns.map((u) => [u.construct, u.at.line]), [['@INCLUDE /etc/fluent-bit/missing.conf', 3]]);
  });
  test('malformed lines are problems with line and column; the rest is read', () => {
    const read = readConf('[INPUT]\n    Name\ttail\n    Path /a\nTag x\n    Flush\n[OUTPUT\n    Name stdout\n      Match *\n');
    assert.deepEqual(
      read.problems.map((p) => [p.at.line, p.at.column, p.message.split(':')[0]]),
      [
        [2, 5, 'key and value must be separated by a space'],
        [4, 1, 'entries must be indented under their section'],
        [5, 5, 'key without a value'],
        [6, 1, 'section header without a closing ]'],
        [7, 5, 'entry outside of a section'],
        [8, 1, 'extra indentation'],
        [8, 7, 'entry outside of a section'],
      ],
    );
    assert.equal(read.fatal, false);
    assert.deepEqual(only(read).inputs.map((i) => [i.plugin, i.paths]), [['tail', ['/a']]]);
  });
  test('parser-only files are claimed and give no pipeline', () => {
    const read = readConf('[PARSER]\n    Name   json\n    Format json\n\n[MULTILINE_PARSER]\n    name          multiline-regex-test\n    type          regex\n    rule      "start_state"   "/(Dec \\d+ \\d+\\:\\d+\\:\\d+)(.*)/"  "cont"\n', 'parsers.conf');
    assert.deepEqual(read.pipelines, []);
    assert.deepEqual(read.unknowns, []);
    assert.deepEqual(read.problems, []);
  });
});

describe('fluent-bit: inputs', () => {
  test('syslog: unix socket (default) is local, tcp/udp listen on a port', () => {
    const p = only(readConf('[INPUT]\n    Name syslog\n    Path /dev/log\n[INPUT]\n    Name syslog\n    Mode tcp\n    Port 5514\n[INPUT]\n    Name syslog\n    Mode udp\n'));
    assert.deepEqual(p.inputs.map((i) => [i.channel, i.port, i.paths]), [['syslog-local', null, ['/dev/log']], ['syslog-listener', 5514, []], ['syslog-listener', 5140, []]]);
  });
  test('forward, opentelemetry and http listeners with their default ports; tail on container logs', () => {
    const p = only(readConf('[INPUT]\n    Name forward\n[INPUT]\n    Name opentelemetry\n    Port 4317\n[INPUT]\n    Name http\n[INPUT]\n    Name tail\n    Path /var/log/containers/*.log\n    Tag kube.*\n'));
    assert.deepEqual(p.inputs.map((i) => [i.channel, i.port]), [['forward-listener', 24224], ['otlp-listener', 4317], ['forward-listener', 9880], ['containers', null]]);
  });
  test('Systemd_Filter is not modelled: said so', () => {
    const read = readConf('[INPUT]\n    Name systemd\n    Systemd_Filter _SYSTEMD_UNIT=sshd.service\n');
    assert.deepEqual(read.unknowns.map((u) => [u.construct, u.at.line]), [['Systemd_Filter', 3]]);
  });
  test('unknown plugins are not understood', () => {
    const read = readConf('[INPUT]\n    Name my_plugin\n[OUTPUT]\n    Name my_out\n    Match *\n');
    const p = only(read);
    assert.equal(p.inputs[0]?.channel, 'other');
    assert.equal(p.outputs[0]?.remote, null);
    assert.deepEqual(read.unknowns.map((u) => u.construct), ['input my_plugin', 'output my_out']);
  });
  test('tail: Tag_Regex captures may be anything; a path variable may be anything in the expanded tag', () => {
    const p = only(
      readConf(
        '[INPUT]\n    Name tail\n    Path /var/log/containers/*.log\n    Tag_Regex (?<pod>[a-z0-9-]+)_(?<ns>[^_]+)_\n    Tag k8s.<ns>.<pod>\n[INPUT]\n    Name tail\n    Path ${LOG_DIR}/app.log\n    Tag app.*\n[OUTPUT]\n    Name null\n    Match k8s.kube-system.*\n[OUTPUT]\n    Name stdout\n    Match app.var.log.app.log\n',
      ),
    );
    assert.deepEqual(edges(p), ['tail#0 -> null#0', 'tail#1 -> stdout#1']);
  });
  test('forward without Tag keeps the senders\' tags: routes to any Match', () => {
    const p = only(readConf('[INPUT]\n    Name forward\n    Tag_Prefix fwd.\n[OUTPUT]\n    Name null\n    Match fwd.app.*\n[OUTPUT]\n    Name stdout\n    Match other.*\n'));
    assert.deepEqual(edges(p), ['forward#0 -> null#0']);
  });
});

describe('fluent-bit: outputs', () => {
  function out(body: string): PipelineOutput {
    const p = only(readConf(`[INPUT]\n    Name dummy\n[OUTPUT]\n${body}    Match *\n`));
    return p.outputs[0] as PipelineOutput;
  }
  test('cloud API outputs always speak HTTPS', () => {
    const cw = out('    Name cloudwatch_logs\n    region us-east-1\n    log_group_name /aws/audit\n');
    assert.deepEqual([cw.sinkKind, cw.remote, cw.tls, cw.tlsVerify, cw.index], ['cloudwatch-logs', true, true, true, '/aws/audit']);
    const s3 = out('    Name s3\n    bucket audit-logs\n    tls.verify off\n');
    assert.deepEqual([s3.sinkKind, s3.tls, s3.tlsVerify, s3.index], ['object-store', true, false, 'audit-logs']);
  });
  test('datadog has a default host but TLS must be switched on', () => {
    const dd = out('    Name datadog\n    apikey x\n');
    assert.deepEqual([dd.endpoint, dd.remote, dd.tls], ['http-intake.logs.datadoghq.com:443', true, false]);
  });
  test('syslog output: mode decides TLS', () => {
    const udp = out('    Name syslog\n    Host logs.example.com\n');
    assert.deepEqual([udp.sinkKind, udp.protocol, udp.endpoint, udp.tls], ['syslog', 'syslog', 'logs.example.com:514', false]);
    const tls = out('    Name syslog\n    Host logs.example.com\n    Port 6514\n    Mode tls\n');
    assert.deepEqual([tls.tls, tls.tlsVerify, tls.port], [true, true, 6514]);
  });
  test('kafka: TLS from rdkafka.security.protocol', () => {
    const k = out('    Name kafka\n    Brokers k1.example.com:9093,k2.example.com:9093\n    rdkafka.security.protocol SASL_SSL\n');
    assert.deepEqual([k.sinkKind, k.endpoint, k.port, k.tls, k.tlsVerify], ['kafka', 'k1.example.com:9093,k2.example.com:9093', 9093, true, true]);
  });
  test('opentelemetry, loki tenant, splunk index, http webhook', () => {
    const otel = out('    Name opentelemetry\n    Host otel.example.com\n    Port 4318\n    tls on\n');
    assert.deepEqual([otel.sinkKind, otel.protocol, otel.tls, otel.tlsVerify], ['otlp', 'otlp', true, true]);
    assert.equal(out('    Name loki\n    Host loki.example.com\n    tenant_id security\n').index, 'security');
    assert.equal(out('    Name splunk\n    Host splunk.example.com\n    event_index audit\n').index, 'audit');
    assert.equal(out('    Name http\n    Host hooks.example.com\n    Port 443\n').sinkKind, 'webhook');
  });
  test('es Cloud_ID gives the cluster endpoint', () => {
    const id = `prod:${Buffer.from('us-east-1.aws.found.io$abc123$def456').toString('base64')}`;
    const es = out(`    Name es\n    Cloud_ID ${id}\n    Cloud_Auth elastic:pw\n    tls On\n`);
    assert.deepEqual([es.endpoint, es.port, es.remote, es.tls], ['abc123.us-east-1.aws.found.io:443', 443, true, true]);
  });
  test('forward with an Upstream file: nodes give the endpoint and TLS', () => {
    const files = {
      'etc/fluent-bit/fluent-bit.conf': '[INPUT]\n    Name cpu\n[OUTPUT]\n    Name forward\n    Match *\n    Upstream upstream.conf\n',
      'etc/fluent-bit/upstream.conf': '[UPSTREAM]\n    name forward-balancing\n\n[NODE]\n    name node-1\n    host agg1.example.com\n    port 24224\n    tls on\n\n[NODE]\n    name node-2\n    host agg2.example.com\n    port 24224\n    tls on\n    tls.verify off\n',
    };
    const read = readConf(files['etc/fluent-bit/fluent-bit.conf'], 'etc/fluent-bit/fluent-bit.conf', tree(files));
    const fwd = only(read).outputs[0] as PipelineOutput;
    assert.deepEqual([fwd.endpoint, fwd.port, fwd.remote, fwd.tls, fwd.tlsVerify], ['agg1.example.com:24224,agg2.example.com:24224', 24224, true, true, false]);
    assert.ok(claimsClassic('etc/fluent-bit/upstream.conf', files['etc/fluent-bit/upstream.conf']));
  });
  test('file output: Path and File, or the tag when File is not set', () => {
    const p = only(readConf('[INPUT]\n    Name mem\n    Tag mem.usage\n[OUTPUT]\n    Name file\n    Match *\n    Path /var/log/fb\n[OUTPUT]\n    Name file\n    Match *\n    Path /var/log/fb/\n    File all.log\n'));
    assert.deepEqual(p.outputs.map((o) => [o.sinkKind, o.remote, o.path]), [['local-file', false, '/var/log/fb/mem.usage'], ['local-file', false, '/var/log/fb/all.log']]);
  });
});

describe('fluent-bit: filters that re-emit records', () => {
  test('rewrite_tag: both the new and the original tag route; emitter memory makes it not durable', () => {
    const read = readConf(`[SERVICE]
    storage.path /var/lib/fb
[INPUT]
    Name tail
    Path /var/log/containers/*.log
    Tag kube.*
    storage.type filesystem
[FILTER]
    Name rewrite_tag
    Match kube.*
    Rule $kubernetes['namespace_name'] ^(kube-system)$ system.$TAG false
[OUTPUT]
    Name es
    Match kube.*
    Host es.example.com
[OUTPUT]
    Name loki
    Match system.*
    Host loki.example.com
`);
    const p = only(read);
    assert.deepEqual(edges(p), ['tail#0 -> es#0', 'tail#0 -> loki#1']);
    assert.equal(output(p, 'es#0').durable, true);
    assert.equal(output(p, 'loki#1').durable, false, 'the emitter buffers in memory by default');
    assert.equal(output(p, 'loki#1').locations['durable']?.line, 8);
    assert.deepEqual(read.unknowns.map((u) => [u.construct, u.at.line]), [['rewrite_tag', 8]]);
  });
  test('rewrite_tag with a filesystem emitter keeps records on disk', () => {
    const p = only(readConf('[SERVICE]\n    storage.path /b\n[INPUT]\n    Name tail\n    Path /a\n    Tag a\n    storage.type filesystem\n[FILTER]\n    Name rewrite_tag\n    Match a\n    Rule $log .* b true\n    Emitter_Storage.type filesystem\n[OUTPUT]\n    Name forward\n    Match b\n    Host agg\n'));
    assert.deepEqual(edges(p), ['tail#0 -> forward#0']);
    assert.equal(p.outputs[0]?.durable, true);
  });
  test('a buffered multiline filter hands records to its memory emitter', () => {
    const p = only(readConf('[SERVICE]\n    storage.path /b\n[INPUT]\n    Name tail\n    Path /a\n    Tag a\n    storage.type filesystem\n[FILTER]\n    Name multiline\n    Match a\n    multiline.parser java\n[OUTPUT]\n    Name forward\n    Match a\n    Host agg\n'));
    assert.equal(p.outputs[0]?.durable, false);
    assert.equal(p.outputs[0]?.locations['durable']?.line, 8);
  });
});

describe('fluent-bit: YAML format', () => {
  test('env, camelCase keys, includes relative to the including file', () => {
    const context = tree({
      'cfg/fluent-bit.yaml': '',
      'cfg/outputs.yaml': 'pipeline:\n  outputs:\n    - name: opensearch\n      match: "app.*"\n      host: ${OS_HOST}\n      tls: on\n      logstashFormat: on\n',
    });
    const read = readYaml(
      'env:\n  OS_HOST: search.example.com\nincludes:\n  - outputs.yaml\nservice:\n  storage.path: /var/lib/fb\npipeline:\n  inputs:\n    - name: tail\n      path: /var/log/app/*.log\n      tag: app.log\n      storage.type: filesystem\n',
      'cfg/fluent-bit.yaml',
      context,
    );
    const p = only(read);
    assert.deepEqual(read.includes, ['cfg/outputs.yaml']);
    const os = p.outputs[0] as PipelineOutput;
    assert.deepEqual([os.id, os.endpoint, os.tls, os.index, os.durable], ['opensearch#0', 'search.example.com:9200', true, 'logstash', true]);
    assert.deepEqual(os.at, { path: 'cfg/outputs.yaml', line: 3, column: 7 });
    assert.deepEqual(edges(p), ['tail#0 -> opensearch#0']);
    assert.equal(p.inputs[0]?.at.line, 9);
  });
  test('unknown top-level keys are not understood', () => {
    const read = readYaml('pipeline:\n  inputs:\n    - name: cpu\nextras: 1\n');
    assert.deepEqual(read.unknowns.map((u) => u.construct), ['extras']);
  });
});

describe('fluent-bit: Kubernetes ConfigMap', () => {
  const manifest = `apiVersion: v1
kind: ConfigMap
metadata:
  name: fluent-bit-config
  namespace: logging
data:
  fluent-bit.conf: |
    [SERVICE]
        Flush         1
        Parsers_File  parsers.conf

    @INCLUDE input-kubernetes.conf
    @INCLUDE output-elasticsearch.conf
  input-kubernetes.conf: |
    [INPUT]
        Name              tail
        Tag               kube.*
        Path              /var/log/containers/*.log
        Mem_Buf_Limit     5MB
  output-elasticsearch.conf: |
    [OUTPUT]
        Name            es
        Match           *
        Host            \${FLUENT_ELASTICSEARCH_HOST}
        Port            \${FLUENT_ELASTICSEARCH_PORT}
  parsers.conf: |
    [PARSER]
        Name   json
        Format json
`;
  test('includes come from the same ConfigMap; lines are where they are in the manifest', () => {
    const doc = parseStructured('k8s/fluent-bit-cm.yaml', manifest).documents[0];
    assert.ok(doc && yamlAdapter.claims('k8s/fluent-bit-cm.yaml', doc.data));
    const read = yamlAdapter.read(doc, NO_INCLUDES);
    const p = only(read);
    assert.equal(p.id, 'fluent-bit:k8s/fluent-bit-cm.yaml#fluent-bit-config');
    assert.deepEqual(p.inputs.map((i) => [i.channel, i.paths, i.at]), [['containers', ['/var/log/containers/*.log'], { path: 'k8s/fluent-bit-cm.yaml', line: 15, column: 5 }]]);
    const es = p.outputs[0] as PipelineOutput;
    assert.deepEqual(es.at, { path: 'k8s/fluent-bit-cm.yaml', line: 21, column: 5 });
    assert.equal(es.endpoint, null);
    assert.equal(es.remote, null);
    assert.deepEqual(read.unknowns.map((u) => [u.construct, u.at.line, u.at.column]), [['${FLUENT_ELASTICSEARCH_HOST}', 24, 9], ['${FLUENT_ELASTICSEARCH_PORT}', 25, 9]]);
    assert.deepEqual(edges(p), ['tail#0 -> es#0']);
  });
});

describe('fluent-bit: tags', () => {
  test('wildcard patterns overlap when some tag matches both', () => {
    assert.ok(patternsOverlap('kube.*', 'kube.var.log.containers.*.log'));
    assert.ok(patternsOverlap('*', 'anything'));
    assert.ok(patternsOverlap('a*c', '*b*'));
    assert.ok(!patternsOverlap('app.*', 'host.*'));
    assert.ok(!patternsOverlap('cpu', 'cpu.0'));
    assert.ok(!patternsOverlap('*a', '*b'));
    assert.ok(patternsOverlap('Kube', 'Kube') && !patternsOverlap('kube', 'Kube'), 'case-sensitive');
  });
  test('tail expands * from the path: slashes become dots, a leading one dropped', () => {
    assert.equal(tailTagPattern('kube.*', '/var/log/containers/*.log'), 'kube.var.log.containers.*.log');
    assert.equal(tailTagPattern('*', '/var/log/secure'), 'var.log.secure');
    assert.equal(tailTagPattern('app', '/x'), 'app');
  });
  test('rewrite_tag new tags and Match_Regex', () => {
    assert.equal(rewrittenTagPattern("ns.$kubernetes['namespace_name'].$TAG[1]"), 'ns.*.*');
    assert.equal(regexMatchesTag('app\\.', 'app.x'), true);
    assert.equal(regexMatchesTag('x', 'app.x'), false, 'anchored at the start');
    assert.equal(regexMatchesTag('(?<=a)b', 'ab'), null, 'lookbehind is not RE2');
    assert.equal(regexMatchesTag('(a+)+$', `${'a'.repeat(500)}!`), false, 'linear time');
    assert.equal(regexMatchesTag('a++', 'aa'), null, 'Onigmo-only syntax cannot be decided');
    assert.equal(regexMatchesTag('app', 'app.*'), null);
  });
});
