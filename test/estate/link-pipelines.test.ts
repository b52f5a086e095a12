/**
 * The pipeline linker on hand-built pipelines: host scoping, syslog facilities, a local file that
 * another shipper tails, a remote hop to a collector, TLS and durability over every hop, and the
 * store policy that decides central retention.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { linkPipelines, policyFor } from '../../src/estate/link-pipelines.js';
import type { Carrier, SourceNode } from '../../src/estate/link-pipelines.js';
import type { LogSource } from '../../src/model/estate.js';
import type { Pipeline, PipelineInput, PipelineOutput, PolicyAttachment, RetentionPolicy } from '../../src/model/pipeline.js';
import type { Area } from '../../src/model/vocabulary.js';

const at = (path: string, line = 1) => ({ path, line, column: 1 });

function input(id: string, path: string, over: Partial<PipelineInput> = {}): PipelineInput {
  return { id, plugin: 'tail', channel: 'file', paths: [], exclude: [], port: null, at: at(path), ...over };
}

function output(id: string, path: string, over: Partial<PipelineOutput> = {}): PipelineOutput {
  return { id, plugin: 'http', sinkKind: 'other', remote: true, endpoint: 'siem.example:443', port: 443, protocol: 'http', tls: true, tlsVerify: true, durable: true, index: null, path: null, at: at(path, 10), locations: {}, ...over };
}

function pipeline(shipper: string, path: string, inputs: PipelineInput[], outputs: PipelineOutput[], edges?: Pipeline['edges']): Pipeline {
  return {
    id: `${shipper}:${path}`,
    shipper,
    path,
    declaredAt: at(path),
    inputs,
    outputs,
    edges: edges ?? inputs.flatMap((i) => outputs.map((o) => ({ input: i.id, output: o.id, facilities: null }))),
  };
}

function node(id: string, declaredIn: string, carriers: Carrier[], pillars: Area[] = ['devices']): SourceNode {
  const source: LogSource = { id, system: id.split(':')[0] ?? id, pillars, paths: [], declaredAt: at(declaredIn), centralized: null, retentionDays: null, immutable: null };
  return { source, carriers, outputs: [], localRetention: [] };
}

const none = { policies: [], attachments: [], rotations: [], journald: [] };

describe('linkPipelines', () => {
  test('a tailed file shipped over verified TLS with a disk buffer is centralized; hosts do not mix', () => {
    const fb = 'nodes/a/etc/fluent-bit/fluent-bit.conf';
    const linked = linkPipelines({
      ...none,
      nodes: [
        node('auditd:a', 'nodes/a/etc/audit/auditd.conf', [{ kind: 'file', path: '/var/log/audit/audit.log', host: 'nodes/a' }]),
        node('auditd:b', 'nodes/b/etc/audit/auditd.conf', [{ kind: 'file', path: '/var/log/audit/audit.log', host: 'nodes/b' }]),
      ],
      pipelines: [pipeline('fluent-bit', fb, [input('tail.0', fb, { paths: ['/var/log/audit/*.log'] })], [output('http.0', fb)])],
    });
    const a = linked.routing.get('auditd:a');
    assert.equal(a?.centralized, true);
    assert.equal(a?.tls, true);
    assert.equal(a?.tlsVerify, true);
    assert.equal(a?.durable, true);
    assert.deepEqual(a?.evidence.centralized, at(fb, 10));
    // Host b has no shipper config in the scan: whether its log leaves the host is unknown.
    assert.equal(linked.routing.get('auditd:b')?.centralized, null);
    assert.equal(linked.routing.get('auditd:b')?.routes, 0);
    const shipper = linked.subjects.find((s) => s.kind === 'shipper');
    assert.deepEqual(shipper?.facts.sources, ['auditd:a']);
    assert.deepEqual(shipper?.pillars, ['devices']);
  });

  test('shippers known on the host but none carries the source: local only (false, not unknown)', () => {
    const fb = 'etc/fluent-bit/fluent-bit.conf';
    const linked = linkPipelines({
      ...none,
      nodes: [node('nginx-access:x', 'etc/nginx/nginx.conf', [{ kind: 'file', path: '/var/log/nginx/access.log', host: '' }])],
      pipelines: [pipeline('fluent-bit', fb, [input('tail.0', fb, { paths: ['/var/log/audit/*.log'] })], [output('http.0', fb)])],
    });
    assert.equal(linked.routing.get('nginx-access:x')?.centralized, false);
  });

  test('syslog facilities: auth reaches /var/log/auth.log, which a second shipper tails and sends on; local0 does not', () => {
    const rs = 'etc/rsyslog.conf';
    const vec = 'etc/vector/vector.yaml';
    const authFile = output('auth-file', rs, { plugin: 'omfile', sinkKind: 'local-file', remote: false, endpoint: null, port: null, protocol: null, tls: null, tlsVerify: null, durable: null, path: '/var/log/auth.log' });
    const rsyslog = pipeline('rsyslog', rs, [input('imuxsock', rs, { plugin: 'imuxsock', channel: 'syslog-local' })], [authFile], [{ input: 'imuxsock', output: 'auth-file', facilities: ['auth', 'authpriv'] }]);
    const vector = pipeline('vector', vec, [input('auth', vec, { plugin: 'file', paths: ['/var/log/auth.log'] })], [output('siem', vec, { tls: false, tlsVerify: null })]);
    const linked = linkPipelines({
      ...none,
      nodes: [node('sshd:x', 'etc/ssh/sshd_config', [{ kind: 'syslog', facility: 'auth', host: '' }]), node('app:x', 'etc/app.conf', [{ kind: 'syslog', facility: 'local0', host: '' }])],
      pipelines: [rsyslog, vector],
      rotations: [{ paths: ['/var/log/auth.log'], days: 28, at: at('etc/logrotate.d/rsyslog'), locations: {}, path: 'etc/logrotate.d/rsyslog' }],
    });
    const sshd = linked.routing.get('sshd:x');
    assert.equal(sshd?.centralized, true);
    assert.equal(sshd?.tls, false, 'the remote hop is plaintext');
    assert.equal(sshd?.tlsVerify, false);
    assert.equal(sshd?.localRetentionDays, 28, 'logrotate keeps /var/log/auth.log 4 weeks');
    const route = linked.routes.find((r) => r.from === 'sshd:x' && r.to.endsWith('#siem'));
    assert.deepEqual(route?.hops, [rs, vec]);
    assert.equal(linked.routing.get('app:x')?.centralized, false, 'local0 matches no selector');
  });

  test('a remote hop to the collector that listens on the port; TLS must hold on every hop', () => {
    const client = 'nodes/web-1/etc/rsyslog.conf';
    const collector = 'nodes/syslog-1/etc/rsyslog.conf';
    const fwd = output('omfwd', client, { plugin: 'omfwd', sinkKind: 'syslog', endpoint: 'syslog-1.corp.example', port: 6514, protocol: 'syslog', tls: true, tlsVerify: true, durable: true });
    const es = output('es', collector, { plugin: 'omelasticsearch', sinkKind: 'elasticsearch', endpoint: 'es.corp.example:9200', port: 9200, tls: false, tlsVerify: null, durable: false, index: 'syslog' });
    const linked = linkPipelines({
      ...none,
      nodes: [node('sshd:web-1', 'nodes/web-1/etc/ssh/sshd_config', [{ kind: 'syslog', facility: 'auth', host: 'nodes/web-1' }])],
      pipelines: [
        pipeline('rsyslog', client, [input('imuxsock', client, { plugin: 'imuxsock', channel: 'syslog-local' })], [fwd]),
        pipeline('rsyslog', collector, [input('imtcp', collector, { plugin: 'imtcp', channel: 'syslog-listener', port: 6514 })], [es]),
      ],
      policies: [{ store: 'elasticsearch', name: 'syslog-365', indexPatterns: [], retentionDays: 365, unbounded: false, readOnlyAfterDays: null, at: at('stores/ilm/syslog-365.json'), locations: {} }],
      attachments: [{ store: 'elasticsearch', policy: 'syslog-365', indexPatterns: ['syslog*'], at: at('stores/templates/syslog.json') }],
    });
    const sshd = linked.routing.get('sshd:web-1');
    assert.equal(sshd?.centralized, true);
    assert.equal(sshd?.tls, false, 'the collector sends on without TLS');
    assert.equal(sshd?.durable, false);
    assert.equal(sshd?.centralRetentionDays, 365);
    assert.deepEqual(sshd?.evidence.centralRetentionDays, at('stores/ilm/syslog-365.json'));
    const end = linked.routes.find((r) => r.to === `rsyslog:${collector}#es`);
    assert.deepEqual(end?.hops, [client, collector]);
    assert.deepEqual(linked.storeSources.get('log-store:elasticsearch:syslog-365'), new Set(['sshd:web-1']));
  });

  test('an agent handing over to a collector on its own host (loopback) is carried on by that collector', () => {
    const agent = 'nodes/app-1/etc/fluent-bit/fluent-bit.conf';
    const local = 'nodes/app-1/etc/vector/vector.yaml';
    const elsewhere = 'nodes/app-2/etc/vector/vector.yaml';
    const handover = output('fwd', agent, { plugin: 'forward', sinkKind: 'other', remote: false, endpoint: '127.0.0.1:24224', port: 24224, protocol: 'forward', tls: false, tlsVerify: null, durable: false });
    const collector = (path: string) => pipeline('vector', path, [input('fluent', path, { plugin: 'fluent', channel: 'forward-listener', port: 24224 })], [output('siem', path)]);
    const linked = linkPipelines({
      ...none,
      nodes: [node('app:x', 'nodes/app-1/etc/app.conf', [{ kind: 'file', path: '/var/log/app/audit.log', host: 'nodes/app-1' }])],
      pipelines: [pipeline('fluent-bit', agent, [input('tail.0', agent, { paths: ['/var/log/app/*.log'] })], [handover]), collector(local), collector(elsewhere)],
    });
    const app = linked.routing.get('app:x');
    assert.equal(app?.centralized, true);
    assert.equal(app?.tls, true, 'the loopback hand-over never leaves the host: only the remote hop counts');
    const route = linked.routes.find((r) => r.to === `vector:${local}#siem`);
    assert.deepEqual(route?.hops, [agent, local]);
    assert.ok(!linked.routes.some((r) => r.to === `vector:${elsewhere}#siem`), 'another host’s collector is not a loopback target');
    assert.equal(linked.subjects.find((s) => s.id === `shipper:${agent}`)?.facts.shipsOffHost, true, 'the agent ships off the host through its collector');
  });

  test('a store that never deletes keeps the events without bound', () => {
    const vec = 'etc/vector/vector.yaml';
    const linked = linkPipelines({
      ...none,
      nodes: [node('journal:x', 'etc/systemd/journald.conf', [{ kind: 'journald', host: '' }])],
      pipelines: [pipeline('vector', vec, [input('journald', vec, { plugin: 'journald', channel: 'journald' })], [output('loki', vec, { sinkKind: 'loki' })])],
      policies: [{ store: 'loki', name: 'loki', indexPatterns: ['*'], retentionDays: null, unbounded: true, readOnlyAfterDays: null, at: at('loki/config.yaml'), locations: {} }],
    });
    assert.equal(linked.routing.get('journal:x')?.centralUnbounded, true);
    assert.equal(linked.routing.get('journal:x')?.centralRetentionDays, null);
  });
});

describe('policyFor', () => {
  const policies: RetentionPolicy[] = [
    { store: 'opensearch', name: 'audit', indexPatterns: ['k8s-audit*'], retentionDays: 400, unbounded: false, readOnlyAfterDays: 30, at: at('ism.json'), locations: {} },
    { store: 'elasticsearch', name: 'logs-30', indexPatterns: [], retentionDays: 30, unbounded: false, readOnlyAfterDays: null, at: at('ilm.json'), locations: {} },
    { store: 'splunk', name: 'main', indexPatterns: ['main'], retentionDays: 2184, unbounded: false, readOnlyAfterDays: null, at: at('indexes.conf'), locations: {} },
  ];
  const attachments: PolicyAttachment[] = [{ store: 'elasticsearch', policy: 'logs-30', indexPatterns: ['logstash-*'], at: at('template.json') }];
  test('an index by pattern, a Logstash prefix through a template, Splunk main by default, nothing when unnamed', () => {
    assert.equal(policyFor(output('a', 'x', { sinkKind: 'elasticsearch', index: 'k8s-audit' }), 'x', policies, attachments)?.name, 'audit');
    assert.equal(policyFor(output('b', 'x', { sinkKind: 'elasticsearch', index: 'logstash' }), 'x', policies, attachments)?.name, 'logs-30');
    assert.equal(policyFor(output('c', 'x', { sinkKind: 'splunk' }), 'x', policies, attachments)?.name, 'main');
    assert.equal(policyFor(output('d', 'x', { sinkKind: 'elasticsearch', index: null }), 'x', policies, attachments), null);
    assert.equal(policyFor(output('e', 'x', { sinkKind: 'elasticsearch', index: 'payments' }), 'x', policies, attachments), null);
  });
});
