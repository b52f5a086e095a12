/**
 * The Terraform front end on ../shared/corpus/iac (real modules written by others): every `.tf`
 * and `.tfvars` file parses without a problem, and evaluating them together, as a scan would,
 * gives per directory the resources, existence and values read off the files by eye (variable
 * defaults followed by hand). Also the estates' Terraform under fixtures/estates.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';
import { evaluateTerraform } from '../src/iac/terraform/evaluate.js';
import type { TerraformEvaluation } from '../src/iac/terraform/evaluate.js';
import type { TerraformFileData } from '../src/model/cloud.js';
import { assertUnresolved, byAddress, readOne } from '../test/iac/terraform/support.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/iac/', import.meta.url));
const ESTATES = fileURLToPath(new URL('../../fixtures/estates/', import.meta.url));

function filesUnder(root: string, match: RegExp): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (match.test(name)) out.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

async function readAll(root: string, paths: readonly string[]): Promise<TerraformFileData[]> {
  const out: TerraformFileData[] = [];
  for (const path of paths) {
    const read = await readOne(path, readFileSync(join(root, path), 'utf8'));
    assert.deepEqual(read.problems, [], `${path}: no problem`);
    assert.equal(read.fatal, false);
    assert.ok(read.cloud?.format === 'terraform-file', path);
    out.push(read.cloud.file);
  }
  return out;
}

describe('terraform corpus (shared/corpus/iac)', () => {
  let ev: TerraformEvaluation;
  const paths = filesUnder(CORPUS, /\.(tf|tfvars)$/);

  before(async () => {
    ev = evaluateTerraform(await readAll(CORPUS, paths));
  });

  test('25 .tf and 1 .tfvars file parse without a problem; evaluation has no problem', () => {
    assert.equal(paths.filter((p) => p.endsWith('.tf')).length, 25);
    assert.equal(paths.filter((p) => p.endsWith('.tfvars')).length, 1);
    assert.deepEqual(ev.problems, []);
  });

  test('nozaq cloudtrail-baseline: the trail and its log group, retention from the variable default', () => {
    const stack = 'nozaq-secure-baseline/modules/cloudtrail-baseline';
    const trail = byAddress(ev, 'aws_cloudtrail.global', stack);
    assert.equal(trail.exists, true);
    assert.equal(trail.path, `${stack}/main.tf`);
    assert.equal(trail.at.line, 232);
    assert.equal(trail.values['enable_log_file_validation'], true);
    assert.equal(trail.locations['enable_log_file_validation']?.line, 236);
    assert.equal(trail.values['is_multi_region_trail'], true);
    assert.equal(trail.values['is_organization_trail'], false);
    assertUnresolved(trail.values['s3_bucket_name'], 'var.s3_bucket_name has no value (no default, no terraform.tfvars)');
    assertUnresolved(trail.values['kms_key_id'], 'computed: aws_kms_key.cloudtrail.arn', ['aws_kms_key.cloudtrail']);
    assertUnresolved(trail.values['cloud_watch_logs_group_arn'], 'computed: aws_cloudwatch_log_group.cloudtrail_events[0].arn', ['aws_cloudwatch_log_group.cloudtrail_events[0]']);
    const selectors = trail.values['event_selector'];
    assert.ok(Array.isArray(selectors) && selectors.length === 2);
    assert.deepEqual(selectors[0], { read_write_type: 'All', include_management_events: true, data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::'] }] });
    const group = byAddress(ev, 'aws_cloudwatch_log_group.cloudtrail_events[0]', stack);
    assert.equal(group.values['retention_in_days'], 365);
    assert.equal(group.exists, true);
  });

  test('nozaq vpc, guardduty and alarm baselines', () => {
    const vpc = 'nozaq-secure-baseline/modules/vpc-baseline';
    const flow = byAddress(ev, 'aws_flow_log.default_vpc_flow_logs[0]', vpc);
    assert.equal(flow.values['traffic_type'], 'ALL');
    assert.equal(flow.values['log_destination_type'], 'cloud-watch-logs');
    assertUnresolved(flow.values['log_destination'], 'computed: aws_cloudwatch_log_group.default_vpc_flow_logs[0].arn', ['aws_cloudwatch_log_group.default_vpc_flow_logs[0]']);
    assert.equal(byAddress(ev, 'aws_cloudwatch_log_group.default_vpc_flow_logs[0]', vpc).values['retention_in_days'], 365);
    // for_each over a data source: one resource whose existence is unknown.
    assertUnresolved(byAddress(ev, 'aws_default_subnet.default', vpc).exists, 'data source data.aws_subnet.default');
    const detector = byAddress(ev, 'aws_guardduty_detector.default', 'nozaq-secure-baseline/modules/guardduty-baseline');
    assert.deepEqual(detector.values['datasources'], [{ s3_logs: [{ enable: true }] }]);
    const alarms = ev.resources.filter((r) => r.stack === 'nozaq-secure-baseline/modules/alarm-baseline' && r.type === 'aws_cloudwatch_log_metric_filter');
    assert.equal(alarms.length, 15);
    const root = byAddress(ev, 'aws_cloudwatch_log_metric_filter.root_usage[0]', 'nozaq-secure-baseline/modules/alarm-baseline');
    assertUnresolved(root.values['log_group_name'], 'var.cloudtrail_log_group_name has no value (no default, no terraform.tfvars)');
  });

  test('cloudposse: the module is evaluated only as the example calls it; existence unknown without context.tf; -var-file tfvars not applied', () => {
    assert.ok(!ev.resources.some((r) => r.stack === 'cloudposse-cloudtrail'), 'the module directory is not a root');
    const trail = byAddress(ev, 'module.cloudtrail.aws_cloudtrail.default', 'cloudposse-cloudtrail/examples/complete');
    assert.equal(trail.path, 'cloudposse-cloudtrail/main.tf');
    assertUnresolved(trail.exists, 'module.this is not declared in the scanned files');
    assertUnresolved(trail.values['enable_log_file_validation'], 'var.enable_log_file_validation has no value (no default, no terraform.tfvars)');
    assertUnresolved(trail.values['s3_bucket_name'], 'module.cloudtrail_s3_bucket is a remote module (cloudposse/cloudtrail-s3-bucket/aws): its resources and outputs are not known');
    assert.ok(ev.unknowns.some((u) => u.construct === 'module.cloudtrail_s3_bucket' && u.at.path === 'cloudposse-cloudtrail/examples/complete/main.tf'));
  });

  test('trussworks logs bucket: lifecycle expiration from the variable default (a string variable)', () => {
    const lifecycle = byAddress(ev, 'aws_s3_bucket_lifecycle_configuration.aws_logs', 'trussworks-logs');
    const rule = (lifecycle.values['rule'] as { expiration: { days: unknown }[] }[])[0];
    // `s3_log_bucket_retention` is `type = string`, default 90: Terraform holds "90".
    assert.equal(rule?.expiration[0]?.days, '90');
    assertUnresolved(lifecycle.values['bucket'], 'computed: aws_s3_bucket.aws_logs.id', ['aws_s3_bucket.aws_logs']);
    assertUnresolved(byAddress(ev, 'aws_s3_bucket.aws_logs', 'trussworks-logs').values['bucket'], 'var.s3_bucket_name has no value (no default, no terraform.tfvars)');
    assert.equal(byAddress(ev, 'aws_s3_bucket_public_access_block.public_access_block[0]', 'trussworks-logs').values['block_public_acls'], true);
  });

  test('moj resolver query logs, EKS control plane logs', () => {
    const moj = 'moj-modernisation-platform/terraform/modules/r53-resolver-logs';
    assert.equal(byAddress(ev, 'aws_cloudwatch_log_group.main', moj).values['retention_in_days'], 365);
    assertUnresolved(byAddress(ev, 'aws_route53_resolver_query_log_config.main', moj).values['destination_arn'], 'computed: aws_cloudwatch_log_group.main.arn', ['aws_cloudwatch_log_group.main']);
    const cluster = byAddress(ev, 'aws_eks_cluster.this[0]', 'terraform-aws-eks');
    assert.deepEqual(cluster.values['enabled_cluster_log_types'], ['audit', 'api', 'authenticator']);
    assert.equal(byAddress(ev, 'aws_cloudwatch_log_group.this[0]', 'terraform-aws-eks').values['retention_in_days'], 90);
    assert.ok(ev.unknowns.some((u) => u.construct === 'module.kms'));
  });

  test('GCP log export: the project sink chosen by count; the log bucket module is its own root', () => {
    const sinks = ev.resources.filter((r) => r.stack === 'gcp-log-export' && r.type.startsWith('google_logging_'));
    assert.deepEqual(
      sinks.map((r) => r.address),
      ['google_logging_project_sink.sink[0]'],
    );
    assert.equal(sinks[0]?.values['unique_writer_identity'], false);
    const bucket = byAddress(ev, 'google_logging_project_bucket_config.bucket', 'gcp-log-export/modules/logbucket');
    assert.equal(bucket.values['retention_days'], 30);
    assert.equal(bucket.values['locked'], null);
  });

  test('Azure: workspace retention and diagnostic settings with dynamic log blocks', () => {
    assert.equal(byAddress(ev, 'azurerm_log_analytics_workspace.logws', 'kumarvna-vnet-hub').values['retention_in_days'], 30);
    const fw = byAddress(ev, 'azurerm_monitor_diagnostic_setting.fw-diag', 'kumarvna-vnet-hub');
    assert.deepEqual(
      (fw.values['log'] as { category: string }[]).map((l) => l.category),
      ['AzureFirewallApplicationRule', 'AzureFirewallNetworkRule', 'AzureFirewallDnsProxy'],
    );
    assertUnresolved(fw.values['log_analytics_workspace_id'], 'computed: azurerm_log_analytics_workspace.logws.id', ['azurerm_log_analytics_workspace.logws']);
    const kv = byAddress(ev, 'azurerm_monitor_diagnostic_setting.key_vault', 'ods-disaster-recovery/terraform/modules/key_vault');
    assert.deepEqual(kv.values['enabled_log'], [{ category_group: 'allLogs' }, { category_group: 'audit' }]);
  });
});

describe('terraform in the estates (fixtures/estates/*/infra/terraform)', () => {
  test('every estate evaluates; the advanced trail links to its bucket and log group', async () => {
    const paths = filesUnder(ESTATES, /\.tf$/).filter((p) => p.includes('/infra/terraform/'));
    assert.ok(paths.length >= 6);
    const ev = evaluateTerraform(await readAll(ESTATES, paths));
    assert.deepEqual(ev.problems, []);
    const stack = 'advanced/infra/terraform';
    assert.equal(byAddress(ev, 'aws_cloudwatch_log_group.trail', stack).values['retention_in_days'], 400);
    const trail = byAddress(ev, 'aws_cloudtrail.org', stack);
    assertUnresolved(trail.values['s3_bucket_name'], 'computed: aws_s3_bucket.trail.id', ['aws_s3_bucket.trail']);
    assertUnresolved(trail.values['cloud_watch_logs_group_arn'], 'computed: aws_cloudwatch_log_group.trail.arn', ['aws_cloudwatch_log_group.trail']);
    assert.equal(trail.values['enable_log_file_validation'], true);
    for (const estate of ['advanced', 'initial', 'optimal', 'traditional']) {
      assert.ok(ev.resources.some((r) => r.stack === `${estate}/infra/terraform`), estate);
    }
  });
});
