import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import { claimsDockerDaemon, readDockerDaemon } from '../../src/adapters/docker-daemon.js';
import { assertWellFormed, doc, only, where } from './hosts-support.js';

const PATH = 'etc/docker/daemon.json';
const read = (json: string, path = PATH) => readDockerDaemon(doc(path, json), NO_INCLUDES);

describe('docker daemon.json: claims', () => {
  test('daemon.json with a daemon key, or empty under docker/', () => {
    assert.ok(claimsDockerDaemon(PATH, { 'log-driver': 'journald' }));
    assert.ok(claimsDockerDaemon('roles/docker/files/daemon.json', { 'storage-driver': 'overlay2' }));
    assert.ok(claimsDockerDaemon('etc/docker/daemon.json', {}));
    assert.ok(!claimsDockerDaemon('app/daemon.json', {}));
    assert.ok(!claimsDockerDaemon('app/daemon.json', { name: 'my-daemon', version: 1 }));
    assert.ok(!claimsDockerDaemon('etc/docker/config.json', { 'log-driver': 'journald' }));
    assert.ok(!claimsDockerDaemon(PATH, ['log-driver']));
  });
});

describe('docker daemon.json: drivers', () => {
  test('absent log-driver: json-file by default, container log files as the source', () => {
    const r = read('{\n  "storage-driver": "overlay2"\n}\n');
    const s = only(r);
    assert.equal(s.id, 'docker-daemon:etc/docker/daemon.json');
    assert.equal(s.facts.logDriver, 'json-file');
    assert.deepEqual(s.facts.explicit, { logDriver: false });
    assert.equal(s.facts.recordsLogs, true);
    assert.equal(s.facts.maxSize, '-1');
    assert.equal(s.facts.maxFile, 1);
    assert.equal(s.facts.remote, false);
    assert.deepEqual(r.sources[0]?.paths, ['/var/lib/docker/containers/*/*-json.log']);
    assert.deepEqual(r.sources[0]?.channels, [{ kind: 'containers', facility: null }]);
    assert.deepEqual(r.sources[0]?.pillars, ['applications']);
    assert.equal(where(s, 'logDriver'), 'etc/docker/daemon.json:1:1');
    assertWellFormed(r, 'docker-daemon');
  });
  test('json-file rotation options and data-root', () => {
    const r = read('{"data-root": "/srv/docker/", "log-driver": "json-file", "log-opts": {"max-size": "10m", "max-file": "3"}}');
    const s = only(r);
    assert.equal(s.facts.maxSize, '10m');
    assert.equal(s.facts.maxFile, 3);
    assert.deepEqual(r.sources[0]?.paths, ['/srv/docker/containers/*/*-json.log']);
  });
  test('none: nothing is recorded, no source; the fact points at log-driver', () => {
    const r = read('{\n  "log-level": "warn",\n  "log-driver": "none"\n}\n');
    const s = only(r);
    assert.equal(s.facts.recordsLogs, false);
    assert.equal(where(s, 'recordsLogs'), 'etc/docker/daemon.json:3:3');
    assert.equal(r.sources.length, 0);
    assert.equal(s.facts.daemonLogLevel, 'warn');
  });
  test('journald and local syslog are channels', () => {
    assert.deepEqual(read('{"log-driver": "journald"}').sources[0]?.channels, [{ kind: 'journald', facility: null }]);
    assert.deepEqual(read('{"log-driver": "syslog"}').sources[0]?.channels, [{ kind: 'syslog', facility: 'daemon' }]);
    assert.deepEqual(read('{"log-driver": "syslog", "log-opts": {"syslog-address": "unixgram:///dev/log", "syslog-facility": "local3"}}').sources[0]?.channels, [{ kind: 'syslog', facility: 'local3' }]);
  });
  test('remote syslog over TLS, verified unless skip-verify', () => {
    const text = '{\n  "log-driver": "syslog",\n  "log-opts": {\n    "syslog-address": "tcp+tls://logs.example.com:6514",\n    "syslog-tls-skip-verify": "true"\n  }\n}\n';
    const r = read(text);
    const s = only(r);
    assert.equal(s.facts.remote, true);
    assert.equal(s.facts.tls, true);
    assert.equal(s.facts.tlsVerify, false);
    assert.equal(s.facts.endpoint, 'tcp+tls://logs.example.com:6514');
    assert.equal(where(s, 'tls'), 'etc/docker/daemon.json:4:5');
    assert.equal(where(s, 'tlsVerify'), 'etc/docker/daemon.json:5:5');
    const out = r.sources[0]?.outputs[0];
    assert.equal(out?.protocol, 'syslog');
    assert.equal(out?.sinkKind, 'syslog');
    assert.equal(out?.port, 6514);
    const plain = only(read('{"log-driver": "syslog", "log-opts": {"syslog-address": "udp://10.1.2.3:514"}}'));
    assert.equal(plain.facts.tls, false);
    assert.equal(plain.facts.tlsVerify, null);
  });
  test('fluentd: localhost by default (not remote), a remote host over plain TCP', () => {
    assert.equal(only(read('{"log-driver": "fluentd"}')).facts.remote, false);
    const s = only(read('{"log-driver": "fluentd", "log-opts": {"fluentd-address": "fluentd.logging:24224"}}'));
    assert.equal(s.facts.remote, true);
    assert.equal(s.facts.tls, false);
    assert.equal(s.facts.protocol, 'forward');
  });
  test('splunk: https with verification, index, no token copied', () => {
    const r = read('{"log-driver": "splunk", "log-opts": {"splunk-url": "https://hec.example.com:8088", "splunk-token": "00000000-1111-2222-3333-444444444444", "splunk-index": "containers"}}');
    const s = only(r);
    assert.equal(s.facts.tls, true);
    assert.equal(s.facts.tlsVerify, true);
    assert.equal(s.facts.index, 'containers');
    assert.ok(!JSON.stringify(r).includes('00000000-1111'), 'the HEC token is not copied');
    assert.equal(only(read('{"log-driver": "splunk", "log-opts": {"splunk-url": "https://hec:8088", "splunk-insecureskipverify": "true"}}')).facts.tlsVerify, false);
  });
  test('awslogs, gelf and gcplogs', () => {
    const aws = read('{"log-driver": "awslogs", "log-opts": {"awslogs-region": "eu-west-1", "awslogs-group": "containers"}}');
    assert.equal(aws.sources[0]?.outputs[0]?.sinkKind, 'cloudwatch-logs');
    assert.equal(only(aws).facts.tls, true);
    const gelf = only(read('{"log-driver": "gelf", "log-opts": {"gelf-address": "udp://graylog:12201"}}'));
    assert.equal(gelf.facts.tls, false);
    assert.equal(only(read('{"log-driver": "gcplogs"}')).facts.tlsVerify, true);
  });
  test('credentials in an address are removed', () => {
    const s = only(read('{"log-driver": "splunk", "log-opts": {"splunk-url": "https://user:secret@hec.example.com:8088/path?token=abc"}}'));
    assert.equal(s.facts.endpoint, 'https://hec.example.com:8088/path');
  });
});

