/**
 * classifyEvent on records written here for each schema: every category, success and failure, and
 * records that must stay uncategorised.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventCategory, EventClass, EventOutcome } from '../../src/logs/categories.js';
import { EVENT_CATEGORIES, actionWords, classifyEvent } from '../../src/logs/categories.js';
import { detectSchema } from '../../src/logs/field-aliases.js';
import { createAuditdParser } from '../../src/logs/formats/auditd.js';
import { parseCef } from '../../src/logs/formats/cef.js';
import { parseLeef } from '../../src/logs/formats/leef.js';
import { createSyslogParser } from '../../src/logs/formats/syslog.js';
import type { ParsedEvent } from '../../src/logs/formats/types.js';

function expectClass(actual: EventClass, categories: EventCategory[], outcome: EventOutcome | null): void {
  assert.deepEqual(actual, { categories, outcome });
}

function check(record: Record<string, unknown>, schema: string, categories: EventCategory[], outcome: EventOutcome | null): void {
  expectClass(classifyEvent(record, schema), categories, outcome);
}

/** The one event a parser makes of some lines. */
function single(events: ParsedEvent[]): ParsedEvent {
  assert.equal(events.length, 1);
  return events[0] as ParsedEvent;
}

function syslogEvent(line: string): ParsedEvent {
  const outcome = createSyslogParser().push(line, 1);
  assert.equal(outcome.kind, 'events');
  return single(outcome.kind === 'events' ? outcome.events : []);
}

function checkSyslog(line: string, categories: EventCategory[], outcome: EventOutcome | null): void {
  const event = syslogEvent(line);
  assert.equal(event.schema, 'syslog');
  check(event.record, 'syslog', categories, outcome);
}

function auditdEvent(lines: readonly string[]): ParsedEvent {
  const parser = createAuditdParser();
  const events: ParsedEvent[] = [];
  lines.forEach((line, index) => {
    const outcome = parser.push(line, index + 1);
    assert.equal(outcome.kind, 'events', line);
    if (outcome.kind === 'events') events.push(...outcome.events);
  });
  events.push(...parser.end());
  return single(events);
}

function checkAuditd(lines: readonly string[], categories: EventCategory[], outcome: EventOutcome | null): void {
  check(auditdEvent(lines).record, 'auditd', categories, outcome);
}

function cef(line: string): Record<string, unknown> {
  const record = parseCef(line);
  assert.ok(record !== null, line);
  return record;
}

function leef(line: string): Record<string, unknown> {
  const record = parseLeef(line);
  assert.ok(record !== null, line);
  return record;
}

describe('classifyEvent: general', () => {
  it('lists categories in EVENT_CATEGORIES order, each once', () => {
    // A group-membership change that is also a policy denial: three categories, given in order.
    const record = {
      eventVersion: '1.08',
      eventSource: 'iam.amazonaws.com',
      eventName: 'AddUserToGroup',
      errorCode: 'AccessDenied',
    };
    const result = classifyEvent(record, 'cloudtrail');
    assert.deepEqual(result.categories, ['authorization', 'account-change', 'privilege-change']);
    const order = result.categories.map((category) => EVENT_CATEGORIES.indexOf(category));
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
  });

  it('returns nothing for unknown schemas, text, and the CloudTrail digest', () => {
    check({ action: 'login', outcome: 'success' }, 'no-such-schema', [], null);
    check({ action: 'login', outcome: 'success' }, 'constructor', [], null);
    check({ message: 'Failed password for root from 10.0.0.1 port 22 ssh2' }, 'text', [], null);
    check({ digestS3Object: 'x', digestSignatureAlgorithm: 'SHA256withRSA', logFiles: [] }, 'cloudtrail-digest', [], null);
  });

  it('splits action names into words at punctuation and camelCase, without filler words', () => {
    assert.deepEqual(actionWords('AWSConsoleSignIn'), ['aws', 'console', 'sign', 'in']);
    assert.deepEqual(actionWords('loginFailed'), ['login', 'failed']);
    assert.deepEqual(actionWords('user_was_created'), ['user', 'created']);
    assert.deepEqual(actionWords('authn_login_fail:bob'), ['authn', 'login', 'fail', 'bob']);
    assert.deepEqual(actionWords('S3Object'), ['s3', 'object']);
    assert.deepEqual(actionWords(''), []);
  });

  it('reads very long action names in linear time', () => {
    const long = 'user_'.repeat(200_000) + 'created';
    const started = process.hrtime.bigint();
    classifyEvent({ action: long }, 'generic-json');
    classifyEvent({ 'cef.name': long, cef: { name: long } }, 'cef');
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(elapsedMs < 1000, `took ${elapsedMs} ms`);
  });
});

