import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SemanticField } from '../../src/model/estate.js';
import { SEMANTIC_FIELDS } from '../../src/model/estate.js';
import {
  GENERIC_ALIASES,
  SCHEMA_ALIASES,
  SCHEMA_IDS,
  aliasesFor,
  detectSchema,
  fieldValue,
  isNonEmpty,
  valueAtPath,
} from '../../src/logs/field-aliases.js';

/** The field values of a record, as fieldValue sees them under its detected schema. */
function values(record: Record<string, unknown>): Pick<Record<SemanticField, unknown>, 'timestamp' | 'actor' | 'sourceAddress' | 'action' | 'outcome'> {
  const schema = detectSchema(record);
  return {
    timestamp: fieldValue(record, schema, 'timestamp'),
    actor: fieldValue(record, schema, 'actor'),
    sourceAddress: fieldValue(record, schema, 'sourceAddress'),
    action: fieldValue(record, schema, 'action'),
    outcome: fieldValue(record, schema, 'outcome'),
  };
}

describe('valueAtPath and isNonEmpty', () => {
  it('reads nested and flattened keys', () => {
    assert.equal(valueAtPath({ user: { name: 'ann' } }, 'user.name'), 'ann');
    assert.equal(valueAtPath({ 'user.name': 'bob' }, 'user.name'), 'bob');
    assert.equal(valueAtPath({ a: { 'b.c': 1 } }, 'a.b.c'), 1);
    assert.equal(valueAtPath({ '@timestamp': 't' }, '@timestamp'), 't');
  });

  it('falls back to the nested form when the flattened key is empty, and vice versa', () => {
    assert.equal(valueAtPath({ 'user.name': '', user: { name: 'ann' } }, 'user.name'), 'ann');
    assert.equal(valueAtPath({ user: { name: null }, 'user.name': 'bob' }, 'user.name'), 'bob');
  });

  it('returns undefined for missing, empty, or non-object intermediate values', () => {
    assert.equal(valueAtPath({ user: 'ann' }, 'user.name'), undefined);
    assert.equal(valueAtPath({ user: ['ann'] }, 'user.name'), undefined);
    assert.equal(valueAtPath({ user: { name: '' } }, 'user.name'), undefined);
    assert.equal(valueAtPath({ ips: [] }, 'ips'), undefined);
    assert.equal(valueAtPath({}, 'constructor'), undefined);
    assert.equal(valueAtPath({}, 'toString'), undefined);
  });

  it('treats undefined, null, empty string and empty array as empty; 0, false and {} as values', () => {
    for (const empty of [undefined, null, '', []]) assert.equal(isNonEmpty(empty), false, JSON.stringify(empty));
    for (const value of [0, false, {}, ' ', ['x'], 'x']) assert.equal(isNonEmpty(value), true, JSON.stringify(value));
  });
});

