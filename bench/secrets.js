// Benchmark (figures, not a test): `npm run build && node bench/secrets.js`.
// Measures findSecrets() on generated ~300-byte JSON log lines: application logs without secrets,
// Kubernetes audit events without secrets (with "authorization.k8s.io" annotations, and ~480-byte
// Metadata-level events without them), and lines carrying one secret each (found and redacted).
// Numbers depend on the machine; compare runs on the same one.
import { findSecrets, redact } from '../dist/logs/secrets.js';

/** Deterministic pseudo-random numbers (same data every run). */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const rand = rng(7);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const hex = (n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
const alnum = (n) => {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: n }, () => a[Math.floor(rand() * a.length)]).join('');
};
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
const ts = (i) => new Date(Date.UTC(2026, 10, 1) + i * 137).toISOString();

function appLine(i) {
  return JSON.stringify({
    time: ts(i),
    level: pick(['info', 'warn', 'error', 'debug']),
    msg: pick(['request completed', 'cache miss', 'upstream timeout', 'order created', 'user signed in']),
    request_id: uuid(),
    method: pick(['GET', 'POST', 'PUT', 'DELETE']),
    path: `/api/v2/orders/${Math.floor(rand() * 1e6)}/items`,
    status: pick([200, 201, 204, 400, 404, 500]),
    duration_ms: Math.round(rand() * 5000) / 10,
    remote_ip: `10.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}`,
    user_agent: 'Mozilla/5.0 (X11; Linux x86_64) curl/8.5.0',
    user: `user-${Math.floor(rand() * 500)}@example.com`,
  });
}

function auditLine(i) {
  return JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: uuid(),
    stage: 'ResponseComplete',
    requestURI: `/api/v1/namespaces/ns-${i % 50}/pods`,
    verb: pick(['get', 'list', 'watch']),
    user: { username: `user-${Math.floor(rand() * 500)}@example.com` },
    sourceIPs: ['10.0.0.1'],
    responseStatus: { code: 200 },
    requestReceivedTimestamp: ts(i),
    annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': '' },
  });
}

/** A Metadata-level audit event as the API server writes it (no annotations, no secret). */
function auditMetadataLine(i) {
  const t = ts(i);
  return JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: `a-${hex(5)}`,
    stage: 'ResponseComplete',
    requestURI: `/api/v1/namespaces/ns-${i % 50}/pods`,
    verb: pick(['get', 'list', 'watch']),
    user: { username: `user-${Math.floor(rand() * 500)}@example.com`, groups: ['system:authenticated'] },
    sourceIPs: [`10.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}`],
    objectRef: { resource: 'pods', namespace: `ns-${i % 50}`, apiVersion: 'v1' },
    responseStatus: { metadata: {}, code: 200 },
    requestReceivedTimestamp: t,
    stageTimestamp: t,
  });
}

function b64url(o) {
  return Buffer.from(JSON.stringify(o)).toString('base64url');
}

function secretLine(i) {
  const base = { time: ts(i), level: 'info', request_id: uuid(), msg: '' };
  switch (i % 8) {
    case 0:
      return JSON.stringify({ ...base, msg: 'login', user: 'bob', password: alnum(14) });
    case 1:
      return JSON.stringify({ ...base, msg: 'call', headers: { Authorization: `Bearer ${alnum(40)}` } });
    case 2:
      return JSON.stringify({ ...base, token: `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: alnum(8) })}.${alnum(43)}` });
    case 3:
      return JSON.stringify({ ...base, msg: `using key AKIA${alnum(16).toUpperCase()}` });
    case 4:
      return JSON.stringify({ ...base, dsn: `postgres://app:${alnum(20)}@db.internal:5432/orders` });
    case 5:
      return JSON.stringify({ ...base, msg: `GET /cb?code=x&access_token=${alnum(30)}&state=1` });
    case 6:
      return JSON.stringify({ ...base, card: '4111 1111 1111 1111' });
    default:
      return JSON.stringify({ ...base, gh: `ghp_${alnum(36)}` });
  }
}

function measure(label, lines, fn) {
  for (let r = 0; r < 3; r++) for (const l of lines) fn(l); // warm-up
  let found = 0;
  const t0 = process.hrtime.bigint();
  const rounds = 5;
  for (let r = 0; r < rounds; r++) for (const l of lines) found += fn(l);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const count = lines.length * rounds;
  const bytes = lines.reduce((a, l) => a + l.length, 0) * rounds;
  console.log(
    `${label.padEnd(40)} ${Math.round(count / s).toLocaleString('en-US').padStart(11)} lines/s ` +
      `${(bytes / s / 1e6).toFixed(1).padStart(7)} MB/s  avg ${Math.round(bytes / count)} B/line  hits ${found / rounds}`,
  );
}

const N = 100_000;
const app = Array.from({ length: N }, (_, i) => appLine(i));
const audit = Array.from({ length: N }, (_, i) => auditLine(i));
const auditMetadata = Array.from({ length: N }, (_, i) => auditMetadataLine(i));
const secret = Array.from({ length: N }, (_, i) => secretLine(i));

measure('app JSON, no secrets', app, (l) => findSecrets(l).length);
measure('k8s audit JSON, no secrets', audit, (l) => findSecrets(l).length);
measure('k8s audit JSON (Metadata), no secrets', auditMetadata, (l) => findSecrets(l).length);
measure('JSON with one secret each', secret, (l) => findSecrets(l).length);
measure('... find + redact', secret, (l) => {
  const hits = findSecrets(l);
  return redact(l, hits).length > 0 ? hits.length : 0;
});
