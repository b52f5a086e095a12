/**
 * Issue 3's corpus criterion: every Terraform, plan and CloudFormation file of
 * ../shared/corpus/iac (written by others) is read without a problem, and every resource type the
 * issue names that the corpus declares yields facts. The expected resources are read off the
 * files and the corpus README by eye.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';
import { readScannedFile } from '../src/discover/read-scanned-file.js';
import type { FileOutcome } from '../src/discover/read-scanned-file.js';
import { walkRoots } from '../src/discover/walk.js';
import { link } from '../src/estate/link.js';
import type { LinkOutput } from '../src/estate/link.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/iac/', import.meta.url));

/** File → the subjects (kind and address) it must yield. */
const EXPECTED: Record<string, [string, string][]> = {
  'nozaq-secure-baseline/modules/cloudtrail-baseline/main.tf': [
    ['aws-cloudtrail', 'aws_cloudtrail.global'],
    ['aws-log-group', 'aws_cloudwatch_log_group.cloudtrail_events[0]'],
    ['aws-kms-key', 'aws_kms_key.cloudtrail'],
  ],
  'nozaq-secure-baseline/modules/vpc-baseline/main.tf': [
    ['aws-flow-log', 'aws_flow_log.default_vpc_flow_logs[0]'],
    ['aws-log-group', 'aws_cloudwatch_log_group.default_vpc_flow_logs[0]'],
    ['aws-vpc', 'aws_default_vpc.default'],
  ],
  'nozaq-secure-baseline/modules/guardduty-baseline/main.tf': [['aws-guardduty', 'aws_guardduty_detector.default']],
  'nozaq-secure-baseline/modules/alarm-baseline/main.tf': [['aws-account', 'aws-account:nozaq-secure-baseline/modules/alarm-baseline']],
  // Through the example that calls it as a local module; module.this (context.tf) is not copied.
  'cloudposse-cloudtrail/main.tf': [['aws-cloudtrail', 'module.cloudtrail.aws_cloudtrail.default']],
  'trussworks-logs/main.tf': [['aws-s3-bucket', 'aws_s3_bucket.aws_logs']],
  'moj-modernisation-platform/terraform/modules/r53-resolver-logs/main.tf': [
    ['aws-dns-query-logging', 'aws_route53_resolver_query_log_config.main'],
    ['aws-log-group', 'aws_cloudwatch_log_group.main'],
  ],
  'terraform-aws-eks/main.tf': [
    ['aws-service-logging', 'aws_eks_cluster.this[0]'],
    ['aws-log-group', 'aws_cloudwatch_log_group.this[0]'],
  ],
  'regula/rego/tests/rules/tf/aws/cloudtrail/inputs/log_file_validation_infra.json': [
    ['aws-cloudtrail', 'aws_cloudtrail.valid_trail'],
    ['aws-cloudtrail', 'aws_cloudtrail.invalid_trail'],
    ['aws-s3-bucket', 'aws_s3_bucket.trail_bucket'],
  ],
  'regula/rego/tests/rules/tf/google/compute/inputs/subnet_flow_log_enabled_infra.json': [
    ['gcp-subnet', 'google_compute_subnetwork.valid-subnet-1'],
    ['gcp-subnet', 'google_compute_subnetwork.valid-subnet-2'],
    ['gcp-subnet', 'google_compute_subnetwork.invalid-subnet-1'],
  ],
  // parent_resource_type defaults to "project": only the project sink exists.
  'gcp-log-export/main.tf': [['gcp-log-sink', 'google_logging_project_sink.sink[0]']],
  'gcp-log-export/modules/logbucket/main.tf': [['gcp-log-bucket', 'google_logging_project_bucket_config.bucket']],
  // var.subnets defaults to {}: the NSG settings and the flow log have no instance.
  'kumarvna-vnet-hub/main.tf': [
    ['azure-storage-account', 'azurerm_storage_account.storeacc'],
    ['azure-log-workspace', 'azurerm_log_analytics_workspace.logws'],
    ['azure-diagnostic-setting', 'azurerm_monitor_diagnostic_setting.vnet'],
    ['azure-diagnostic-setting', 'azurerm_monitor_diagnostic_setting.fw-diag'],
  ],
  'ods-disaster-recovery/terraform/modules/key_vault/monitoring.tf': [['azure-diagnostic-setting', 'azurerm_monitor_diagnostic_setting.key_vault']],
  'widdix-cf-templates/security/config.yaml': [
    ['aws-config-recorder', 'AWS::Config::ConfigurationRecorder/ConfigurationRecorder'],
    ['aws-log-group', 'AWS::Logs::LogGroup/LambdaLogGroup'],
    ['aws-s3-bucket', 'AWS::S3::Bucket/ConfigBucket'],
  ],
};

