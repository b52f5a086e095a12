/**
 * Every log sample in ../shared/corpus/logs, read by the log engine: its format and schema, how
 * many events and parse errors, which semantic fields it carries. Expected values come from
 * reading the files (line counts, field names), not from running ztmm.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readLog } from '../src/logs/read-log.js';
import type { SemanticField } from '../src/model/estate.js';
import { SEMANTIC_FIELDS } from '../src/model/estate.js';

const LOGS = fileURLToPath(new URL('../../../shared/corpus/logs/', import.meta.url));

interface Expected {
  format: string;
  schemas: Record<string, number>;
  events: number;
  parseErrors: number;
  /** Fields every structured event carries (fill ratio 1). */
  always: SemanticField[];
  /** Fields some events carry. */
  some?: SemanticField[];
}

const EXPECTED: Record<string, Expected> = {
  // {"events": [{"@timestamp", "message": "<1Password event as a JSON string>"}, ...]}: 2 events;
  // the second has no location; no outcome field in 1Password audit events.
  '1password-audit_events/test-auditevents.json': {
    format: 'json-document',
    schemas: { 'generic-json': 2 },
    events: 2,
    parseErrors: 0,
    always: ['timestamp', 'actor', 'sourceAddress', 'action', 'target', 'eventId', 'correlationId'],
    some: ['geo'],
  },
  // 17 access-log lines, 5 in common and 12 in combined format; junk request lines keep no method;
  // one line names a remote user.
  'apache-access/test-access-basic.log': {
    format: 'access-combined',
    schemas: { 'access-log': 17 },
    events: 17,
    parseErrors: 0,
    // Two request lines are "-": no method and no path.
    always: ['timestamp', 'sourceAddress', 'outcome'],
    some: ['actor', 'action', 'target'],
  },
  // 21 auditd records, each its own serial; line 17 is cut off inside msg='...'.
  'auditd-log/test-auditd-useradd.log': {
    format: 'auditd',
    schemas: { auditd: 20 },
    events: 20,
    parseErrors: 1,
    // Every event names its peer: addr=127.0.0.1, or hostname=... inside msg='...' where addr=?.
    always: ['timestamp', 'actor', 'sourceAddress', 'action', 'outcome', 'eventId', 'correlationId', 'category'],
  },
  // A CloudTrail digest file (integrity validation), one JSON object on one line.
  'aws-cloudtrail/test-cloudtrail-digest-json.log': {
    format: 'jsonl',
    schemas: { 'cloudtrail-digest': 1 },
    events: 1,
    parseErrors: 0,
    always: ['timestamp', 'target', 'host'],
  },
  // Three ConsoleLogin records; outcome derives from errorMessage; requestID is null in them.
  'aws-cloudtrail/test-console-login-json.log': {
    format: 'jsonl',
    schemas: { cloudtrail: 3 },
    events: 3,
    parseErrors: 0,
    always: ['timestamp', 'actor', 'sourceAddress', 'action', 'outcome', 'eventId', 'host', 'geo'],
  },
  'azure-activitylogs/test-activitylogs-identity.log': {
    format: 'jsonl',
    schemas: { azure: 1 },
    events: 1,
    parseErrors: 0,
    always: ['timestamp', 'actor', 'sourceAddress', 'action', 'outcome', 'correlationId', 'category'],
  },
  'azure-signinlogs/test-signinlogs.log': {
    format: 'jsonl',
    schemas: { azure: 2 },
    events: 2,
    parseErrors: 0,
    always: ['timestamp', 'actor', 'sourceAddress', 'action', 'outcome', 'correlationId', 'category'],
  },
  // Cloudflare Logpush audit: PascalCase names (When, ActorEmail, ActorIP, ActionType, ActionResult).
  'cloudflare_logpush-audit/test-pipeline-audit.log': {
    format: 'jsonl',
    schemas: { 'generic-json': 3 },
    events: 3,
    parseErrors: 0,
    always: ['timestamp', 'actor', 'sourceAddress', 'action', 'outcome', 'eventId'],
  },
  'gcp-audit/test-iamcredentials-googleapis-com.log': {
    format: 'jsonl',
    schemas: { 'gcp-audit': 1 },
    events: 1,
    parseErrors: 0,
    always: ['timestamp', 'actor', 'sourceAddress', 'action', 'target', 'outcome', 'eventId'],
  },
  // GitHub org audit: created_at in epoch ms, actor, action; no actor_ip, no outcome.
  'github-audit/test-audit-json.log.excerpt-lines1-20': {
    format: 'jsonl',
    schemas: { 'github-audit': 20 },
    events: 20,
    parseErrors: 0,
    always: ['timestamp', 'actor', 'action'],
  },
  // 3 native audit Events, a GKE LogEntry, and an AKS export whose properties.log is an Event.
  'kubernetes-audit_logs/test-audit.log': {
    format: 'jsonl',
    schemas: { 'gcp-audit': 1, 'k8s-audit': 4 },
    events: 5,
    parseErrors: 0,
    always: ['timestamp', 'actor', 'sourceAddress', 'action', 'outcome', 'eventId'],
  },
  // 14 combined lines, some with a virtual host in front; no remote user anywhere.
  'nginx-access/test-access.log': {
    format: 'access-combined',
    schemas: { 'access-log': 14 },
    events: 14,
    parseErrors: 0,
    always: ['timestamp', 'sourceAddress', 'action', 'target', 'outcome'],
  },
  'okta-system/test-okta-system-events.log.excerpt-lines1-3': {
    format: 'jsonl',
    schemas: { okta: 3 },
    events: 3,
    parseErrors: 0,
    always: ['timestamp', 'actor', 'sourceAddress', 'action', 'outcome', 'severity', 'eventId'],
  },
  // 12 BSD syslog lines from sshd, sudo, groupadd, useradd; actors and addresses in sshd/sudo lines.
  'system-auth/test-auth.log': {
    format: 'syslog-3164',
    schemas: { syslog: 12 },
    events: 12,
    parseErrors: 0,
    always: ['timestamp', 'host'],
    some: ['actor', 'sourceAddress', 'action', 'outcome', 'category'],
  },
};

