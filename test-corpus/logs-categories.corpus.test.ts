/**
 * classifyEvent on the real samples in /work/shared/corpus/logs. Each expected category and
 * outcome was decided by reading the file, record by record, before running the classifier.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { EventCategory, EventClass, EventOutcome } from '../src/logs/categories.js';
import { EVENT_CATEGORIES, classifyEvent } from '../src/logs/categories.js';
import { detectSchema } from '../src/logs/field-aliases.js';
import { createAccessLogParser } from '../src/logs/formats/access-log.js';
import { createAuditdParser } from '../src/logs/formats/auditd.js';
import { createSyslogParser } from '../src/logs/formats/syslog.js';
import type { LineParser, ParsedEvent } from '../src/logs/formats/types.js';

// Compiled to /work/main/build/test-corpus/: three levels up is /work.
const CORPUS = new URL('../../../shared/corpus/logs/', import.meta.url);

function readText(relative: string): string {
  return fs.readFileSync(fileURLToPath(new URL(relative, CORPUS)), 'utf8');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON objects of a JSON-lines file (blank lines skipped). */
function jsonLines(relative: string): Record<string, unknown>[] {
  return readText(relative)
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const parsed: unknown = JSON.parse(line);
      assert.ok(isRecord(parsed));
      return parsed;
    });
}

interface Run {
  events: ParsedEvent[];
  errorLines: number[];
}

function runParser(parser: LineParser, relative: string): Run {
  const lines = readText(relative).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const run: Run = { events: [], errorLines: [] };
  lines.forEach((text, index) => {
    const outcome = parser.push(text, index + 1);
    if (outcome.kind === 'error') run.errorLines.push(outcome.line);
    else run.events.push(...outcome.events);
  });
  run.events.push(...parser.end());
  return run;
}

type Expected = readonly [EventCategory[], EventOutcome | null];

const AUTHN: EventCategory[] = ['authentication'];
const AUTHZ: EventCategory[] = ['authorization'];
const ACCOUNT: EventCategory[] = ['account-change'];
const MEMBERSHIP: EventCategory[] = ['account-change', 'privilege-change'];
const PRIVILEGE: EventCategory[] = ['privilege-change'];
const CONFIG: EventCategory[] = ['configuration-change'];
const NONE: EventCategory[] = [];

function simplify(result: EventClass): Expected {
  return [result.categories, result.outcome];
}

/** Classifies JSON records under their detected schema, checking that schema first. */
function classifyJson(records: readonly Record<string, unknown>[], schema: string): Expected[] {
  return records.map((record) => {
    assert.equal(detectSchema(record), schema);
    return simplify(classifyEvent(record, schema));
  });
}

function classifyParsed(events: readonly ParsedEvent[], schema: string): Expected[] {
  return events.map((event) => {
    assert.equal(event.schema, schema);
    return simplify(classifyEvent(event.record, schema));
  });
}

/** Every classification of the corpus, for the totals at the end. */
const tally: Expected[] = [];

function expectRows(actual: Expected[], expected: readonly Expected[]): void {
  assert.deepEqual(actual, expected);
  tally.push(...actual);
}