describe('classifyEvent: k8s-audit', () => {
  function event(verb: string, objectRef: Record<string, string> | null, code: number | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const record: Record<string, unknown> = {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: 'Metadata',
      auditID: 'a1',
      stage: 'ResponseComplete',
      requestURI: '/x',
      verb,
      user: { username: 'alice' },
      ...extra,
    };
    if (objectRef !== null) record['objectRef'] = objectRef;
    if (code !== null) record['responseStatus'] = { metadata: {}, code };
    assert.equal(detectSchema(record), 'k8s-audit');
    return record;
  }

  it('workload writes are configuration changes; status and lease writes are not', () => {
    check(event('create', { resource: 'deployments', apiGroup: 'apps' }, 201), 'k8s-audit', ['configuration-change'], 'success');
    check(event('patch', { resource: 'deployments', subresource: 'scale' }, 200), 'k8s-audit', ['configuration-change'], 'success');
    check(event('delete', { resource: 'namespaces', name: 'dev' }, 404), 'k8s-audit', ['configuration-change'], 'failure');
    check(event('update', { resource: 'pods', subresource: 'status' }, 200), 'k8s-audit', [], 'success');
    check(event('update', { resource: 'leases', apiGroup: 'coordination.k8s.io' }, 200), 'k8s-audit', [], 'success');
    check(event('create', { resource: 'events' }, 201), 'k8s-audit', [], 'success');
  });

  it('reads are not categorised except secrets and config maps (data access)', () => {
    check(event('get', { resource: 'pods' }, 200), 'k8s-audit', [], 'success');
    check(event('list', { resource: 'secrets', namespace: 'default' }, 200), 'k8s-audit', ['data-access'], 'success');
    check(event('watch', { resource: 'configmaps' }, 200), 'k8s-audit', ['data-access'], 'success');
    check(event('update', { resource: 'secrets' }, 409), 'k8s-audit', ['data-access'], 'failure');
  });

  it('RBAC writes change privileges; service accounts are accounts; tokens are authentication', () => {
    check(event('create', { resource: 'clusterrolebindings', apiGroup: 'rbac.authorization.k8s.io' }, 201), 'k8s-audit', ['privilege-change'], 'success');
    check(event('delete', { resource: 'roles' }, 200), 'k8s-audit', ['privilege-change'], 'success');
    check(event('get', { resource: 'roles' }, 200), 'k8s-audit', [], 'success');
    check(event('create', { resource: 'serviceaccounts' }, 201), 'k8s-audit', ['account-change'], 'success');
    check(event('create', { resource: 'serviceaccounts', subresource: 'token' }, 201), 'k8s-audit', ['authentication'], 'success');
    check(event('create', { resource: 'tokenreviews', apiGroup: 'authentication.k8s.io' }, 201), 'k8s-audit', ['authentication'], 'success');
    check(event('create', { resource: 'selfsubjectaccessreviews' }, 201), 'k8s-audit', ['authorization'], 'success');
  });

  it('a forbidden request is an authorization failure; 401 an authentication failure', () => {
    const forbidden = event('get', { resource: 'pods' }, 403, {
      annotations: { 'authorization.k8s.io/decision': 'forbid', 'authorization.k8s.io/reason': '' },
    });
    check(forbidden, 'k8s-audit', ['authorization'], 'failure');
    check(event('get', { resource: 'nodes' }, 403), 'k8s-audit', ['authorization'], 'failure');
    check(event('list', { resource: 'pods' }, 401), 'k8s-audit', ['authentication'], 'failure');
    // An allowed request is not itself an authorization event.
    check(event('get', { resource: 'pods' }, 200, { annotations: { 'authorization.k8s.io/decision': 'allow' } }), 'k8s-audit', [], 'success');
  });

  it('outcome: 2xx and 101 succeed, >= 400 fail, no response or a redirect says nothing', () => {
    check(event('create', { resource: 'pods', subresource: 'exec' }, 101), 'k8s-audit', [], 'success');
    check(event('get', { resource: 'pods' }, null, { stage: 'RequestReceived' }), 'k8s-audit', [], null);
    check(event('get', null, 302, { requestURI: '/healthz' }), 'k8s-audit', [], null);
    check(event('get', null, 500, { requestURI: '/readyz' }), 'k8s-audit', [], 'failure');
  });

  it('changes to an audit sink are logging control', () => {
    check(event('delete', { resource: 'auditsinks', apiGroup: 'auditregistration.k8s.io' }, 200), 'k8s-audit', ['configuration-change', 'logging-control'], 'success');
  });
});

describe('classifyEvent: ecs', () => {
  function ecs(event: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const record = { '@timestamp': '2024-01-01T00:00:00Z', ecs: { version: '8.11.0' }, event, ...extra };
    assert.equal(detectSchema(record), 'ecs');
    return record;
  }

  it('authentication successes and failures', () => {
    check(ecs({ category: ['authentication'], type: ['start'], outcome: 'success', action: 'ssh_login' }), 'ecs', ['authentication'], 'success');
    check(ecs({ category: 'authentication', type: 'start', outcome: 'failure' }), 'ecs', ['authentication'], 'failure');
    check(ecs({ category: ['authentication'], outcome: 'unknown' }), 'ecs', ['authentication'], null);
  });

  it('iam user and group changes, membership, admin', () => {
    check(ecs({ category: ['iam'], type: ['user', 'creation'], outcome: 'success' }), 'ecs', ['account-change'], 'success');
    check(ecs({ category: ['iam'], type: ['group', 'change'], action: 'added-member-to-group' }), 'ecs', ['account-change', 'privilege-change'], null);
    check(ecs({ category: ['iam'], type: ['admin', 'change'], action: 'trust-added' }), 'ecs', ['configuration-change'], null);
    check(ecs({ category: ['iam'], type: ['change'], action: 'role-assigned' }), 'ecs', ['privilege-change'], null);
    check(ecs({ category: ['iam'], type: ['user', 'info'] }), 'ecs', [], null);
  });

  it('configuration, file and database categories; allowed/denied decisions; HTTP 403', () => {
    check(ecs({ category: ['configuration'], type: ['change'] }), 'ecs', ['configuration-change'], null);
    check(ecs({ category: ['file'], type: ['access'], outcome: 'success' }), 'ecs', ['data-access'], 'success');
    check(ecs({ category: ['database'], type: ['access'] }), 'ecs', ['data-access'], null);
    check(ecs({ category: ['network'], type: ['denied', 'connection'], outcome: 'failure' }), 'ecs', ['authorization'], 'failure');
    check(ecs({ category: ['web'], type: ['access'] }, { http: { response: { status_code: 403 } } }), 'ecs', ['authorization'], null);
  });

  it('logging control from the action name or the Windows event code', () => {
    check(ecs({ category: ['iam'], type: ['info'], action: 'audit-log-cleared' }), 'ecs', ['logging-control'], null);
    check(ecs({ code: '1102', provider: 'Microsoft-Windows-Eventlog', kind: 'event' }), 'ecs', ['logging-control'], null);
    check(ecs({ code: '4719', provider: 'Microsoft-Windows-Security-Auditing' }), 'ecs', ['logging-control'], null);
    check(ecs({ code: '1102', provider: 'Some-Other-Provider' }), 'ecs', [], null);
  });

  it('without event.category the action name is read; process events are not categorised', () => {
    check(ecs({ action: 'user-login', outcome: 'failure' }), 'ecs', ['authentication'], 'failure');
    check(ecs({ category: ['process'], type: ['start'], action: 'exec', outcome: 'success' }), 'ecs', [], 'success');
  });
});

