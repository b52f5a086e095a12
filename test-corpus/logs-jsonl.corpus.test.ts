/**
 * readJsonLines on real audit-log samples from /work/shared/corpus/logs. Every expected number was
 * counted by reading the files, not by running the reader.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { SemanticField } from '../src/model/estate.js';
import { detectSchema, fieldValue } from '../src/logs/field-aliases.js';
import { looksLikeJsonLines, readJsonLines } from '../src/logs/read-jsonl.js';
import { classifyTimestamp } from '../src/logs/timestamps.js';

// Compiled to /work/main/build/test-corpus/: three levels up is /work.
const CORPUS = new URL('../../../shared/corpus/logs/', import.meta.url);

function corpusPath(relative: string): string {
  return fileURLToPath(new URL(relative, CORPUS));
}

function head(relative: string, bytes = 4096): string {
  const fd = fs.openSync(corpusPath(relative), 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = fs.readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ALL: Record<SemanticField, number> = { timestamp: 1, actor: 1, sourceAddress: 1, action: 1, outcome: 1 };
const ALL_UTC = { parseable: 1, withZone: 1, utc: 1 };

describe('readJsonLines on the corpus', () => {
  it('kubernetes-audit_logs/test-audit.log: 3 native Events, a GKE LogEntry, an AKS wrapper', async () => {
    const summary = await readJsonLines(corpusPath('kubernetes-audit_logs/test-audit.log'));
    assert.equal(summary.format, 'jsonl');
    assert.equal(summary.lines, 5);
    assert.equal(summary.events, 5);
    assert.equal(summary.parseErrors, 0);
    assert.equal(summary.structuredRatio, 1);
    assert.equal(summary.firstError, null);
    assert.equal(summary.schema, 'k8s-audit');
    // Line 4 is a GCP AuditLog (protoPayload); line 5 is AKS diagnostics (operationName, category, time)
    // with the k8s Event nested as an object under properties.log.
    assert.deepEqual(summary.schemas, { azure: 1, 'gcp-audit': 1, 'k8s-audit': 3 });
    // The AKS wrapper carries time and operationName only: no actor, address or outcome at its top.
    assert.deepEqual(summary.fields, { timestamp: 1, actor: 0.8, sourceAddress: 0.8, action: 1, outcome: 0.8 });
    // requestReceivedTimestamp, GKE timestamp and AKS time all end in Z.
    assert.deepEqual(summary.timestamps, ALL_UTC);
  });

  it('aws-cloudtrail/test-console-login-json.log: 3 ConsoleLogin events', async () => {
    const summary = await readJsonLines(corpusPath('aws-cloudtrail/test-console-login-json.log'));
    assert.equal(summary.lines, 3);
    assert.equal(summary.events, 3);
    assert.equal(summary.parseErrors, 0);
    assert.equal(summary.schema, 'cloudtrail');
    assert.deepEqual(summary.schemas, { cloudtrail: 3 });
    assert.deepEqual(summary.fields, ALL);
    assert.deepEqual(summary.timestamps, ALL_UTC);
  });

  it('aws-cloudtrail: failed console logins have errorMessage but no errorCode', () => {
    const lines = fs.readFileSync(corpusPath('aws-cloudtrail/test-console-login-json.log'), 'utf8').trim().split('\n');
    const outcomes = lines.map((line) => {
      const record: unknown = JSON.parse(line);
      assert.ok(isRecord(record));
      return fieldValue(record, detectSchema(record), 'outcome');
    });
    // Line 1 logs "Success"; lines 2 and 3 "Failure" with errorMessage "Failed authentication".
    assert.deepEqual(outcomes, ['success', 'failure', 'failure']);
  });

  it('okta-system excerpt: 3 System Log events', async () => {
    const summary = await readJsonLines(corpusPath('okta-system/test-okta-system-events.log.excerpt-lines1-3'));
    assert.equal(summary.lines, 3);
    assert.equal(summary.events, 3);
    assert.equal(summary.parseErrors, 0);
    assert.equal(summary.schema, 'okta');
    assert.deepEqual(summary.schemas, { okta: 3 });
    assert.deepEqual(summary.fields, ALL);
    assert.deepEqual(summary.timestamps, ALL_UTC);
  });

  it('github-audit excerpt: 20 org events, epoch-ms created_at, no actor_ip, no outcome', async () => {
    const summary = await readJsonLines(corpusPath('github-audit/test-audit-json.log.excerpt-lines1-20'));
    assert.equal(summary.lines, 20);
    assert.equal(summary.events, 20);
    assert.equal(summary.parseErrors, 0);
    assert.equal(summary.schema, 'github-audit');
    assert.deepEqual(summary.schemas, { 'github-audit': 20 });
    assert.deepEqual(summary.fields, { timestamp: 1, actor: 1, sourceAddress: 0, action: 1, outcome: 0 });
    assert.deepEqual(summary.timestamps, ALL_UTC);
  });

  it('gcp-audit: one data_access entry, identity in principalSubject, status {}', async () => {
    const summary = await readJsonLines(corpusPath('gcp-audit/test-iamcredentials-googleapis-com.log'));
    assert.equal(summary.lines, 1);
    assert.equal(summary.events, 1);
    assert.equal(summary.parseErrors, 0);
    assert.equal(summary.schema, 'gcp-audit');
    assert.deepEqual(summary.schemas, { 'gcp-audit': 1 });
    // No principalEmail (workload identity federation): the actor comes from principalSubject.
    // protoPayload.status is {} (an OK google.rpc.Status): present, so the outcome counts.
    assert.deepEqual(summary.fields, ALL);
    assert.deepEqual(summary.timestamps, ALL_UTC);
  });

  it('azure-signinlogs: 2 sign-ins, the last without a newline', async () => {
    const summary = await readJsonLines(corpusPath('azure-signinlogs/test-signinlogs.log'));
    assert.equal(summary.lines, 2);
    assert.equal(summary.events, 2);
    assert.equal(summary.parseErrors, 0);
    assert.equal(summary.schema, 'azure');
    assert.deepEqual(summary.schemas, { azure: 2 });
    assert.deepEqual(summary.fields, ALL);
    assert.deepEqual(summary.timestamps, ALL_UTC);
  });

  it('cloudflare_logpush-audit: JSON, but PascalCase names no alias knows', async () => {
    const summary = await readJsonLines(corpusPath('cloudflare_logpush-audit/test-pipeline-audit.log'));
    assert.equal(summary.lines, 3);
    assert.equal(summary.events, 3);
    assert.equal(summary.parseErrors, 0);
    assert.equal(summary.structuredRatio, 1);
    assert.equal(summary.schema, 'generic-json');
    assert.deepEqual(summary.schemas, { 'generic-json': 3 });
    // When / ActorEmail / ActorIP / ActionType / ActionResult: none is a generic alias.
    assert.deepEqual(summary.fields, { timestamp: 0, actor: 0, sourceAddress: 0, action: 0, outcome: 0 });
    assert.deepEqual(summary.timestamps, { parseable: 0, withZone: 0, utc: 0 });
  });

  it('cloudflare_logpush-audit: its three When encodings all classify as UTC', () => {
    const lines = fs.readFileSync(corpusPath('cloudflare_logpush-audit/test-pipeline-audit.log'), 'utf8').trim().split('\n');
    const whens = lines.map((line) => {
      const record: unknown = JSON.parse(line);
      assert.ok(typeof record === 'object' && record !== null && 'When' in record);
      return record.When;
    });
    // RFC 3339 Z, epoch seconds as a string, epoch nanoseconds as a string.
    assert.deepEqual(whens, ['2021-11-30T20:19:48Z', '1638303588', '1638303588000000000']);
    for (const when of whens) assert.deepEqual(classifyTimestamp(when), { parseable: true, withZone: true, utc: true });
  });

  it('nginx-access/test-access.log is not JSON: every line is a parse error', async () => {
    const summary = await readJsonLines(corpusPath('nginx-access/test-access.log'));
    assert.equal(summary.lines, 14);
    assert.equal(summary.events, 0);
    assert.equal(summary.parseErrors, 14);
    assert.equal(summary.structuredRatio, 0);
    assert.equal(summary.schema, 'unknown');
    assert.deepEqual(summary.schemas, {});
    assert.deepEqual(summary.fields, { timestamp: 0, actor: 0, sourceAddress: 0, action: 0, outcome: 0 });
    // "67.43.156.13 ..." reads as the number 67.43, then "." at position 5.
    assert.deepEqual(summary.firstError, { line: 1, message: 'line 1: unexpected text after the JSON value at position 5' });
  });
});

describe('looksLikeJsonLines on corpus file heads', () => {
  const jsonLines = [
    'kubernetes-audit_logs/test-audit.log',
    'aws-cloudtrail/test-console-login-json.log',
    'okta-system/test-okta-system-events.log.excerpt-lines1-3',
    'github-audit/test-audit-json.log.excerpt-lines1-20',
    'gcp-audit/test-iamcredentials-googleapis-com.log',
    'azure-signinlogs/test-signinlogs.log',
    'cloudflare_logpush-audit/test-pipeline-audit.log',
    // One 5,590-byte line: the 4 KiB head cuts it off.
    'azure-activitylogs/test-activitylogs-identity.log',
  ];
  for (const file of jsonLines) {
    it(`${file} looks like JSON lines`, () => assert.equal(looksLikeJsonLines(head(file)), true));
  }
  const others = [
    'nginx-access/test-access.log',
    'apache-access/test-access-basic.log',
    'system-auth/test-auth.log',
    'auditd-log/test-auditd-useradd.log',
    // Pretty-printed JSON document, not one object per line.
    '1password-audit_events/test-auditevents.json',
  ];
  for (const file of others) {
    it(`${file} does not look like JSON lines`, () => assert.equal(looksLikeJsonLines(head(file)), false));
  }
});