describe('docker daemon.json: unknowns and problems', () => {
  test('a logging plugin is not understood; facts about its destination are null', () => {
    const r = read('{"log-driver": "grafana/loki-docker-driver:latest", "log-opts": {"loki-url": "https://loki/api/v1/push"}}');
    const s = only(r);
    assert.equal(s.facts.remote, null);
    assert.equal(s.facts.tls, null);
    assert.equal(r.unknowns[0]?.at.line, 1);
    assert.match(r.unknowns[0]?.construct ?? '', /^log-driver grafana/);
  });
  test('non-string log options are problems at their line (dockerd refuses to start)', () => {
    const r = read('{\n  "log-driver": "json-file",\n  "log-opts": {\n    "max-file": 3\n  }\n}\n');
    assert.deepEqual(r.problems.map((p) => [p.at.line, p.at.column]), [[4, 5]]);
    assert.equal(only(r).facts.maxFile, 1);
  });
  test('a log-driver that is not a string', () => {
    const r = read('{"log-driver": 5}');
    assert.equal(only(r).facts.logDriver, null);
    assert.equal(r.problems.length, 1);
  });
  test('a document that is not an object is fatal', () => {
    const r = readDockerDaemon(doc(PATH, '[1, 2]'), NO_INCLUDES);
    assert.equal(r.fatal, true);
  });
});