describe('classifyEvent on the cloud and SaaS audit samples', () => {
  it('aws-cloudtrail/test-console-login-json.log: three ConsoleLogins, JohnDoe succeeded, the other two failed', () => {
    // Lines 2 and 3 carry errorMessage "Failed authentication" (and ConsoleLogin: Failure), no errorCode.
    expectRows(classifyJson(jsonLines('aws-cloudtrail/test-console-login-json.log'), 'cloudtrail'), [
      [AUTHN, 'success'],
      [AUTHN, 'failure'],
      [AUTHN, 'failure'],
    ]);
  });

  it('aws-cloudtrail/test-cloudtrail-digest-json.log: a digest is no event', () => {
    expectRows(classifyJson(jsonLines('aws-cloudtrail/test-cloudtrail-digest-json.log'), 'cloudtrail-digest'), [[NONE, null]]);
  });

  it('azure-activitylogs/test-activitylogs-identity.log: a non-interactive sign-in, resultType "0"', () => {
    expectRows(classifyJson(jsonLines('azure-activitylogs/test-activitylogs-identity.log'), 'azure'), [[AUTHN, 'success']]);
  });

  it('azure-signinlogs/test-signinlogs.log: two sign-ins interrupted with error 50140', () => {
    expectRows(classifyJson(jsonLines('azure-signinlogs/test-signinlogs.log'), 'azure'), [
      [AUTHN, 'failure'],
      [AUTHN, 'failure'],
    ]);
  });

  it('gcp-audit/test-iamcredentials-googleapis-com.log: GenerateAccessToken with an empty status', () => {
    // Data Access log, ADMIN_READ permission: token issue, not data access.
    expectRows(classifyJson(jsonLines('gcp-audit/test-iamcredentials-googleapis-com.log'), 'gcp-audit'), [[AUTHN, 'success']]);
  });

  it('okta-system: a logout (uncategorised), a login, and a sign-on policy ALLOW', () => {
    expectRows(classifyJson(jsonLines('okta-system/test-okta-system-events.log.excerpt-lines1-3'), 'okta'), [
      [NONE, 'success'],
      [AUTHN, 'success'],
      [AUTHZ, 'success'],
    ]);
  });

  it('github-audit: labels and a repository created, members invited and added, teams, an OAuth app approved', () => {
    const label: Expected = [CONFIG, null];
    const invite: Expected = [ACCOUNT, null];
    const member: Expected = [MEMBERSHIP, null];
    expectRows(classifyJson(jsonLines('github-audit/test-audit-json.log.excerpt-lines1-20'), 'github-audit'), [
      label, // 1 organization_default_label.create
      label,
      label,
      invite, // 4 org.invite_member
      label,
      label,
      label,
      invite, // 8
      member, // 9 org.add_member
      label,
      label,
      member, // 12
      [CONFIG, null], // 13 repo.create
      label,
      member, // 15
      [PRIVILEGE, null], // 16 org.oauth_app_access_approved
      [ACCOUNT, null], // 17 team.create
      member, // 18 team.add_member
      member, // 19
      invite, // 20
    ]);
  });

  it('cloudflare_logpush-audit: three API token creations, ActionResult true', () => {
    expectRows(classifyJson(jsonLines('cloudflare_logpush-audit/test-pipeline-audit.log'), 'generic-json'), [
      [AUTHN, 'success'],
      [AUTHN, 'success'],
      [AUTHN, 'success'],
    ]);
  });

  it('1password-audit_events: two "suspend" actions on a user, no outcome field', () => {
    const document: unknown = JSON.parse(readText('1password-audit_events/test-auditevents.json'));
    assert.ok(isRecord(document) && Array.isArray(document['events']));
    const records = document['events'].map((event: unknown) => {
      assert.ok(isRecord(event) && typeof event['message'] === 'string');
      const parsed: unknown = JSON.parse(event['message']);
      assert.ok(isRecord(parsed));
      return parsed;
    });
    expectRows(classifyJson(records, 'generic-json'), [
      [ACCOUNT, null],
      [ACCOUNT, null],
    ]);
  });
});

describe('classifyEvent on the Kubernetes audit sample', () => {
  const records = jsonLines('kubernetes-audit_logs/test-audit.log');

  it('three API-server events: a pod read and two lease reads, all 200, none categorised', () => {
    expectRows(classifyJson(records.slice(0, 3), 'k8s-audit'), [
      [NONE, 'success'],
      [NONE, 'success'],
      [NONE, 'success'],
    ]);
  });

  it('a GKE event (Cloud Audit Log): readyz health check, status code 0', () => {
    expectRows(classifyJson(records.slice(3, 4), 'gcp-audit'), [[NONE, 'success']]);
  });

  it('an AKS export: the event under properties.log is a lease update, 200, not a configuration change', () => {
    const wrapper = records[4];
    assert.ok(wrapper !== undefined);
    const properties = wrapper['properties'];
    assert.ok(isRecord(properties) && isRecord(properties['log']));
    expectRows(classifyJson([properties['log']], 'k8s-audit'), [[NONE, 'success']]);
    // Classified as the Azure record it arrives in, it gives the same answer.
    assert.equal(detectSchema(wrapper), 'azure');
    assert.deepEqual(classifyEvent(wrapper, 'azure'), { categories: [], outcome: 'success' });
  });
});

