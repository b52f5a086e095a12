// Benchmarks (figures, not tests): `npm run bench`. Generates data under bench/.data/ (ignored by
// git), then measures the JSON-lines reader's throughput and memory at two sizes, and a full scan
// of a synthetic estate. Numbers depend on the machine; compare runs on the same one.
import { mkdirSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { readJsonLines } from '../dist/logs/read-jsonl.js';
import { loadRules } from '../dist/rules/load-packs.js';
import { scan } from '../dist/scan.js';

const here = dirname(fileURLToPath(import.meta.url));
const data = join(here, '.data');
rmSync(data, { recursive: true, force: true });
mkdirSync(data, { recursive: true });

/** Deterministic pseudo-random numbers (same data every run). */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

async function writeAuditLog(path, lines) {
  const rand = rng(42);
  const out = createWriteStream(path);
  const verbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
  const resources = ['pods', 'secrets', 'configmaps', 'deployments', 'services', 'nodes'];
  for (let i = 0; i < lines; i++) {
    const verb = verbs[Math.floor(rand() * verbs.length)];
    const resource = resources[Math.floor(rand() * resources.length)];
    const ts = new Date(Date.UTC(2026, 10, 1) + i * 137).toISOString();
    const event = {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: 'Metadata',
      auditID: `a-${i.toString(16).padStart(8, '0')}`,
      stage: 'ResponseComplete',
      requestURI: `/api/v1/namespaces/ns-${i % 50}/${resource}`,
      verb,
      user: { username: `user-${Math.floor(rand() * 500)}@example.com`, groups: ['system:authenticated'] },
      sourceIPs: [`10.${i % 256}.${(i >> 8) % 256}.${Math.floor(rand() * 254) + 1}`],
      objectRef: { resource, namespace: `ns-${i % 50}`, apiVersion: 'v1' },
      responseStatus: { metadata: {}, code: rand() < 0.97 ? 200 : 403 },
      requestReceivedTimestamp: ts,
      stageTimestamp: ts,
    };
    if (!out.write(`${JSON.stringify(event)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function measureReader(lines) {
  const path = join(data, `audit-${lines}.log`);
  await writeAuditLog(path, lines);
  const bytes = statSync(path).size;
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const start = process.hrtime.bigint();
  const summary = await readJsonLines(path);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const mb = bytes / 1024 / 1024;
  console.log(
    `reader  ${String(lines).padStart(9)} lines  ${mb.toFixed(1).padStart(7)} MiB  ${seconds.toFixed(2).padStart(6)} s  ` +
      `${(mb / seconds).toFixed(1).padStart(6)} MiB/s  ${Math.round(summary.events / seconds).toLocaleString('en-US').padStart(9)} events/s  ` +
      `RSS growth ${((peak - rssBefore) / 1024 / 1024).toFixed(1)} MiB`,
  );
  rmSync(path);
}

function writeEstate(root, nodes) {
  const policy = `apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [RequestReceived]\nrules:\n- level: Metadata\n  resources:\n  - group: ""\n    resources: [secrets, configmaps]\n- level: RequestResponse\n  verbs: [create, update, patch, delete]\n- level: Metadata\n`;
  for (let n = 0; n < nodes; n++) {
    const base = join(root, `node-${n}`);
    mkdirSync(join(base, 'etc/kubernetes/manifests'), { recursive: true });
    mkdirSync(join(base, 'var/log/kubernetes/audit'), { recursive: true });
    writeFileSync(join(base, 'etc/kubernetes/audit-policy.yaml'), policy);
    writeFileSync(
      join(base, 'etc/kubernetes/manifests/kube-apiserver.yaml'),
      `apiVersion: v1\nkind: Pod\nmetadata: { name: kube-apiserver, namespace: kube-system }\nspec:\n  containers:\n  - name: kube-apiserver\n    command:\n    - kube-apiserver\n    - --audit-policy-file=/etc/kubernetes/audit-policy.yaml\n    - --audit-log-path=/var/log/kubernetes/audit/audit.log\n    - --audit-log-maxage=${n % 60}\n    - --audit-log-maxbackup=10\n    - --audit-log-maxsize=100\n    volumeMounts:\n    - { name: audit, mountPath: /var/log/kubernetes/audit }\n  volumes:\n  - { name: audit, hostPath: { path: /var/log/kubernetes/audit } }\n`,
    );
    const lines = [];
    for (let i = 0; i < 200; i++) {
      lines.push(JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', auditID: `${n}-${i}`, verb: 'get', user: { username: 'u' }, sourceIPs: ['10.0.0.1'], responseStatus: { code: 200 }, requestReceivedTimestamp: '2026-11-01T00:00:00.000000Z' }));
    }
    writeFileSync(join(base, 'var/log/kubernetes/audit/audit.log'), `${lines.join('\n')}\n`);
  }
}

async function measureScan(nodes) {
  const root = join(data, `estate-${nodes}`);
  writeEstate(root, nodes);
  const rules = loadRules();
  const start = process.hrtime.bigint();
  const { result } = await scan({ roots: [root], rules, cwd: root });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(
    `scan    ${String(nodes).padStart(5)} nodes  ${String(result.inventory.length).padStart(5)} files  ${String(result.findings.length).padStart(6)} findings  ` +
      `${seconds.toFixed(2).padStart(6)} s  ${((result.inventory.length / seconds) | 0).toLocaleString('en-US')} files/s`,
  );
  rmSync(root, { recursive: true, force: true });
}

console.log(`ztmm bench · node ${process.version} · ${process.platform}/${process.arch}`);
await measureReader(100_000);
await measureReader(1_000_000);
await measureScan(50);
await measureScan(500);
rmSync(data, { recursive: true, force: true });
