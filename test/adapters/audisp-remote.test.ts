import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { audispRemoteAdapter, readAudispRemote } from '../../src/adapters/audisp-remote.js';
import { auditdConfAdapter, audispPluginAdapter } from '../../src/adapters/auditd-conf.js';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import type { ReadContext } from '../../src/adapters/config-adapter.js';
import { at, lines, problemsOf, theSubject, treeContext } from './auditd-support.js';

const CONF = 'etc/audit/audisp-remote.conf';
const PLUGIN = 'etc/audit/plugins.d/au-remote.conf';
const plugin = (active: string) => lines('', '# remote logging plugin', `active = ${active}`, 'direction = out', 'path = /sbin/audisp-remote', 'type = always', 'format = string');

function read(text: string, context: ReadContext = NO_INCLUDES) {
  return readAudispRemote({ path: CONF, text }, context);
}

describe('audisp-remote.conf: claims', () => {
  test('by name, or by remote_server with other audisp-remote settings', () => {
    assert.equal(audispRemoteAdapter.claims(CONF, ''), true);
    assert.equal(audispRemoteAdapter.claims('etc/audisp/remote-prod.conf', lines('remote_server = 10.0.0.5', 'port = 60', 'mode = forward')), true);
    assert.equal(audispRemoteAdapter.claims('etc/app.conf', lines('remote_server = x', 'colour = red')), false);
    assert.equal(audispRemoteAdapter.claims('etc/app.conf', lines('port = 60', 'mode = forward')), false);
  });
  test('the other audit adapters leave it alone', () => {
    const text = lines('remote_server = 10.0.0.5', 'port = 60', 'transport = tcp', 'disk_full_action = syslog');
    assert.equal(auditdConfAdapter.claims('etc/audit/remote.conf', text), false);
    assert.equal(audispPluginAdapter.claims('etc/audit/remote.conf', text), false);
  });
});

describe('audisp-remote.conf: facts and pipeline', () => {
  test('defaults of audit 3.x; no plugin file found: active unknown, pipeline kept, nothing remote', () => {
    const r = read('');
    const s = theSubject(r);
    assert.equal(s.id, 'audisp-remote:etc/audit/audisp-remote.conf');
    assert.equal(s.kind, 'audisp-remote');
    assert.equal(s.facts.remoteServer, null);
    assert.equal(s.facts.port, 60);
    assert.equal(s.facts.transport, 'tcp');
    assert.equal(s.facts.mode, 'immediate');
    assert.equal(s.facts.queueDepth, 2048);
    assert.equal(s.facts.networkFailureAction, 'stop');
    assert.equal(s.facts.active, null);
    assert.equal(s.facts.encrypted, false);
    assert.equal(s.facts.durable, false);
    assert.equal(s.facts.forwards, false);
    assert.deepEqual(s.facts.plugin, { found: false, path: null, reason: 'no au-remote.conf plugin file in the scanned inputs: whether auditd starts audisp-remote is not known' });
    assert.equal(r.pipelines.length, 1);
    const p = r.pipelines[0];
    assert.equal(p?.id, 'audisp-remote:etc/audit/audisp-remote.conf');
    assert.equal(p?.shipper, 'audisp-remote');
    assert.deepEqual(p?.inputs.map((i) => [i.id, i.plugin, i.channel, i.paths]), [['audisp', 'audisp', 'other', []]]);
    assert.deepEqual(p?.outputs.map((o) => [o.id, o.remote, o.endpoint, o.tls, o.durable]), [['remote', false, null, false, false]]);
    assert.deepEqual(p?.edges, [{ input: 'audisp', output: 'remote', facilities: null }]);
  });

  test('a Kerberos, store-and-forward client of an active plugin', () => {
    const text = lines('#', '# remote logging', '#', 'remote_server = audit.example.net', 'port = 6000', 'transport = KRB5', 'mode = forward', 'queue_file = /var/spool/audit/remote.log');
    const r = read(text, treeContext({ [CONF]: text, [PLUGIN]: plugin('yes') }));
    const s = theSubject(r);
    assert.equal(s.facts.remoteServer, 'audit.example.net');
    assert.equal(s.facts.active, true);
    assert.equal(s.facts.encrypted, true);
    assert.equal(s.facts.durable, true);
    assert.equal(s.facts.forwards, true);
    assert.equal(at(s, 'remoteServer'), `${CONF}:4:1`);
    assert.equal(at(s, 'encrypted'), `${CONF}:6:1`);
    assert.equal(at(s, 'durable'), `${CONF}:7:1`);
    assert.equal(at(s, 'active'), `${PLUGIN}:3:1`);
    assert.deepEqual(r.includes, [PLUGIN]);
    const out = r.pipelines[0]?.outputs[0];
    assert.deepEqual([out?.remote, out?.endpoint, out?.port, out?.protocol, out?.tls, out?.tlsVerify, out?.durable], [true, 'audit.example.net:6000', 6000, 'other', true, true, true]);
    assert.deepEqual(out?.at, { path: CONF, line: 4, column: 1 });
    assert.deepEqual(out?.locations.tls, { path: CONF, line: 6, column: 1 });
    assert.deepEqual(r.pipelines[0]?.inputs[0]?.at, { path: PLUGIN, line: 5, column: 1 });
  });

  test('an inactive plugin: no pipeline, and the facts say why', () => {
    const text = lines('remote_server = 10.1.2.3');
    const r = read(text, treeContext({ [CONF]: text, 'etc/audit/au-remote.conf': plugin('no') }));
    const s = theSubject(r);
    assert.equal(s.facts.active, false);
    assert.equal(s.facts.forwards, false);
    assert.deepEqual(r.pipelines, []);
    assert.match((s.facts.plugin as { reason: string }).reason, /active = no/);
  });

  test('audit 2.x enable_krb5 and audit 4.x TLS count as encrypted; an IPv6 server is bracketed', () => {
    assert.equal(theSubject(read(lines('remote_server = h', 'enable_krb5 = yes'))).facts.encrypted, true);
    const tls = read(lines('remote_server = 2001:db8::7', 'transport = TLS', 'tls_auth = psk', 'tls_psk_file = /etc/audit/tls/audit.psk'));
    assert.equal(theSubject(tls).facts.encrypted, true);
    assert.equal(tls.pipelines[0]?.outputs[0]?.endpoint, '[2001:db8::7]:60');
  });

  test('the shipped file: an empty remote_server is no server, audit 4.x actions are known', () => {
    const r = read(lines('remote_server = ', 'port = 60', 'disk_full_action = warn_once', 'startup_failure_action = warn_once_continue', '##krb5_principal ='));
    assert.deepEqual(problemsOf(r), []);
    assert.deepEqual(r.unknowns, []);
    assert.equal(theSubject(r).facts.remoteServer, null);
  });

  test('bad values and unknown keywords', () => {
    const r = read(lines('port = sixty', 'mode = later', 'compression = yes'));
    assert.deepEqual(problemsOf(r), ['1:8 port: "sixty" is not a number', '2:8 mode: "later" is not one of immediate, forward']);
    assert.deepEqual(r.unknowns.map((u) => [u.construct, u.at.line]), [['compression =', 3]]);
    const s = theSubject(r);
    assert.equal(s.facts.port, null);
    assert.equal(s.facts.durable, null);
    assert.equal(r.pipelines[0]?.outputs[0]?.durable, null);
  });

  test('nothing readable is fatal', () => {
    const r = read(lines('send everything to the collector'));
    assert.equal(r.fatal, true);
    assert.deepEqual(r.pipelines, []);
  });
});