describe('classifyEvent: ocsf', () => {
  function ocsf(classUid: number, activityId: number, statusId: number | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const record: Record<string, unknown> = {
      class_uid: classUid,
      category_uid: Math.floor(classUid / 1000),
      activity_id: activityId,
      severity_id: 1,
      time: 1700000000000,
      metadata: { version: '1.1.0', product: { name: 'x' } },
      ...extra,
    };
    if (statusId !== null) record['status_id'] = statusId;
    assert.equal(detectSchema(record), 'ocsf');
    return record;
  }

  it('Authentication (3002): logon succeeds or fails; logoff is not an attempt', () => {
    check(ocsf(3002, 1, 1), 'ocsf', ['authentication'], 'success');
    check(ocsf(3002, 1, 2), 'ocsf', ['authentication'], 'failure');
    check(ocsf(3002, 2, 1), 'ocsf', [], 'success');
    check(ocsf(3002, 7, 1), 'ocsf', ['authentication', 'privilege-change'], 'success');
  });

  it('Account Change, Group Management, User Access Management, Authorize Session', () => {
    check(ocsf(3001, 3, 2), 'ocsf', ['account-change'], 'failure');
    check(ocsf(3001, 7, 1), 'ocsf', ['privilege-change'], 'success');
    check(ocsf(3006, 3, 1), 'ocsf', ['account-change', 'privilege-change'], 'success');
    check(ocsf(3006, 6, 1), 'ocsf', ['account-change'], 'success');
    check(ocsf(3005, 1, 1), 'ocsf', ['privilege-change'], 'success');
    check(ocsf(3003, 1, 1), 'ocsf', ['authorization'], 'success');
    check(ocsf(3004, 3, 1), 'ocsf', ['configuration-change'], 'success');
    check(ocsf(3004, 2, 1), 'ocsf', [], 'success');
  });

  it('Event Log Activity (1008), file system and datastore activity', () => {
    check(ocsf(1008, 1, 1), 'ocsf', ['logging-control'], 'success');
    check(ocsf(1008, 7, 1), 'ocsf', ['logging-control'], 'success');
    check(ocsf(1008, 3, 1), 'ocsf', ['data-access'], 'success');
    check(ocsf(1008, 5, 1), 'ocsf', [], 'success');
    check(ocsf(1001, 2, 1), 'ocsf', ['data-access'], 'success');
    check(ocsf(6005, 1, 1), 'ocsf', ['data-access'], 'success');
  });

  it('API Activity of an AWS call is read as CloudTrail; other API activity is not', () => {
    check(ocsf(6003, 2, 1, { api: { operation: 'GetObject', service: { name: 's3.amazonaws.com' } } }), 'ocsf', ['data-access'], 'success');
    check(ocsf(6003, 1, 2, { api: { operation: 'AttachRolePolicy', service: { name: 'iam.amazonaws.com' } } }), 'ocsf', ['privilege-change'], 'failure');
    check(ocsf(6003, 1, 1, { api: { operation: 'CreateThing', service: { name: 'example.com' } } }), 'ocsf', [], 'success');
  });

  it('unmapped classes and unknown status give nothing', () => {
    check(ocsf(4001, 6, 0), 'ocsf', [], null);
    check(ocsf(4001, 6, null, { status: 'Failure' }), 'ocsf', [], 'failure');
  });
});

describe('classifyEvent: cloudtrail', () => {
  function trail(eventName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const record = { eventVersion: '1.08', eventSource: 'x.amazonaws.com', eventName, eventTime: '2024-01-01T00:00:00Z', ...extra };
    assert.equal(detectSchema(record), 'cloudtrail');
    return record;
  }

  it('sign-ins and token issue; a failed ConsoleLogin carries only errorMessage', () => {
    check(trail('ConsoleLogin', { responseElements: { ConsoleLogin: 'Success' } }), 'cloudtrail', ['authentication'], 'success');
    check(trail('ConsoleLogin', { errorMessage: 'Failed authentication' }), 'cloudtrail', ['authentication'], 'failure');
    check(trail('AssumeRoleWithSAML', { eventSource: 'sts.amazonaws.com' }), 'cloudtrail', ['authentication'], 'success');
    check(trail('SomethingElse', { eventType: 'AwsConsoleSignIn' }), 'cloudtrail', ['authentication'], 'success');
  });

  it('IAM users, groups, policies and roles', () => {
    check(trail('CreateUser'), 'cloudtrail', ['account-change'], 'success');
    check(trail('CreateAccessKey'), 'cloudtrail', ['account-change'], 'success');
    check(trail('RemoveUserFromGroup'), 'cloudtrail', ['account-change', 'privilege-change'], 'success');
    check(trail('AttachRolePolicy'), 'cloudtrail', ['privilege-change'], 'success');
    check(trail('PutBucketPolicy', { eventSource: 's3.amazonaws.com' }), 'cloudtrail', ['privilege-change'], 'success');
    check(trail('GetUser', { readOnly: true }), 'cloudtrail', [], 'success');
  });

  it('object and item access is data access, not configuration', () => {
    check(trail('GetObject', { eventSource: 's3.amazonaws.com', readOnly: true }), 'cloudtrail', ['data-access'], 'success');
    check(trail('PutObject', { eventSource: 's3.amazonaws.com', readOnly: false }), 'cloudtrail', ['data-access'], 'success');
    check(trail('GetSecretValue', { errorCode: 'ResourceNotFoundException' }), 'cloudtrail', ['data-access'], 'failure');
  });

  it('trail and log changes are logging control', () => {
    check(trail('StopLogging', { eventSource: 'cloudtrail.amazonaws.com' }), 'cloudtrail', ['configuration-change', 'logging-control'], 'success');
    check(trail('PutEventSelectors'), 'cloudtrail', ['configuration-change', 'logging-control'], 'success');
    check(trail('DeleteLogGroup', { eventSource: 'logs.amazonaws.com' }), 'cloudtrail', ['configuration-change', 'logging-control'], 'success');
  });

  it('other mutating calls are configuration changes; reads and look-alike names are not', () => {
    check(trail('RunInstances'), 'cloudtrail', ['configuration-change'], 'success');
    check(trail('CreateSecurityGroup'), 'cloudtrail', ['configuration-change'], 'success');
    check(trail('ModifyDBInstance', { errorCode: 'InvalidParameterValue', errorMessage: 'bad' }), 'cloudtrail', ['configuration-change'], 'failure');
    check(trail('DescribeInstances', { readOnly: true }), 'cloudtrail', [], 'success');
    check(trail('PutSomething', { readOnly: true }), 'cloudtrail', [], 'success');
    // "Settle", "Address...", "Runtime..." start with Set / Add / Run but not as a verb.
    check(trail('SettleAccount'), 'cloudtrail', [], 'success');
    check(trail('AddressLookup'), 'cloudtrail', [], 'success');
    check(trail('RuntimeStatus'), 'cloudtrail', [], 'success');
  });

  it('refused calls are authorization failures', () => {
    check(trail('DescribeInstances', { errorCode: 'Client.UnauthorizedOperation' }), 'cloudtrail', ['authorization'], 'failure');
    check(trail('GetObject', { errorCode: 'AccessDenied', errorMessage: 'Access Denied' }), 'cloudtrail', ['authorization', 'data-access'], 'failure');
  });
});