describe('every corpus log sample is recognised', () => {
  const files = fs
    .readdirSync(LOGS)
    .flatMap((dir) => fs.readdirSync(`${LOGS}${dir}`).map((f) => `${dir}/${f}`))
    .sort();
  test('the table covers every file in the corpus', () => {
    assert.deepEqual(files, Object.keys(EXPECTED).sort());
  });
  for (const file of files) {
    test(file, async () => {
      const expected = EXPECTED[file];
      assert.ok(expected);
      const summary = await readLog(`${LOGS}${file}`);
      assert.equal(summary.format, expected.format);
      assert.deepEqual(summary.schemas, expected.schemas);
      assert.equal(summary.events, expected.events);
      assert.equal(summary.parseErrors, expected.parseErrors);
      for (const field of expected.always) assert.equal(summary.fields[field], 1, `${field} on every event`);
      for (const field of expected.some ?? []) assert.ok(summary.fields[field] > 0 && summary.fields[field] < 1, `${field} on some events: ${summary.fields[field]}`);
      const named = new Set([...expected.always, ...(expected.some ?? [])]);
      for (const field of SEMANTIC_FIELDS.filter((f) => !named.has(f) && ['actor', 'sourceAddress', 'outcome'].includes(f))) {
        assert.equal(summary.fields[field], 0, `${field} is not in this log`);
      }
    });
  }
});

describe('facts read off the corpus', () => {
  test('CloudTrail ConsoleLogin: three users, UTC second-precision timestamps, an access key id found (not a credential)', async () => {
    const s = await readLog(`${LOGS}aws-cloudtrail/test-console-login-json.log`);
    assert.equal(s.actors.distinct, 3);
    assert.deepEqual([s.timestamps.utc, s.timestamps.precision], [1, 0]);
    assert.equal(s.secrets.credentials, 0);
  });
  test('1Password: nanosecond timestamps', async () => {
    assert.equal((await readLog(`${LOGS}1password-audit_events/test-auditevents.json`)).timestamps.precision, 9);
  });
  test('auth.log: RFC 3164 times carry no zone', async () => {
    const s = await readLog(`${LOGS}system-auth/test-auth.log`);
    assert.deepEqual([s.timestamps.parseable, s.timestamps.withZone], [1, 0]);
  });
  test('no corpus file holds a credential', async () => {
    for (const file of Object.keys(EXPECTED)) assert.equal((await readLog(`${LOGS}${file}`)).secrets.credentials, 0, file);
  });
  test('no corpus event is dated after its file was written (epoch units and zone offsets read right)', async () => {
    // The samples were written years before any checkout, so a future time here is a misread one:
    // nanoseconds taken for milliseconds, an offset applied the wrong way.
    const judged: string[] = [];
    for (const file of Object.keys(EXPECTED)) {
      const s = await readLog(`${LOGS}${file}`);
      assert.equal(s.timestamps.future, 0, file);
      if (s.timestamps.withZone > 0) judged.push(file);
    }
    assert.ok(judged.length >= 10, `only ${judged.length} samples carry zoned times`);
  });
});
