/**
 * Issue 4's acceptance estate (fixtures/estates/pipeline): Fluent Bit tails the kube-apiserver
 * audit log and ships it over verified TLS to an OpenSearch index whose ISM policy deletes after
 * 400 days. The Kubernetes audit source must come out centralized, TLS on every hop, kept 400
 * days; with the output switched to stdout it must be local-only, and the Applications pillar's
 * centralization stage must drop.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { LogSource } from '../../src/model/estate.js';
import type { ScanResult } from '../../src/model/result.js';
import { stageIndex } from '../../src/model/vocabulary.js';
import { loadRules } from '../../src/rules/load-packs.js';
import { scan } from '../../src/scan.js';
import { REPO } from '../helpers.js';

const ESTATE = join(REPO, 'fixtures', 'estates', 'pipeline');
const FLUENT_BIT = join('nodes', 'cp-1', 'etc', 'fluent-bit', 'fluent-bit.conf');

function auditSource(result: ScanResult): LogSource {
  const found = result.estate.sources.filter((s) => s.system === 'kube-apiserver-audit');
  assert.equal(found.length, 1, 'one kube-apiserver audit source');
  return found[0] as LogSource;
}

function centralizationStage(result: ScanResult): number {
  const applications = result.pillars.find((p) => p.id === 'applications');
  const stage = applications?.dimensions.centralization?.stage;
  assert.ok(stage, 'the Applications pillar has a centralization stage');
  return stageIndex(stage);
}

describe('pipeline estate: apiserver audit log → Fluent Bit → OpenSearch with ISM', () => {
  const rules = loadRules();
  let shipped: ScanResult;
  let local: ScanResult;
  let copy: string;

  before(async () => {
    shipped = (await scan({ roots: [ESTATE], rules, cwd: REPO })).result;
    copy = mkdtempSync(join(tmpdir(), 'ztmm-pipeline-'));
    cpSync(ESTATE, copy, { recursive: true });
    const config = readFileSync(join(copy, FLUENT_BIT), 'utf8');
    const output = config.indexOf('[OUTPUT]');
    assert.ok(output > 0);
    writeFileSync(join(copy, FLUENT_BIT), `${config.slice(0, output)}[OUTPUT]\n    Name   stdout\n    Match  kube.*\n`);
    local = (await scan({ roots: [copy], rules, cwd: REPO })).result;
  });
  after(() => rmSync(copy, { recursive: true, force: true }));

  test('every file is read: the manifest, the policy, the Fluent Bit config and the ISM policy', () => {
    const kinds = Object.fromEntries(shipped.inventory.map((e) => [e.path, `${e.status}:${e.kind ?? ''}`]));
    assert.equal(kinds['nodes/cp-1/etc/fluent-bit/fluent-bit.conf'], 'assessed:fluent-bit');
    assert.equal(kinds['stores/opensearch/k8s-audit-ism-policy.json'], 'assessed:opensearch-ism');
    assert.equal(kinds['nodes/cp-1/etc/kubernetes/manifests/kube-apiserver.yaml'], 'assessed:kube-apiserver');
  });

  test('shipped: the audit source is centralized, over verified TLS, durable, and kept 400 days centrally', () => {
    const source = auditSource(shipped);
    assert.equal(source.centralized, true);
    assert.equal(source.localOnly, false);
    assert.equal(source.tls, true);
    assert.equal(source.tlsVerify, true);
    assert.equal(source.durable, true);
    assert.equal(source.centralRetentionDays, 400);
    assert.equal(source.localRetentionDays, 7, '--audit-log-maxage=7 on the node');
    assert.equal(source.retentionDays, 400);
    // The evidence points at the lines that decided each fact.
    assert.equal(source.evidence?.centralized?.path, 'nodes/cp-1/etc/fluent-bit/fluent-bit.conf');
    assert.equal(source.evidence?.centralRetentionDays?.path, 'stores/opensearch/k8s-audit-ism-policy.json');
    const route = shipped.estate.routes.find((r) => r.from === source.id && r.to.includes('opensearch'));
    assert.ok(route, 'a route from the audit source to the OpenSearch output');
    assert.equal(route.tls, true);
    const sink = shipped.estate.sinks.find((s) => s.id === route.to);
    assert.equal(sink?.kind, 'elasticsearch');
    assert.equal(sink?.remote, true);
    assert.equal(sink?.retentionDays, 400);
  });

  test('shipped: the rules see it — source centralized passes, retention of a year passes', () => {
    const outcome = (rule: string): string | undefined => shipped.findings.find((f) => f.ruleId === rule && f.subject.startsWith('source:kube-apiserver-audit'))?.outcome;
    assert.equal(outcome('CEN-002'), 'pass');
    assert.equal(outcome('RET-004'), 'pass');
  });

  test('stdout instead: the source is local-only and Applications centralization drops', () => {
    const source = auditSource(local);
    assert.equal(source.centralized, false);
    assert.equal(source.localOnly, true);
    assert.equal(source.tls, null, 'no remote hop, so no TLS to judge');
    assert.equal(source.centralRetentionDays, null);
    assert.equal(source.retentionDays, 7);
    const cen = local.findings.find((f) => f.ruleId === 'CEN-002' && f.subject.startsWith('source:kube-apiserver-audit'));
    assert.equal(cen?.outcome, 'fail');
    assert.ok(centralizationStage(local) < centralizationStage(shipped), `centralization stage ${centralizationStage(local)} < ${centralizationStage(shipped)}`);
  });
});
