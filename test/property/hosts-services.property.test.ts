/**
 * Properties of the host and service readers (logrotate, sshd_config, chrony/ntp/timesyncd,
 * Docker daemon.json, Vault audit device exports, Kubernetes audit webhook kubeconfigs): on
 * arbitrary text or data and on mutated real configs (the rule fixtures) they never throw, always
 * return a well-formed ConfigRead (problems and unknowns with 1-based positions inside the file,
 * facts that are plain data), never pollute prototypes, never copy a secret, and finish within
 * the time bound. Claims never throw and text readers never take YAML or JSON names.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { claimsAuditWebhook, readAuditWebhook } from '../../src/adapters/audit-webhook.js';
import type { ReadContext, TextFile } from '../../src/adapters/config-adapter.js';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import { claimsDockerDaemon, readDockerDaemon } from '../../src/adapters/docker-daemon.js';
import { parseLogrotate } from '../../src/adapters/hosts/logrotate-grammar.js';
import { MAX_STANZAS, claimsLogrotate, readLogrotate } from '../../src/adapters/logrotate.js';
import { claimsSshd, readSshd } from '../../src/adapters/sshd.js';
import { TIME_SYNC_TEXT, readTimeSync } from '../../src/adapters/time-sync.js';
import { claimsVaultAudit, readVaultAudit } from '../../src/adapters/vault-audit.js';
import { parseStructured } from '../../src/documents/yaml-document.js';
import type { StructuredDocument } from '../../src/documents/yaml-document.js';
import type { ConfigRead } from '../../src/model/pipeline.js';
import { CANARY_TOKEN, anyText, assertNoPollution, assertReadShape, containsCanary, fixtureTexts, jsonish, mutatedText, prototypeKeys, runs, timed } from './support.js';

const baseline = prototypeKeys();
after(() => assertNoPollution(baseline));

function samples(match: RegExp, extra: readonly string[] = []): string[] {
  return [...fixtureTexts(match), ...extra];
}

const LOGROTATE = samples(/logrotate\.d\//, ['weekly\nrotate 4\ncreate\ninclude /etc/logrotate.d\n/var/log/wtmp {\n    monthly\n    minsize 1M\n    rotate 1\n}\n']);
const SSHD = samples(/sshd_config/, ['Include /etc/ssh/sshd_config.d/*.conf\nLogLevel VERBOSE\nMatch User anoncvs\n\tX11Forwarding no\n\tLogLevel QUIET\n']);
const TIME = samples(/(chrony|ntp)\.conf$/, ['[Time]\nNTP=a.example b.example\nFallbackNTP=c \\\n d\n#RootDistanceMaxSec=5\n']);
const DOCKER = samples(/daemon\.json$/);
const VAULT = samples(/vault\/audit-devices\./);
const WEBHOOK = samples(/audit-webhook\.kubeconfig$/);

/** A context whose includes return the same (mutated) text again, to exercise include handling. */
function echoContext(text: string): ReadContext {
  let served = 0;
  return {
    include: (pattern) => {
      served += 1;
      if (served > 20) return { files: [], reason: 'enough' };
      const files: TextFile[] = [{ path: `etc/inc/${served}.conf`, text }];
      return { files, reason: pattern.length % 2 === 0 ? null : 'part only' };
    },
  };
}

/** A context that throws: adapters must survive a misbehaving include resolver. */
const THROWING: ReadContext = {
  include: () => {
    throw new Error('boom');
  },
};

function assertWellFormed(read: ConfigRead, path: string, text: string | null, label: string): void {
  const lines = text === null ? Number.MAX_SAFE_INTEGER : text.split(/\r\n|\n|\r/).length;
  assertReadShape(read, path, lines, label);
  for (const p of read.problems) assert.ok(!/[\r\n\u2028\u2029]/.test(p.message), `${label}: one-line message`);
  for (const u of read.unknowns) assert.ok(!/[\r\n]/.test(u.construct), `${label}: one-line construct`);
  for (const subject of read.subjects) {
    // Facts are plain data: they survive a JSON round trip unchanged.
    assert.deepEqual(JSON.parse(JSON.stringify(subject.facts)), subject.facts, `${label}: facts are not plain data`);
    for (const location of Object.values(subject.locations)) assert.ok(location.line >= 1 && location.column >= 1, label);
    assert.ok(subject.declaredAt.line >= 1, label);
  }
  for (const rotation of read.rotations) assert.ok(rotation.days === null || (Number.isFinite(rotation.days) && rotation.days >= 0), `${label}: days ${rotation.days}`);
  for (const source of read.sources) assert.ok(source.id.startsWith(`${source.system}:${path}`), label);
}

const TEXT_READERS = [
  { name: 'logrotate.d', path: 'etc/logrotate.d/app', read: readLogrotate, real: LOGROTATE },
  { name: 'logrotate.conf', path: 'etc/logrotate.conf', read: readLogrotate, real: LOGROTATE },
  { name: 'sshd_config', path: 'etc/ssh/sshd_config', read: readSshd, real: SSHD },
  { name: 'sshd drop-in', path: 'etc/ssh/sshd_config.d/10-x.conf', read: readSshd, real: SSHD },
  { name: 'chrony', path: 'etc/chrony/chrony.conf', read: readTimeSync, real: TIME },
  { name: 'ntp', path: 'etc/ntp.conf', read: readTimeSync, real: TIME },
  { name: 'timesyncd', path: 'etc/systemd/timesyncd.conf', read: readTimeSync, real: TIME },
] as const;