describe('classifyEvent: gcp-audit', () => {
  function gcp(protoPayload: Record<string, unknown>, logName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const record = {
      logName: `projects/p/logs/cloudaudit.googleapis.com%2F${logName}`,
      protoPayload: { '@type': 'type.googleapis.com/google.cloud.audit.AuditLog', ...protoPayload },
      timestamp: '2024-01-01T00:00:00Z',
      ...extra,
    };
    assert.equal(detectSchema(record), 'gcp-audit');
    return record;
  }

  it('token issue is authentication; an empty status is success', () => {
    check(gcp({ methodName: 'GenerateAccessToken', serviceName: 'iamcredentials.googleapis.com', status: {} }, 'data_access'), 'gcp-audit', ['authentication'], 'success');
    check(gcp({ methodName: 'google.login.LoginService.loginFailure', serviceName: 'login.googleapis.com' }, 'data_access'), 'gcp-audit', ['authentication'], 'failure');
    check(gcp({ methodName: 'x.Call', serviceName: 'x.googleapis.com', status: { code: 16 } }, 'data_access'), 'gcp-audit', ['authentication'], 'failure');
  });

  it('IAM policy changes; audit-config deltas are logging control', () => {
    check(gcp({ methodName: 'SetIamPolicy', serviceName: 'cloudresourcemanager.googleapis.com' }, 'activity'), 'gcp-audit', ['privilege-change'], 'success');
    const auditOff = gcp(
      { methodName: 'SetIamPolicy', serviceName: 'cloudresourcemanager.googleapis.com', serviceData: { policyDelta: { auditConfigDeltas: [{ action: 'REMOVE' }] } } },
      'activity',
    );
    check(auditOff, 'gcp-audit', ['privilege-change', 'logging-control'], 'success');
    check(gcp({ methodName: 'google.iam.admin.v1.CreateServiceAccount', serviceName: 'iam.googleapis.com' }, 'activity'), 'gcp-audit', ['account-change'], 'success');
  });

  it('denials, data reads, admin-activity changes, logging sinks', () => {
    const denied = gcp(
      { methodName: 'storage.objects.get', serviceName: 'storage.googleapis.com', status: { code: 7 }, authorizationInfo: [{ permission: 'storage.objects.get', granted: false, permissionType: 'DATA_READ' }] },
      'data_access',
    );
    check(denied, 'gcp-audit', ['authorization', 'data-access'], 'failure');
    check(gcp({ methodName: 'v1.compute.instances.insert', serviceName: 'compute.googleapis.com' }, 'activity'), 'gcp-audit', ['configuration-change'], 'success');
    check(gcp({ methodName: 'v1.compute.instances.list', serviceName: 'compute.googleapis.com', authorizationInfo: [{ granted: true, permissionType: 'ADMIN_READ' }] }, 'data_access'), 'gcp-audit', [], 'success');
    check(gcp({ methodName: 'google.logging.v2.ConfigServiceV2.DeleteSink', serviceName: 'logging.googleapis.com', status: { code: 5 } }, 'activity'), 'gcp-audit', ['configuration-change', 'logging-control'], 'failure');
  });

  it('GKE Kubernetes methods are read as Kubernetes requests', () => {
    check(gcp({ methodName: 'io.k8s.core.v1.secrets.get', serviceName: 'k8s.io', status: { code: 0 } }, 'data_access'), 'gcp-audit', ['data-access'], 'success');
    check(gcp({ methodName: 'io.k8s.authorization.rbac.v1.clusterrolebindings.create', serviceName: 'k8s.io' }, 'activity'), 'gcp-audit', ['privilege-change'], 'success');
    check(gcp({ methodName: 'io.k8s.apps.v1.deployments.scale.patch', serviceName: 'k8s.io' }, 'activity'), 'gcp-audit', ['configuration-change'], 'success');
    check(gcp({ methodName: 'io.k8s.coordination.v1.leases.update', serviceName: 'k8s.io' }, 'activity'), 'gcp-audit', [], 'success');
    check(gcp({ methodName: 'io.k8s.get', serviceName: 'k8s.io', resourceName: 'readyz' }, 'data_access'), 'gcp-audit', [], 'success');
    check(
      gcp({ methodName: 'io.k8s.core.v1.pods.list', serviceName: 'k8s.io', status: { code: 7 } }, 'data_access', { labels: { 'authorization.k8s.io/decision': 'forbid' } }),
      'gcp-audit',
      ['authorization'],
      'failure',
    );
  });
});

