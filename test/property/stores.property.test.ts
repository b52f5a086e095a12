/**
 * Properties of the log store adapters (Elasticsearch ILM and index templates, OpenSearch ISM,
 * Loki, Splunk indexes.conf): on arbitrary and store-shaped data, arbitrary text and mutated real
 * configs (the rule fixtures of RET-401..INT-406), claims never throw, reads never throw and
 * always return a well-formed ConfigRead (one log-store subject per policy, locations with
 * positive lines, facts of the documented types), within the time bound, without touching
 * prototypes.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { ADAPTERS as ILM } from '../../src/adapters/elasticsearch-ilm.js';
import { ADAPTERS as LOKI } from '../../src/adapters/loki.js';
import { ADAPTERS as ISM } from '../../src/adapters/opensearch-ism.js';
import { ADAPTERS as SPLUNK } from '../../src/adapters/splunk-indexes.js';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import type { DocumentAdapter, TextAdapter } from '../../src/adapters/config-adapter.js';
import { parsePrometheusDuration, parseElasticTime } from '../../src/adapters/stores/duration.js';
import { parseStructured } from '../../src/documents/yaml-document.js';
import type { StructuredDocument } from '../../src/documents/yaml-document.js';
import type { ConfigRead } from '../../src/model/pipeline.js';
import type { Location } from '../../src/model/vocabulary.js';
import { SCALAR, anyText, assertNoPollution, assertOneLine, fixtureTexts, jsonish, mutatedText, prototypeKeys, runs, timed } from './support.js';

const baseline = prototypeKeys();
after(() => assertNoPollution(baseline));

const DOCUMENT_ADAPTERS: readonly DocumentAdapter[] = [...ILM.documents, ...ISM.documents, ...LOKI.documents];
const SPLUNK_ADAPTER = SPLUNK.text[0] as TextAdapter;

function checkLocation(at: Location | undefined, label: string): void {
  assert.ok(at, `${label}: a location`);
  assert.equal(typeof at.path, 'string');
  assert.ok(Number.isInteger(at.line) && at.line >= 1, `${label}: line ${at.line}`);
  assert.ok(Number.isInteger(at.column) && at.column >= 1, `${label}: column ${at.column}`);
}

const nullableNumber = (v: unknown): boolean => v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
const nullableBoolean = (v: unknown): boolean => v === null || typeof v === 'boolean';

/** The shape every store read keeps, whatever the input. */
function checkRead(read: ConfigRead, kind: string): void {
  assert.equal(read.kind, kind);
  for (const list of [read.subjects, read.sources, read.pipelines, read.policies, read.attachments, read.rotations, read.unknowns, read.problems, read.includes]) assert.ok(Array.isArray(list));
  assert.equal(typeof read.fatal, 'boolean');
  assert.equal(read.subjects.length, read.policies.length, 'one subject per policy');
  for (const p of read.problems) {
    checkLocation(p.at, 'problem');
    assertOneLine(p.message, 'problem');
  }
  for (const u of read.unknowns) {
    checkLocation(u.at, 'unknown');
    assertOneLine(u.reason, 'unknown reason');
  }
  read.policies.forEach((policy, i) => {
    const subject = read.subjects[i];
    assert.ok(subject);
    assert.equal(subject.kind, 'log-store');
    assert.equal(subject.id, `log-store:${policy.store}:${policy.name}`);
    assert.deepEqual(subject.pillars, ['visibility']);
    checkLocation(subject.declaredAt, 'declaredAt');
    checkLocation(policy.at, 'policy.at');
    for (const [fact, at] of Object.entries(subject.locations)) checkLocation(at, fact);
    const f = subject.facts;
    assert.ok(['elasticsearch', 'opensearch', 'loki', 'splunk'].includes(String(f.store)));
    assert.ok(Array.isArray(f.indexPatterns) && (f.indexPatterns as unknown[]).every((p) => typeof p === 'string'));
    for (const key of ['retentionDays', 'readOnlyAfterDays', 'minRetentionDays', 'hotDays']) assert.ok(nullableNumber(f[key]), `${key} = ${String(f[key])}`);
    for (const key of ['unbounded', 'hotUnbounded']) assert.ok(nullableBoolean(f[key]), `${key} = ${String(f[key])}`);
    assert.ok(nullableBoolean(f.explicit), `explicit = ${String(f.explicit)}`);
    assert.equal(policy.retentionDays, f.retentionDays);
    assert.equal(policy.unbounded, f.unbounded);
    if (f.unbounded === true) assert.equal(f.retentionDays, null, 'a policy that never deletes has no retention age');
    for (const key of ['retentionDays', 'unbounded', 'readOnlyAfterDays', 'hotDays', 'explicit']) assert.ok(subject.locations[key], `a location for ${key}`);
  });
  for (const a of read.attachments) {
    checkLocation(a.at, 'attachment');
    assert.ok(typeof a.policy === 'string' && a.policy !== '');
  }
}

