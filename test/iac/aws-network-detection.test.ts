import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Unresolved } from '../../src/model/cloud.js';
import { concernsOf } from '../../src/iac/aws/cis-concerns.js';
import { extractAwsCore } from '../../src/iac/aws/core.js';
import { resource } from './support.js';

const at = (line: number) => ({ path: 'main.tf', line, column: 3 });
const ref = (address: string) => new Unresolved(`${address} is known after apply`, [address]);
const subject = (out: ReturnType<typeof extractAwsCore>, id: string) => {
  const found = out.subjects.find((s) => s.id === id);
  assert.ok(found, `no subject ${id}`);
  return found;
};

describe('aws-core: VPC flow logs', () => {
  it('covers a VPC with a flow log of ALL traffic and reads the flow log facts', () => {
    const out = extractAwsCore([
      resource('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' }, { line: 1 }),
      resource('aws_default_vpc', 'default', {}, { line: 5 }),
      resource('aws_cloudwatch_log_group', 'flow', { name: 'vpc-flow', retention_in_days: 90 }),
      resource('aws_flow_log', 'main', { vpc_id: ref('aws_vpc.main'), traffic_type: 'ALL', log_destination: ref('aws_cloudwatch_log_group.flow') }, { line: 10, locations: { vpc_id: at(12) } }),
      resource('aws_flow_log', 'default', { vpc_id: ref('aws_default_vpc.default'), traffic_type: 'ACCEPT', max_aggregation_interval: 60, log_destination_type: 's3', log_destination: 'arn:aws:s3:::flow', log_format: '${srcaddr} ${dstaddr} ${action}' }),
    ]);
    assert.equal(subject(out, 'aws_vpc.main').facts.flowLogs, true);
    assert.equal(subject(out, 'aws_vpc.main').locations.flowLogs?.line, 12);
    assert.deepEqual(subject(out, 'aws_vpc.main').facts.flowLogsBy, ['aws_flow_log.main']);
    assert.equal(subject(out, 'aws_default_vpc.default').facts.flowLogs, false, 'ACCEPT only does not count');
    const main = subject(out, 'aws_flow_log.main');
    assert.deepEqual(
      [main.facts.trafficType, main.facts.destinationType, main.facts.maxAggregationInterval, main.facts.customFormat, main.facts.missingCoreFieldCount],
      ['ALL', 'cloud-watch-logs', 600, false, 0],
    );
    const other = subject(out, 'aws_flow_log.default');
    assert.deepEqual(other.facts.missingCoreFields, ['srcport', 'dstport', 'protocol', 'start', 'end']);
    assert.equal(other.facts.maxAggregationInterval, 60);
    const stream = out.streams.find((s) => s.address === 'aws_flow_log.main');
    assert.equal(stream?.system, 'aws-vpc-flow-logs');
    assert.deepEqual(stream?.pillars, ['networks']);
    const group = subject(out, 'aws_cloudwatch_log_group.flow');
    assert.deepEqual(group.facts.auditDestinationOf, ['aws-vpc-flow-logs']);
  });

  it('a flow log whose VPC is unknown makes coverage unknown, not false', () => {
    const out = extractAwsCore([
      resource('aws_vpc', 'main', {}),
      resource('aws_flow_log', 'x', { vpc_id: new Unresolved('var.vpc_id has no value'), traffic_type: 'REJECT' }),
    ]);
    const vpc = subject(out, 'aws_vpc.main');
    assert.equal(vpc.facts.flowLogs, null);
    assert.match(vpc.unknown?.flowLogs ?? '', /aws_flow_log\.x is attached to a VPC that is not known statically: var\.vpc_id has no value/);
  });

  it('reads CloudFormation flow logs by ResourceId and ResourceType', () => {
    const path = 'net.yaml';
    const out = extractAwsCore([
      resource('AWS::EC2::VPC', 'Vpc', { CidrBlock: '10.0.0.0/16' }, { path }),
      resource('AWS::EC2::FlowLog', 'Flow', { ResourceId: new Unresolved('!Ref Vpc', ['AWS::EC2::VPC/Vpc']), ResourceType: 'VPC', TrafficType: 'REJECT', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::flow-bucket' }, { path }),
    ]);
    assert.equal(subject(out, 'AWS::EC2::VPC/Vpc').facts.flowLogs, true);
    assert.equal(subject(out, 'AWS::EC2::FlowLog/Flow').facts.resourceType, 'vpc');
  });
});

describe('aws-core: Route 53 resolver query logging', () => {
  it('reads the configuration, its association and the VPC it covers', () => {
    const out = extractAwsCore([
      resource('aws_vpc', 'main', {}),
      resource('aws_cloudwatch_log_group', 'dns', { name: 'r53', retention_in_days: 365 }),
      resource('aws_route53_resolver_query_log_config', 'main', { name: 'q', destination_arn: ref('aws_cloudwatch_log_group.dns') }),
      resource('aws_route53_resolver_query_log_config_association', 'main', { resolver_query_log_config_id: ref('aws_route53_resolver_query_log_config.main'), resource_id: ref('aws_vpc.main') }, { locations: { resource_id: at(9) } }),
    ]);
    const config = subject(out, 'aws_route53_resolver_query_log_config.main');
    assert.equal(config.kind, 'aws-dns-query-logging');
    assert.equal(config.facts.associated, true);
    assert.equal(config.locations.associated?.line, 9);
    assert.equal(subject(out, 'aws_vpc.main').facts.dnsQueryLogging, true);
    const stream = out.streams.find((s) => s.system === 'aws-dns-query-logs');
    assert.deepEqual(stream?.pillars, ['networks']);
    assert.deepEqual(subject(out, 'aws_cloudwatch_log_group.dns').facts.auditDestinationOf, ['aws-dns-query-logs']);
  });

  it('an association to a VPC given by a variable without a value still associates the configuration', () => {
    const out = extractAwsCore([
      resource('aws_route53_resolver_query_log_config', 'main', { destination_arn: 'arn:aws:logs:eu-west-2:1:log-group:r53' }),
      resource('aws_route53_resolver_query_log_config_association', 'main', { resolver_query_log_config_id: ref('aws_route53_resolver_query_log_config.main'), resource_id: new Unresolved('var.vpc_id has no value') }),
    ]);
    const config = subject(out, 'aws_route53_resolver_query_log_config.main');
    assert.equal(config.facts.associated, null);
    assert.equal(config.facts.destinationType, 'cloud-watch-logs');
  });
});

describe('aws-core: AWS Config', () => {
  it('Terraform: recorder stopped until a status resource enables it', () => {
    const recorder = resource('aws_config_configuration_recorder', 'main', { name: 'default', role_arn: ref('aws_iam_role.config'), recording_group: [{ all_supported: true, include_global_resource_types: true }] });
    const channel = resource('aws_config_delivery_channel', 'main', { s3_bucket_name: ref('aws_s3_bucket.config') });
    const bucket = resource('aws_s3_bucket', 'config', { bucket: 'cfg' });
    let out = extractAwsCore([recorder, channel, bucket]);
    let facts = subject(out, 'aws_config_configuration_recorder.main').facts;
    assert.deepEqual([facts.allSupported, facts.includeGlobalResourceTypes, facts.enabled, facts.deliveryChannel, facts.recordsAll], [true, true, false, true, false]);
    const status = resource('aws_config_configuration_recorder_status', 'main', { name: ref('aws_config_configuration_recorder.main'), is_enabled: true }, { locations: { is_enabled: at(30) } });
    out = extractAwsCore([recorder, channel, bucket, status]);
    const s = subject(out, 'aws_config_configuration_recorder.main');
    facts = s.facts;
    assert.equal(facts.enabled, true);
    assert.equal(s.locations.enabled?.line, 30);
    assert.equal(facts.recordsAll, true);
    const stream = out.streams.find((x) => x.system === 'aws-config');
    assert.deepEqual(stream?.pillars, ['devices', 'applications']);
    assert.equal(stream?.destinations.length, 1);
    assert.deepEqual(subject(out, 'aws_s3_bucket.config').facts.auditDestinationOf, ['aws-config']);
  });

  it('Terraform defaults: all supported, no global types; a type list is not all', () => {
    const bare = extractAwsCore([resource('aws_config_configuration_recorder', 'r', {})]);
    assert.deepEqual([subject(bare, 'aws_config_configuration_recorder.r').facts.allSupported, subject(bare, 'aws_config_configuration_recorder.r').facts.includeGlobalResourceTypes], [true, false]);
    const listed = extractAwsCore([resource('aws_config_configuration_recorder', 'r', { recording_group: [{ all_supported: false, resource_types: ['AWS::EC2::Instance'] }] })]);
    assert.equal(subject(listed, 'aws_config_configuration_recorder.r').facts.allSupported, false);
  });

  it('CloudFormation: a delivery channel in the stack starts the recorder', () => {
    const path = 'config.yaml';
    const out = extractAwsCore([
      resource('AWS::Config::ConfigurationRecorder', 'ConfigurationRecorder', { RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true } }, { path }),
      resource('AWS::Config::DeliveryChannel', 'DeliveryChannel', { S3BucketName: new Unresolved('!Ref ConfigBucket', ['AWS::S3::Bucket/ConfigBucket']) }, { path }),
      resource('AWS::S3::Bucket', 'ConfigBucket', {}, { path }),
    ]);
    const facts = subject(out, 'AWS::Config::ConfigurationRecorder/ConfigurationRecorder').facts;
    assert.deepEqual([facts.allSupported, facts.includeGlobalResourceTypes, facts.enabled, facts.recordsAll], [true, true, true, true]);
    assert.deepEqual(subject(out, 'AWS::S3::Bucket/ConfigBucket').facts.auditDestinationOf, ['aws-config']);
  });
});