describe('classifyEvent: azure', () => {
  function azure(fields: Record<string, unknown>): Record<string, unknown> {
    const record = { time: '2024-01-01T00:00:00Z', ...fields };
    assert.equal(detectSchema(record), 'azure');
    return record;
  }

  it('sign-ins: resultType 0 succeeds, an error code fails, Conditional Access blocks are refusals', () => {
    check(azure({ category: 'SignInLogs', operationName: 'Sign-in activity', resultType: '0', properties: { status: { errorCode: 0 } } }), 'azure', ['authentication'], 'success');
    check(azure({ category: 'SignInLogs', operationName: 'Sign-in activity', resultType: '50126', properties: { status: { errorCode: 50126 } } }), 'azure', ['authentication'], 'failure');
    check(azure({ category: 'NonInteractiveUserSignInLogs', operationName: 'Sign-in activity', properties: { status: { errorCode: 53003 } } }), 'azure', ['authentication', 'authorization'], 'failure');
    // The sign-in category alone is enough.
    check(azure({ category: 'ServicePrincipalSignInLogs', operationName: 'Service principal sign-in', resultType: 'Success' }), 'azure', ['authentication'], 'success');
  });

  it('Entra audit activities and their categories', () => {
    check(azure({ category: 'AuditLogs', operationName: 'Add member to group', properties: { result: 'success', category: 'GroupManagement' } }), 'azure', ['account-change', 'privilege-change'], 'success');
    check(azure({ category: 'AuditLogs', operationName: 'Reset password (by admin)', properties: { result: 'failure' } }), 'azure', ['account-change'], 'failure');
    check(azure({ category: 'AuditLogs', operationName: 'Add member to role', resultType: 'Success' }), 'azure', ['privilege-change'], 'success');
    check(azure({ category: 'AuditLogs', operationName: 'Update StsRefreshTokenValidFrom Timestamp', properties: { category: 'UserManagement' } }), 'azure', ['account-change'], null);
  });

  it('ARM writes: role assignments, diagnostic settings, other writes; reads are not categorised', () => {
    check(azure({ category: 'Administrative', operationName: 'MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE', resultType: 'Success' }), 'azure', ['privilege-change'], 'success');
    check(azure({ category: 'Administrative', operationName: 'microsoft.insights/diagnosticSettings/delete', resultType: 'Success' }), 'azure', ['configuration-change', 'logging-control'], 'success');
    check(azure({ category: 'Administrative', operationName: 'Microsoft.Compute/virtualMachines/write', resultType: 'Start' }), 'azure', ['configuration-change'], null);
    check(azure({ category: 'Administrative', operationName: 'Microsoft.Compute/virtualMachines/read', resultType: 'Success' }), 'azure', [], 'success');
    check(
      azure({ category: 'Administrative', operationName: 'Microsoft.Storage/storageAccounts/write', resultType: 'Failure', properties: { statusCode: 'Forbidden' } }),
      'azure',
      ['authorization', 'configuration-change'],
      'failure',
    );
  });

  it('Key Vault secret reads and storage logs are data access', () => {
    check(azure({ category: 'AuditEvent', operationName: 'SecretGet', resultType: 'Success' }), 'azure', ['data-access'], 'success');
    check(azure({ category: 'StorageRead', operationName: 'GetBlob', resultType: 'Success' }), 'azure', ['data-access'], 'success');
    check(azure({ category: 'AuditEvent', operationName: 'VaultGet', resultType: 'Success' }), 'azure', [], 'success');
  });

  it('AKS audit exports are read as the Kubernetes event inside, as an object or a string', () => {
    const inner = { kind: 'Event', apiVersion: 'audit.k8s.io/v1', auditID: 'a', verb: 'get', requestURI: '/api/v1/namespaces/x/secrets', objectRef: { resource: 'secrets' }, responseStatus: { code: 403 } };
    check(azure({ category: 'kube-audit', operationName: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read', properties: { log: inner } }), 'azure', ['authorization', 'data-access'], 'failure');
    check(azure({ category: 'kube-audit-admin', operationName: 'x', properties: { log: JSON.stringify(inner) } }), 'azure', ['authorization', 'data-access'], 'failure');
    check(azure({ category: 'kube-audit', operationName: 'x', properties: { log: '{not json' } }), 'azure', [], null);
  });
});

describe('classifyEvent: okta', () => {
  function okta(eventType: string, result: string | null): Record<string, unknown> {
    const record = { actor: { alternateId: 'a@example.com' }, eventType, published: '2024-01-01T00:00:00Z', outcome: result === null ? null : { result } };
    assert.equal(detectSchema(record), 'okta');
    return record;
  }

  it('sign-ins and token grants; logout and single logout are not', () => {
    check(okta('user.session.start', 'SUCCESS'), 'okta', ['authentication'], 'success');
    check(okta('user.session.start', 'FAILURE'), 'okta', ['authentication'], 'failure');
    check(okta('user.authentication.sso', 'SUCCESS'), 'okta', ['authentication'], 'success');
    check(okta('app.oauth2.as.token.grant.access_token', 'SUCCESS'), 'okta', ['authentication'], 'success');
    check(okta('user.authentication.slo', 'SUCCESS'), 'okta', [], 'success');
    check(okta('user.session.end', 'SUCCESS'), 'okta', [], 'success');
  });

  it('policy decisions, account, membership and privilege changes, log streams', () => {
    check(okta('policy.evaluate_sign_on', 'DENY'), 'okta', ['authorization'], 'failure');
    check(okta('policy.evaluate_sign_on', 'ALLOW'), 'okta', ['authorization'], 'success');
    // DENY on any event is a policy refusal.
    check(okta('user.authentication.sso', 'DENY'), 'okta', ['authentication', 'authorization'], 'failure');
    check(okta('user.lifecycle.create', 'SUCCESS'), 'okta', ['account-change'], 'success');
    check(okta('user.account.lock', 'SUCCESS'), 'okta', ['account-change'], 'success');
    check(okta('group.user_membership.add', 'SUCCESS'), 'okta', ['account-change', 'privilege-change'], 'success');
    check(okta('user.account.privilege.grant', 'SUCCESS'), 'okta', ['privilege-change'], 'success');
    check(okta('system.log_stream.lifecycle.deactivate', 'SUCCESS'), 'okta', ['configuration-change', 'logging-control'], 'success');
    check(okta('policy.rule.update', 'SUCCESS'), 'okta', ['configuration-change'], 'success');
  });

  it('unknown event types and non-decisive results give nothing', () => {
    check(okta('user.account.report_suspicious_activity_by_enduser', 'SUCCESS'), 'okta', [], 'success');
    check(okta('user.authentication.auth_via_mfa', 'CHALLENGE'), 'okta', ['authentication'], null);
    check(okta('system.org.rate_limit.warning', null), 'okta', [], null);
  });
});

describe('classifyEvent: github-audit', () => {
  function github(action: string): Record<string, unknown> {
    const record = { action, actor: 'octocat', org: 'example', created_at: 1700000000000 };
    assert.equal(detectSchema(record), 'github-audit');
    return record;
  }

  it('members, teams, permissions, data, streaming; no outcome field', () => {
    check(github('team.add_member'), 'github-audit', ['account-change', 'privilege-change'], null);
    check(github('org.invite_member'), 'github-audit', ['account-change'], null);
    check(github('repo.update_member'), 'github-audit', ['privilege-change'], null);
    check(github('git.clone'), 'github-audit', ['data-access'], null);
    check(github('audit_log_streaming.destroy'), 'github-audit', ['configuration-change', 'logging-control'], null);
    check(github('repo.create'), 'github-audit', ['configuration-change'], null);
    check(github('protected_branch.destroy'), 'github-audit', ['configuration-change'], null);
  });

  it('a failed login states its outcome; run events are not categorised', () => {
    check(github('user.failed_login'), 'github-audit', ['authentication'], 'failure');
    check(github('workflows.completed_workflow_run'), 'github-audit', [], null);
    check(github('repo.download_zip'), 'github-audit', ['data-access'], null);
  });
});

describe('classifyEvent: otel', () => {
  it('event names and HTTP statuses, as attribute objects or OTLP key/value lists', () => {
    const named = { traceId: 't', severityText: 'INFO', attributes: { 'event.name': 'user.login', 'http.response.status_code': 200 } };
    assert.equal(detectSchema(named), 'otel');
    check(named, 'otel', ['authentication'], 'success');
    const listed = {
      traceId: 't',
      body: { stringValue: 'GET /admin' },
      attributes: [{ key: 'http.response.status_code', value: { intValue: '403' } }],
    };
    assert.equal(detectSchema(listed), 'otel');
    check(listed, 'otel', ['authorization'], 'failure');
    check({ traceId: 't', severityText: 'INFO', body: 'cache warmed' }, 'otel', [], null);
    check({ traceId: 't', severityText: 'WARN', attributes: { 'event.name': 'login_failed' } }, 'otel', ['authentication'], 'failure');
  });
});

describe('classifyEvent: syslog', () => {
  it('sshd sign-ins succeed and fail', () => {
    checkSyslog('Feb 21 21:54:44 host sshd[3402]: Accepted publickey for ann from 10.0.0.2 port 63673 ssh2', ['authentication'], 'success');
    checkSyslog('Feb 20 08:35:22 host sshd[5774]: Failed password for root from 10.0.0.3 port 29160 ssh2', ['authentication'], 'failure');
  });

  it('sudo and su change privilege; refusals name their reason', () => {
    checkSyslog('Feb 21 23:35:33 host sudo: ann : TTY=pts/0 ; PWD=/home/ann ; USER=root ; COMMAND=/bin/ls', ['privilege-change'], 'success');
    checkSyslog('Feb 24 00:13:02 host sudo:      bob : user NOT in sudoers ; TTY=pts/1 ; PWD=/home/bob ; USER=root ; COMMAND=/bin/ls', ['authorization', 'privilege-change'], 'failure');
    checkSyslog('Feb 24 00:13:02 host sudo: bob : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/home/bob ; USER=root ; COMMAND=/bin/ls', ['authentication', 'privilege-change'], 'failure');
    checkSyslog("Mar  1 10:00:00 host su: FAILED su for root by ann", ['privilege-change'], 'failure');
  });

  it('account tools, group membership', () => {
    checkSyslog('Feb 22 11:47:05 host useradd[6995]: new user: name=apache, UID=48, GID=48, home=/usr/share/httpd, shell=/sbin/nologin', ['account-change'], 'success');
    checkSyslog("Feb 22 11:48:00 host usermod[7000]: add 'ann' to group 'wheel'", ['account-change', 'privilege-change'], 'success');
  });

  it('logging daemons starting and stopping', () => {
    checkSyslog('Mar  1 10:00:00 host rsyslogd: [origin software="rsyslogd" swVersion="8.2102.0" x-pid="812" x-info="https://www.rsyslog.com"] start', ['logging-control'], null);
    checkSyslog('Mar  1 10:05:00 host rsyslogd: [origin software="rsyslogd" swVersion="8.2102.0" x-pid="812" x-info="https://www.rsyslog.com"] exiting on signal 15.', ['logging-control'], null);
    checkSyslog('Mar  1 10:05:01 host systemd[1]: Stopped System Logging Service.', ['logging-control'], null);
    checkSyslog('Mar  1 10:05:02 host kernel: audit: type=1305 audit(1709287502.000:12): audit_enabled=0 old=1 auid=0 ses=1 res=1', ['configuration-change', 'logging-control'], null);
  });

  it('sessions, HUPs and ordinary messages are not categorised', () => {
    checkSyslog('Mar  1 10:00:00 host systemd-logind[500]: New session 3 of user ann.', [], null);
    checkSyslog('Mar  1 10:00:00 host rsyslogd: [origin software="rsyslogd" swVersion="8.2102.0" x-pid="812" x-info="https://www.rsyslog.com"] rsyslogd was HUPed', [], null);
    checkSyslog('Mar  1 10:00:00 host CRON[900]: (root) CMD (run-parts /etc/cron.hourly)', [], null);
    checkSyslog('Mar  1 10:00:00 host systemd[1]: Started Daily apt upgrade and clean activities.', [], null);
  });
});

describe('classifyEvent: cef and leef', () => {
  it('CEF: name words, outcome, and act decisions', () => {
    check(cef('CEF:0|Acme|Portal|1.0|100|User login failed|5|suser=bob src=10.0.0.1 outcome=failure'), 'cef', ['authentication'], 'failure');
    check(cef('CEF:0|Acme|Portal|1.0|101|Authentication|3|cat=/Authentication/Verify outcome=/Success'), 'cef', ['authentication'], 'success');
    check(cef('CEF:0|Acme|Firewall|1.0|200|Traffic|3|act=blocked src=10.0.0.1 dst=10.0.0.2'), 'cef', ['authorization'], 'failure');
    check(cef('CEF:0|Acme|Firewall|1.0|201|Traffic|3|act=allowed src=10.0.0.1'), 'cef', ['authorization'], 'success');
    check(cef('CEF:0|Microsoft|Windows|10|1102|The audit log was cleared|8|suser=admin'), 'cef', ['logging-control'], null);
    check(cef('CEF:0|Acme|Portal|1.0|102|User account created|4|duser=carol'), 'cef', ['account-change'], null);
  });

  it('CEF: non-decisions and unrelated names are not categorised', () => {
    check(cef('CEF:0|Acme|AV|1.0|300|Malware detected|9|act=quarantined fname=x.exe'), 'cef', [], null);
    check(cef('CEF:0|Acme|Proxy|1.0|301|Web request|1|request=http://x/ requestMethod=GET'), 'cef', [], null);
  });

  it('LEEF: event id words, result, action decisions', () => {
    check(leef('LEEF:1.0|Acme|IdP|1.0|UserCreated|usrName=bob\tresult=success'), 'leef', ['account-change'], 'success');
    check(leef('LEEF:2.0|Acme|Gateway|1.0|RequestDenied|^|action=deny^src=10.0.0.1'), 'leef', ['authorization'], 'failure');
    check(leef('LEEF:1.0|Acme|App|1.0|Heartbeat|src=10.0.0.1'), 'leef', [], null);
  });
});

describe('classifyEvent: auditd', () => {
  it('logins and authentication', () => {
    checkAuditd(
      ["type=USER_LOGIN msg=audit(1700000000.100:10): pid=1 uid=0 auid=4294967295 ses=4294967295 msg='op=login acct=\"root\" exe=\"/usr/sbin/sshd\" hostname=? addr=10.0.0.9 terminal=sshd res=failed'"],
      ['authentication'],
      'failure',
    );
    checkAuditd(
      ["type=USER_AUTH msg=audit(1700000000.200:11): pid=2 uid=1000 auid=1000 ses=3 msg='op=PAM:authentication grantors=pam_unix acct=\"root\" exe=\"/usr/bin/sudo\" hostname=? addr=? terminal=/dev/pts/0 res=success'"],
      ['authentication', 'privilege-change'],
      'success',
    );
    checkAuditd(
      ["type=USER_ACCT msg=audit(1700000000.300:12): pid=2 uid=1000 auid=1000 ses=3 msg='op=PAM:accounting acct=\"bob\" exe=\"/usr/sbin/sshd\" hostname=? addr=? terminal=ssh res=failed'"],
      ['authorization'],
      'failure',
    );
  });

  it('sudo commands, account changes, group membership', () => {
    checkAuditd(
      ["type=USER_CMD msg=audit(1700000000.400:13): pid=3 uid=1000 auid=1000 ses=3 msg='cwd=\"/home/ann\" cmd=6C73 exe=\"/usr/bin/sudo\" terminal=pts/0 res=success'"],
      ['privilege-change'],
      'success',
    );
    checkAuditd(
      ["type=DEL_USER msg=audit(1700000000.500:14): pid=4 uid=0 auid=1000 ses=3 msg='op=delete-user id=1005 exe=\"/usr/sbin/userdel\" hostname=h addr=? terminal=pts/1 res=success'"],
      ['account-change'],
      'success',
    );
    checkAuditd(
      ["type=GRP_MGMT msg=audit(1700000000.600:15): pid=5 uid=0 auid=1000 ses=3 msg='op=add-user-to-group grp=\"wheel\" acct=\"ann\" exe=\"/usr/sbin/usermod\" hostname=h addr=? terminal=pts/1 res=success'"],
      ['account-change', 'privilege-change'],
      'success',
    );
  });

  it('audit daemon and audit rules are logging control', () => {
    checkAuditd(['type=DAEMON_START msg=audit(1700000000.700:16): op=start ver=3.0.7 format=enriched kernel=6.1.0 auid=4294967295 pid=600 uid=0 ses=4294967295 res=success'], ['logging-control'], 'success');
    checkAuditd(
      ['type=CONFIG_CHANGE msg=audit(1700000000.800:17): auid=1000 ses=3 op=remove_rule key="identity" list=4 res=1'],
      ['configuration-change', 'logging-control'],
      'success',
    );
    checkAuditd(
      ["type=SERVICE_STOP msg=audit(1700000000.900:18): pid=1 uid=0 auid=4294967295 ses=4294967295 msg='unit=auditd comm=\"systemd\" exe=\"/usr/lib/systemd/systemd\" hostname=? addr=? terminal=? res=success'"],
      ['logging-control'],
      'success',
    );
    checkAuditd(
      ["type=SERVICE_STOP msg=audit(1700000000.950:19): pid=1 uid=0 auid=4294967295 ses=4294967295 msg='unit=cron comm=\"systemd\" exe=\"/usr/lib/systemd/systemd\" hostname=? addr=? terminal=? res=success'"],
      [],
      'success',
    );
  });

  it('file system calls with PATH records are data access; execve is not', () => {
    checkAuditd(
      [
        'type=SYSCALL msg=audit(1700000001.000:20): arch=c000003e syscall=257 success=yes exit=3 a0=ffffff9c a1=7ffd a2=0 a3=0 items=1 ppid=1 pid=7 auid=1000 uid=1000 comm="cat" exe="/usr/bin/cat" key="shadow"',
        'type=PATH msg=audit(1700000001.000:20): item=0 name="/etc/shadow" inode=1 mode=0100640',
        'type=EOE msg=audit(1700000001.000:20): ',
      ],
      ['data-access'],
      'success',
    );
    checkAuditd(
      [
        'type=SYSCALL msg=audit(1700000001.100:21): arch=c000003e syscall=257 success=no exit=-13 items=1 pid=8 auid=1000 uid=1000 comm="cat" exe="/usr/bin/cat"',
        'type=PATH msg=audit(1700000001.100:21): item=0 name="/etc/shadow" inode=1',
        'type=EOE msg=audit(1700000001.100:21): ',
      ],
      ['data-access'],
      'failure',
    );
    checkAuditd(
      [
        'type=SYSCALL msg=audit(1700000001.200:22): arch=c000003e syscall=59 success=yes exit=0 items=2 pid=9 auid=1000 uid=1000 comm="ls" exe="/usr/bin/ls"',
        'type=EXECVE msg=audit(1700000001.200:22): argc=1 a0="ls"',
        'type=PATH msg=audit(1700000001.200:22): item=0 name="/usr/bin/ls" inode=2',
        'type=EOE msg=audit(1700000001.200:22): ',
      ],
      [],
      'success',
    );
  });

  it('sessions and credential disposal are not categorised', () => {
    checkAuditd(
      ["type=CRED_DISP msg=audit(1700000002.000:23): pid=10 uid=0 auid=1000 ses=3 msg='op=PAM:setcred acct=\"root\" exe=\"/usr/bin/sudo\" hostname=? addr=? terminal=/dev/pts/0 res=success'"],
      [],
      'success',
    );
    checkAuditd(
      ["type=USER_START msg=audit(1700000002.100:24): pid=11 uid=0 auid=1000 ses=3 msg='op=PAM:session_open acct=\"ann\" exe=\"/usr/sbin/sshd\" hostname=? addr=? terminal=ssh res=success'"],
      [],
      'success',
    );
  });
});

describe('classifyEvent: access-log', () => {
  function request(method: string | null, path: string | null, status: number): Record<string, unknown> {
    const record: Record<string, unknown> = { remoteAddr: '10.0.0.1', time: '01/Jan/2024:00:00:00 +0000', request: `${method ?? '-'} ${path ?? ''}`, status, bytes: 10 };
    if (method !== null) record['method'] = method;
    if (path !== null) record['path'] = path;
    return record;
  }

  it('sign-in form posts and OAuth token endpoints are authentication', () => {
    check(request('POST', '/wp-login.php', 302), 'access-log', ['authentication'], 'success');
    check(request('POST', '/users/sign_in?next=/', 200), 'access-log', ['authentication'], 'success');
    check(request('POST', '/login', 401), 'access-log', ['authentication', 'authorization'], 'failure');
    check(request('POST', '/realms/main/protocol/openid-connect/token', 400), 'access-log', ['authentication'], 'failure');
    check(request('POST', '/oauth2/v1/token', 200), 'access-log', ['authentication'], 'success');
  });

  it('401/403 are authorization failures; other statuses only give the outcome', () => {
    check(request('GET', '/admin', 403), 'access-log', ['authorization'], 'failure');
    check(request('GET', '/login', 200), 'access-log', [], 'success');
    check(request('POST', '/api/token', 200), 'access-log', [], 'success');
    check(request('GET', '/missing', 404), 'access-log', [], 'failure');
    check(request('GET', '/', 304), 'access-log', [], 'success');
    check(request(null, null, 408), 'access-log', [], 'failure');
    check(request('GET', '/', 503), 'access-log', [], 'failure');
  });
});

describe('classifyEvent: generic-json', () => {
  function generic(record: Record<string, unknown>): Record<string, unknown> {
    assert.equal(detectSchema(record), 'generic-json');
    return record;
  }

  it('OWASP Logging Vocabulary event names', () => {
    check(generic({ datetime: '2024-01-01T00:00:00+00:00', event: 'authn_login_fail:bob', level: 'WARN' }), 'generic-json', ['authentication'], 'failure');
    check(generic({ event: 'authn_login_success:bob' }), 'generic-json', ['authentication'], 'success');
    check(generic({ event: 'authz_fail:bob,/admin' }), 'generic-json', ['authorization'], 'failure');
    check(generic({ event: 'authz_change:bob,user,admin' }), 'generic-json', ['privilege-change'], null);
    check(generic({ event: 'privilege_permissions_changed:bob,report,read,write' }), 'generic-json', ['privilege-change'], null);
    check(generic({ event: 'user_created:admin,carol' }), 'generic-json', ['account-change'], null);
    check(generic({ event: 'authn_password_change:carol' }), 'generic-json', ['authentication', 'account-change'], null);
    check(generic({ event: 'sensitive_read:/data/customers' }), 'generic-json', ['data-access'], null);
    check(generic({ event: 'sys_monitor_disabled:admin,audit-agent' }), 'generic-json', ['logging-control'], null);
    check(generic({ event: 'authn_token_created:svc' }), 'generic-json', ['authentication'], null);
  });

  it('common field names and outcome spellings', () => {
    check(generic({ action: 'UserLoginFailed', userId: 'u1' }), 'generic-json', ['authentication'], 'failure');
    check(generic({ eventType: 'password_reset', result: 'ok' }), 'generic-json', ['account-change'], 'success');
    check(generic({ action: 'role.assigned', success: false }), 'generic-json', ['privilege-change'], 'failure');
    check(generic({ type: 'config_changed', outcome: 'Succeeded' }), 'generic-json', ['configuration-change'], 'success');
    check(generic({ action: 'audit logging stopped', status: 'error' }), 'generic-json', ['logging-control'], 'failure');
    check(generic({ ActionType: 'token_create', ActionResult: true }), 'generic-json', ['authentication'], 'success');
  });

  it('a bare-verb action takes its object from the object-type field', () => {
    check(generic({ action: 'suspend', object_type: 'user' }), 'generic-json', ['account-change'], null);
    check(generic({ action: 'grant', object_type: 'permission' }), 'generic-json', ['privilege-change'], null);
    check(generic({ action: 'reveal', object_type: 'item' }), 'generic-json', ['data-access'], null);
    // Only a bare verb is completed: a full action name keeps its own meaning.
    check(generic({ ActionType: 'token_create', ResourceType: 'account' }), 'generic-json', ['authentication'], null);
  });

  it('HTTP statuses: 401/403 are denials; others give the outcome', () => {
    check(generic({ path: '/admin', status: 403 }), 'generic-json', ['authorization'], 'failure');
    check(generic({ path: '/x', status_code: '201' }), 'generic-json', [], 'success');
    check(generic({ path: '/x', statusCode: 500 }), 'generic-json', [], 'failure');
  });

  it('nothing is guessed from messages, unrelated names or unclear statuses', () => {
    check(generic({ msg: 'user logged in', level: 'info' }), 'generic-json', [], null);
    check(generic({ message: 'Failed password for root' }), 'generic-json', [], null);
    check(generic({ action: 'page_view', status: 'active' }), 'generic-json', [], null);
    check(generic({ event: 'user session created' }), 'generic-json', [], null);
    check(generic({ event: 'view change log' }), 'generic-json', [], null);
    check(generic({ event: 'changelog_viewed' }), 'generic-json', [], null);
    check(generic({ method: 'DELETE', url: '/items/1' }), 'generic-json', [], null);
    check(generic({ status: 0 }), 'generic-json', [], null);
  });
});
