/**
 * The aws-services extractor on real Terraform: terraform-aws-modules/terraform-aws-eks (cluster
 * log types from a variable default, its control-plane log group) from ../shared/corpus/iac, and
 * the OpenSearch SIEM domain of the advanced reference estate. Expected facts are read off the
 * files by eye: variable defaults and provider defaults.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';
import { AWS_SERVICES } from '../src/iac/aws/services.js';
import { Unresolved } from '../src/model/cloud.js';
import type { CloudExtraction } from '../src/model/cloud.js';
import type { Subject } from '../src/model/subject.js';
import { extractTree } from '../test/iac/support.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/iac/', import.meta.url));
const ESTATES = fileURLToPath(new URL('../../fixtures/estates/', import.meta.url));

function extract(base: string, root: string): Promise<{ out: CloudExtraction; problems: string[] }> {
  return extractTree(base, root, AWS_SERVICES);
}

function one(subjects: Subject[], id: string): Subject {
  const found = subjects.filter((s) => s.id === id);
  assert.equal(found.length, 1, `one subject ${id} among ${subjects.map((s) => s.id).join(', ')}`);
  return found[0] as Subject;
}

describe('terraform-aws-eks (terraform-aws-modules/terraform-aws-eks)', () => {
  let out: CloudExtraction;
  let problems: string[];
  before(async () => ({ out, problems } = await extract(CORPUS, 'terraform-aws-eks')));

  test('the files parse without problems', () => {
    assert.deepEqual(problems, []);
  });

  test('one cluster (count = local.create ? 1 : 0, var.create and var.putin_khuylo default to true)', () => {
    assert.deepEqual(out.subjects.filter((s) => s.kind === 'aws-service-logging').map((s) => s.id), ['aws_eks_cluster.this[0]']);
  });

  test('log types from var.enabled_log_types default ["audit", "api", "authenticator"]: the audit set is complete', () => {
    const eks = one(out.subjects, 'aws_eks_cluster.this[0]');
    assert.equal(eks.path, 'main.tf');
    assert.equal(eks.declaredAt.line, 36);
    assert.deepEqual(eks.pillars, ['identity', 'applications']);
    assert.equal(eks.facts['service'], 'eks');
    assert.equal(eks.facts['exists'], true);
    assert.deepEqual(eks.facts['logTypes'], ['audit', 'api', 'authenticator']);
    assert.deepEqual(eks.facts['missingLogTypes'], []);
    assert.equal(eks.facts['auditLogTypesComplete'], true);
    assert.equal(eks.facts['enabled'], true);
    assert.equal(eks.facts['destinationKind'], 'cloudwatch-logs');
    assert.equal(eks.locations['logTypes']?.line, 44, 'enabled_cluster_log_types = var.enabled_log_types');
    // var.name defaults to "", so the conventional log group name is the module's own "/aws/eks/${var.name}/cluster".
    assert.equal(eks.facts['clusterName'], '');
  });

  test('the stream names the control-plane log group the module declares', () => {
    assert.equal(out.streams.length, 1);
    const stream = out.streams[0];
    assert.equal(stream?.address, 'aws_eks_cluster.this[0]');
    assert.equal(stream?.system, 'aws-eks');
    assert.deepEqual(stream?.destinations, ['/aws/eks//cluster']);
  });
});

describe('advanced reference estate: the SIEM OpenSearch domain', () => {
  let out: CloudExtraction;
  before(async () => ({ out } = await extract(ESTATES, 'advanced/infra/terraform')));

  test('fine-grained access control on and AUDIT_LOGS published: one stream to the audit log group', () => {
    const siem = one(out.subjects, 'aws_opensearch_domain.siem');
    assert.equal(siem.path, 'siem.tf');
    assert.equal(siem.declaredAt.line, 2);
    assert.equal(siem.facts['service'], 'opensearch');
    assert.equal(siem.facts['domainName'], 'kestrel-siem');
    assert.deepEqual(siem.facts['logTypes'], ['AUDIT_LOGS']);
    assert.equal(siem.facts['auditLogs'], true);
    assert.equal(siem.locations['auditLogs']?.line, 35, 'log_type = "AUDIT_LOGS"');
    assert.equal(siem.facts['advancedSecurity'], true);
    assert.equal(siem.locations['advancedSecurity']?.line, 27, 'advanced_security_options.enabled');
    assert.equal(siem.facts['enabled'], true);
    const streams = out.streams.filter((s) => s.address === 'aws_opensearch_domain.siem');
    assert.equal(streams.length, 1);
    const destination = streams[0]?.destinations[0];
    assert.ok(destination instanceof Unresolved && destination.refs.includes('aws_cloudwatch_log_group.siem_audit'));
  });
});
