/** The GCP extractor on resources built by hand: facts, defaults, unknowns, stores and streams. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Unresolved } from '../../../src/model/cloud.js';
import type { CloudResource } from '../../../src/model/cloud.js';
import type { Subject } from '../../../src/model/subject.js';
import { GCP } from '../../../src/iac/gcp/extract.js';
import { auditLogsOfFilter, readSinkFilter } from '../../../src/iac/gcp/audit-filter.js';
import type { FilterScope } from '../../../src/iac/gcp/audit-filter.js';
import { resource } from '../support.js';

const at = (line: number) => ({ path: 'main.tf', line, column: 3 });

function subjectOf(subjects: Subject[], id: string): Subject {
  const found = subjects.find((s) => s.id === id);
  assert.ok(found, `subject ${id} among ${subjects.map((s) => s.id).join(', ')}`);
  return found;
}

describe('audit log filters', () => {
  const ALL = ['activity', 'data_access', 'policy', 'system_event'];
  const project: FilterScope = { name: 'projects/p', children: false };
  const coverage = (filter: string, exclusions: string[] = [], scope = project) => readSinkFilter(filter, exclusions, scope).coverage;
  test('an empty filter exports every audit log', () => {
    assert.deepEqual(auditLogsOfFilter(''), ALL);
    assert.equal(coverage('').other, 'all');
  });
  test('a filter naming cloudaudit exports those logs, and only audit logs', () => {
    assert.deepEqual(auditLogsOfFilter('logName:"cloudaudit.googleapis.com"'), ALL);
    assert.equal(coverage('logName:"cloudaudit.googleapis.com"').other, 'none');
    assert.deepEqual(auditLogsOfFilter('logName="projects/p/logs/cloudaudit.googleapis.com%2Factivity" OR logName="projects/p/logs/cloudaudit.googleapis.com%2Fdata_access"', project), ['activity', 'data_access']);
    assert.deepEqual(auditLogsOfFilter('logName:("cloudaudit.googleapis.com%2Factivity" OR "cloudaudit.googleapis.com/policy")'), ['activity', 'policy']);
    assert.deepEqual(auditLogsOfFilter('log_id("cloudaudit.googleapis.com/system_event")'), ['system_event']);
    assert.deepEqual(auditLogsOfFilter('protoPayload.@type="type.googleapis.com/google.cloud.audit.AuditLog"'), ALL);
  });
  test('a logName of another scope is a partial export; of an unknown scope, unknown', () => {
    assert.equal(coverage('logName="projects/other/logs/cloudaudit.googleapis.com%2Factivity"').activity, 'some');
    assert.equal(coverage('logName="projects/p/logs/cloudaudit.googleapis.com%2Factivity"', [], { name: null, children: false }).activity, 'unknown');
    assert.equal(coverage('logName="organizations/1/logs/cloudaudit.googleapis.com%2Factivity"', [], { name: 'organizations/1', children: true }).activity, 'some');
  });
  test('a filter narrowed by another positive term is a partial export, not a full one', () => {
    const narrowed = coverage('logName:"cloudaudit.googleapis.com" AND resource.type="gcs_bucket"');
    assert.deepEqual(ALL.map((k) => narrowed[k as 'activity']), ['some', 'some', 'some', 'some']);
    assert.equal(narrowed.other, 'none');
    assert.deepEqual(auditLogsOfFilter('logName:"cloudaudit.googleapis.com" AND resource.type="gcs_bucket"'), []);
    // Juxtaposition is AND too.
    assert.deepEqual(auditLogsOfFilter('logName:"cloudaudit.googleapis.com" severity>=WARNING'), []);
    assert.equal(coverage('logName:"cloudaudit.googleapis.com" sample(insertId, 0.1)').activity, 'some');
  });
  test('OR is a union', () => {
    assert.deepEqual(auditLogsOfFilter('resource.type="gcs_bucket" OR logName:"cloudaudit.googleapis.com"'), ALL);
    assert.deepEqual(auditLogsOfFilter('(logName:"cloudaudit.googleapis.com%2Factivity" AND severity>=ERROR) OR logName:"cloudaudit.googleapis.com%2Fpolicy"'), ['policy']);
    assert.equal(coverage('(logName:"cloudaudit.googleapis.com%2Factivity" AND severity>=ERROR) OR logName:"cloudaudit.googleapis.com%2Fpolicy"').activity, 'some');
  });
  test('negated audit terms and unrelated filters export none, or only some', () => {
    assert.deepEqual(auditLogsOfFilter('NOT logName:"cloudaudit.googleapis.com"'), []);
    assert.equal(coverage('NOT logName:"cloudaudit.googleapis.com"').activity, 'none');
    assert.equal(coverage('-logName:cloudaudit').data_access, 'none');
    assert.equal(coverage('NOT (resource.type="gce_instance" OR logName:"cloudaudit")').policy, 'none');
    assert.equal(coverage('resource.type = "gce_instance"').activity, 'some');
    assert.equal(coverage('severity >= ERROR').activity, 'some');
  });
  test('negated other logs keep every audit log; a negated other field narrows them', () => {
    assert.deepEqual(auditLogsOfFilter('NOT logName:"stdout" AND -logName:"syslog"'), ALL);
    assert.equal(coverage('NOT resource.type = "k8s_container"').activity, 'some');
  });
  test('exclusions remove what they name', () => {
    const c = coverage('', ['logName:"cloudaudit.googleapis.com%2Fdata_access"']);
    assert.equal(c.data_access, 'none');
    assert.equal(c.activity, 'all');
    assert.equal(coverage('', ['resource.type="gce_instance"']).activity, 'some');
  });
  test('what is not understood is unknown, never a pass', () => {
    const regex = readSinkFilter('logName=~"cloudaudit.*"', [], project);
    assert.equal(regex.coverage.activity, 'unknown');
    assert.match(regex.why ?? '', /logName=~"cloudaudit\.\*" is not understood/);
    assert.equal(coverage('logName:"cloudaudit.googleapis.com" AND mystery_fn(x)').activity, 'unknown');
    assert.equal(coverage('logName:"cloudaudit.googleapis.com" AND (').activity, 'unknown');
    // Unknown AND none is still none.
    assert.equal(coverage('NOT logName:"cloudaudit.googleapis.com" AND logName=~"x"').activity, 'none');
  });
  test('hostile filters do not hang or throw', () => {
    assert.equal(coverage('('.repeat(5000) + 'cloudaudit').activity, 'unknown');
    assert.equal(coverage('"unterminated NOT').activity, 'unknown');
    assert.equal(coverage('NOT '.repeat(10_000) + 'x').activity, 'unknown');
    assert.equal(coverage('a'.repeat(30_000)).activity, 'unknown');
  });
});

describe('IAM audit configs and the project summary', () => {
  const complete = resource(
    'google_project_iam_audit_config',
    'all',
    {
      project: 'prod-1',
      service: 'allServices',
      audit_log_config: [{ log_type: 'ADMIN_READ' }, { log_type: 'DATA_READ', exempted_members: ['user:ops@example.com'] }, { log_type: 'DATA_WRITE' }],
    },
    { line: 1, locations: { service: at(3), audit_log_config: at(4), 'audit_log_config.log_type': at(5), 'audit_log_config.exempted_members': at(9) } },
  );
  const partial = resource(
    'google_folder_iam_audit_config',
    'f',
    { folder: 'folders/123', service: 'allServices', audit_log_config: [{ log_type: 'ADMIN_READ' }] },
    { line: 20, locations: { audit_log_config: at(23) } },
  );

  test('audit config facts', () => {
    const { subjects } = GCP.extract([complete, partial]);
    const all = subjectOf(subjects, 'google_project_iam_audit_config.all');
    assert.equal(all.kind, 'gcp-audit-config');
    assert.deepEqual(all.facts['logTypes'], ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE']);
    assert.deepEqual(all.facts['missingLogTypes'], []);
    assert.equal(all.facts['allServices'], true);
    assert.equal(all.facts['exemptedMemberCount'], 1);
    assert.deepEqual(all.facts['exemptedMembers'], ['user:ops@example.com']);
    assert.equal(all.facts['scopeName'], 'projects/prod-1');
    assert.equal(all.locations['exemptedMemberCount']?.line, 9);
    const folder = subjectOf(subjects, 'google_folder_iam_audit_config.f');
    assert.deepEqual(folder.facts['missingLogTypes'], ['DATA_READ', 'DATA_WRITE']);
    assert.equal(folder.facts['scopeName'], 'folders/123');
    assert.equal(folder.locations['missingLogTypes']?.line, 23);
  });

  test('one project subject per scope, summarising allServices', () => {
    const { subjects } = GCP.extract([complete, partial]);
    const project = subjectOf(subjects, 'projects/prod-1');
    assert.equal(project.kind, 'gcp-project');
    assert.equal(project.facts['allServicesComplete'], true);
    assert.equal(project.facts['exemptedMemberCount'], 1);
    assert.equal(project.facts['auditExported'], false);
    const folder = subjectOf(subjects, 'folders/123');
    assert.equal(folder.facts['allServicesComplete'], false);
    assert.deepEqual(folder.facts['missingLogTypes'], ['DATA_READ', 'DATA_WRITE']);
    assert.equal(folder.locations['missingLogTypes']?.line, 23);
  });

  test('a scope with only a per-service config misses allServices (Data Access is off by default)', () => {
    const one = resource('google_project_iam_audit_config', 'gcs', { project: 'p', service: 'storage.googleapis.com', audit_log_config: [{ log_type: 'DATA_READ' }] });
    const project = subjectOf(GCP.extract([one]).subjects, 'projects/p');
    assert.equal(project.facts['allServicesConfigured'], false);
    assert.deepEqual(project.facts['missingLogTypes'], ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE']);
  });

  test('unknown log types or existence make the summary unknown, with the reason', () => {
    const maybe = resource(
      'google_project_iam_audit_config',
      'maybe',
      { project: 'p', service: 'allServices', audit_log_config: new Unresolved('var.audit_types has no value') },
    );
    const gated = resource('google_project_iam_audit_config', 'gated', { project: 'q', service: 'allServices', audit_log_config: [{ log_type: 'DATA_READ' }] }, { exists: new Unresolved('var.enabled has no value') });
    const { subjects } = GCP.extract([maybe, gated]);
    const config = subjectOf(subjects, 'google_project_iam_audit_config.maybe');
    assert.equal(config.facts['logTypes'], null);
    assert.equal(config.unknown?.['logTypes'], 'var.audit_types has no value');
    const p = subjectOf(subjects, 'projects/p');
    assert.equal(p.facts['allServicesComplete'], null);
    assert.equal(p.unknown?.['allServicesComplete'], 'var.audit_types has no value');
    const q = subjectOf(subjects, 'projects/q');
    assert.equal(q.facts['allServicesComplete'], null);
    assert.equal(q.unknown?.['allServicesComplete'], 'var.enabled has no value');
    assert.equal(subjectOf(subjects, 'google_project_iam_audit_config.gated').facts['exists'], null);
  });

  test('an omitted project is the provider default project of the stack; a google_project reference is followed', () => {
    const proj = resource('google_project', 'main', { project_id: 'acme-prod', name: 'acme' });
    const config = resource('google_project_iam_audit_config', 'c', { project: new Unresolved('computed', ['google_project.main']), service: 'allServices', audit_log_config: [] });
    const bare = resource('google_project_iam_audit_config', 'd', { service: 'allServices', audit_log_config: [] });
    const ids = GCP.extract([proj, config, bare]).subjects.filter((s) => s.kind === 'gcp-project').map((s) => s.id);
    assert.deepEqual(ids, ['projects/(default project of .)', 'projects/acme-prod']);
  });
});

describe('log sinks', () => {
  const bucket = resource('google_storage_bucket', 'audit', {
    name: 'acme-audit-logs',
    retention_policy: [{ retention_period: 34_560_000, is_locked: true }],
    lifecycle_rule: [{ action: [{ type: 'Delete' }], condition: [{ age: 400 }] }],
  }, { line: 30, locations: { 'retention_policy.is_locked': at(33), 'lifecycle_rule.condition.age': at(37) } });

  test('an org sink to a bucket by literal destination: facts, stream, store and link', () => {
    const sink = resource(
      'google_logging_organization_sink',
      'audit',
      { org_id: '4567', destination: 'storage.googleapis.com/acme-audit-logs', filter: 'logName:"cloudaudit.googleapis.com"' },
      { line: 1, locations: { destination: at(4), filter: at(5) } },
    );
    const out = GCP.extract([sink, bucket]);
    const s = subjectOf(out.subjects, 'google_logging_organization_sink.audit');
    assert.equal(s.facts['destinationKind'], 'cloud-storage');
    assert.equal(s.facts['filterCoversAudit'], true);
    assert.equal(s.facts['carriesAudit'], true);
    assert.equal(s.facts['includeChildren'], false, 'Google provider default');
    assert.equal(s.facts['enabled'], true);
    assert.equal(s.facts['exportsAllLogs'], false);
    assert.equal(s.locations['filterCoversAudit']?.line, 5);
    assert.equal(s.locations['includeChildren']?.line, 1);
    const stream = out.streams.find((x) => x.address === 'google_logging_organization_sink.audit');
    assert.equal(stream?.system, 'gcp-audit-logs');
    assert.deepEqual(stream?.destinations, ['storage.googleapis.com/acme-audit-logs']);
    assert.equal(stream?.destinationLocations[0]?.line, 4);
    const store = out.stores.find((x) => x.address === 'google_storage_bucket.audit');
    assert.ok(store);
    assert.equal(store.kind, 'object-store');
    assert.deepEqual(store.keys, ['storage.googleapis.com/acme-audit-logs', 'acme-audit-logs', 'gs://acme-audit-logs']);
    assert.equal(store.retentionDays, 400);
    assert.equal(store.immutable, true);
    assert.equal(store.encrypted, false);
    assert.equal(store.locations['immutable']?.line, 33);
    const b = subjectOf(out.subjects, 'google_storage_bucket.audit');
    assert.equal(b.facts['logDestination'], true);
    assert.equal(b.facts['retentionPolicyDays'], 400);
    assert.equal(b.facts['retentionPolicyLocked'], true);
    assert.equal(subjectOf(out.subjects, 'organizations/4567').facts['auditExported'], true);
  });

  test('a disabled sink, an audit exclusion and a referenced destination', () => {
    const disabled = resource('google_logging_project_sink', 'off', { project: 'p', destination: 'pubsub.googleapis.com/projects/p/topics/t', disabled: true });
    const excluded = resource('google_logging_project_sink', 'excl', {
      project: 'p',
      destination: new Unresolved('computed', ['google_bigquery_dataset.logs']),
      exclusions: [{ name: 'no-audit', filter: 'logName:"cloudaudit.googleapis.com"' }],
    });
    const out = GCP.extract([disabled, excluded]);
    const off = subjectOf(out.subjects, 'google_logging_project_sink.off');
    assert.equal(off.facts['enabled'], false);
    assert.equal(off.facts['carriesAudit'], false);
    assert.equal(off.facts['destinationKind'], 'pubsub');
    assert.equal(out.streams.some((x) => x.address === 'google_logging_project_sink.off'), false);
    const ex = subjectOf(out.subjects, 'google_logging_project_sink.excl');
    assert.equal(ex.facts['destinationKind'], 'bigquery');
    assert.equal(ex.facts['filterCoversAudit'], false);
    assert.deepEqual(ex.facts['auditLogs'], []);
    assert.equal(out.streams.find((x) => x.address === 'google_logging_project_sink.excl')?.system, 'gcp-log-sink');
    const project = subjectOf(out.subjects, 'projects/p');
    assert.equal(project.facts['auditSinkCount'], 0);
    assert.equal(project.facts['auditExported'], false);
    assert.equal(project.facts['realtimeExport'], false);
  });

  test('an organization sink including children covers the projects scanned with it; a Pub/Sub one is real time', () => {
    const org = resource('google_logging_organization_sink', 'siem', { org_id: '1', destination: 'pubsub.googleapis.com/projects/sec/topics/siem', include_children: true }, { locations: { destination: at(9) } });
    const config = resource('google_project_iam_audit_config', 'c', { project: 'app', service: 'allServices', audit_log_config: [{ log_type: 'DATA_READ' }] });
    const topic = resource('google_pubsub_topic', 'siem', { project: 'sec', name: 'siem' });
    const out = GCP.extract([org, config, topic]);
    const app = subjectOf(out.subjects, 'projects/app');
    assert.equal(app.facts['auditSinkCount'], 0);
    assert.equal(app.facts['inheritedAuditSinkCount'], 1);
    assert.equal(app.facts['auditExported'], true);
    assert.equal(app.facts['realtimeExport'], true);
    assert.equal(app.locations['realtimeExport']?.line, 9);
    const store = out.stores.find((s) => s.address === 'google_pubsub_topic.siem');
    assert.equal(store?.kind, 'event-stream');
    assert.deepEqual(store?.keys, ['pubsub.googleapis.com/projects/sec/topics/siem', 'projects/sec/topics/siem']);
  });

  test('a destination from a variable without a value is unknown, with the reason', () => {
    const sink = resource('google_logging_project_sink', 'sink', { project: 'p', destination: new Unresolved('var.destination_uri has no value'), filter: '' });
    const s = subjectOf(GCP.extract([sink]).subjects, 'google_logging_project_sink.sink');
    assert.equal(s.facts['destinationKind'], null);
    assert.equal(s.unknown?.['destinationKind'], 'var.destination_uri has no value');
    assert.equal(s.facts['exportsAllLogs'], true);
    assert.equal(s.facts['carriesAudit'], true);
  });
});

describe('narrowed sinks and lifecycle rules limited to some objects (review g1)', () => {
  const sink = (filter: string, extra: Record<string, unknown> = {}) =>
    resource('google_logging_project_sink', 'audit', { project: 'my-proj', destination: new Unresolved('computed', ['google_storage_bucket.audit']), filter, ...extra } as never, { line: 1, locations: { filter: at(5) } });
  const bucket = (rules: unknown[], extra: Record<string, unknown> = {}) =>
    resource('google_storage_bucket', 'audit', { name: 'my-audit-logs-bucket', lifecycle_rule: rules, ...extra } as never, { line: 8, locations: { 'lifecycle_rule.condition.age': at(13) } });
  const del = (condition: Record<string, unknown>) => ({ action: [{ type: 'Delete' }], condition: [condition] });
  const storeOf = (out: ReturnType<typeof GCP.extract>) => out.stores.find((x) => x.address === 'google_storage_bucket.audit');

  test('logName AND resource.type is a partial export: the project does not export its audit logs', () => {
    const out = GCP.extract([sink('logName:"cloudaudit.googleapis.com" AND resource.type="gcs_bucket"'), bucket([])]);
    const s = subjectOf(out.subjects, 'google_logging_project_sink.audit');
    assert.deepEqual(s.facts['auditLogs'], []);
    assert.deepEqual(s.facts['partialAuditLogs'], ['activity', 'data_access', 'policy', 'system_event']);
    assert.equal(s.facts['filterCoversAudit'], false);
    assert.equal(s.facts['carriesAudit'], true, 'it still carries some audit entries');
    const p = subjectOf(out.subjects, 'projects/my-proj');
    assert.equal(p.facts['auditSinkCount'], 0);
    assert.deepEqual(p.facts['exportedAuditLogs'], []);
    assert.equal(p.facts['auditExported'], false);
  });

  test('a filter not understood makes the export unknown (no-evidence), not a pass', () => {
    const out = GCP.extract([sink('logName=~"cloudaudit"')]);
    const s = subjectOf(out.subjects, 'google_logging_project_sink.audit');
    assert.equal(s.facts['auditLogs'], null);
    assert.match(s.unknown?.['auditLogs'] ?? '', /not understood/);
    const p = subjectOf(out.subjects, 'projects/my-proj');
    assert.equal(p.facts['auditExported'], null);
    assert.match(p.unknown?.['auditExported'] ?? '', /logName=~"cloudaudit" is not understood/);
  });

  test('only part of the audit logs exported in full: not every audit log is exported', () => {
    const out = GCP.extract([sink('logName:"cloudaudit.googleapis.com%2Factivity"')]);
    const p = subjectOf(out.subjects, 'projects/my-proj');
    assert.equal(p.facts['auditSinkCount'], 1);
    assert.deepEqual(p.facts['exportedAuditLogs'], ['activity']);
    assert.equal(p.facts['auditExported'], false);
  });

  test('a Delete rule on tmp/ cannot touch the objects of an audit-only sink: kept until deleted', () => {
    const out = GCP.extract([sink('logName:"cloudaudit.googleapis.com" AND resource.type="gcs_bucket"'), bucket([del({ age: 3, matches_prefix: ['tmp/'] })])]);
    const store = storeOf(out);
    assert.equal(store?.retentionDays, null);
    assert.equal(store?.unbounded, true);
    const b = subjectOf(out.subjects, 'google_storage_bucket.audit');
    assert.deepEqual(b.facts['objectPrefixes'], ['cloudaudit.googleapis.com/']);
    assert.equal(b.facts['unbounded'], true);
  });

  test('the same rule with a sink that may write any log name makes the retention unknown, naming the rule', () => {
    const out = GCP.extract([sink(''), bucket([del({ age: 3, matches_prefix: ['tmp/'] })])]);
    const store = storeOf(out);
    assert.equal(store?.retentionDays, null);
    assert.equal(store?.unbounded, null);
    assert.match(store?.unknown['retentionDays'] ?? '', /lifecycle_rule 1 \(Delete at age 3, limited by matches_prefix \["tmp\/"\]\) deletes some of the objects of the bucket/);
    const b = subjectOf(out.subjects, 'google_storage_bucket.audit');
    assert.equal(b.facts['retentionDays'], null);
    assert.match(b.unknown?.['retentionDays'] ?? '', /lifecycle_rule 1/);
  });

  test('a bucket no sink writes to: a narrowed rule alone is unknown', () => {
    const out = GCP.extract([bucket([del({ age: 3, matches_prefix: ['tmp/'] })])]);
    assert.match(storeOf(out)?.unknown['retentionDays'] ?? '', /lifecycle_rule 1/);
  });

  test('whole-bucket rules decide: the earliest; a narrowed rule deleting later does not matter', () => {
    const out = GCP.extract([sink(''), bucket([del({ age: 400 }), del({ age: 800 }), del({ age: 500, matches_prefix: ['tmp/'] })])]);
    assert.equal(storeOf(out)?.retentionDays, 400);
    const sooner = GCP.extract([sink(''), bucket([del({ age: 400 }), del({ age: 30, matches_suffix: ['.tmp'] })])]);
    assert.equal(storeOf(sooner)?.retentionDays, null);
    assert.match(storeOf(sooner)?.unknown['retentionDays'] ?? '', /matches_suffix \["\.tmp"\]/);
  });

  test('a prefix rule over the audit objects applies to them all; a narrower one makes it unknown', () => {
    const all = GCP.extract([sink('logName:"cloudaudit.googleapis.com"'), bucket([del({ age: 30, matches_prefix: ['cloudaudit.googleapis.com/'] })])]);
    assert.equal(storeOf(all)?.retentionDays, 30);
    const some = GCP.extract([sink('logName:"cloudaudit.googleapis.com"'), bucket([del({ age: 30, matches_prefix: ['cloudaudit.googleapis.com/data_access/'] })])]);
    assert.equal(storeOf(some)?.retentionDays, null);
    assert.match(storeOf(some)?.unknown['retentionDays'] ?? '', /the objects under cloudaudit\.googleapis\.com\//);
  });

  test('a retention policy keeps objects at least its period, so a sooner narrowed rule cannot delete earlier', () => {
    const out = GCP.extract([sink(''), bucket([del({ age: 400 }), del({ age: 3, matches_prefix: ['tmp/'] })], { retention_policy: [{ retention_period: 34_560_000 }] })]);
    assert.equal(storeOf(out)?.retentionDays, 400);
  });
});

describe('stores', () => {
  test('a log bucket: retention default 30, locked default false, CMEK, keys as sinks name them', () => {
    const bucket = resource(
      'google_logging_project_bucket_config',
      'b',
      { project: 'p', location: 'global', bucket_id: 'audit', cmek_settings: [{ kms_key_name: new Unresolved('computed', ['google_kms_crypto_key.k']) }] },
      { line: 2, locations: { cmek_settings: at(6), 'cmek_settings.kms_key_name': at(7) } },
    );
    const out = GCP.extract([bucket]);
    const s = subjectOf(out.subjects, 'google_logging_project_bucket_config.b');
    assert.equal(s.kind, 'gcp-log-bucket');
    assert.equal(s.facts['retentionDays'], 30);
    assert.equal(s.facts['locked'], false);
    assert.equal(s.facts['cmek'], true);
    assert.equal(s.locations['cmek']?.line, 7);
    assert.equal(s.locations['retentionDays']?.line, 2);
    const store = out.stores[0];
    assert.equal(store?.kind, 'cloud-logging');
    assert.deepEqual(store?.keys, ['logging.googleapis.com/projects/p/locations/global/buckets/audit', 'projects/p/locations/global/buckets/audit']);
    assert.equal(store?.retentionDays, 30);
    assert.equal(store?.unbounded, false);
  });

  test('a sink linked by reference to a log bucket marks it as a log destination', () => {
    const bucket = resource('google_logging_project_bucket_config', 'b', { project: 'p', location: 'global', bucket_id: 'audit', retention_days: 400, locked: true });
    const sink = resource('google_logging_project_sink', 's', { project: 'p', destination: new Unresolved('computed', ['google_logging_project_bucket_config.b']) });
    const out = GCP.extract([bucket, sink]);
    assert.equal(subjectOf(out.subjects, 'google_logging_project_bucket_config.b').facts['logDestination'], true);
    assert.equal(subjectOf(out.subjects, 'google_logging_project_sink.s').facts['destinationKind'], 'logging-bucket');
    assert.equal(out.stores[0]?.immutable, true);
  });

  test('a storage bucket without lifecycle keeps objects until deleted; noncurrent-only rules do not count', () => {
    const bucket = resource('google_storage_bucket', 'b', {
      name: 'x',
      lifecycle_rule: [{ action: [{ type: 'Delete' }], condition: [{ age: 30, with_state: 'ARCHIVED' }] }],
      versioning: [{ enabled: true }],
      logging: [{ log_bucket: 'access-logs' }],
      encryption: [{ default_kms_key_name: 'projects/p/locations/l/keyRings/r/cryptoKeys/k' }],
    });
    const target = resource('google_storage_bucket', 'access', { name: 'access-logs' });
    const out = GCP.extract([bucket, target]);
    const store = out.stores.find((s) => s.address === 'google_storage_bucket.b');
    assert.equal(store?.unbounded, true);
    assert.equal(store?.retentionDays, null);
    assert.equal(store?.encrypted, true);
    const s = subjectOf(out.subjects, 'google_storage_bucket.b');
    assert.equal(s.facts['versioning'], true);
    assert.equal(s.facts['accessLogging'], true);
    assert.equal(s.facts['retentionPolicyLocked'], false);
    assert.equal(subjectOf(out.subjects, 'google_storage_bucket.access').facts['logDestination'], true, 'receives access logs');
  });

  test('a BigQuery dataset expires tables after default_table_expiration_ms', () => {
    const ds = resource('google_bigquery_dataset', 'd', { project: 'p', dataset_id: 'audit', default_table_expiration_ms: 31_536_000_000 });
    const store = GCP.extract([ds]).stores[0];
    assert.equal(store?.kind, 'warehouse');
    assert.deepEqual(store?.keys, ['bigquery.googleapis.com/projects/p/datasets/audit', 'projects/p/datasets/audit']);
    assert.equal(store?.retentionDays, 365);
    assert.equal(store?.unbounded, false);
  });
});

describe('subnets, GKE and Cloud SQL', () => {
  test('subnet flow logs: absent block is off, defaults inside the block', () => {
    const off = resource('google_compute_subnetwork', 'off', { name: 'off', log_config: [] });
    const on = resource('google_compute_subnetwork', 'on', { name: 'on', log_config: [{ flow_sampling: 1 }] }, { locations: { log_config: at(5), 'log_config.flow_sampling': at(6) } });
    const proxy = resource('google_compute_subnetwork', 'proxy', { name: 'proxy', purpose: 'REGIONAL_MANAGED_PROXY' });
    const out = GCP.extract([off, on, proxy]);
    const a = subjectOf(out.subjects, 'google_compute_subnetwork.off');
    assert.equal(a.facts['flowLogs'], false);
    assert.equal(a.facts['flowLogsApplicable'], true);
    const b = subjectOf(out.subjects, 'google_compute_subnetwork.on');
    assert.equal(b.facts['flowLogs'], true);
    assert.equal(b.facts['aggregationInterval'], 'INTERVAL_5_SEC');
    assert.equal(b.facts['aggregationSeconds'], 5);
    assert.equal(b.facts['flowSampling'], 1);
    assert.equal(b.facts['metadata'], 'INCLUDE_ALL_METADATA');
    assert.equal(b.facts['allFlows'], true);
    assert.equal(b.locations['flowSampling']?.line, 6);
    assert.equal(b.locations['metadata']?.line, 5);
    assert.equal(subjectOf(out.subjects, 'google_compute_subnetwork.proxy').facts['flowLogsApplicable'], false);
    assert.deepEqual(out.streams.map((s) => [s.address, s.system]), [['google_compute_subnetwork.on', 'gcp-vpc-flow-logs']]);
  });

  test('GKE: defaults, logging_service none, explicit components', () => {
    const plain = resource('google_container_cluster', 'plain', { name: 'a' });
    const none = resource('google_container_cluster', 'none', { name: 'b', logging_service: 'none' });
    const cp = resource('google_container_cluster', 'cp', { name: 'c', logging_config: [{ enable_components: ['SYSTEM_COMPONENTS', 'APISERVER', 'WORKLOADS'] }] });
    const out = GCP.extract([plain, none, cp]);
    const p = subjectOf(out.subjects, 'google_container_cluster.plain');
    assert.equal(p.facts['loggingEnabled'], true);
    assert.deepEqual(p.facts['components'], ['SYSTEM_COMPONENTS', 'WORKLOADS']);
    assert.equal(p.facts['apiServer'], false);
    const n = subjectOf(out.subjects, 'google_container_cluster.none');
    assert.equal(n.facts['loggingEnabled'], false);
    assert.equal(n.facts['systemComponents'], false);
    const c = subjectOf(out.subjects, 'google_container_cluster.cp');
    assert.equal(c.facts['apiServer'], true);
    assert.deepEqual(out.streams.map((s) => s.address), ['google_container_cluster.cp', 'google_container_cluster.plain']);
  });

  test('Cloud SQL PostgreSQL flags with Cloud SQL defaults', () => {
    const pg = resource('google_sql_database_instance', 'pg', {
      database_version: 'POSTGRES_15',
      settings: [{ tier: 'db-f1-micro', database_flags: [{ name: 'log_connections', value: 'on' }, { name: 'cloudsql.enable_pgaudit', value: 'on' }, { name: 'pgaudit.log', value: 'all' }, { name: '__proto__', value: 'x' }] }],
    });
    const my = resource('google_sql_database_instance', 'my', { database_version: 'MYSQL_8_0', settings: [{ tier: 'db-f1-micro' }] });
    const out = GCP.extract([pg, my]);
    const p = subjectOf(out.subjects, 'google_sql_database_instance.pg');
    assert.equal(p.facts['engine'], 'postgres');
    assert.equal(p.facts['logConnections'], true);
    assert.equal(p.facts['logDisconnections'], false);
    assert.equal(p.facts['pgaudit'], true);
    assert.equal(p.facts['pgauditLogging'], true);
    assert.equal(p.facts['logMinErrorStatement'], 'error');
    const m = subjectOf(out.subjects, 'google_sql_database_instance.my');
    assert.equal(m.facts['mysqlAudit'], false);
    assert.equal(m.facts['logConnections'], undefined);
    assert.deepEqual(out.streams.map((s) => s.system), ['gcp-cloudsql-audit']);
  });
});

describe('robustness', () => {
  test('hostile values never throw and unknown types are ignored', () => {
    const weird: CloudResource[] = [
      resource('google_logging_project_sink', 'x', { destination: 42, filter: ['a'], exclusions: 'nope' }),
      resource('google_storage_bucket', 'y', { name: { __proto__: 'z' } as never, lifecycle_rule: [{ action: 'Delete' }] }),
      resource('google_compute_subnetwork', 'z', { log_config: [{ aggregation_interval: 'INTERVAL_42_SEC', flow_sampling: 'lots' }] }),
      resource('aws_s3_bucket', 'a', {}),
    ];
    const out = GCP.extract(weird);
    assert.equal(out.subjects.some((s) => s.id === 'aws_s3_bucket.a'), false);
    const z = subjectOf(out.subjects, 'google_compute_subnetwork.z');
    assert.equal(z.facts['aggregationSeconds'], null);
    assert.equal(z.facts['flowSampling'], null);
  });
});
