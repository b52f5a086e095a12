/**
 * Loki retention. The shared corpus holds no Loki server config (its Loki files are shipper
 * outputs): the inputs follow the Loki docs' "Log retention" examples (compactor retention,
 * retention_stream, the Table Manager example) and Loki's getting-started local config.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADAPTERS, isLokiConfig, readLokiConfig } from '../../src/adapters/loki.js';
import type { StructuredDocument } from '../../src/documents/yaml-document.js';

import { factLineColumn as at, firstDoc, theSubject as only } from './adapter-support.js';

function doc(text: string, path = 'loki/config.yaml'): StructuredDocument {
  return firstDoc(path, text);
}

/** The Loki docs' retention example (compactor + limits_config with one stream rule). */
const DOCS_RETENTION = `compactor:
  working_directory: /data/retention
  compaction_interval: 10m
  retention_enabled: true
  retention_delete_delay: 2h
  retention_delete_worker_count: 150
  delete_request_store: gcs
schema_config:
  configs:
    - from: "2020-07-31"
      index:
        period: 24h
        prefix: loki_index_
      object_store: gcs
      schema: v13
      store: tsdb
storage_config:
  tsdb_shipper:
    active_index_directory: /data/index
    cache_location: /data/index_cache
  gcs:
    bucket_name: loki
limits_config:
  retention_period: 744h
  retention_stream:
  - selector: '{namespace="dev"}'
    priority: 1
    period: 24h
  per_tenant_override_config: /etc/overrides.yaml
`;

/** Loki's getting-started local config: no retention at all. */
const LOCAL_CONFIG = `auth_enabled: false

server:
  http_listen_port: 3100

common:
  instance_addr: 127.0.0.1
  path_prefix: /tmp/loki
  storage:
    filesystem:
      chunks_directory: /tmp/loki/chunks
      rules_directory: /tmp/loki/rules
  replication_factor: 1
  ring:
    kvstore:
      store: inmemory

schema_config:
  configs:
    - from: 2020-10-24
      store: tsdb
      object_store: filesystem
      schema: v13
      index:
        prefix: index_
        period: 24h
`;

describe('Loki claims', () => {
  test('Loki sections claim a document; Mimir, Tempo, Promtail and manifests do not', () => {
    assert.equal(isLokiConfig({ schema_config: { configs: [] } }), true);
    assert.equal(isLokiConfig({ limits_config: {} }), true);
    assert.equal(isLokiConfig({ compactor: { retention_enabled: true } }), true);
    assert.equal(isLokiConfig({ compactor: { data_dir: '/data', compaction_interval: '1h' }, blocks_storage: {}, limits: {} }), false, 'Mimir');
    assert.equal(isLokiConfig({ compactor: { compaction: { block_retention: '48h' } }, storage: { trace: {} } }), false, 'Tempo');
    assert.equal(isLokiConfig({ server: {}, positions: {}, clients: [], scrape_configs: [] }), false, 'Promtail');
    assert.equal(isLokiConfig({ apiVersion: 'v1', kind: 'ConfigMap', limits_config: {} }), false);
    assert.equal(isLokiConfig({ limits_config: 'x' }), false);
    assert.equal(isLokiConfig(['schema_config']), false);
    assert.equal(ADAPTERS.documents[0]?.kind, 'loki');
  });
});