describe('classifyEvent on the system samples', () => {
  it('system-auth/test-auth.log: sshd sign-ins, sudo, account tools, and one unrecognised line', () => {
    const run = runParser(createSyslogParser(), 'system-auth/test-auth.log');
    assert.deepEqual(run.errorLines, []);
    expectRows(classifyParsed(run.events, 'syslog'), [
      [AUTHN, 'success'], // Accepted publickey for vagrant
      [AUTHN, 'success'], // Accepted password for vagrant
      [AUTHN, 'failure'], // Invalid user test
      [AUTHN, 'failure'], // Failed password for root
      [PRIVILEGE, 'success'], // sudo vagrant → root /bin/ls
      [NONE, null], // Did not receive identification string
      [PRIVILEGE, 'success'], // sudo vagrant → root cat /var/log/secure
      [['authorization', 'privilege-change'], 'failure'], // tsg: user NOT in sudoers
      [ACCOUNT, 'success'], // groupadd: new group apache
      [ACCOUNT, 'success'], // useradd: new user apache
      [AUTHN, 'failure'], // PAM: User not known ... for illegal user test
      [['authentication', 'privilege-change'], 'failure'], // pam_unix(sudo:auth): authentication failure
    ]);
  });

  it('auditd-log/test-auditd-useradd.log: account management; line 17 (no closing quote) is rejected', () => {
    const run = runParser(createAuditdParser(), 'auditd-log/test-auditd-useradd.log');
    assert.deepEqual(run.errorLines, [17]);
    assert.deepEqual(
      run.events.map((event) => event.line),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 21],
    );
    const account: Expected = [ACCOUNT, 'success'];
    expectRows(classifyParsed(run.events, 'auditd'), [
      account, // 1 ADD_GROUP (groupadd, /etc/group)
      account, // 2 ADD_GROUP (/etc/gshadow)
      account, // 3 ADD_GROUP
      account, // 4 ADD_USER
      [AUTHZ, 'success'], // 5 USER_ACCT (pam_tally2)
      account, // 6 USER_CHAUTHTOK (passwd charlie)
      [AUTHN, 'success'], // 7 USER_AUTH (chfn)
      [AUTHZ, 'success'], // 8 USER_ACCT (chfn)
      account, // 9 ADD_GROUP
      account, // 10 DEL_GROUP
      account, // 11 ADD_USER
      account, // 12 DEL_USER
      account, // 13 USER_CHAUTHTOK updating-password
      account, // 14 ACCT_LOCK
      [NONE, 'success'], // 15 USER_LOGOUT
      [NONE, 'success'], // 16 USER_START
      account, // 18 ACCT_UNLOCK
      account, // 19 USER_CHAUTHTOK changing uid
      account, // 20 USER_CHAUTHTOK updating passwd
      [MEMBERSHIP, 'success'], // 21 USER_CHAUTHTOK adding user to shadow group
    ]);
  });

  it('apache-access/test-access-basic.log: no sign-in endpoints or denials; 8 successes, 9 failures', () => {
    const run = runParser(createAccessLogParser(), 'apache-access/test-access-basic.log');
    assert.deepEqual(run.errorLines, []);
    const ok: Expected = [NONE, 'success'];
    const failed: Expected = [NONE, 'failure'];
    expectRows(classifyParsed(run.events, 'access-log'), [
      failed, // 404 /favicon.ico
      failed, // 404 /hello
      failed, // 408 "-"
      failed, // 404 /stringpatch
      ok, // 200 /status
      failed, // 408 "-"
      ok, // 200 (7-13)
      ok,
      ok,
      ok,
      ok,
      ok,
      ok,
      failed, // 400 (14-17)
      failed,
      failed,
      failed,
    ]);
  });

  it('nginx-access/test-access.log: GETs only; 200/304/206 succeed, 404s fail', () => {
    const run = runParser(createAccessLogParser(), 'nginx-access/test-access.log');
    assert.deepEqual(run.errorLines, []);
    const ok: Expected = [NONE, 'success'];
    const failed: Expected = [NONE, 'failure'];
    expectRows(classifyParsed(run.events, 'access-log'), [ok, failed, failed, ok, failed, failed, failed, failed, failed, ok, ok, failed, ok, ok]);
  });
});

describe('classifyEvent over the whole corpus', () => {
  it('no sample records data access, configuration changes outside GitHub, or logging control', () => {
    // Runs after the suites above (node:test runs them in order) and totals what they classified.
    assert.equal(tally.length, 104);
    const counts = Object.fromEntries(EVENT_CATEGORIES.map((category) => [category, tally.filter(([categories]) => categories.includes(category)).length]));
    assert.deepEqual(counts, {
      authentication: 18,
      authorization: 4,
      'account-change': 28,
      'privilege-change': 11,
      'data-access': 0,
      'configuration-change': 10,
      'logging-control': 0,
    });
    const outcomes = { success: 0, failure: 0, none: 0 };
    for (const [, outcome] of tally) outcomes[outcome ?? 'none'] += 1;
    assert.deepEqual(outcomes, { success: 54, failure: 26, none: 24 });
  });
});