/** Reads a document with every adapter that claims it (and checks the claims themselves). */
function readDocument(doc: StructuredDocument): void {
  for (const adapter of DOCUMENT_ADAPTERS) {
    const claimed = adapter.claims(doc.path, doc.data);
    assert.equal(typeof claimed, 'boolean');
    if (!claimed) continue;
    const read = timed(adapter.kind, () => adapter.read(doc, NO_INCLUDES));
    checkRead(read, adapter.kind);
  }
}

function readText(path: string, text: string): void {
  for (const doc of parseStructured(path, text).documents) readDocument(doc);
}

// ---------------------------------------------------------------------------------------------
// Store-shaped data

const DURATIONS = ['0ms', '0', '30d', '400d', '12h', '1.5d', '-1d', '30', '744h', '1y', '1y2w', '1h1d', '${RETENTION}', '', ' 7D '];
const duration = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...DURATIONS) }, { weight: 1, arbitrary: SCALAR });
const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('hot', 'warm', 'cold', 'frozen', 'delete', 'keep', '__proto__', 'constructor', '') }, { weight: 1, arbitrary: SCALAR });
const ilmAction = fc.constantFrom('rollover', 'readonly', 'delete', 'searchable_snapshot', 'forcemerge', 'shrink', 'freeze', 'downsample', 'wait_for_snapshot', 'compress', '__proto__');
const ismAction = fc.constantFrom('rollover', 'read_only', 'delete', 'close', 'warm_migration', 'cold_delete', 'notification', 'snapshot', 'shrinkk', '__proto__', 'timeout');
const record = <T>(keys: fc.Arbitrary<string>, value: fc.Arbitrary<T>): fc.Arbitrary<Record<string, T>> =>
  fc.array(fc.tuple(keys, value), { maxLength: 5 }).map((entries) => {
    const out: Record<string, T> = {};
    for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  });

const ilmPolicy = fc
  .record({
    phases: fc.oneof(
      { weight: 6, arbitrary: record(name.map(String), fc.oneof(fc.record({ min_age: duration, actions: fc.oneof(record(ilmAction, jsonish(1)), SCALAR) }, { requiredKeys: [] }), SCALAR)) },
      { weight: 1, arbitrary: jsonish(2) },
    ),
    _meta: fc.oneof(fc.record({ name: name }), SCALAR),
  })
  .map((policy) => ({ policy }));

const ismState = fc.record(
  {
    name,
    actions: fc.oneof({ weight: 5, arbitrary: fc.array(record(ismAction, jsonish(1)), { maxLength: 4 }) }, { weight: 1, arbitrary: SCALAR }),
    transitions: fc.oneof(
      { weight: 5, arbitrary: fc.array(fc.record({ state_name: name, conditions: fc.oneof(record(fc.constantFrom('min_index_age', 'min_rollover_age', 'min_size', 'cron', 'x'), duration), SCALAR) }, { requiredKeys: [] }), { maxLength: 3 }) },
      { weight: 1, arbitrary: SCALAR },
    ),
  },
  { requiredKeys: [] },
);
const ismPolicy = fc
  .record({ default_state: name, states: fc.array(ismState, { maxLength: 8 }), ism_template: fc.oneof(fc.record({ index_patterns: fc.oneof(fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }), SCALAR) }), SCALAR) }, { requiredKeys: ['states'] })
  .map((policy) => ({ policy }));