describe('host and service text readers never throw and stay well-formed', () => {
  for (const reader of TEXT_READERS) {
    test(`${reader.name}: arbitrary text`, () => {
      fc.assert(
        fc.property(anyText(2000), (text) => {
          const read = timed(reader.name, () => reader.read({ path: reader.path, text }, NO_INCLUDES));
          assertWellFormed(read, reader.path, text, reader.name);
        }),
        runs(300),
      );
    });
    test(`${reader.name}: mutated real configs, includes echoing the text or throwing`, () => {
      fc.assert(
        fc.property(mutatedText(reader.real, 6), fc.constantFrom('none', 'echo', 'throw'), (text, mode) => {
          const context = mode === 'echo' ? echoContext(text) : mode === 'throw' ? THROWING : NO_INCLUDES;
          const read = timed(reader.name, () => reader.read({ path: reader.path, text }, context));
          assertWellFormed(read, reader.path, mode === 'echo' ? null : text, reader.name);
        }),
        runs(250),
      );
    });
  }
  test('huge inputs: 200,000 lines read within the time bound', () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => (i % 3 === 0 ? '/var/log/x {' : i % 3 === 1 ? ' rotate 5' : '}')).join('\n');
    const read = timed('logrotate 200k', () => readLogrotate({ path: 'etc/logrotate.d/big', text: lines }, NO_INCLUDES));
    assert.equal(read.subjects.length, MAX_STANZAS);
    assert.equal(read.problems.filter((p) => p.message.includes(`more than ${MAX_STANZAS}`)).length, 1, 'one problem says where reading stopped');
    timed('sshd 200k', () => readSshd({ path: 'etc/ssh/sshd_config', text: 'LogLevel INFO\n'.repeat(200_000) }, NO_INCLUDES));
    timed('chrony 200k', () => readTimeSync({ path: 'etc/chrony.conf', text: 'server a\n'.repeat(200_000) }, NO_INCLUDES));
  });
  test('the logrotate grammar alone: positions are 1-based and inside the text', () => {
    fc.assert(
      fc.property(fc.oneof(anyText(1000), mutatedText(LOGROTATE, 4)), (text) => {
        const lines = text.split(/\r\n|\n|\r/).length;
        const parse = parseLogrotate(text);
        for (const p of [...parse.problems, ...parse.unknown]) assert.ok(p.line >= 1 && p.line <= lines && p.column >= 1, JSON.stringify(p));
      }),
      runs(400),
    );
  });
  test('claims never throw and never take YAML, JSON or log names', () => {
    fc.assert(
      fc.property(anyText(400), fc.constantFrom('a.yaml', 'k8s/x.yml', 'x.json', 'etc/logrotate.d/a.json', 'var/log/syslog.log', 'x.log.gz'), (head, path) => {
        assert.equal(claimsLogrotate(path, head), false);
        assert.equal(claimsSshd(path), false);
        assert.equal(TIME_SYNC_TEXT.claims(path, head), false);
      }),
      runs(300),
    );
  });
});

function fakeDoc(path: string, data: unknown): StructuredDocument {
  return { path, index: 0, data, locate: () => ({ path, line: 1, column: 1 }) };
}

const DOCUMENT_READERS = [
  { name: 'docker daemon.json', path: 'etc/docker/daemon.json', claims: claimsDockerDaemon, read: readDockerDaemon, real: DOCKER },
  { name: 'vault audit export', path: 'exports/vault/audit-devices.json', claims: claimsVaultAudit, read: readVaultAudit, real: VAULT },
  { name: 'audit webhook kubeconfig', path: 'etc/kubernetes/audit-webhook.kubeconfig', claims: claimsAuditWebhook, read: readAuditWebhook, real: WEBHOOK },
] as const;

describe('host and service document readers never throw and stay well-formed', () => {
  for (const reader of DOCUMENT_READERS) {
    test(`${reader.name}: arbitrary data, claimed or not`, () => {
      fc.assert(
        fc.property(jsonish(5), (data) => {
          const claimed = reader.claims(reader.path, data);
          assert.equal(typeof claimed, 'boolean');
          const read = timed(reader.name, () => reader.read(fakeDoc(reader.path, data), NO_INCLUDES));
          assertWellFormed(read, reader.path, null, reader.name);
          assert.ok(!containsCanary(JSON.stringify(read.subjects.map((s) => s.facts))), `${reader.name}: a secret was copied into facts`);
        }),
        runs(400),
      );
    });
    test(`${reader.name}: mutated real files, parsed with positions`, () => {
      fc.assert(
        fc.property(mutatedText(reader.real, 5), (text) => {
          const parsed = parseStructured(reader.path, text);
          for (const doc of parsed.documents) {
            if (!reader.claims(reader.path, doc.data)) continue;
            const read = timed(reader.name, () => reader.read(doc, NO_INCLUDES));
            assertWellFormed(read, reader.path, text, reader.name);
          }
        }),
        runs(300),
      );
    });
  }
  test('secrets in credentials, tokens and URLs are never copied', () => {
    const webhook = readAuditWebhook(
      fakeDoc('audit-webhook.yaml', { apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'c', cluster: { server: `https://u:${CANARY_TOKEN}@h/x?token=${CANARY_TOKEN}` } }], users: [{ name: 'u', user: { token: CANARY_TOKEN } }], contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }], 'current-context': 'x' }),
      NO_INCLUDES,
    );
    assert.ok(!containsCanary(JSON.stringify(webhook)));
    const docker = readDockerDaemon(fakeDoc('etc/docker/daemon.json', { 'log-driver': 'splunk', 'log-opts': { 'splunk-url': `https://x:${CANARY_TOKEN}@hec:8088`, 'splunk-token': CANARY_TOKEN } }), NO_INCLUDES);
    assert.ok(!containsCanary(JSON.stringify(docker)));
  });
});