describe('aws-core: GuardDuty and Security Hub', () => {
  it('reads datasources and features, and makes a threat-detection Detection', () => {
    const out = extractAwsCore([
      resource('aws_guardduty_detector', 'main', { enable: true, datasources: [{ s3_logs: [{ enable: true }] }] }),
      resource('aws_guardduty_detector_feature', 'eks', { detector_id: ref('aws_guardduty_detector.main'), name: 'EKS_AUDIT_LOGS', status: 'ENABLED' }),
    ]);
    const gd = subject(out, 'aws_guardduty_detector.main');
    assert.equal(gd.facts.enabled, true);
    assert.equal(gd.facts.s3Protection, true);
    assert.equal(gd.facts.eksAuditLogs, true);
    assert.equal(gd.facts.malwareProtection, null);
    assert.match(gd.unknown?.malwareProtection ?? '', /EBS_MALWARE_PROTECTION is not configured/);
    const detection = out.detections.find((d) => d.id === 'aws_guardduty_detector.main');
    assert.equal(detection?.kind, 'threat-detection');
    assert.deepEqual(detection?.covers, ['cloudtrail-management-events', 'vpc-flow-logs', 'dns-logs', 's3-data-events', 'eks-audit-logs']);
  });

  it('a disabled detector detects nothing', () => {
    const out = extractAwsCore([resource('AWS::GuardDuty::Detector', 'D', { Enable: 'false' })]);
    assert.equal(subject(out, 'AWS::GuardDuty::Detector/D').facts.enabled, false);
    assert.equal(out.detections.length, 0);
  });

  it('reads Security Hub standards', () => {
    const out = extractAwsCore([
      resource('aws_securityhub_account', 'main', { enable_default_standards: false }),
      resource('aws_securityhub_standards_subscription', 'cis', { standards_arn: 'arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/1.4.0' }, { locations: { standards_arn: at(7) } }),
    ]);
    const hub = subject(out, 'aws_securityhub_account.main');
    assert.deepEqual(hub.facts.standards, ['cis-aws-foundations-benchmark']);
    assert.equal(hub.facts.cisStandard, true);
    assert.equal(hub.locations.cisStandard?.line, 7);
    assert.equal(out.detections[0]?.kind, 'security-posture');
  });
});

