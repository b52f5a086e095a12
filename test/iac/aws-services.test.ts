/** The aws-services extractor on resources built by hand: facts, defaults, unknowns, links and streams. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AWS_SERVICES } from '../../src/iac/aws/services.js';
import { formatFacts } from '../../src/iac/aws/services/access-log-format.js';
import { Unresolved } from '../../src/model/cloud.js';
import type { CloudResource, IacValue } from '../../src/model/cloud.js';
import type { Subject } from '../../src/model/subject.js';
import { resource } from './support.js';

const at = (line: number, path = 'main.tf') => ({ path, line, column: 3 });

function run(...resources: CloudResource[]) {
  return AWS_SERVICES.extract(resources);
}

function subject(resources: CloudResource[], id: string): Subject {
  const found = run(...resources).subjects.find((s) => s.id === id);
  assert.ok(found, `subject ${id}`);
  return found;
}

describe('EKS', () => {
  test('log types from Terraform, the missing audit types, the conventional log group', () => {
    const eks = resource('aws_eks_cluster', 'this', { name: 'prod', enabled_cluster_log_types: ['api', 'audit'] }, { line: 4, locations: { enabled_cluster_log_types: at(7), name: at(5) } });
    const result = run(eks);
    const s = result.subjects[0];
    assert.ok(s);
    assert.equal(s.kind, 'aws-service-logging');
    assert.deepEqual(s.pillars, ['identity', 'applications']);
    assert.equal(s.facts['service'], 'eks');
    assert.deepEqual(s.facts['logTypes'], ['api', 'audit']);
    assert.deepEqual(s.facts['missingLogTypes'], ['authenticator']);
    assert.equal(s.facts['auditLogTypesComplete'], false);
    assert.equal(s.facts['enabled'], true);
    assert.equal(s.facts['destinationKind'], 'cloudwatch-logs');
    assert.equal(s.locations['logTypes']?.line, 7);
    assert.equal(s.locations['auditLogTypesComplete']?.line, 7);
    assert.equal(result.streams.length, 1);
    assert.equal(result.streams[0]?.system, 'aws-eks');
    assert.deepEqual(result.streams[0]?.destinations, ['/aws/eks/prod/cluster']);
    assert.equal(result.streams[0]?.destinationLocations[0]?.line, 7);
  });

  test('no log types listed: nothing exported, no stream, pointed at the resource', () => {
    const result = run(resource('aws_eks_cluster', 'bare', { name: 'x' }, { line: 9 }));
    const s = result.subjects[0];
    assert.deepEqual(s?.facts['logTypes'], []);
    assert.equal(s?.facts['enabled'], false);
    assert.equal(s?.facts['destinationKind'], 'none');
    assert.equal(s?.locations['auditLogTypesComplete']?.line, 9);
    assert.equal(result.streams.length, 0);
  });

  test('a variable without a value: null facts with the reason', () => {
    const s = subject([resource('aws_eks_cluster', 'v', { name: 'x', enabled_cluster_log_types: new Unresolved('var.log_types has no value') })], 'aws_eks_cluster.v');
    assert.equal(s.facts['logTypes'], null);
    assert.equal(s.facts['auditLogTypesComplete'], null);
    assert.equal(s.unknown?.['auditLogTypesComplete'], 'var.log_types has no value');
    assert.equal(s.facts['enabled'], null);
  });

  test('CloudFormation Logging.ClusterLogging.EnabledTypes', () => {
    const s = subject(
      [resource('AWS::EKS::Cluster', 'Cluster', { Name: 'c', Logging: { ClusterLogging: { EnabledTypes: [{ Type: 'api' }, { Type: 'audit' }, { Type: 'authenticator' }] } } }, { path: 't.yaml' })],
      'AWS::EKS::Cluster/Cluster',
    );
    assert.equal(s.facts['auditLogTypesComplete'], true);
    assert.deepEqual(s.facts['missingLogTypes'], []);
  });

  test('existence unknown: the subject says so', () => {
    const s = subject([resource('aws_eks_cluster', 'c', {}, { exists: new Unresolved('count = var.create has no value') })], 'aws_eks_cluster.c');
    assert.equal(s.facts['exists'], null);
    assert.equal(s.unknown?.['exists'], 'count = var.create has no value');
  });
});

describe('RDS, Aurora, DocumentDB, Neptune', () => {
  const pgGroup = (params: { name: string; value: IacValue }[]) =>
    resource('aws_db_parameter_group', 'pg', { name: 'app-pg16', family: 'postgres16', parameter: params }, { line: 20, locations: { parameter: at(22) } });

  test('PostgreSQL with pgaudit and connection logging in its parameter group', () => {
    const group = pgGroup([
      { name: 'shared_preload_libraries', value: 'pg_stat_statements,pgaudit' },
      { name: 'pgaudit.log', value: 'ddl,role,write' },
      { name: 'log_connections', value: '1' },
      { name: 'log_disconnections', value: '1' },
    ]);
    const db = resource(
      'aws_db_instance',
      'app',
      { engine: 'postgres', identifier: 'app', parameter_group_name: new Unresolved('computed', ['aws_db_parameter_group.pg']), enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'] },
      { line: 1, locations: { enabled_cloudwatch_logs_exports: at(6), parameter_group_name: at(5) } },
    );
    const result = run(db, group);
    const s = result.subjects.find((x) => x.id === 'aws_db_instance.app');
    assert.equal(s?.facts['service'], 'rds');
    assert.equal(s?.facts['engineFamily'], 'postgres');
    assert.deepEqual(s?.facts['requiredLogTypes'], ['postgresql']);
    assert.equal(s?.facts['auditLogTypesComplete'], true);
    assert.deepEqual(s?.facts['engineAudit'], {
      mechanism: 'pgaudit',
      applies: true,
      enabled: true,
      pgaudit: true,
      pgauditLog: 'ddl,role,write',
      logConnections: true,
      logDisconnections: true,
      group: 'aws_db_parameter_group.pg',
    });
    assert.equal(s?.locations['engineAudit.enabled']?.line, 22);
    // Only the audit-relevant log group is the stream's destination.
    assert.deepEqual(result.streams[0]?.destinations, ['/aws/rds/instance/app/postgresql']);
    const params = result.subjects.find((x) => x.id === 'aws_db_parameter_group.pg');
    assert.equal(params?.kind, 'aws-db-parameters');
    assert.deepEqual(params?.facts['usedBy'], ['aws_db_instance.app']);
    assert.equal((params?.facts['audit'] as Record<string, unknown>)['enabled'], true);
  });

  test('a custom group that does not load pgaudit: off, pointed at the group', () => {
    const group = pgGroup([{ name: 'log_connections', value: '1' }]);
    const db = resource('aws_db_instance', 'app', { engine: 'postgres', parameter_group_name: 'app-pg16' });
    const s = subject([db, group], 'aws_db_instance.app');
    assert.equal((s.facts['engineAudit'] as Record<string, unknown>)['enabled'], false);
    assert.equal((s.facts['engineAudit'] as Record<string, unknown>)['logConnections'], true);
    assert.equal((s.facts['engineAudit'] as Record<string, unknown>)['logDisconnections'], false);
    assert.equal(s.locations['engineAudit.logDisconnections']?.line, 20);
  });

  test('the default parameter group: engine defaults; nothing exported', () => {
    const s = subject([resource('aws_db_instance', 'd', { engine: 'postgres' }, { line: 3 })], 'aws_db_instance.d');
    assert.deepEqual(s.facts['logTypes'], []);
    assert.equal(s.facts['auditLogTypesComplete'], false);
    assert.equal(s.facts['enabled'], false);
    assert.equal((s.facts['engineAudit'] as Record<string, unknown>)['group'], 'default');
    assert.equal((s.facts['engineAudit'] as Record<string, unknown>)['logConnections'], false);
  });

  test('a group named but not declared: unknown with the reason', () => {
    const s = subject([resource('aws_db_instance', 'd', { engine: 'postgres', parameter_group_name: 'shared-pg' })], 'aws_db_instance.d');
    assert.equal((s.facts['engineAudit'] as Record<string, unknown>)['enabled'], null);
    assert.match(s.unknown?.['engineAudit.enabled'] ?? '', /"shared-pg" is not declared/);
  });

  test('RDS MySQL: the MariaDB audit plugin in the option group', () => {
    const options = resource('aws_db_option_group', 'audit', { name: 'mysql-audit', engine_name: 'mysql', option: [{ option_name: 'MARIADB_AUDIT_PLUGIN' }] });
    const db = resource('aws_db_instance', 'm', { engine: 'mysql', identifier: 'm', option_group_name: 'mysql-audit', enabled_cloudwatch_logs_exports: ['audit', 'error'] });
    const s = subject([db, options], 'aws_db_instance.m');
    assert.equal((s.facts['engineAudit'] as Record<string, unknown>)['mechanism'], 'MARIADB_AUDIT_PLUGIN');
    assert.equal((s.facts['engineAudit'] as Record<string, unknown>)['enabled'], true);
    assert.equal(s.facts['auditLogTypesComplete'], true);
  });

  test('Aurora MySQL cluster with server_audit_logging; CloudFormation strings', () => {
    const group = resource('AWS::RDS::DBClusterParameterGroup', 'Params', { Family: 'aurora-mysql8.0', Parameters: { server_audit_logging: '1', server_audit_events: 'CONNECT,QUERY' } }, { path: 't.yaml', locations: { 'Parameters.server_audit_logging': at(30, 't.yaml') } });
    const cluster = resource('AWS::RDS::DBCluster', 'Db', { Engine: 'aurora-mysql', DBClusterIdentifier: 'orders', EnableCloudwatchLogsExports: ['audit'], DBClusterParameterGroupName: new Unresolved('!Ref Params', ['AWS::RDS::DBClusterParameterGroup/Params']) }, { path: 't.yaml' });
    const result = run(group, cluster);
    const s = result.subjects.find((x) => x.id === 'AWS::RDS::DBCluster/Db');
    assert.equal(s?.facts['service'], 'aurora');
    assert.equal((s?.facts['engineAudit'] as Record<string, unknown>)['enabled'], true);
    assert.equal(s?.locations['engineAudit.enabled']?.line, 30);
    assert.deepEqual(result.streams[0]?.destinations, ['/aws/rds/cluster/orders/audit']);
  });

  test('DocumentDB and Neptune: audit exports and their audit parameters', () => {
    const docdbGroup = resource('aws_docdb_cluster_parameter_group', 'g', { name: 'docdb-audit', family: 'docdb5.0', parameter: [{ name: 'audit_logs', value: 'enabled' }] });
    const docdb = resource('aws_docdb_cluster', 'd', { cluster_identifier: 'docs', enabled_cloudwatch_logs_exports: ['audit', 'profiler'], db_cluster_parameter_group_name: 'docdb-audit' });
    const neptune = resource('aws_neptune_cluster', 'n', { cluster_identifier: 'graph', enable_cloudwatch_logs_exports: ['slowquery'] });
    const result = run(docdbGroup, docdb, neptune);
    const d = result.subjects.find((x) => x.id === 'aws_docdb_cluster.d');
    const n = result.subjects.find((x) => x.id === 'aws_neptune_cluster.n');
    assert.equal((d?.facts['engineAudit'] as Record<string, unknown>)['enabled'], true);
    assert.equal(d?.facts['auditLogTypesComplete'], true);
    assert.equal(n?.facts['service'], 'neptune');
    assert.deepEqual(n?.facts['missingLogTypes'], ['audit']);
    assert.equal((n?.facts['engineAudit'] as Record<string, unknown>)['enabled'], false);
    assert.deepEqual(result.streams.find((x) => x.address === 'aws_neptune_cluster.n')?.destinations, ['/aws/neptune/graph/slowquery']);
  });
});

describe('Redshift', () => {
  test('aws_redshift_logging to CloudWatch, user activity logging in the parameter group', () => {
    const cluster = resource('aws_redshift_cluster', 'dw', { cluster_identifier: 'dw', cluster_parameter_group_name: new Unresolved('c', ['aws_redshift_parameter_group.p']) }, { line: 1 });
    const logging = resource('aws_redshift_logging', 'dw', { cluster_identifier: new Unresolved('c', ['aws_redshift_cluster.dw']), log_destination_type: 'cloudwatch', log_exports: ['connectionlog', 'userlog'] }, { line: 10, locations: { log_exports: at(13) } });
    const group = resource('aws_redshift_parameter_group', 'p', { name: 'dw', family: 'redshift-1.0', parameter: [{ name: 'enable_user_activity_logging', value: 'true' }] });
    const result = run(cluster, logging, group);
    const s = result.subjects.find((x) => x.id === 'aws_redshift_cluster.dw');
    assert.equal(s?.facts['enabled'], true);
    assert.deepEqual(s?.facts['missingLogTypes'], ['useractivitylog']);
    assert.equal(s?.locations['missingLogTypes']?.line, 13);
    assert.equal((s?.facts['engineAudit'] as Record<string, unknown>)['enabled'], true);
    assert.deepEqual(result.streams[0]?.destinations, ['/aws/redshift/cluster/dw/connectionlog', '/aws/redshift/cluster/dw/userlog']);
  });

  test('no logging and the default parameter group', () => {
    const s = subject([resource('aws_redshift_cluster', 'dw', { cluster_identifier: 'dw' })], 'aws_redshift_cluster.dw');
    assert.equal(s.facts['enabled'], false);
    assert.equal((s.facts['engineAudit'] as Record<string, unknown>)['enabled'], false);
  });

  test('the cluster logging block to S3 writes all three logs', () => {
    const result = run(resource('aws_redshift_cluster', 'dw', { cluster_identifier: 'dw', logging: [{ enable: true, bucket_name: 'dw-audit' }] }));
    assert.equal(result.subjects[0]?.facts['auditLogTypesComplete'], true);
    assert.deepEqual(result.streams[0]?.destinations, ['dw-audit']);
  });
});

describe('OpenSearch', () => {
  test('a domain without log publishing options (the estate SIEM): no audit logs', () => {
    const s = subject([resource('aws_opensearch_domain', 'siem', { domain_name: 'kestrel-siem', encrypt_at_rest: [{ enabled: true }] }, { line: 2 })], 'aws_opensearch_domain.siem');
    assert.equal(s.facts['auditLogs'], false);
    assert.equal(s.facts['advancedSecurity'], false);
    assert.equal(s.facts['enabled'], false);
    assert.equal(s.locations['auditLogs']?.line, 2);
  });

  test('audit logs on (enabled defaults to true) with fine-grained access control', () => {
    const result = run(
      resource('aws_elasticsearch_domain', 'es', {
        log_publishing_options: [{ log_type: 'AUDIT_LOGS', cloudwatch_log_group_arn: new Unresolved('c', ['aws_cloudwatch_log_group.audit']) }, { log_type: 'INDEX_SLOW_LOGS', enabled: false, cloudwatch_log_group_arn: 'x' }],
        advanced_security_options: [{ enabled: true }],
      }),
    );
    const s = result.subjects[0];
    assert.deepEqual(s?.facts['logTypes'], ['AUDIT_LOGS']);
    assert.equal(s?.facts['auditLogs'], true);
    assert.equal(s?.facts['advancedSecurity'], true);
    assert.equal(result.streams[0]?.destinations.length, 1);
  });

  test('CloudFormation LogPublishingOptions map with a string boolean', () => {
    const s = subject([resource('AWS::OpenSearchService::Domain', 'D', { LogPublishingOptions: { AUDIT_LOGS: { Enabled: 'true', CloudWatchLogsLogGroupArn: 'arn:aws:logs:eu-west-1:1:log-group:/os/audit' } }, AdvancedSecurityOptions: { Enabled: 'true' } })], 'AWS::OpenSearchService::Domain/D');
    assert.equal(s.facts['auditLogs'], true);
    assert.equal(s.facts['advancedSecurity'], true);
  });
});

describe('API Gateway', () => {
  test('access log format facts', () => {
    const json = formatFacts('{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","caller":"$context.identity.caller","user":"$context.identity.user","status":$context.status}');
    assert.equal(json.kind, 'json');
    assert.equal(json.structured, true);
    assert.deepEqual([json.requestId, json.sourceIp, json.identity, json.status], [true, true, true, true]);
    const clf = formatFacts('$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod $context.resourcePath" $context.status');
    assert.equal(clf.kind, 'text');
    assert.equal(clf.requestId, false);
    assert.equal(formatFacts('$context.requestId,$context.status').kind, 'csv');
  });

  test('a REST stage with access logs and execution logging from method settings', () => {
    const stage = resource('aws_api_gateway_stage', 'prod', { stage_name: 'prod', rest_api_id: new Unresolved('c', ['aws_api_gateway_rest_api.api']), access_log_settings: [{ destination_arn: new Unresolved('c', ['aws_cloudwatch_log_group.api']), format: '{"requestId":"$context.requestId"}' }] }, { locations: { 'access_log_settings.format': at(8) } });
    const settings = resource('aws_api_gateway_method_settings', 'all', { rest_api_id: new Unresolved('c', ['aws_api_gateway_rest_api.api']), stage_name: new Unresolved('c', ['aws_api_gateway_stage.prod']), method_path: '*/*', settings: [{ logging_level: 'INFO' }] });
    const result = run(stage, settings);
    const s = result.subjects[0];
    assert.equal(s?.facts['accessLogs'], true);
    assert.equal(s?.facts['destinationKind'], 'cloudwatch-logs');
    assert.equal(s?.facts['executionLoggingLevel'], 'INFO');
    assert.deepEqual(s?.facts['logTypes'], ['access', 'execution']);
    assert.equal((s?.facts['format'] as Record<string, unknown>)['sourceIp'], false);
    assert.equal(s?.locations['format.sourceIp']?.line, 8);
    assert.equal(result.streams.length, 1);
  });

  test('an HTTP API stage without access logs', () => {
    const s = subject([resource('aws_apigatewayv2_stage', 'default', { name: '$default' })], 'aws_apigatewayv2_stage.default');
    assert.equal(s.facts['accessLogs'], false);
    assert.equal(s.facts['enabled'], false);
  });
});

