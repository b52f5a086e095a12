/**
 * Elasticsearch ILM policies and index templates. The shared corpus holds no store configs: the
 * inputs below follow the examples of the Elasticsearch reference (ILM policy, index template,
 * data stream lifecycle pages) and the answers of the GET APIs.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import { ADAPTERS, isIlmPolicyDocument, isIndexTemplateDocument, readIlmPolicies, readIndexTemplates } from '../../src/adapters/elasticsearch-ilm.js';

import { factLineColumn as line, firstDoc as doc, theSubject as only } from './adapter-support.js';

const FULL_POLICY = `{
  "policy": {
    "_meta": { "name": "audit-logs", "description": "after the ILM docs' example" },
    "phases": {
      "hot": {
        "min_age": "0ms",
        "actions": {
          "rollover": { "max_age": "30d", "max_primary_shard_size": "50gb" }
        }
      },
      "warm": {
        "min_age": "30d",
        "actions": { "readonly": {}, "shrink": { "number_of_shards": 1 } }
      },
      "cold": {
        "min_age": "60d",
        "actions": { "searchable_snapshot": { "snapshot_repository": "found-snapshots" } }
      },
      "frozen": {
        "min_age": "90d",
        "actions": { "searchable_snapshot": { "snapshot_repository": "found-snapshots" } }
      },
      "delete": {
        "min_age": "400d",
        "actions": { "delete": { "delete_searchable_snapshot": false } }
      }
    }
  }
}
`;

describe('ILM policy claims', () => {
  test('a PUT body and a GET answer are claimed; templates, ISM policies and manifests are not', () => {
    assert.equal(isIlmPolicyDocument({ policy: { phases: {} } }), true);
    assert.equal(isIlmPolicyDocument({ 'logs-policy': { version: 1, modified_date: '2024-01-01', policy: { phases: { hot: {} } } } }), true);
    assert.equal(isIlmPolicyDocument({ policy: { states: [], default_state: 'hot' } }), false);
    assert.equal(isIlmPolicyDocument({ index_patterns: ['logs-*'], template: { settings: {} } }), false);
    assert.equal(isIlmPolicyDocument({ apiVersion: 'v1', kind: 'ConfigMap', policy: { phases: {} } }), false);
    assert.equal(isIlmPolicyDocument({ policy: 'x' }), false);
    assert.equal(isIlmPolicyDocument([]), false);
    assert.equal(isIlmPolicyDocument({}), false);
    const [policy, template] = ADAPTERS.documents;
    assert.equal(policy?.kind, 'elasticsearch-ilm');
    assert.equal(template?.kind, 'elasticsearch-index-template');
    assert.equal(ADAPTERS.text.length, 0);
  });
});

describe('ILM policies', () => {
  test('every phase: retention is the delete min_age, read-only from warm, searchable until frozen', () => {
    const read = readIlmPolicies(doc('es/audit-logs.json', FULL_POLICY));
    assert.deepEqual([read.kind, read.fatal, read.problems, read.unknowns], ['elasticsearch-ilm', false, [], []]);
    const s = only(read);
    assert.equal(s.kind, 'log-store');
    assert.equal(s.id, 'log-store:elasticsearch:audit-logs', 'the name comes from _meta.name');
    assert.deepEqual(s.pillars, ['visibility']);
    assert.equal(s.facts.store, 'elasticsearch');
    assert.deepEqual(s.facts.indexPatterns, []);
    assert.equal(s.facts.retentionDays, 400);
    assert.equal(s.facts.minRetentionDays, 400);
    assert.equal(s.facts.unbounded, false);
    assert.equal(s.facts.explicit, true);
    assert.equal(s.facts.readOnlyAfterDays, 30);
    assert.equal(s.facts.readOnlyAction, 'readonly');
    assert.equal(s.facts.readOnlyPhase, 'warm');
    assert.equal(s.facts.hotDays, 90);
    assert.equal(s.facts.hotUnbounded, false);
    assert.equal(s.facts.retentionFrom, 'rollover');
    assert.equal(s.facts.maxRetentionDays, 430, 'rollover max_age 30d + delete min_age 400d');
    assert.equal(s.facts.deleteSearchableSnapshot, false);
    assert.deepEqual(s.facts.rollover, { maxAge: '30d', maxAgeDays: 30, maxPrimaryShardSize: '50gb', maxSize: null, maxDocs: null, maxPrimaryShardDocs: null });
    assert.deepEqual((s.facts.phases as Record<string, unknown>).warm, { minAge: '30d', minAgeDays: 30, enteredAfterDays: 30, actions: ['readonly', 'shrink'] });
    assert.equal(line(s, 'retentionDays'), '24:9');
    assert.equal(line(s, 'readOnlyAfterDays'), '13:22');
    assert.equal(line(s, 'hotDays'), '20:9');
    assert.equal(line(s, 'phases'), '4:5');
    assert.deepEqual(s.declaredAt, { path: 'es/audit-logs.json', line: 2, column: 3 });
    const [policy] = read.policies;
    assert.deepEqual(
      policy && { store: policy.store, name: policy.name, indexPatterns: policy.indexPatterns, retentionDays: policy.retentionDays, unbounded: policy.unbounded, readOnlyAfterDays: policy.readOnlyAfterDays },
      { store: 'elasticsearch', name: 'audit-logs', indexPatterns: [], retentionDays: 400, unbounded: false, readOnlyAfterDays: 30 },
    );
    assert.equal(policy?.locations.retentionDays?.line, 24);
  });

  test('no delete phase: unbounded, not explicit, retention null, pointing at phases; the name is the file stem', () => {
    const s = only(readIlmPolicies(doc('ilm/app-logs.json', '{"policy": {"phases": {\n  "hot": {"actions": {"rollover": {"max_primary_shard_size": "50gb"}}},\n  "warm": {"min_age": "30d", "actions": {"forcemerge": {"max_num_segments": 1}}}\n}}}\n')));
    assert.equal(s.id, 'log-store:elasticsearch:app-logs');
    assert.equal(s.facts.retentionDays, null);
    assert.equal(s.facts.unbounded, true);
    assert.equal(s.facts.explicit, false);
    assert.equal(s.facts.readOnlyAfterDays, null, 'forcemerge alone is not counted as read-only');
    assert.equal(s.facts.hotDays, null);
    assert.equal(s.facts.hotUnbounded, true);
    assert.equal(s.facts.maxRetentionDays, null);
    assert.equal(line(s, 'unbounded'), '1:13');
    assert.equal(line(s, 'readOnlyAfterDays'), '1:13');
  });

  test('min_age defaults to 0ms; without rollover it counts from creation; an earlier larger min_age delays deletion', () => {
    const s = only(readIlmPolicies(doc('p.yaml', 'policy:\n  phases:\n    warm:\n      min_age: 45d\n      actions:\n        readonly: {}\n    delete:\n      min_age: 10d\n      actions:\n        delete: {}\n')));
    assert.equal(s.facts.retentionDays, 45, 'the index enters delete only after leaving warm at 45 days');
    assert.equal(s.facts.retentionFrom, 'creation');
    assert.equal(s.facts.maxRetentionDays, 45);
    assert.equal(s.facts.readOnlyAfterDays, 45);
    const bare = only(readIlmPolicies(doc('p.json', '{"policy":{"phases":{"delete":{"actions":{"delete":{}}}}}}')));
    assert.equal(bare.facts.retentionDays, 0);
    assert.equal(bare.facts.explicit, true);
    assert.deepEqual((bare.facts.phases as Record<string, unknown>).delete, { minAge: null, minAgeDays: 0, enteredAfterDays: 0, actions: ['delete'] });
  });

  test('time units: h, m, s, ms, micros, nanos; case and spaces as Elasticsearch reads them', () => {
    const age = (minAge: string): unknown => only(readIlmPolicies(doc('p.json', JSON.stringify({ policy: { phases: { delete: { min_age: minAge, actions: { delete: {} } } } } })))).facts.retentionDays;
    assert.equal(age('8760h'), 365);
    assert.equal(age('1440m'), 1);
    assert.equal(age('86400s'), 1);
    assert.equal(age('86400000ms'), 1);
    assert.equal(age('86400000000micros'), 1);
    assert.equal(age('86400000000000nanos'), 1);
    assert.equal(age(' 30D '), 30);
    assert.equal(age('12h'), 0.5);
    assert.equal(age('0'), 0);
  });

  test('a bad min_age is a problem at its line and leaves the retention unknown', () => {
    const read = readIlmPolicies(doc('p.json', '{\n  "policy": {\n    "phases": {\n      "delete": {\n        "min_age": "1.5d",\n        "actions": { "delete": {} }\n      }\n    }\n  }\n}\n'));
    const s = only(read);
    assert.equal(s.facts.retentionDays, null);
    assert.equal(s.facts.unbounded, false);
    assert.deepEqual(read.problems.map((p) => [p.at.line, p.at.column, p.message]), [[5, 9, 'delete.min_age 1.5d: fractional time values are not supported']]);
    const missingUnit = readIlmPolicies(doc('p.json', '{"policy":{"phases":{"delete":{"min_age":"30","actions":{"delete":{}}}}}}'));
    assert.match(missingUnit.problems[0]?.message ?? '', /unit missing/);
  });

  test('searchable snapshots and downsampling make indices read-only; the first such phase counts', () => {
    const s = only(readIlmPolicies(doc('p.json', '{"policy":{"phases":{"hot":{"actions":{"rollover":{"max_age":"1d"}}},"cold":{"min_age":"14d","actions":{"searchable_snapshot":{"snapshot_repository":"r"}}},"delete":{"min_age":"365d","actions":{"delete":{}}}}}}')));
    assert.equal(s.facts.readOnlyAfterDays, 14);
    assert.equal(s.facts.readOnlyAction, 'searchable_snapshot');
    assert.equal(s.facts.hotDays, 365, 'no frozen phase: searchable until deletion');
    assert.equal(s.facts.maxRetentionDays, 366);
  });

  test('a delete phase without a delete action never deletes', () => {
    const s = only(readIlmPolicies(doc('p.json', '{"policy":{"phases":{"delete":{"min_age":"30d","actions":{"wait_for_snapshot":{"policy":"nightly"}}}}}}')));
    assert.equal(s.facts.unbounded, true);
    assert.equal(s.facts.retentionDays, null);
    assert.equal(s.facts.explicit, false);
    assert.equal(line(s, 'unbounded'), '1:22', 'points at the delete phase');
  });

  test('GET _ilm/policy: one subject per named policy, sorted', () => {
    const read = readIlmPolicies(
      doc(
        'get-ilm.json',
        JSON.stringify({
          'logs@lifecycle': { version: 1, modified_date: '2024-02-01T00:00:00.000Z', policy: { phases: { hot: { min_age: '0ms', actions: { rollover: { max_age: '30d' } } } }, _meta: { managed: true } } },
          audit: { version: 3, policy: { phases: { delete: { min_age: '730d', actions: { delete: {} } } } }, in_use_by: { indices: [] } },
        }),
      ),
    );
    assert.deepEqual(read.subjects.map((s) => [s.id, s.facts.retentionDays, s.facts.unbounded]), [
      ['log-store:elasticsearch:audit', 730, false],
      ['log-store:elasticsearch:logs@lifecycle', null, true],
    ]);
  });

  test('unknown phases, actions and fields are listed, not guessed', () => {
    const read = readIlmPolicies(doc('p.json', '{"policy":{"phases":{"lukewarm":{"actions":{}},"warm":{"actions":{"compress":{}},"priority":1}},"owner":"x"}}'));
    assert.deepEqual(read.unknowns.map((u) => u.construct).sort(), ['phase lukewarm', 'policy.owner', 'warm action compress', 'warm.priority']);
    assert.equal(only(read).facts.unbounded, true);
  });

  test('hostile shapes never throw: odd phases, __proto__ keys, non-object actions', () => {
    const read = readIlmPolicies(doc('p.json', '{"policy":{"phases":{"__proto__":{"x":1},"hot":"x","delete":{"actions":[1,2],"min_age":{"a":1}}}}}'));
    assert.equal(read.fatal, false);
    const s = only(read);
    assert.equal(s.facts.retentionDays, null);
    assert.ok(read.problems.length >= 2);
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });
});

describe('index templates', () => {
  test('composable template with dotted settings and a data stream: an attachment with the patterns as written', () => {
    const text = `{
  "index_patterns": ["logs-audit-*", "logs-k8s-audit-*"],
  "data_stream": {},
  "priority": 500,
  "template": {
    "settings": {
      "index.lifecycle.name": "audit-logs",
      "number_of_replicas": 1
    }
  },
  "composed_of": ["logs@mappings"]
}
`;
    assert.equal(isIndexTemplateDocument('t.json', JSON.parse(text)), true);
    const read = readIndexTemplates(doc('templates/logs-audit.json', text));
    assert.equal(read.kind, 'elasticsearch-index-template');
    assert.deepEqual(read.attachments, [{ store: 'elasticsearch', policy: 'audit-logs', indexPatterns: ['logs-audit-*', 'logs-k8s-audit-*'], at: { path: 'templates/logs-audit.json', line: 7, column: 7 } }]);
    assert.deepEqual([read.subjects, read.policies, read.unknowns, read.problems], [[], [], [], []]);
  });

  test('legacy template with nested settings (index.lifecycle.name under index.lifecycle)', () => {
    const read = readIndexTemplates(doc('legacy.yaml', 'index_patterns:\n  - filebeat-*\norder: 1\nsettings:\n  index:\n    lifecycle:\n      name: filebeat\n      rollover_alias: filebeat\n'));
    assert.deepEqual(read.attachments.map((a) => [a.policy, a.indexPatterns, a.at.line]), [['filebeat', ['filebeat-*'], 7]]);
  });

  test('settings without the index. prefix, ES 5 `template` patterns, and the GET answers', () => {
    const short = readIndexTemplates(doc('t.json', '{"template":"syslog-*","settings":{"lifecycle.name":"syslog"}}'));
    assert.deepEqual(short.attachments.map((a) => [a.policy, a.indexPatterns]), [['syslog', ['syslog-*']]]);
    const composable = readIndexTemplates(
      doc('get.json', JSON.stringify({ index_templates: [{ name: 'audit', index_template: { index_patterns: ['audit-*'], template: { settings: { index: { lifecycle: { name: 'audit-policy' } } } }, composed_of: [] } }] })),
    );
    assert.deepEqual(composable.attachments.map((a) => [a.policy, a.indexPatterns]), [['audit-policy', ['audit-*']]]);
    const legacy = readIndexTemplates(doc('get.json', JSON.stringify({ b: { order: 0, index_patterns: ['b-*'], settings: { index: { lifecycle: { name: 'pb' } } } }, a: { order: 0, index_patterns: 'a-*', settings: {} } })));
    assert.deepEqual(legacy.attachments.map((a) => [a.policy, a.indexPatterns]), [['pb', ['b-*']]]);
  });

  test('component templates and composed_of: not resolved across files, said so', () => {
    const component = readIndexTemplates(doc('component/audit-settings.json', '{"template":{"settings":{"index.lifecycle.name":"audit-logs"}},"_meta":{"description":"x"}}'));
    assert.deepEqual(component.attachments, []);
    assert.deepEqual(component.unknowns.map((u) => [u.construct, u.at.line]), [['component template audit-settings', 1]]);
    const composed = readIndexTemplates(doc('t.json', '{"index_patterns":["logs-*"],"composed_of":["audit-settings"],"priority":200}'));
    assert.deepEqual(composed.attachments, []);
    assert.match(composed.unknowns[0]?.reason ?? '', /component templates audit-settings/);
  });

  test('ISM policy_id in template settings is not an attachment (OpenSearch ignores it)', () => {
    const read = readIndexTemplates(doc('t.json', '{"index_patterns":["logs-*"],"settings":{"opendistro.index_state_management.policy_id":"hot-warm"}}'));
    assert.deepEqual(read.attachments, []);
    assert.deepEqual(read.unknowns.map((u) => u.construct), ['index.opendistro.index_state_management.policy_id']);
  });

  test('a data stream lifecycle in a template is a retention policy of its own', () => {
    const read = readIndexTemplates(doc('dsl.json', '{\n  "index_patterns": ["metrics-audit-*"],\n  "data_stream": {},\n  "template": {\n    "lifecycle": {\n      "data_retention": "90d"\n    }\n  }\n}\n'));
    const s = only(read);
    assert.equal(s.id, 'log-store:elasticsearch:data-stream-lifecycle:dsl');
    assert.deepEqual(s.facts.indexPatterns, ['metrics-audit-*']);
    assert.equal(s.facts.retentionDays, 90);
    assert.equal(s.facts.unbounded, false);
    assert.equal(line(s, 'retentionDays'), '6:7');
    const forever = only(readIndexTemplates(doc('dsl.json', '{"index_patterns":["x-*"],"data_stream":{},"template":{"lifecycle":{}}}')));
    assert.equal(forever.facts.unbounded, true);
    assert.equal(forever.facts.explicit, false);
    const disabled = readIndexTemplates(doc('dsl.json', '{"index_patterns":["x-*"],"data_stream":{},"template":{"lifecycle":{"enabled":false}}}'));
    assert.deepEqual(disabled.subjects, []);
  });

  test('claims: other YAML and JSON documents are left alone', () => {
    assert.equal(isIndexTemplateDocument('x.yaml', { apiVersion: 'apps/v1', kind: 'Deployment', spec: { template: { spec: {} } } }), false);
    assert.equal(isIndexTemplateDocument('x.yaml', { template: 'hello' }), false);
    assert.equal(isIndexTemplateDocument('x.yaml', { index_patterns: [] }), false);
    assert.equal(isIndexTemplateDocument('x.yaml', { template: { spec: {} } }), false);
    assert.equal(isIndexTemplateDocument('x.json', { 'setup.template.name': 'filebeat', 'setup.ilm.enabled': true }), false);
    assert.equal(ADAPTERS.documents[1]?.claims('x.json', { index_patterns: ['a'], mappings: {} }), true);
  });

  test('read through the adapter interface', () => {
    const adapter = ADAPTERS.documents[0];
    const read = adapter?.read(doc('ilm.json', FULL_POLICY), NO_INCLUDES);
    assert.equal(read?.policies[0]?.retentionDays, 400);
  });
});
