/**
 * OpenSearch ISM policies. The shared corpus holds no store configs: the inputs follow the
 * examples of the OpenSearch documentation ("Policies": the hot-warm-delete example, the rollover
 * policy with an ism_template) and the answers of the GET policy APIs.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADAPTERS, isIsmPolicyDocument, readIsmPolicies } from '../../src/adapters/opensearch-ism.js';

import { factLineColumn as at, firstDoc as doc, theSubject as only } from './adapter-support.js';

interface StateSpec {
  name: string;
  actions: unknown[];
  transitions?: unknown[];
}

function policy(states: StateSpec[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ policy: { description: 'test', default_state: states[0]?.name, states, ...extra } }, null, 2);
}

const DOCS_EXAMPLE = `{
  "policy": {
    "description": "hot warm delete workflow",
    "default_state": "hot",
    "schema_version": 1,
    "states": [
      {
        "name": "hot",
        "actions": [
          { "rollover": { "min_index_age": "1d", "min_primary_shard_size": "30gb" } }
        ],
        "transitions": [ { "state_name": "warm" } ]
      },
      {
        "name": "warm",
        "actions": [ { "replica_count": { "number_of_replicas": 5 } } ],
        "transitions": [ { "state_name": "delete", "conditions": { "min_index_age": "30d" } } ]
      },
      {
        "name": "delete",
        "actions": [ { "delete": {} } ]
      }
    ],
    "ism_template": { "index_patterns": ["log*"], "priority": 100 }
  }
}
`;

describe('ISM claims', () => {
  test('PUT body, GET one, GET all; ILM policies and others are not', () => {
    assert.equal(isIsmPolicyDocument({ policy: { states: [] } }), true);
    assert.equal(isIsmPolicyDocument({ _id: 'p', _seq_no: 1, _primary_term: 1, policy: { policy_id: 'p', states: [] } }), true);
    assert.equal(isIsmPolicyDocument({ policies: [{ _id: 'p', policy: { states: [] } }], total_policies: 1 }), true);
    assert.equal(isIsmPolicyDocument({ policy: { phases: {} } }), false);
    assert.equal(isIsmPolicyDocument({ policies: [] }), false);
    assert.equal(isIsmPolicyDocument({ apiVersion: 'v1', kind: 'X', policy: { states: [] } }), false);
    assert.equal(isIsmPolicyDocument('policy'), false);
    assert.equal(ADAPTERS.documents[0]?.kind, 'opensearch-ism');
  });
});

describe('ISM policies', () => {
  test('the docs example: deleted at 30 days (min_index_age counts from creation), patterns from ism_template', () => {
    const read = readIsmPolicies(doc('ism/hot-warm-delete.json', DOCS_EXAMPLE));
    assert.deepEqual([read.kind, read.fatal, read.problems, read.unknowns], ['opensearch-ism', false, [], []]);
    const s = only(read);
    assert.equal(s.id, 'log-store:opensearch:hot-warm-delete');
    assert.deepEqual(s.facts.indexPatterns, ['log*']);
    assert.equal(s.facts.retentionDays, 30);
    assert.equal(s.facts.unbounded, false);
    assert.equal(s.facts.explicit, true);
    assert.equal(s.facts.readOnlyAfterDays, null);
    assert.equal(s.facts.hotDays, 30);
    assert.equal(s.facts.deleteState, 'delete');
    assert.deepEqual(s.facts.deleteTriggers, ['min_index_age']);
    assert.equal(s.facts.retentionFrom, 'creation');
    assert.deepEqual(s.facts.rollover, { state: 'hot', minIndexAge: '1d', minIndexAgeDays: 1, minSize: null, minPrimaryShardSize: '30gb', minDocCount: null });
    assert.deepEqual(s.facts.states, [
      { name: 'hot', actions: ['rollover'], enteredAfterDays: 0 },
      { name: 'warm', actions: ['replica_count'], enteredAfterDays: 0 },
      { name: 'delete', actions: ['delete'], enteredAfterDays: 30 },
    ]);
    assert.equal(at(s, 'retentionDays'), '17:68', 'the min_index_age of the transition into delete');
    assert.equal(at(s, 'readOnlyAfterDays'), '6:5', 'no read_only: the states list');
    assert.equal(at(s, 'indexPatterns'), '24:5');
    assert.deepEqual(read.policies[0]?.indexPatterns, ['log*']);
  });

  test('ages are not cumulative: a later state with a smaller min_index_age is entered at once', () => {
    const s = only(
      readIsmPolicies(
        doc(
          'p.json',
          policy([
            { name: 'hot', actions: [], transitions: [{ state_name: 'warm', conditions: { min_index_age: '60d' } }] },
            { name: 'warm', actions: [{ read_only: {} }], transitions: [{ state_name: 'delete', conditions: { min_index_age: '30d' } }] },
            { name: 'delete', actions: [{ delete: {} }] },
          ]),
        ),
      ),
    );
    assert.equal(s.facts.readOnlyAfterDays, 60);
    assert.equal(s.facts.retentionDays, 60);
  });

  test('several paths: the earliest deletion counts; transitions after one that always holds are never taken', () => {
    const s = only(
      readIsmPolicies(
        doc(
          'p.json',
          policy([
            { name: 'hot', actions: [], transitions: [{ state_name: 'delete', conditions: { min_index_age: '400d' } }, { state_name: 'purge', conditions: { min_index_age: '90d' } }] },
            { name: 'delete', actions: [{ delete: {} }] },
            { name: 'purge', actions: [{ notification: { destination: { slack: { url: 'https://hooks.example/x' } }, message_template: { source: 'x' } } }, { delete: {} }] },
          ]),
        ),
      ),
    );
    assert.equal(s.facts.retentionDays, 90);
    assert.equal(s.facts.deleteState, 'purge');
    const shadowed = only(
      readIsmPolicies(
        doc(
          'p.json',
          policy([
            { name: 'hot', actions: [], transitions: [{ state_name: 'keep' }, { state_name: 'delete', conditions: { min_index_age: '1d' } }] },
            { name: 'keep', actions: [{ read_only: {} }] },
            { name: 'delete', actions: [{ delete: {} }] },
          ]),
        ),
      ),
    );
    assert.equal(shadowed.facts.unbounded, true);
    assert.equal(shadowed.facts.retentionDays, null);
    assert.equal(shadowed.facts.explicit, false);
    assert.equal(shadowed.facts.readOnlyAfterDays, 0);
  });

  test('volume-driven deletion: min_size gives no age guarantee beyond the state it leaves', () => {
    const s = only(
      readIsmPolicies(
        doc(
          'p.json',
          policy([
            { name: 'hot', actions: [{ rollover: { min_size: '50gb' } }], transitions: [{ state_name: 'warm', conditions: { min_index_age: '7d' } }] },
            { name: 'warm', actions: [{ warm_migration: {} }], transitions: [{ state_name: 'delete', conditions: { min_doc_count: 100000000 } }] },
            { name: 'delete', actions: [{ delete: {} }] },
          ]),
        ),
      ),
    );
    assert.equal(s.facts.retentionDays, 7);
    assert.deepEqual(s.facts.deleteTriggers, ['min_index_age', 'min_doc_count']);
    assert.equal(s.facts.readOnlyAfterDays, 7, 'UltraWarm indices are read-only');
  });

  test('min_rollover_age counts from the rollover', () => {
    const s = only(
      readIsmPolicies(
        doc('p.json', policy([{ name: 'hot', actions: [{ rollover: { min_doc_count: 1000 } }], transitions: [{ state_name: 'delete', conditions: { min_rollover_age: '365d' } }] }, { name: 'delete', actions: [{ delete: {} }] }])),
      ),
    );
    assert.equal(s.facts.retentionDays, 365);
    assert.equal(s.facts.retentionFrom, 'rollover');
  });

  test('close and cold migration end searchability', () => {
    const s = only(
      readIsmPolicies(
        doc(
          'p.json',
          policy([
            { name: 'hot', actions: [], transitions: [{ state_name: 'closed', conditions: { min_index_age: '45d' } }] },
            { name: 'closed', actions: [{ close: {} }], transitions: [{ state_name: 'delete', conditions: { min_index_age: '730d' } }] },
            { name: 'delete', actions: [{ delete: {} }] },
          ]),
        ),
      ),
    );
    assert.equal(s.facts.hotDays, 45);
    assert.equal(s.facts.retentionDays, 730);
  });

  test('GET all policies: one subject per policy, named by policy_id or _id', () => {
    const body = { policies: [{ _id: 'a', _seq_no: 0, policy: { policy_id: 'audit', default_state: 'd', states: [{ name: 'd', actions: [{ delete: {} }] }] } }, { _id: 'raw', policy: { default_state: 's', states: [{ name: 's', actions: [] }] } }], total_policies: 2 };
    const read = readIsmPolicies(doc('all.json', JSON.stringify(body)));
    assert.deepEqual(read.subjects.map((s) => [s.id, s.facts.retentionDays, s.facts.unbounded]), [
      ['log-store:opensearch:audit', 0, false],
      ['log-store:opensearch:raw', null, true],
    ]);
  });

  test('broken policies: problems with positions, facts null, never a throw', () => {
    const noDefault = readIsmPolicies(doc('p.json', '{\n  "policy": {\n    "states": [ { "name": "hot", "actions": [] } ]\n  }\n}\n'));
    const s = only(noDefault);
    assert.equal(s.facts.unbounded, null);
    assert.equal(s.facts.retentionDays, null);
    assert.equal(s.facts.explicit, null);
    assert.deepEqual(noDefault.problems.map((p) => [p.at.line, p.message]), [[2, 'default_state is missing: ISM needs the state new indices start in']]);

    const bad = readIsmPolicies(
      doc('p.json', policy([{ name: 'hot', actions: [{ rollover: {}, delete: {} }, { shrinkk: {} }], transitions: [{ state_name: 'nowhere' }, { state_name: 'hot', conditions: { min_index_age: '3 weeks' } }, { state_name: 'hot', conditions: { min_size: '1gb', min_doc_count: 5 } }] }])),
    );
    assert.deepEqual(bad.problems.map((p) => p.message), [
      'an action must name exactly one operation',
      'transition to nowhere, which is not a state of the policy',
      'min_index_age 3 weeks: not a time value',
      'ISM takes exactly one condition per transition',
    ]);
    assert.deepEqual(bad.unknowns.map((u) => u.construct), ['action shrinkk']);
  });

  test('an unreadable condition on the way leaves the age unknown', () => {
    const s = only(readIsmPolicies(doc('p.json', policy([{ name: 'hot', actions: [], transitions: [{ state_name: 'delete', conditions: { min_index_age: 'soon' } }] }, { name: 'delete', actions: [{ delete: {} }] }]))));
    assert.equal(s.facts.retentionDays, null);
    assert.equal(s.facts.unbounded, false);
  });

  test('a long chain of states is read in time', () => {
    const states: StateSpec[] = [];
    for (let i = 0; i < 2000; i++) states.push({ name: `s${i}`, actions: [], transitions: [{ state_name: `s${i + 1}`, conditions: { min_index_age: `${i}d` } }] });
    states.push({ name: 's2000', actions: [{ delete: {} }] });
    const parsed = doc('p.json', JSON.stringify({ policy: { default_state: 's0', states } }));
    const start = performance.now();
    const s = only(readIsmPolicies(parsed));
    assert.ok(performance.now() - start < 1000);
    assert.equal(s.facts.retentionDays, 1999);
  });
});
