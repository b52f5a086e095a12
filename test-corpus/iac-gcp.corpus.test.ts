/**
 * The GCP extractor on real Terraform of ../shared/corpus/iac: terraform-google-modules'
 * log-export module (sinks chosen by `count` on `parent_resource_type`, and its logbucket
 * submodule) and fugue/regula's subnet flow-log plan. The expected facts are read off the files
 * by eye: variable defaults, provider defaults, and what cannot be known.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';
import { GCP } from '../src/iac/gcp/extract.js';
import type { CloudExtraction } from '../src/model/cloud.js';
import type { Subject } from '../src/model/subject.js';
import { extractTree } from '../test/iac/support.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/iac/', import.meta.url));

function extract(root: string): Promise<{ out: CloudExtraction; problems: string[] }> {
  return extractTree(CORPUS, root, GCP);
}

function one(subjects: Subject[], id: string): Subject {
  const found = subjects.filter((s) => s.id === id);
  assert.equal(found.length, 1, `one subject ${id} among ${subjects.map((s) => s.id).join(', ')}`);
  return found[0] as Subject;
}

describe('gcp-log-export (terraform-google-modules/terraform-google-log-export)', () => {
  let out: CloudExtraction;
  let problems: string[];
  before(async () => ({ out, problems } = await extract('gcp-log-export')));

  test('the files parse without problems', () => {
    assert.deepEqual(problems, []);
  });

  test('only the project sink exists: parent_resource_type defaults to "project", the other sinks have count 0', () => {
    const sinks = out.subjects.filter((s) => s.kind === 'gcp-log-sink').map((s) => s.id);
    assert.deepEqual(sinks, ['google_logging_project_sink.sink[0]']);
  });

  test('project sink facts: empty filter (default "") exports every log, destination from a variable without a value', () => {
    const sink = one(out.subjects, 'google_logging_project_sink.sink[0]');
    assert.equal(sink.path, 'main.tf', 'relative to the scanned root');
    assert.equal(sink.declaredAt.line, 41);
    assert.equal(sink.facts['exists'], true);
    assert.equal(sink.facts['scope'], 'project');
    assert.equal(sink.facts['enabled'], true, 'var.disabled defaults to false');
    assert.equal(sink.facts['filter'], '');
    assert.equal(sink.facts['exportsAllLogs'], true, 'var.exclusions defaults to []');
    assert.equal(sink.facts['filterCoversAudit'], true);
    assert.equal(sink.facts['carriesAudit'], true);
    assert.equal(sink.facts['destinationKind'], null);
    assert.match(sink.unknown?.['destinationKind'] ?? '', /destination_uri/);
    assert.equal(sink.facts['scopeName'], null, 'var.parent_resource_id has no default');
    assert.match(sink.unknown?.['scopeName'] ?? '', /parent_resource_id/);
    assert.equal(sink.locations['enabled']?.line, 49);
    assert.equal(sink.facts['includeChildren'], undefined, 'a project sink has no children');
  });

  test('the sink is an audit stream; no project subject since the parent id is unknown', () => {
    assert.deepEqual(
      out.streams.map((s) => [s.address, s.system]),
      [['google_logging_project_sink.sink[0]', 'gcp-audit-logs']],
    );
    assert.equal(out.streams[0]?.destinationLocations[0]?.line, 47);
    assert.equal(out.subjects.filter((s) => s.kind === 'gcp-project').length, 0);
  });

  test('logbucket submodule: retention 30 by the variable default, not locked, no CMEK', () => {
    const bucket = one(out.subjects, 'google_logging_project_bucket_config.bucket');
    assert.equal(bucket.path, 'modules/logbucket/main.tf');
    assert.equal(bucket.declaredAt.line, 36);
    assert.equal(bucket.facts['retentionDays'], 30);
    assert.equal(bucket.locations['retentionDays']?.line, 39);
    assert.equal(bucket.facts['locked'], false, 'var.locked defaults to null: the provider default, unlocked');
    assert.equal(bucket.locations['locked']?.line, 42);
    assert.equal(bucket.facts['cmek'], false, 'var.kms_key_name defaults to null: no cmek_settings block');
    assert.equal(bucket.facts['location'], 'global');
    assert.equal(bucket.facts['bucketId'], null);
    assert.match(bucket.unknown?.['bucketId'] ?? '', /name/);
    const store = out.stores.find((s) => s.address === 'google_logging_project_bucket_config.bucket');
    assert.ok(store);
    assert.equal(store.kind, 'cloud-logging');
    assert.equal(store.retentionDays, 30);
    assert.equal(store.immutable, false);
    assert.deepEqual(store.keys, [], 'project and bucket id are not known');
  });
});

describe('regula subnet_flow_log_enabled_infra.json (plan)', () => {
  let out: CloudExtraction;
  before(async () => ({ out } = await extract('regula/rego/tests/rules/tf/google/compute/inputs')));

  test('three subnets: one without log_config, two with 10-minute aggregation and half sampling', () => {
    const subnets = out.subjects.filter((s) => s.kind === 'gcp-subnet');
    assert.deepEqual(subnets.map((s) => s.id).sort(), [
      'google_compute_subnetwork.invalid-subnet-1',
      'google_compute_subnetwork.valid-subnet-1',
      'google_compute_subnetwork.valid-subnet-2',
    ]);
    const invalid = one(subnets, 'google_compute_subnetwork.invalid-subnet-1');
    assert.equal(invalid.facts['flowLogs'], false, 'log_config: []');
    assert.equal(invalid.facts['flowLogsApplicable'], true);
    for (const id of ['google_compute_subnetwork.valid-subnet-1', 'google_compute_subnetwork.valid-subnet-2']) {
      const s = one(subnets, id);
      assert.equal(s.facts['flowLogs'], true);
      assert.equal(s.facts['aggregationInterval'], 'INTERVAL_10_MIN');
      assert.equal(s.facts['aggregationSeconds'], 600);
      assert.equal(s.facts['flowSampling'], 0.5);
      assert.equal(s.facts['metadata'], 'INCLUDE_ALL_METADATA');
      assert.equal(s.facts['allFlows'], true, 'filter_expr "true"');
    }
  });

  test('the two subnets with flow logs are flow-log streams', () => {
    assert.deepEqual(
      out.streams.map((s) => [s.address, s.system]).sort(),
      [
        ['google_compute_subnetwork.valid-subnet-1', 'gcp-vpc-flow-logs'],
        ['google_compute_subnetwork.valid-subnet-2', 'gcp-vpc-flow-logs'],
      ],
    );
  });
});
