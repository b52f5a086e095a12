/** Includes of shipper configs resolve inside the scanned tree only, on the including file's host. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createIncludeContext, matchInclude } from '../../src/discover/include-resolver.js';
import { hostRootOf, underHostRoot } from '../../src/estate/host-root.js';
import { writeTree } from '../helpers.js';

describe('host roots', () => {
  test('the folder that holds etc/, var/, opt/...; none outside a host layout', () => {
    assert.equal(hostRootOf('nodes/web-1/etc/rsyslog.conf'), 'nodes/web-1');
    assert.equal(hostRootOf('etc/rsyslog.conf'), '');
    assert.equal(hostRootOf('a/b/var/log/messages'), 'a/b');
    assert.equal(hostRootOf('k8s/logging/otel-collector.yaml'), null);
    // The file name itself is not a folder of the layout.
    assert.equal(hostRootOf('config/etc'), null);
    assert.equal(underHostRoot('nodes/a', '/etc/x.conf'), 'nodes/a/etc/x.conf');
    assert.equal(underHostRoot('', '/etc/x.conf'), 'etc/x.conf');
  });
});

describe('matchInclude', () => {
  const paths = [
    'nodes/a/etc/rsyslog.conf',
    'nodes/a/etc/rsyslog.d/10-remote.conf',
    'nodes/a/etc/rsyslog.d/20-files.conf',
    'nodes/b/etc/rsyslog.d/10-remote.conf',
    'config/fluent-bit/fluent-bit.conf',
    'config/fluent-bit/inputs.conf',
    'other/etc/td-agent-bit/outputs.conf',
  ];
  test('an absolute pattern resolves under the including file’s host root, never another host’s', () => {
    assert.deepEqual(matchInclude('/etc/rsyslog.d/*.conf', 'nodes/a/etc/rsyslog.conf', paths), ['nodes/a/etc/rsyslog.d/10-remote.conf', 'nodes/a/etc/rsyslog.d/20-files.conf']);
    // Host c has no rsyslog.d of its own: host a's and b's are not its files.
    assert.deepEqual(matchInclude('/etc/rsyslog.d/*.conf', 'nodes/c/etc/rsyslog.conf', paths), []);
  });
  test('a relative pattern is taken from the including file’s folder, and cannot climb out of the tree', () => {
    assert.deepEqual(matchInclude('inputs.conf', 'config/fluent-bit/fluent-bit.conf', paths), ['config/fluent-bit/inputs.conf']);
    assert.deepEqual(matchInclude('../../../etc/passwd', 'config/fluent-bit/fluent-bit.conf', paths), []);
  });
  test('without a host layout, an absolute pattern matches its tail nearest to the includer', () => {
    assert.deepEqual(matchInclude('/etc/fluent-bit/inputs.conf', 'config/fluent-bit/fluent-bit.conf', paths), []);
    assert.deepEqual(matchInclude('/fluent-bit/inputs.conf', 'config/fluent-bit/fluent-bit.conf', paths), ['config/fluent-bit/inputs.conf']);
  });
});

describe('createIncludeContext', () => {
  const root = writeTree({
    'etc/fluent-bit/fluent-bit.conf': '@INCLUDE inputs.conf\n',
    'etc/fluent-bit/inputs.conf': '[INPUT]\n    Name tail\n',
    'etc/fluent-bit/big.conf': 'x'.repeat(2048),
    'etc/fluent-bit/blob.conf': Buffer.from([0x5b, 0x00, 0x01]),
  });
  const files = ['etc/fluent-bit/fluent-bit.conf', 'etc/fluent-bit/inputs.conf', 'etc/fluent-bit/big.conf', 'etc/fluent-bit/blob.conf'].map((path) => ({ path, absolute: join(root, path) }));
  const context = createIncludeContext(files, 1024);
  const from = 'etc/fluent-bit/fluent-bit.conf';

  test('reads the named files of the scan, with their text', () => {
    const result = context.include('inputs.conf', from);
    assert.deepEqual(result, { files: [{ path: 'etc/fluent-bit/inputs.conf', text: '[INPUT]\n    Name tail\n' }], reason: null });
  });
  test('says why when nothing, or not everything, can be included', () => {
    assert.match(context.include('missing.conf', from).reason ?? '', /missing\.conf: not in the scanned inputs/);
    assert.match(context.include('${CONF_DIR}/x.conf', from).reason ?? '', /variable/);
    const both = context.include('*.conf', from);
    assert.deepEqual(both.files.map((f) => f.path), ['etc/fluent-bit/inputs.conf'], 'the includer itself is never included again');
    assert.match(both.reason ?? '', /big\.conf: larger than --max-file-size/);
    assert.match(both.reason ?? '', /blob\.conf: binary file/);
  });
});