describe('detectSchema and fieldValue per schema', () => {
  it('k8s audit Event', () => {
    const record = {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      auditID: 'id-1',
      verb: 'delete',
      requestURI: '/api/v1/namespaces/x/secrets/y',
      user: { username: 'alice', groups: ['dev'] },
      sourceIPs: ['10.1.2.3'],
      responseStatus: { code: 403 },
      requestReceivedTimestamp: '2024-05-01T10:00:00.000001Z',
      stageTimestamp: '2024-05-01T10:00:00.5Z',
    };
    assert.equal(detectSchema(record), 'k8s-audit');
    assert.deepEqual(values(record), {
      timestamp: '2024-05-01T10:00:00.000001Z',
      actor: 'alice',
      sourceAddress: ['10.1.2.3'],
      action: 'delete',
      outcome: 403,
    });
    // Without apiVersion/kind, auditID + verb + requestURI is enough.
    assert.equal(detectSchema({ auditID: 'a', verb: 'get', requestURI: '/' }), 'k8s-audit');
    assert.equal(detectSchema({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy' }), 'generic-json');
    // stageTimestamp is the fallback timestamp.
    assert.equal(fieldValue({ stageTimestamp: 's' }, 'k8s-audit', 'timestamp'), 's');
  });

  it('ECS', () => {
    const record = {
      '@timestamp': '2024-05-01T10:00:00Z',
      ecs: { version: '8.11.0' },
      user: { id: 'u-7' },
      client: { ip: '192.0.2.1' },
      event: { action: 'login', outcome: 'failure' },
    };
    assert.equal(detectSchema(record), 'ecs');
    assert.deepEqual(values(record), {
      timestamp: '2024-05-01T10:00:00Z',
      actor: 'u-7',
      sourceAddress: '192.0.2.1',
      action: 'login',
      outcome: 'failure',
    });
    const flat = { '@timestamp': 't', 'ecs.version': '8', 'user.name': 'ann', 'source.ip': '192.0.2.9' };
    assert.equal(detectSchema(flat), 'ecs');
    assert.equal(fieldValue(flat, 'ecs', 'actor'), 'ann');
    assert.equal(fieldValue(flat, 'ecs', 'sourceAddress'), '192.0.2.9');
  });

  it('OCSF', () => {
    const record = {
      class_uid: 3002,
      category_uid: 3,
      activity_id: 1,
      activity_name: 'Logon',
      time: 1714557600000,
      actor: { user: { uid: 'S-1-5-21' } },
      src_endpoint: { ip: '198.51.100.4' },
      status_id: 2,
      status: 'Failure',
    };
    assert.equal(detectSchema(record), 'ocsf');
    assert.deepEqual(values(record), {
      timestamp: 1714557600000,
      actor: 'S-1-5-21',
      sourceAddress: '198.51.100.4',
      action: 'Logon',
      outcome: 2,
    });
    // activity_id 0 and status_id 0 are values, not empty.
    assert.equal(fieldValue({ activity_id: 0 }, 'ocsf', 'action'), 0);
    assert.equal(fieldValue({ status_id: 0 }, 'ocsf', 'outcome'), 0);
    assert.equal(fieldValue({ user: { name: 'bo' } }, 'ocsf', 'actor'), 'bo');
  });

  it('CloudTrail, with the outcome derived from errorCode', () => {
    const record = {
      eventVersion: '1.08',
      eventSource: 's3.amazonaws.com',
      eventName: 'DeleteBucket',
      eventTime: '2024-05-01T10:00:00Z',
      userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', userName: 'carol' },
      sourceIPAddress: '203.0.113.5',
      errorCode: 'AccessDenied',
    };
    assert.equal(detectSchema(record), 'cloudtrail');
    assert.deepEqual(values(record), {
      timestamp: '2024-05-01T10:00:00Z',
      actor: 'AIDAEXAMPLE',
      sourceAddress: '203.0.113.5',
      action: 'DeleteBucket',
      outcome: 'failure',
    });
    const { errorCode: _dropped, ...succeeded } = record;
    assert.equal(fieldValue(succeeded, 'cloudtrail', 'outcome'), 'success');
    assert.equal(fieldValue({}, 'cloudtrail', 'outcome'), 'success');
    assert.equal(fieldValue({ errorMessage: 'Failed authentication' }, 'cloudtrail', 'outcome'), 'failure');
    assert.equal(fieldValue({ errorCode: '' }, 'cloudtrail', 'outcome'), 'success');
    assert.equal(fieldValue({ userIdentity: { arn: 'arn:x', principalId: 'p' } }, 'cloudtrail', 'actor'), 'arn:x');
  });

  it('GCP audit LogEntry', () => {
    const record = {
      timestamp: '2024-05-01T10:00:00.123456789Z',
      logName: 'projects/p/logs/cloudaudit.googleapis.com%2Factivity',
      protoPayload: {
        '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
        authenticationInfo: { principalEmail: 'dan@example.com' },
        requestMetadata: { callerIp: '2001:db8::1' },
        methodName: 'SetIamPolicy',
        status: { code: 7 },
      },
    };
    assert.equal(detectSchema(record), 'gcp-audit');
    assert.deepEqual(values(record), {
      timestamp: '2024-05-01T10:00:00.123456789Z',
      actor: 'dan@example.com',
      sourceAddress: '2001:db8::1',
      action: 'SetIamPolicy',
      outcome: { code: 7 },
    });
    const thirdParty = { protoPayload: { authenticationInfo: { principalSubject: 'principal://x' } } };
    assert.equal(fieldValue(thirdParty, 'gcp-audit', 'actor'), 'principal://x');
    assert.equal(detectSchema({ protoPayload: { '@type': 'type.googleapis.com/Other' } }), 'generic-json');
  });

  it('Azure activity and sign-in', () => {
    const activity = {
      time: '2024-05-01T10:00:00Z',
      operationName: 'MICROSOFT.COMPUTE/VIRTUALMACHINES/DELETE',
      category: 'Administrative',
      caller: 'erin@example.com',
      callerIpAddress: '192.0.2.44',
      resultType: 'Success',
    };
    assert.equal(detectSchema(activity), 'azure');
    assert.deepEqual(values(activity), {
      timestamp: '2024-05-01T10:00:00Z',
      actor: 'erin@example.com',
      sourceAddress: '192.0.2.44',
      action: 'MICROSOFT.COMPUTE/VIRTUALMACHINES/DELETE',
      outcome: 'Success',
    });
    const signIn = {
      time: '2024-05-01T10:00:00Z',
      operationName: 'Sign-in activity',
      category: 'SignInLogs',
      properties: { userPrincipalName: 'frank@example.com', ipAddress: '192.0.2.45', status: { errorCode: 0 } },
    };
    assert.equal(detectSchema(signIn), 'azure');
    assert.equal(fieldValue(signIn, 'azure', 'actor'), 'frank@example.com');
    assert.equal(fieldValue(signIn, 'azure', 'sourceAddress'), '192.0.2.45');
    assert.equal(fieldValue(signIn, 'azure', 'outcome'), 0);
    // operationName + time alone is not enough.
    assert.equal(detectSchema({ operationName: 'x', time: 't' }), 'generic-json');
  });

  it('Okta System Log', () => {
    const record = {
      published: '2024-05-01T10:00:00.000Z',
      eventType: 'user.session.start',
      actor: { id: '00u1', alternateId: 'gina@example.com', type: 'User' },
      client: { ipAddress: '198.51.100.7' },
      outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' },
    };
    assert.equal(detectSchema(record), 'okta');
    assert.deepEqual(values(record), {
      timestamp: '2024-05-01T10:00:00.000Z',
      actor: 'gina@example.com',
      sourceAddress: '198.51.100.7',
      action: 'user.session.start',
      outcome: 'FAILURE',
    });
  });

  it('GitHub audit log', () => {
    const record = { action: 'repo.destroy', actor: 'hank', actor_ip: '203.0.113.9', created_at: 1714557600000, repo: 'o/r' };
    assert.equal(detectSchema(record), 'github-audit');
    assert.deepEqual(values(record), {
      timestamp: 1714557600000,
      actor: 'hank',
      sourceAddress: '203.0.113.9',
      action: 'repo.destroy',
      outcome: undefined,
    });
    assert.equal(detectSchema({ action: 'a', actor: 'b', '@timestamp': 1, business: 'c' }), 'github-audit');
    assert.equal(detectSchema({ action: 'a', actor: 'b', created_at: 1 }), 'generic-json');
  });

  it('generic application JSON', () => {
    const record = { ts: 1714557600, userId: 42, remote_addr: '192.0.2.8', method: 'POST', status_code: 201 };
    assert.equal(detectSchema(record), 'generic-json');
    assert.deepEqual(values(record), {
      timestamp: 1714557600,
      actor: 42,
      sourceAddress: '192.0.2.8',
      action: 'POST',
      outcome: 201,
    });
    assert.equal(fieldValue({ success: false }, 'generic-json', 'outcome'), false);
    assert.deepEqual(values({ msg: 'hello' }), {
      timestamp: undefined,
      actor: undefined,
      sourceAddress: undefined,
      action: undefined,
      outcome: undefined,
    });
  });

  it('a known schema reads only its own fields; plain JSON reads the generic names; empty values are skipped', () => {
    const record = { eventVersion: '1', eventSource: 's', eventName: 'n', eventTime: '', timestamp: 'generic-time' };
    assert.equal(fieldValue(record, 'cloudtrail', 'timestamp'), undefined, 'an empty eventTime is not replaced by a generic name');
    const k8s = { level: 'Metadata', kind: 'Event', sourceIPs: [], ip: '192.0.2.3' };
    assert.equal(fieldValue(k8s, 'k8s-audit', 'sourceAddress'), undefined);
    assert.equal(fieldValue(k8s, 'k8s-audit', 'severity'), undefined, 'an audit level is not a severity');
    assert.equal(fieldValue(k8s, 'generic-json', 'sourceAddress'), '192.0.2.3');
    assert.deepEqual(aliasesFor('okta', 'action'), ['eventType']);
    assert.deepEqual(aliasesFor('generic-json', 'actor'), GENERIC_ALIASES.actor);
    assert.deepEqual(aliasesFor('no-such-schema', 'actor'), GENERIC_ALIASES.actor);
    assert.equal(fieldValue({ user: '-', username: 'ann' }, 'generic-json', 'actor'), 'ann', 'placeholders are empty');
  });

  it('prefers specific schemas over looser ones', () => {
    // ECS wins over GitHub when ecs.version is present.
    assert.equal(detectSchema({ '@timestamp': 't', ecs: { version: '8' }, action: 'a', actor: 'b', org: 'c' }), 'ecs');
    // A k8s Event that also looks like Azure stays k8s.
    assert.equal(
      detectSchema({ apiVersion: 'audit.k8s.io/v1', kind: 'Event', operationName: 'o', category: 'c', time: 't' }),
      'k8s-audit',
    );
  });

  it('has aliases for every field of every schema but generic-json', () => {
    for (const schema of SCHEMA_IDS) {
      if (schema === 'generic-json') continue;
      for (const field of SEMANTIC_FIELDS) assert.ok(Array.isArray(SCHEMA_ALIASES[schema][field]), `${schema}.${field}`);
    }
  });
});
