/** The duration grammars the store adapters share (Elasticsearch/OpenSearch time values, Prometheus durations). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseElasticTime, parsePrometheusDuration, secondsToDays } from '../../src/adapters/stores/duration.js';
import { fileStem, storeOutputs, stringList } from '../../src/adapters/stores/store-policy.js';

const seconds = (r: ReturnType<typeof parseElasticTime>): number | string => ('seconds' in r ? r.seconds : r.error);

describe('Elasticsearch time values', () => {
  test('units and the bare zero', () => {
    assert.equal(seconds(parseElasticTime('400d')), 400 * 86400);
    assert.equal(seconds(parseElasticTime('12h')), 43200);
    assert.equal(seconds(parseElasticTime('5m')), 300);
    assert.equal(seconds(parseElasticTime('30s')), 30);
    assert.equal(seconds(parseElasticTime('1500ms')), 1.5);
    assert.equal(seconds(parseElasticTime('0ms')), 0);
    assert.equal(seconds(parseElasticTime('0')), 0);
    assert.equal(seconds(parseElasticTime(0)), 0);
    assert.equal(seconds(parseElasticTime(' 7 D ')), 7 * 86400);
  });
  test('what the servers refuse', () => {
    assert.equal(seconds(parseElasticTime('1.5d')), 'fractional time values are not supported');
    assert.equal(seconds(parseElasticTime('-1d')), 'negative time value');
    assert.equal(seconds(parseElasticTime('30')), 'time unit missing or not recognised (d, h, m, s, ms, micros, nanos)');
    assert.equal(seconds(parseElasticTime('1w')), 'time unit missing or not recognised (d, h, m, s, ms, micros, nanos)');
    assert.equal(seconds(parseElasticTime('')), 'empty time value');
    assert.equal(seconds(parseElasticTime(null)), 'not a time value');
    assert.equal(seconds(parseElasticTime({})), 'not a time value');
    assert.equal(seconds(parseElasticTime(`${'9'.repeat(400)}d`)), 'time value too long');
  });
});

describe('Prometheus durations', () => {
  test('units in order, combined, and zero', () => {
    const s = (v: unknown): number | string => {
      const r = parsePrometheusDuration(v);
      return 'seconds' in r ? r.seconds : r.error;
    };
    assert.equal(s('744h'), 744 * 3600);
    assert.equal(s('1y'), 365 * 86400);
    assert.equal(s('1w2d'), 9 * 86400);
    assert.equal(s('1h30m'), 5400);
    assert.equal(s('100ms'), 0.1);
    assert.equal(s('0'), 0);
    assert.equal(s(0), 0);
    assert.match(String(s('1d1y')), /out of order/);
    assert.match(String(s('1h1h')), /out of order or repeated/);
    assert.match(String(s('744')), /not a valid duration/);
    assert.match(String(s('1.5h')), /not a valid duration/);
    assert.match(String(s('30 d')), /not a valid duration/);
    assert.equal(s(''), 'empty duration string');
    assert.equal(s(true), 'not a duration');
  });
  test('days are rounded to a thousandth', () => {
    assert.equal(secondsToDays(86400 * 31), 31);
    assert.equal(secondsToDays(3600), 0.042);
  });
});

describe('store outputs', () => {
  test('policy and subject share facts; patterns deduplicated and sorted', () => {
    const at = { path: 'x.json', line: 2, column: 3 };
    const out = storeOutputs(
      'x.json',
      { store: 'opensearch', name: 'p', indexPatterns: ['b-*', 'a-*', 'b-*'], retentionDays: 30, unbounded: false, readOnlyAfterDays: 1, explicit: true, minRetentionDays: 30, hotDays: 30, hotUnbounded: false },
      { deleteState: 'delete', store: 'overridden' },
      at,
      { retentionDays: at },
    );
    assert.deepEqual(out.policy.indexPatterns, ['a-*', 'b-*']);
    assert.equal(out.subject.id, 'log-store:opensearch:p');
    assert.equal(out.subject.facts.store, 'opensearch', 'the common facts win over extra ones');
    assert.equal(out.subject.facts.deleteState, 'delete');
    assert.deepEqual(out.subject.facts.indexPatterns, ['a-*', 'b-*']);
    assert.equal(fileStem('a/b/audit-logs.policy.json'), 'audit-logs.policy');
    assert.equal(fileStem('.hidden'), '.hidden');
    assert.deepEqual(stringList(['a', 1, '', ' ', 'b']), ['a', 'b']);
    assert.deepEqual(stringList('x'), ['x']);
  });
});