const template = fc.record(
  {
    index_patterns: fc.oneof(fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }), SCALAR),
    data_stream: fc.constant({}),
    template: fc.oneof(fc.record({ settings: fc.oneof(record(fc.constantFrom('index.lifecycle.name', 'index', 'lifecycle.name', 'index.lifecycle', 'opendistro.index_state_management.policy_id'), fc.oneof(name, jsonish(2))), SCALAR), lifecycle: fc.oneof(fc.record({ data_retention: duration, enabled: fc.oneof(fc.boolean(), SCALAR) }, { requiredKeys: [] }), SCALAR) }, { requiredKeys: [] }), SCALAR),
    settings: jsonish(2),
    composed_of: fc.oneof(fc.array(name), SCALAR),
  },
  { requiredKeys: ['index_patterns'] },
);

const loki = fc.record(
  {
    compactor: fc.oneof(fc.record({ retention_enabled: fc.oneof(fc.boolean(), SCALAR), delete_request_store: SCALAR }, { requiredKeys: [] }), SCALAR),
    limits_config: fc.oneof(
      fc.record(
        {
          retention_period: duration,
          retention_stream: fc.oneof(fc.array(fc.oneof(fc.record({ selector: SCALAR, priority: SCALAR, period: duration }, { requiredKeys: [] }), SCALAR), { maxLength: 4 }), SCALAR),
          per_tenant_override_config: SCALAR,
        },
        { requiredKeys: [] },
      ),
      SCALAR,
    ),
    table_manager: fc.oneof(fc.record({ retention_deletes_enabled: fc.oneof(fc.boolean(), SCALAR), retention_period: duration }, { requiredKeys: [] }), SCALAR),
    schema_config: fc.constant({ configs: [] }),
  },
  { requiredKeys: ['schema_config'] },
);

const storeData = fc.oneof(ilmPolicy, ismPolicy, template, loki, jsonish(4));

describe('store adapters: documents', () => {
  test('store-shaped and arbitrary data, through the YAML/JSON parser: claims and reads never throw and keep their shape', () => {
    fc.assert(
      fc.property(storeData, fc.constantFrom('policy.json', 'loki.yaml', 'templates/logs.json'), (data, path) => {
        readText(path, JSON.stringify(data) ?? 'null');
      }),
      runs(500),
    );
  });

  test('mutated real configs (the store rule fixtures) never make a reader throw', () => {
    const samples = fixtureTexts(/^fixtures\/rules\/(RET|INT)-40\d\/.*\.(json|ya?ml)$/);
    fc.assert(
      fc.property(mutatedText(samples), fc.constantFrom('policy.json', 'loki.yaml'), (text, path) => {
        readText(path, text);
      }),
      runs(300),
    );
  });
});

describe('store adapters: indexes.conf', () => {
  test('arbitrary text never throws and keeps the shape', () => {
    fc.assert(
      fc.property(anyText(2000), (text) => {
        const read = timed('indexes.conf', () => SPLUNK_ADAPTER.read({ path: 'local/indexes.conf', text }, NO_INCLUDES));
        checkRead(read, 'splunk-indexes');
        assert.ok(read.problems.length <= 101, 'problems are capped');
      }),
      runs(400),
    );
  });

  test('mutated real indexes.conf files never throw', () => {
    const samples = fixtureTexts(/^fixtures\/rules\/(RET|INT)-40\d\/.*indexes\.conf$/);
    fc.assert(
      fc.property(mutatedText(samples), (text) => {
        const read = timed('indexes.conf', () => SPLUNK_ADAPTER.read({ path: 'local/indexes.conf', text }, NO_INCLUDES));
        checkRead(read, 'splunk-indexes');
      }),
      runs(300),
    );
  });
});

describe('duration grammars', () => {
  test('never throw; results are finite and non-negative, or an error', () => {
    fc.assert(
      fc.property(fc.oneof(anyText(40), SCALAR, fc.constantFrom(...DURATIONS)), (value) => {
        for (const result of [parseElasticTime(value), parsePrometheusDuration(value)]) {
          if ('seconds' in result) assert.ok(Number.isFinite(result.seconds) && result.seconds >= 0);
          else assertOneLine(result.error, 'duration error');
        }
      }),
      runs(1000),
    );
  });

  test('Prometheus durations: a sum of its parts', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(50), (w, d, h) => {
        const text = `${w}w${d}d${h}h`;
        const result = parsePrometheusDuration(text);
        assert.ok('seconds' in result);
        assert.equal(result.seconds, ((w * 7 + d) * 24 + h) * 3600);
      }),
      runs(200),
    );
  });
});