const CIS = {
  unauthorized: '{(($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && (($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket"))}',
  noMfa: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
  root: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  trail: '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
  kms: '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }',
  orgs: '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy")) }',
  sg: '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup)}',
};

describe('aws-core: CIS 4.x metric filters and alarms', () => {
  it('recognises concerns by what the pattern tests', () => {
    assert.deepEqual(concernsOf(CIS.unauthorized), ['unauthorized-api-calls']);
    assert.deepEqual(concernsOf(CIS.noMfa), ['console-signin-without-mfa']);
    assert.deepEqual(concernsOf(CIS.root), ['root-usage']);
    assert.deepEqual(concernsOf(CIS.trail), ['cloudtrail-config-changes']);
    assert.deepEqual(concernsOf(CIS.kms), ['cmk-disable-or-deletion']);
    assert.deepEqual(concernsOf(CIS.orgs), ['organizations-changes']);
    assert.deepEqual(concernsOf(CIS.sg), ['security-group-changes']);
    // Only part of the list, or a negated test, does not count.
    assert.deepEqual(concernsOf('{ ($.eventName = CreateTrail) || ($.eventName = StopLogging) }'), []);
    assert.deepEqual(concernsOf('{ $.userIdentity.type != "Root" }'), []);
    // A wildcard covers the events it matches.
    assert.deepEqual(concernsOf('{ ($.eventName = *Trail) || ($.eventName = *Logging) }'), ['cloudtrail-config-changes']);
  });

  it('joins alarms to filters by reference or metric name, and summarises the account', () => {
    const trail = resource('aws_cloudtrail', 'main', { s3_bucket_name: 'b', is_multi_region_trail: true, cloud_watch_logs_group_arn: new Unresolved('known after apply', ['aws_cloudwatch_log_group.trail']), cloud_watch_logs_role_arn: 'arn:aws:iam::1:role/ct' }, { line: 1 });
    const group = resource('aws_cloudwatch_log_group', 'trail', { name: 'cloudtrail' });
    const filter = (name: string, pattern: string, line: number) =>
      resource('aws_cloudwatch_log_metric_filter', name, { name, pattern, log_group_name: ref('aws_cloudwatch_log_group.trail'), metric_transformation: [{ name, namespace: 'CIS' }] }, { line, locations: { pattern: at(line + 1) } });
    const out = extractAwsCore([
      trail,
      group,
      filter('unauthorized', CIS.unauthorized, 10),
      filter('nomfa', CIS.noMfa, 20),
      filter('root', CIS.root, 30),
      resource('aws_cloudwatch_metric_alarm', 'unauthorized', { metric_name: ref('aws_cloudwatch_log_metric_filter.unauthorized'), namespace: 'CIS', alarm_actions: ['arn:aws:sns:x'] }),
      resource('aws_cloudwatch_metric_alarm', 'nomfa', { metric_name: 'nomfa', namespace: 'CIS' }),
      resource('aws_cloudwatch_metric_alarm', 'root', { metric_name: 'root', namespace: 'Other' }),
    ]);
    assert.deepEqual(out.detections.map((d) => [d.id, d.kind, d.covers]), [
      ['aws_cloudwatch_log_metric_filter.unauthorized', 'metric-alarm', ['unauthorized-api-calls']],
      ['aws_cloudwatch_log_metric_filter.nomfa', 'metric-alarm', ['console-signin-without-mfa']],
    ]);
    const account = subject(out, 'aws-account:.');
    assert.equal(account.kind, 'aws-account');
    const alarms = account.facts.alarms as Record<string, unknown>;
    assert.equal(alarms['unauthorized-api-calls'], true);
    assert.equal(account.locations['alarms.unauthorized-api-calls']?.line, 11);
    assert.equal(alarms['root-usage'], false, 'an alarm in another namespace does not watch the filter');
    assert.equal(alarms['console-signin-without-mfa'], false, 'an alarm without alarm_actions tells no one');
    assert.equal(account.locations['alarms.console-signin-without-mfa']?.line, 21, 'points at the filter that watches it');
    assert.deepEqual(alarms.covered, ['unauthorized-api-calls']);
    assert.equal(alarms.missingCount, 14);
    assert.deepEqual(alarms.identityMissing, ['console-signin-without-mfa', 'root-usage', 'iam-policy-changes', 'console-auth-failures']);
    assert.equal(alarms.onTrailLogGroup, true);
    assert.equal(account.facts.multiRegionTrail, true);
  });

  it('a filter whose count or pattern is unknown leaves its concerns unknown', () => {
    const out = extractAwsCore([
      resource('aws_cloudwatch_log_metric_filter', 'x', { pattern: new Unresolved('var.pattern has no value'), log_group_name: new Unresolved('var.cloudtrail_log_group_name has no value'), metric_transformation: [{ name: 'X', namespace: 'CIS' }] }),
      resource('aws_cloudwatch_metric_alarm', 'x', { metric_name: ref('aws_cloudwatch_log_metric_filter.x'), namespace: 'CIS', alarm_actions: ['arn:aws:sns:x'] }),
    ]);
    const account = subject(out, 'aws-account:.');
    const alarms = account.facts.alarms as Record<string, unknown>;
    assert.equal(alarms['root-usage'], null);
    assert.equal(account.unknown?.['alarms.root-usage'], 'var.pattern has no value');
    assert.equal(alarms.identityMissingCount, null);
    assert.equal(alarms.onTrailLogGroup, null);
    assert.match(account.unknown?.['alarms.onTrailLogGroup'] ?? '', /no trail is declared in this stack/);
  });

  // The reviewer's input: every identity pattern, but on an application log group, alarms
  // without actions, and a trail that does not deliver to CloudWatch Logs.
  const identityFilters = (group: Unresolved | string, actions: boolean) => [
    ...(['unauthorized', 'noMfa', 'root', 'iam', 'fail'] as const).map((key, i) =>
      resource('aws_cloudwatch_log_metric_filter', key, { name: key, pattern: IDENTITY[key], log_group_name: group, metric_transformation: [{ name: key, namespace: 'CIS' }] }, { line: 100 + i * 10 }),
    ),
    ...(['unauthorized', 'noMfa', 'root', 'iam', 'fail'] as const).map((key) =>
      resource('aws_cloudwatch_metric_alarm', key, { metric_name: key, namespace: 'CIS', ...(actions ? { alarm_actions: ['arn:aws:sns:eu-west-1:1:oncall'] } : {}) }),
    ),
  ];
  const app = resource('aws_cloudwatch_log_group', 'app', { name: '/app/web' });
  const trailGroup = resource('aws_cloudwatch_log_group', 'trail', { name: '/aws/cloudtrail/org' });
  const cwTrail = (values: Record<string, unknown>) =>
    resource('aws_cloudtrail', 'main', { s3_bucket_name: 'b', is_multi_region_trail: true, cloud_watch_logs_role_arn: 'arn:aws:iam::1:role/ct', ...values } as never, { line: 1 });

  it('a concern counts only when its filter reads a multi-region trail\'s log group and its alarm notifies', () => {
    const a3 = subject(extractAwsCore([resource('aws_cloudtrail', 'main', { s3_bucket_name: 'some-bucket', is_multi_region_trail: true }), app, ...identityFilters(ref('aws_cloudwatch_log_group.app'), false)]), 'aws-account:.');
    assert.equal((a3.facts.alarms as Record<string, unknown>).identityMissingCount, 5);
    assert.equal((a3.facts.alarms as Record<string, unknown>).onTrailLogGroup, false);

    // Actions, but still the application's log group.
    const withActions = subject(extractAwsCore([cwTrail({ cloud_watch_logs_group_arn: ref('aws_cloudwatch_log_group.trail') }), app, trailGroup, ...identityFilters(ref('aws_cloudwatch_log_group.app'), true)]), 'aws-account:.');
    assert.equal((withActions.facts.alarms as Record<string, unknown>).identityMissingCount, 5);

    // The trail's group, by reference on one side and literal ARN on the other, with actions: covered.
    const covered = subject(extractAwsCore([cwTrail({ cloud_watch_logs_group_arn: 'arn:aws:logs:eu-west-1:1:log-group:/aws/cloudtrail/org:*' }), trailGroup, ...identityFilters(ref('aws_cloudwatch_log_group.trail'), true)]), 'aws-account:.');
    assert.equal((covered.facts.alarms as Record<string, unknown>).identityMissingCount, 0);
    assert.equal((covered.facts.alarms as Record<string, unknown>).onTrailLogGroup, true);

    // A single-region trail's group is not enough.
    const regional = subject(extractAwsCore([cwTrail({ is_multi_region_trail: false, cloud_watch_logs_group_arn: ref('aws_cloudwatch_log_group.trail') }), trailGroup, ...identityFilters(ref('aws_cloudwatch_log_group.trail'), true)]), 'aws-account:.');
    assert.equal((regional.facts.alarms as Record<string, unknown>).identityMissingCount, 5);

    // The trail's group from a variable: unknown, naming it.
    const unknown = subject(extractAwsCore([cwTrail({ cloud_watch_logs_group_arn: new Unresolved('var.trail_group has no value') }), trailGroup, ...identityFilters('/aws/cloudtrail/org', true)]), 'aws-account:.');
    assert.equal((unknown.facts.alarms as Record<string, unknown>).identityMissingCount, null);
    assert.match(unknown.unknown?.['alarms.identityMissingCount'] ?? '', /aws_cloudtrail\.main delivers to is not known: var\.trail_group has no value/);
  });

  it('an alarm on the filter\'s .name watches its metric only when the filter is named like its metric', () => {
    const filter = (name: string, metric: string) =>
      resource('aws_cloudwatch_log_metric_filter', 'f', { name, pattern: CIS.root, log_group_name: ref('aws_cloudwatch_log_group.trail'), metric_transformation: [{ name: metric, namespace: 'CIS' }] });
    const alarm = (reason: string) =>
      resource('aws_cloudwatch_metric_alarm', 'a', { metric_name: new Unresolved(reason, ['aws_cloudwatch_log_metric_filter.f']), namespace: 'CIS', alarm_actions: ['arn:aws:sns:x'] });
    const rootAlarm = (f: ReturnType<typeof filter>, reason: string) =>
      (subject(extractAwsCore([cwTrail({ cloud_watch_logs_group_arn: ref('aws_cloudwatch_log_group.trail') }), trailGroup, f, alarm(reason)]), 'aws-account:.').facts.alarms as Record<string, unknown>)['root-usage'];
    assert.equal(rootAlarm(filter('root-usage-filter', 'RootUsage'), 'computed: aws_cloudwatch_log_metric_filter.f.name'), false);
    assert.equal(rootAlarm(filter('RootUsage', 'RootUsage'), 'computed: aws_cloudwatch_log_metric_filter.f.name'), true);
    assert.equal(rootAlarm(filter('root-usage-filter', 'RootUsage'), 'computed: aws_cloudwatch_log_metric_filter.f.metric_transformation'), true);
  });

  it('judges CIS 3.1, 3.8 and 3.9 over all the trails of the account', () => {
    // A management trail and a separate S3 data-event trail (the reviewer's a5).
    const mgmt = resource('aws_cloudtrail', 'mgmt', { name: 'mgmt', s3_bucket_name: 'b1-logs', is_multi_region_trail: true }, { line: 1, locations: { is_multi_region_trail: at(4) } });
    const data = resource('aws_cloudtrail', 'data', {
      name: 's3-data', s3_bucket_name: 'b1-logs', is_multi_region_trail: true,
      advanced_event_selector: [{ name: 'S3 data', field_selector: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::S3::Object'] }] }],
    }, { line: 6, locations: { 'advanced_event_selector.field_selector': at(12) } });
    const account = subject(extractAwsCore([mgmt, data]), 'aws-account:.');
    assert.deepEqual(
      [account.facts.multiRegionTrail, account.facts.managementEvents, account.facts.s3WriteEvents, account.facts.s3ReadEvents],
      [true, true, true, true],
    );
    assert.equal(account.locations.multiRegionTrail?.line, 4);
    assert.equal(account.locations.s3WriteEvents?.line, 12, 'at the deciding trail');
    // The per-trail facts stay on the trails.
    assert.equal(subject(extractAwsCore([mgmt, data]), 'aws_cloudtrail.mgmt').facts.multiRegion, true);

    // A stopped multi-region trail does not count; an unknown one leaves it unknown.
    const stopped = resource('aws_cloudtrail', 'org', { s3_bucket_name: 'b', is_multi_region_trail: true, enable_logging: false }, { line: 20, locations: { enable_logging: at(23) } });
    const regional = resource('aws_cloudtrail', 'main', { s3_bucket_name: 'b' }, { line: 1 });
    const none = subject(extractAwsCore([regional, stopped]), 'aws-account:.');
    assert.equal(none.facts.multiRegionTrail, false);
    assert.equal(none.locations.multiRegionTrail?.line, 1, 'at the first trail');
    const maybe = resource('aws_cloudtrail', 'org', { s3_bucket_name: 'b', is_multi_region_trail: new Unresolved('var.multi_region has no value') });
    const unsure = subject(extractAwsCore([regional, maybe]), 'aws-account:.');
    assert.equal(unsure.facts.multiRegionTrail, null);
    assert.equal(unsure.unknown?.multiRegionTrail, 'aws_cloudtrail.org: var.multi_region has no value');
    // ...unless another trail settles it.
    assert.equal(subject(extractAwsCore([mgmt, maybe]), 'aws-account:.').facts.multiRegionTrail, true);
  });

  it('an advanced selector narrowed by eventName does not record all events', () => {
    const narrowed = resource('aws_cloudtrail', 'n', {
      s3_bucket_name: 'b',
      advanced_event_selector: [
        { field_selector: [{ field: 'eventCategory', equals: ['Management'] }, { field: 'eventName', equals: ['ConsoleLogin'] }] },
        { field_selector: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::S3::Object'] }, { field: 'eventName', not_equals: ['GetObject'] }] },
      ],
    });
    const trailFacts = subject(extractAwsCore([narrowed]), 'aws_cloudtrail.n').facts;
    assert.equal((trailFacts.managementEvents as Record<string, unknown>).all, false);
    assert.deepEqual([(trailFacts.dataEvents as Record<string, unknown>).s3Read, (trailFacts.dataEvents as Record<string, unknown>).s3Write], [false, false]);
    const sources = resource('aws_cloudtrail', 's', { s3_bucket_name: 'b', advanced_event_selector: [{ field_selector: [{ field: 'eventCategory', equals: ['Management'] }, { field: 'eventSource', equals: ['iam.amazonaws.com'] }] }] });
    assert.equal(((subject(extractAwsCore([sources]), 'aws_cloudtrail.s').facts.managementEvents) as Record<string, unknown>).all, false);
  });
});

const IDENTITY = {
  unauthorized: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
  noMfa: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
  root: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  iam: '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}',
  fail: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
};
