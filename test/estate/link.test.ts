import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readAuditPolicy } from '../../src/adapters/k8s-audit-policy.js';
import { readKubeApiservers } from '../../src/adapters/kube-apiserver.js';
import { parseStructured } from '../../src/documents/yaml-document.js';
import { link } from '../../src/estate/link.js';
import type { LinkInput } from '../../src/estate/link.js';
import type { LogReadResult } from '../../src/logs/read-log.js';
import { SEMANTIC_FIELDS } from '../../src/model/estate.js';
import { EVENT_CATEGORIES } from '../../src/logs/categories.js';

function apiserver(flags: string[], mounts = true) {
  const yaml = `kind: Pod
metadata: { name: kube-apiserver, namespace: kube-system }
spec:
  containers:
  - name: kube-apiserver
    command:
    - kube-apiserver
${flags.map((f) => `    - ${f}`).join('\n')}
${mounts ? `    volumeMounts:
    - { name: logs, mountPath: /var/log/kubernetes/audit }
    - { name: policy, mountPath: /etc/kubernetes/audit-policy.yaml }
  volumes:
  - { name: logs, hostPath: { path: /var/log/kubernetes/audit } }
  - { name: policy, hostPath: { path: /etc/kubernetes/audit-policy.yaml } }` : ''}
`;
  const doc = parseStructured('etc/kubernetes/manifests/kube-apiserver.yaml', yaml).documents[0];
  assert.ok(doc);
  return readKubeApiservers(doc);
}