describe('Loki retention', () => {
  test('the docs example: 31 days through the Compactor, one stream rule of 1 day, per-tenant overrides not read', () => {
    const read = readLokiConfig(doc(DOCS_RETENTION));
    assert.equal(read.kind, 'loki');
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.unknowns.map((u) => [u.construct, u.at.line]), [['limits_config.per_tenant_override_config', 29]]);
    const s = only(read);
    assert.equal(s.id, 'log-store:loki:loki');
    assert.deepEqual(s.facts.indexPatterns, ['*']);
    assert.equal(s.facts.retentionDays, 31);
    assert.equal(s.facts.unbounded, false);
    assert.equal(s.facts.explicit, true);
    assert.equal(s.facts.retentionEnabled, true);
    assert.equal(s.facts.retentionMechanism, 'compactor');
    assert.equal(s.facts.deleteRequestStore, 'gcs');
    assert.equal(s.facts.hotDays, 31);
    assert.equal(s.facts.readOnlyAfterDays, null);
    assert.deepEqual(s.facts.streams, [{ selector: '{namespace="dev"}', priority: 1, periodDays: 1 }]);
    assert.equal(s.facts.streamCount, 1);
    assert.equal(s.facts.shortestStreamDays, 1);
    assert.equal(s.facts.shortestStreamSelector, '{namespace="dev"}');
    assert.equal(s.facts.tenantOverrides, '/etc/overrides.yaml');
    assert.equal(at(s, 'retentionDays'), '24:3');
    assert.equal(at(s, 'shortestStreamDays'), '28:5');
    assert.equal(at(s, 'retentionEnabled'), '4:3');
    const [policy] = read.policies;
    assert.deepEqual(policy && [policy.store, policy.name, policy.indexPatterns, policy.retentionDays, policy.unbounded], ['loki', 'loki', ['*'], 31, false]);
  });

  test('no compactor retention: logs live forever, pointing at the file start when no compactor is written', () => {
    const s = only(readLokiConfig(doc(LOCAL_CONFIG)));
    assert.equal(s.facts.unbounded, true);
    assert.equal(s.facts.retentionDays, null);
    assert.equal(s.facts.explicit, false);
    assert.equal(s.facts.retentionEnabled, false);
    assert.equal(s.facts.hotUnbounded, true);
    assert.equal(at(s, 'unbounded'), '1:1');
  });

  test('retention_enabled false, or the period left at its 0s default, or 0: forever', () => {
    const off = only(readLokiConfig(doc('compactor:\n  working_directory: /loki\n  retention_enabled: false\nlimits_config:\n  retention_period: 744h\n')));
    assert.equal(off.facts.unbounded, true);
    assert.equal(at(off, 'unbounded'), '3:3');
    const noPeriod = only(readLokiConfig(doc('compactor:\n  retention_enabled: true\n  delete_request_store: s3\n')));
    assert.equal(noPeriod.facts.unbounded, true, 'retention_period defaults to 0s, which disables retention (Loki 2.8+)');
    assert.equal(noPeriod.facts.explicit, false);
    assert.equal(noPeriod.facts.deleteRequestStore, 's3');
    const zero = only(readLokiConfig(doc('compactor:\n  retention_enabled: true\nlimits_config:\n  retention_period: 0\n')));
    assert.equal(zero.facts.unbounded, true);
    assert.equal(at(zero, 'unbounded'), '4:3');
  });

  test('stream rules take effect only with the Compactor retention on', () => {
    const s = only(readLokiConfig(doc('limits_config:\n  retention_period: 744h\n  retention_stream:\n  - selector: \'{app="x"}\'\n    period: 24h\n')));
    assert.equal(s.facts.streamCount, 0);
    assert.equal(s.facts.shortestStreamDays, null);
    assert.equal((s.facts.streams as unknown[]).length, 1);
  });

  test('the Table Manager (deprecated): retention_deletes_enabled with a period', () => {
    const s = only(readLokiConfig(doc('schema_config:\n  configs: []\nchunk_store_config:\n  max_look_back_period: 672h\ntable_manager:\n  retention_deletes_enabled: true\n  retention_period: 672h\n')));
    assert.equal(s.facts.retentionDays, 28);
    assert.equal(s.facts.retentionMechanism, 'table-manager');
    assert.equal(at(s, 'retentionDays'), '7:3');
    const disabled = only(readLokiConfig(doc('schema_config: {}\ntable_manager:\n  retention_deletes_enabled: false\n  retention_period: 0\n')));
    assert.equal(disabled.facts.unbounded, true);
    assert.equal(at(disabled, 'unbounded'), '3:3');
  });

  test('both mechanisms: whichever deletes first', () => {
    const s = only(readLokiConfig(doc('compactor:\n  retention_enabled: true\nlimits_config:\n  retention_period: 90d\ntable_manager:\n  retention_deletes_enabled: true\n  retention_period: 720h\n')));
    assert.equal(s.facts.retentionDays, 30);
    assert.equal(s.facts.retentionMechanism, 'table-manager');
  });

  test('Prometheus durations: d, w, y and combinations', () => {
    const days = (period: string): unknown => only(readLokiConfig(doc(`compactor:\n  retention_enabled: true\nlimits_config:\n  retention_period: ${period}\n`))).facts.retentionDays;
    assert.equal(days('30d'), 30);
    assert.equal(days('1y'), 365);
    assert.equal(days('2w'), 14);
    assert.equal(days('1y2w3d'), 382);
    assert.equal(days('36h'), 1.5);
  });

  test('bad values: problems at their lines; env references are not understood; facts null', () => {
    const read = readLokiConfig(doc('compactor:\n  retention_enabled: "yes"\nlimits_config:\n  retention_period: 30 days\n'));
    assert.deepEqual(read.problems.map((p) => [p.at.line, p.message]), [
      [2, 'compactor.retention_enabled yes is not a boolean'],
      [4, 'limits_config.retention_period 30 days: not a valid duration string (units y, w, d, h, m, s, ms)'],
    ]);
    const s = only(read);
    assert.equal(s.facts.unbounded, null);
    assert.equal(s.facts.retentionDays, null);
    assert.equal(s.facts.explicit, null);
    const env = readLokiConfig(doc('compactor:\n  retention_enabled: true\nlimits_config:\n  retention_period: ${RETENTION:-744h}\n'));
    assert.deepEqual(env.unknowns.map((u) => [u.construct, u.at.line]), [['limits_config.retention_period', 4]]);
    assert.equal(only(env).facts.unbounded, null);
    const numeric = readLokiConfig(doc('compactor:\n  retention_enabled: true\nlimits_config:\n  retention_period: 744\n'));
    assert.equal(numeric.problems.length, 1, 'a bare number other than 0 is no Prometheus duration');
    const units = readLokiConfig(doc('compactor:\n  retention_enabled: true\nlimits_config:\n  retention_period: 1h1d\n'));
    assert.match(units.problems[0]?.message ?? '', /out of order/);
  });

  test('runtime_config.file may override retention per tenant: said so', () => {
    const read = readLokiConfig(doc('runtime_config:\n  file: /etc/loki/runtime.yaml\nlimits_config:\n  retention_period: 30d\ncompactor:\n  retention_enabled: true\n'));
    assert.deepEqual(read.unknowns.map((u) => u.construct), ['runtime_config.file']);
    assert.equal(only(read).facts.tenantOverrides, '/etc/loki/runtime.yaml');
  });

  test('odd shapes never throw', () => {
    for (const text of ['limits_config:\n  retention_stream: 5\n', 'limits_config:\n  retention_stream:\n  - 1\n  - {period: 1d}\n', 'compactor: {retention_enabled: [1]}\nlimits_config: {__proto__: {polluted: 1}}\n']) {
      const read = readLokiConfig(doc(text));
      assert.equal(read.subjects.length, 1);
      assert.ok(read.problems.length > 0 || read.unknowns.length > 0 || read.subjects[0]?.facts.unbounded === true);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