describe('load balancers, CloudFront, WAF, Network Firewall, Step Functions, MSK', () => {
  test('aws_lb access_logs.enabled defaults to false; aws_elb to true', () => {
    const lb = resource('aws_lb', 'web', { access_logs: [{ bucket: 'lb-logs' }] }, { locations: { access_logs: at(5) } });
    const elb = resource('aws_elb', 'old', { access_logs: [{ bucket: 'elb-logs' }] });
    const result = run(lb, elb);
    assert.equal(result.subjects.find((s) => s.id === 'aws_lb.web')?.facts['accessLogs'], false);
    assert.equal(result.subjects.find((s) => s.id === 'aws_lb.web')?.facts['loadBalancerType'], 'application');
    assert.equal(result.subjects.find((s) => s.id === 'aws_lb.web')?.locations['accessLogs']?.line, 5);
    assert.equal(result.subjects.find((s) => s.id === 'aws_elb.old')?.facts['accessLogs'], true);
    assert.deepEqual(result.streams.map((s) => s.destinations), [['elb-logs']]);
  });

  test('CloudFormation load balancer attributes', () => {
    const s = subject([resource('AWS::ElasticLoadBalancingV2::LoadBalancer', 'Alb', { LoadBalancerAttributes: [{ Key: 'access_logs.s3.enabled', Value: 'true' }, { Key: 'access_logs.s3.bucket', Value: 'alb-logs' }] })], 'AWS::ElasticLoadBalancingV2::LoadBalancer/Alb');
    assert.equal(s.facts['accessLogs'], true);
  });

  test('CloudFront logging bucket domain becomes the bucket name', () => {
    const result = run(resource('aws_cloudfront_distribution', 'cdn', { logging_config: [{ bucket: 'cdn-logs.s3.amazonaws.com' }] }));
    assert.equal(result.subjects[0]?.facts['accessLogs'], true);
    assert.deepEqual(result.streams[0]?.destinations, ['cdn-logs']);
  });

  test('WAFv2 web ACL with and without a logging configuration', () => {
    const acl = resource('aws_wafv2_web_acl', 'main', { name: 'main' });
    const bare = resource('aws_wafv2_web_acl', 'bare', { name: 'bare' }, { line: 30 });
    const logging = resource('aws_wafv2_web_acl_logging_configuration', 'main', { resource_arn: new Unresolved('c', ['aws_wafv2_web_acl.main']), log_destination_configs: ['arn:aws:firehose:eu-west-1:1:deliverystream/aws-waf-logs-main'] });
    const result = run(acl, bare, logging);
    const main = result.subjects.find((s) => s.id === 'aws_wafv2_web_acl.main');
    assert.equal(main?.facts['enabled'], true);
    assert.equal(main?.facts['destinationKind'], 'firehose');
    assert.equal(result.subjects.find((s) => s.id === 'aws_wafv2_web_acl.bare')?.facts['enabled'], false);
    assert.equal(result.subjects.length, 2);
  });

  test('Network Firewall with FLOW only', () => {
    const fw = resource('aws_networkfirewall_firewall', 'fw', { name: 'edge' });
    const logging = resource('aws_networkfirewall_logging_configuration', 'fw', {
      firewall_arn: new Unresolved('c', ['aws_networkfirewall_firewall.fw']),
      logging_configuration: [{ log_destination_config: [{ log_destination: { bucketName: 'fw-logs' }, log_destination_type: 'S3', log_type: 'FLOW' }] }],
    });
    const result = run(fw, logging);
    const s = result.subjects[0];
    assert.deepEqual(s?.facts['logTypes'], ['FLOW']);
    assert.deepEqual(s?.facts['missingLogTypes'], ['ALERT']);
    assert.deepEqual(result.streams[0]?.destinations, ['fw-logs']);
  });

  test('Step Functions defaults to OFF; ALL with execution data', () => {
    const off = resource('aws_sfn_state_machine', 'off', {});
    const all = resource('aws_sfn_state_machine', 'all', { logging_configuration: [{ level: 'ALL', include_execution_data: true, log_destination: 'arn:aws:logs:eu-west-1:1:log-group:/sfn/all:*' }] });
    const result = run(off, all);
    assert.equal(result.subjects.find((s) => s.id === 'aws_sfn_state_machine.off')?.facts['level'], 'OFF');
    assert.equal(result.subjects.find((s) => s.id === 'aws_sfn_state_machine.all')?.facts['includeExecutionData'], true);
    assert.equal(result.streams.length, 1);
  });

  test('MSK broker logs to S3', () => {
    const s = subject([resource('aws_msk_cluster', 'k', { logging_info: [{ broker_logs: [{ s3: [{ enabled: true, bucket: 'msk-logs' }], cloudwatch_logs: [{ enabled: false }] }] }] })], 'aws_msk_cluster.k');
    assert.equal(s.facts['enabled'], true);
    assert.deepEqual(s.facts['destinationKinds'], ['s3']);
  });
});

test('hostile input never throws', () => {
  const hostile = JSON.parse('{"__proto__": {"x": 1}, "enabled_cluster_log_types": {"__proto__": 1}, "parameter": [{"name": "__proto__", "value": "1"}], "Parameters": {"__proto__": "x"}}') as Record<string, IacValue>;
  const types = ['aws_eks_cluster', 'aws_db_parameter_group', 'AWS::RDS::DBParameterGroup', 'aws_db_instance', 'aws_lb', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'aws_api_gateway_stage', 'aws_opensearch_domain', 'AWS::OpenSearchService::Domain'];
  const result = run(...types.map((t, i) => resource(t, `h${i}`, hostile)));
  assert.ok(result.subjects.length >= types.length);
});
