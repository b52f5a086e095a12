import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import { claimsVaultAudit, readVaultAudit } from '../../src/adapters/vault-audit.js';
import { assertWellFormed, doc, only, where } from './hosts-support.js';

const LIST = `{
  "file/": {
    "type": "file",
    "description": "",
    "options": {
      "file_path": "/var/log/vault/audit.log"
    },
    "local": false,
    "path": "file/"
  },
  "syslog/": {
    "type": "syslog",
    "description": "",
    "options": {
      "tag": "vault",
      "facility": "AUTHPRIV"
    },
    "local": false,
    "path": "syslog/"
  }
}
`;

const read = (path: string, json: string) => readVaultAudit(doc(path, json), NO_INCLUDES);

describe('vault audit: claims', () => {
  test('the audit list export, the API body, an OpenBao config with audit stanzas', () => {
    assert.ok(claimsVaultAudit('exports/vault-audit.json', JSON.parse(LIST)));
    assert.ok(claimsVaultAudit('x.json', { request_id: 'r', lease_id: '', data: { 'file/': { type: 'file', options: { file_path: 'stdout' } } } }));
    assert.ok(claimsVaultAudit('openbao.json', { storage: { raft: {} }, audit: [{ file: { 'to-file': { options: { file_path: '/x' } } } }] }));
    assert.ok(claimsVaultAudit('exports/vault/audit-devices.json', {}));
  });
  test('not: other JSON, an empty object without a telling name, server configs without audit', () => {
    assert.ok(!claimsVaultAudit('x.json', {}));
    assert.ok(!claimsVaultAudit('x.json', { a: { type: 'module', options: {} } }));
    assert.ok(!claimsVaultAudit('package.json', { name: 'x', type: 'module' }));
    assert.ok(!claimsVaultAudit('vault.json', { storage: { raft: {} }, listener: [] }));
  });
});

describe('vault audit: devices', () => {
  test('count, types, paths, defaults and the source', () => {
    const r = read('exports/vault-audit.json', LIST);
    const s = only(r);
    assert.equal(s.id, 'vault-audit:exports/vault-audit.json');
    assert.equal(s.facts.deviceCount, 2);
    assert.equal(s.facts.recordingDeviceCount, 2);
    assert.deepEqual(s.facts.types, ['file', 'syslog']);
    assert.equal(s.facts.logRaw, false);
    assert.equal(s.facts.hmacAccessor, true);
    const devices = s.facts.devices as Record<string, unknown>[];
    assert.equal(devices[0]?.filePath, '/var/log/vault/audit.log');
    assert.equal(devices[0]?.format, 'json');
    assert.equal(devices[1]?.facility, 'AUTHPRIV');
    assert.equal(where(s, 'devices.1'), 'exports/vault-audit.json:11:3');
    const source = r.sources[0];
    assert.equal(source?.system, 'vault-audit');
    assert.deepEqual(source?.pillars, ['identity', 'data']);
    assert.deepEqual(source?.paths, ['/var/log/vault/audit.log']);
    assert.deepEqual(source?.channels, [{ kind: 'syslog', facility: 'authpriv' }]);
    assertWellFormed(r, 'vault-audit');
  });
  test('log_raw true on any device: raw secrets, located at the option', () => {
    const json = '{\n  "file/": {\n    "type": "file",\n    "options": {\n      "file_path": "/var/log/a.log",\n      "log_raw": "true",\n      "hmac_accessor": "false"\n    }\n  }\n}\n';
    const s = only(read('vault-audit.json', json));
    assert.equal(s.facts.logRaw, true);
    assert.deepEqual(s.facts.rawDevices, ['file/']);
    assert.equal(s.facts.hmacAccessor, false);
    assert.equal(where(s, 'logRaw'), 'vault-audit.json:6:7');
    assert.equal(where(s, 'hmacAccessor'), 'vault-audit.json:7:7');
  });
  test('file_path=discard records nothing; socket devices are outputs without TLS', () => {
    const json = JSON.stringify({
      'discard/': { type: 'file', options: { file_path: 'discard' } },
      'sock/': { type: 'socket', options: { address: 'collector.example.com:9090', socket_type: 'tcp' } },
    });
    const r = read('vault-audit.json', json);
    const s = only(r);
    assert.equal(s.facts.deviceCount, 2);
    assert.equal(s.facts.recordingDeviceCount, 1);
    const out = r.sources[0]?.outputs[0];
    assert.equal(out?.endpoint, 'collector.example.com:9090');
    assert.equal(out?.remote, true);
    assert.equal(out?.tls, false);
    assert.equal(out?.durable, false);
  });
  test('the API body wrapped in data', () => {
    const json = JSON.stringify({ request_id: '1', lease_id: '', renewable: false, lease_duration: 0, data: { 'file/': { type: 'file', options: { file_path: 'stdout' } } }, 'file/': { type: 'file', options: { file_path: 'stdout' } } });
    const s = only(read('api.json', json));
    assert.equal(s.facts.deviceCount, 1);
    assert.deepEqual(s.facts.paths, ['file/']);
  });
  test('an empty export: zero devices, no source', () => {
    const r = read('exports/vault-audit.json', '{}\n');
    assert.equal(only(r).facts.deviceCount, 0);
    assert.equal(only(r).facts.recordingDeviceCount, 0);
    assert.equal(only(r).facts.logRaw, false);
    assert.equal(r.sources.length, 0);
  });
  test('OpenBao declarative audit stanzas (JSON form)', () => {
    const json = JSON.stringify({ storage: { raft: { path: '/data' } }, audit: [{ file: { 'to-stdout': { description: 'x', options: { file_path: '/dev/stdout', log_raw: 'true' } } } }, { socket: { siem: { options: { address: '127.0.0.1:9000' } } } }] });
    const s = only(read('openbao.json', json));
    assert.equal(s.facts.origin, 'server-config');
    assert.deepEqual(s.facts.paths, ['siem/', 'to-stdout/']);
    assert.equal(s.facts.logRaw, true);
  });
  test('unknown device types and options are not understood; bad booleans are problems', () => {
    const json = '{\n  "x/": {\n    "type": "kafka",\n    "options": {\n      "log_raw": "maybe",\n      "brokers": "k:9092"\n    }\n  }\n}\n';
    const r = read('vault-audit.json', json);
    assert.deepEqual(r.unknowns.map((u) => [u.construct, u.at.line]), [['audit device type kafka', 2], ['option brokers', 6]]);
    assert.deepEqual(r.problems.map((p) => p.at.line), [5]);
    assert.equal(only(r).facts.logRaw, null);
  });
});