describe('the IaC corpus: every file read, every resource type named by the issue yields facts', () => {
  let outcomes: FileOutcome[];
  let linked: LinkOutput;
  before(async () => {
    const walk = await walkRoots([CORPUS], CORPUS);
    outcomes = [];
    for (const file of walk.files) outcomes.push(await readScannedFile(file));
    linked = link({ apiservers: [], policies: [], configs: outcomes.flatMap((o) => o.configs), samples: [], errors: new Map(), files: walk.files.map((f) => f.path) });
  });

  test('all 29 files are assessed by the adapter of their kind, with no problem', () => {
    const read = outcomes.filter((o) => o.entry.path !== 'README.md');
    assert.equal(read.length, 29);
    const kinds: Record<string, number> = {};
    for (const o of read) {
      assert.equal(o.entry.status, 'assessed', `${o.entry.path}: ${o.entry.reason ?? ''}`);
      assert.deepEqual(o.problems, [], o.entry.path);
      kinds[o.entry.kind ?? ''] = (kinds[o.entry.kind ?? ''] ?? 0) + 1;
    }
    assert.deepEqual(kinds, { terraform: 25, 'terraform-vars': 1, 'terraform-plan': 2, cloudformation: 1 });
    assert.deepEqual(linked.problems, []);
  });

  for (const [path, subjects] of Object.entries(EXPECTED)) {
    test(`${path} yields its resources`, () => {
      for (const [kind, id] of subjects) {
        const found = linked.subjects.find((s) => s.id === id && s.path === path);
        assert.ok(found, `${kind} ${id} in ${path}; got ${linked.subjects.filter((s) => s.path === path).map((s) => s.id).join(', ')}`);
        assert.equal(found.kind, kind);
        assert.ok(Object.keys(found.facts).length > 1, `${id} has facts`);
      }
    });
  }

  test('the alarm baseline gives all fifteen CIS 4.x concerns as detections', () => {
    const detections = linked.estate.detections.filter((d) => d.declaredAt.path === 'nozaq-secure-baseline/modules/alarm-baseline/main.tf');
    assert.equal(detections.length, 15);
    assert.equal(new Set(detections.flatMap((d) => d.covers)).size, 15);
  });

  test('remote modules and variables without values are named, not guessed', () => {
    const notes = linked.notes.map((n) => `${n.at.path}:${n.construct}`);
    assert.ok(notes.includes('cloudposse-cloudtrail/examples/complete/main.tf:module.cloudtrail_s3_bucket'), notes.join('\n'));
    assert.ok(notes.includes('terraform-aws-eks/main.tf:module.kms'));
    assert.ok(notes.includes('nozaq-secure-baseline/modules/cloudtrail-baseline/variables.tf:var.s3_bucket_name'));
    // The trail's bucket name is that variable: its retention and lock are unknown, with the reason.
    const trail = linked.estate.sources.find((s) => s.id.endsWith('#aws_cloudtrail.global'));
    assert.equal(trail?.retentionDays, null);
    assert.equal(trail?.immutable, null);
  });
});