function policy(path: string) {
  const doc = parseStructured(path, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n').documents[0];
  assert.ok(doc);
  return readAuditPolicy(doc);
}

const summary = (events: number, ids: [string, number | null][] = []): LogReadResult => ({
  format: 'jsonl',
  formats: { jsonl: events },
  compressed: false,
  sampling: { sampled: false, bytesRead: 100, fileBytes: 100 },
  schema: 'k8s-audit',
  schemas: { 'k8s-audit': events },
  lines: events,
  events,
  parseErrors: 0,
  errorLines: [],
  errorOffsets: [],
  firstError: null,
  structuredRatio: 1,
  fields: Object.fromEntries(SEMANTIC_FIELDS.map((f) => [f, 1])) as LogReadResult['fields'],
  timestamps: { parseable: 1, withZone: 1, utc: 1, precision: 6, outOfOrder: 0, future: 0, first: null, last: null, spanSeconds: null, longestGapSeconds: null },
  actors: { distinct: 1, capped: false },
  outcomes: { success: events, failure: 0, unknown: 0 },
  categories: Object.fromEntries(EVENT_CATEGORIES.map((c) => [c, { events: 0, success: 0, failure: 0, outcomeKnown: 0, actor: 0, sourceAddress: 0 }])) as LogReadResult['categories'],
  correlation: { withId: ids.length, ids },
  secrets: { total: 0, credentials: 0, byKind: {}, examples: [] },
});

function input(over: Partial<LinkInput>): LinkInput {
  return { apiservers: [], policies: [], samples: [], errors: new Map(), files: [], ...over };
}

const FLAGS = ['--audit-log-path=/var/log/kubernetes/audit/audit.log', '--audit-log-maxage=30', '--audit-policy-file=/etc/kubernetes/audit-policy.yaml'];

describe('link', () => {
  test('apiserver → policy by path, audit source, local sink, route, linked sample', () => {
    const files = ['etc/kubernetes/audit-policy.yaml', 'etc/kubernetes/manifests/kube-apiserver.yaml', 'var/log/kubernetes/audit/audit.log', 'var/log/app.log'];
    const out = link(
      input({
        apiservers: apiserver(FLAGS),
        policies: [policy('etc/kubernetes/audit-policy.yaml')],
        samples: [
          { path: 'var/log/kubernetes/audit/audit.log', summary: summary(3) },
          { path: 'var/log/app.log', summary: { ...summary(2), schema: 'generic-json' } },
        ],
        files,
      }),
    );
    const api = out.subjects.find((s) => s.kind === 'kube-apiserver');
    assert.deepEqual((api?.facts.policy as Record<string, unknown>).resolved, true);
    assert.equal(api?.facts.logOnHost, true);
    const [source] = out.estate.sources;
    assert.equal(source?.id, 'kube-apiserver-audit:etc/kubernetes/manifests/kube-apiserver.yaml#Pod/kube-system/kube-apiserver');
    assert.equal(source?.retentionDays, 30);
    assert.equal(source?.centralized, null, 'no shipper seen: unknown, not false');
    assert.deepEqual(out.estate.sinks.map((s) => [s.kind, s.remote, s.retentionDays]), [['local-file', false, 30]]);
    assert.equal(out.estate.routes[0]?.from, source?.id);
    const linked = out.estate.samples.find((s) => s.path.endsWith('audit.log'));
    assert.equal(linked?.source, source?.id);
    assert.deepEqual(linked?.pillars, ['identity', 'applications', 'data']);
    const other = out.estate.samples.find((s) => s.path === 'var/log/app.log');
    assert.equal(other?.source, null);
    assert.deepEqual(other?.pillars, ['applications']);
    const sourceSubject = out.subjects.find((s) => s.kind === 'source');
    assert.equal(sourceSubject?.facts.samples, 1);
    assert.equal(sourceSubject?.facts.sampleEvents, 3);
  });
  test('with a backup count, retention depends on volume: unknown', () => {
    const out = link(input({ apiservers: apiserver([...FLAGS, '--audit-log-maxbackup=10']) }));
    assert.equal(out.estate.sources[0]?.retentionDays, null);
    assert.equal(out.estate.sinks[0]?.retentionDays, null);
  });
  test('a named file that is not a Policy resolves to false', () => {
    const out = link(input({ apiservers: apiserver(FLAGS), files: ['etc/kubernetes/audit-policy.yaml'] }));
    assert.deepEqual(out.subjects.find((s) => s.kind === 'kube-apiserver')?.facts.policy, {
      resolved: false,
      path: 'etc/kubernetes/audit-policy.yaml',
      reason: 'etc/kubernetes/audit-policy.yaml is not an audit Policy',
    });
  });
  test('a webhook backend makes the source centralized', () => {
    const out = link(input({ apiservers: apiserver(['--audit-webhook-config-file=/etc/kubernetes/webhook.yaml']) }));
    assert.equal(out.estate.sources[0]?.centralized, true);
    assert.deepEqual(out.estate.sinks.map((s) => s.kind), ['webhook']);
  });
  test('a log path outside any hostPath mount stays in the container: not centralized, not on the node', () => {
    const out = link(input({ apiservers: apiserver(['--audit-log-path=/tmp/audit.log']) }));
    assert.equal(out.estate.sources[0]?.centralized, false);
    assert.equal(out.subjects.find((s) => s.kind === 'kube-apiserver')?.facts.logOnHost, false);
  });
  test('a policy file that does not parse makes policy facts unreadable', () => {
    const out = link(
      input({ apiservers: apiserver(FLAGS), errors: new Map([['etc/kubernetes/audit-policy.yaml', '3:1: bad indentation']]), files: ['etc/kubernetes/audit-policy.yaml'] }),
    );
    const api = out.subjects.find((s) => s.kind === 'kube-apiserver');
    assert.match(api?.unreadable.policy ?? '', /bad indentation/);
  });
  test('a policy path that resolves to nothing stays unresolved', () => {
    const out = link(input({ apiservers: apiserver(FLAGS), files: ['README.md'] }));
    assert.equal(out.estate.sources[0]?.retentionDays, 30, 'maxage without a backup count bounds retention');
    assert.deepEqual(out.subjects.find((s) => s.kind === 'kube-apiserver')?.facts.policy, {
      resolved: null,
      path: null,
      reason: '/etc/kubernetes/audit-policy.yaml is not in the scanned inputs',
    });
  });
  test('no audit flags: a subject but no source', () => {
    const out = link(input({ apiservers: apiserver(['--secure-port=6443'], false) }));
    assert.equal(out.estate.sources.length, 0);
    assert.equal(out.subjects.length, 1);
  });
});

test('an export of several nodes links each apiserver to its own policy and log', () => {
  const node = (n: number) => {
    const yaml = `kind: Pod
metadata: { name: kube-apiserver, namespace: kube-system }
spec:
  containers:
  - name: kube-apiserver
    command: [kube-apiserver, --audit-log-path=/var/log/kubernetes/audit/audit.log, --audit-policy-file=/etc/kubernetes/audit-policy.yaml]
    volumeMounts: [{ name: logs, mountPath: /var/log/kubernetes/audit }]
  volumes: [{ name: logs, hostPath: { path: /var/log/kubernetes/audit } }]
`;
    const doc = parseStructured(`node-${n}/etc/kubernetes/manifests/kube-apiserver.yaml`, yaml).documents[0];
    assert.ok(doc);
    return readKubeApiservers(doc);
  };
  const out = link(
    input({
      apiservers: [...node(1), ...node(2)],
      policies: [policy('node-1/etc/kubernetes/audit-policy.yaml'), policy('node-2/etc/kubernetes/audit-policy.yaml')],
      samples: [
        { path: 'node-1/var/log/kubernetes/audit/audit.log', summary: summary(1) },
        { path: 'node-2/var/log/kubernetes/audit/audit.log', summary: summary(2) },
      ],
      files: ['node-1/etc/kubernetes/audit-policy.yaml', 'node-2/etc/kubernetes/audit-policy.yaml'],
    }),
  );
  const apis = out.subjects.filter((s) => s.kind === 'kube-apiserver');
  assert.deepEqual(apis.map((a) => (a.facts.policy as { path: string }).path), ['node-1/etc/kubernetes/audit-policy.yaml', 'node-2/etc/kubernetes/audit-policy.yaml']);
  assert.deepEqual(
    out.estate.samples.map((s) => [s.path, s.source]),
    [
      ['node-1/var/log/kubernetes/audit/audit.log', 'kube-apiserver-audit:node-1/etc/kubernetes/manifests/kube-apiserver.yaml#Pod/kube-system/kube-apiserver'],
      ['node-2/var/log/kubernetes/audit/audit.log', 'kube-apiserver-audit:node-2/etc/kubernetes/manifests/kube-apiserver.yaml#Pod/kube-system/kube-apiserver'],
    ],
  );
});

test('samples that share correlation ids know of each other, and the clock offset between them', () => {
  const t = Date.UTC(2026, 10, 20, 10);
  const out = link(
    input({
      samples: [
        { path: 'a.log', summary: summary(3, [['req-1', t], ['req-2', t + 1000], ['req-3', t + 2000]]) },
        { path: 'b.log', summary: summary(3, [['req-1', t + 250], ['req-2', t + 1250], ['req-3', t + 9000], ['req-9', null]]) },
        { path: 'c.log', summary: summary(1, [['req-7', t]]) },
      ],
    }),
  );
  const a = out.estate.samples.find((s) => s.path === 'a.log')?.correlation;
  assert.deepEqual(a, { withId: 3, sharedWith: ['sample:b.log'], clockOffsets: [{ sample: 'sample:b.log', sharedIds: 3, medianOffsetSeconds: 0.25 }] });
  const b = out.estate.samples.find((s) => s.path === 'b.log')?.correlation;
  assert.deepEqual(b?.clockOffsets, [{ sample: 'sample:a.log', sharedIds: 3, medianOffsetSeconds: -0.25 }]);
  assert.deepEqual(out.estate.samples.find((s) => s.path === 'c.log')?.correlation, { withId: 1, sharedWith: [], clockOffsets: [] });
});
