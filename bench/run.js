// Benchmarks (figures, not tests): `npm run bench`. Generates its own data under bench/.data/
// (ignored by git; BENCH_GIB and BENCH_LARGE_GIB set the sizes, default 1 and 4), then prints:
// full-scan throughput against a bare read-split-JSON.parse loop, with one and two jobs; peak RSS
// at both sizes; the default sampled scan of the large file; the same for a gzip file; and a scan
// of a synthetic estate. Numbers depend on the machine; compare runs on the same one.
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { loadRules } from '../dist/rules/load-packs.js';
import { scan } from '../dist/scan.js';

const here = dirname(fileURLToPath(import.meta.url));
const data = join(here, '.data');
mkdirSync(data, { recursive: true });
const GIB = 1024 ** 3;
const smallGiB = Number(process.env.BENCH_GIB ?? '1');
const largeGiB = Number(process.env.BENCH_LARGE_GIB ?? '4');

/** Kubernetes audit events, one per line, deterministic; written in large buffers. */
async function writeAuditLog(path, bytes) {
  if (existsSync(path) && statSync(path).size >= bytes) return;
  const out = createWriteStream(path);
  const verbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
  const resources = ['pods', 'secrets', 'configmaps', 'deployments', 'services', 'nodes'];
  const t0 = Date.UTC(2026, 10, 1);
  let written = 0;
  for (let i = 0; written < bytes; ) {
    let buffer = '';
    for (let j = 0; j < 20_000; j++, i++) {
      const ts = new Date(t0 + i * 7).toISOString();
      const verb = verbs[i % 7];
      const resource = resources[(i >> 3) % 6];
      buffer += `{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a-${i.toString(16)}","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/ns-${i % 50}/${resource}","verb":"${verb}","user":{"username":"user-${i % 500}@example.com","groups":["system:authenticated"]},"sourceIPs":["10.${i & 255}.${(i >> 8) & 255}.${(i % 254) + 1}"],"objectRef":{"resource":"${resource}","namespace":"ns-${i % 50}","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":${i % 37 === 0 ? 403 : 200}},"requestReceivedTimestamp":"${ts}","stageTimestamp":"${ts}"}\n`;
    }
    written += Buffer.byteLength(buffer);
    if (!out.write(buffer)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function measure(file, mode, jobs = 1) {
  const out = execFileSync(process.execPath, [join(here, 'measure.js'), file, mode, String(jobs)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim());
}

const mib = (bytes) => bytes / 1024 / 1024;
const line = (label, text) => console.log(`${label.padEnd(34)}${text}`);

console.log(`ztmm bench · node ${process.version} · ${process.platform}/${process.arch}`);
// BENCH_ONLY=iac runs only the cloud IaC figures (no multi-GiB logs are written).
const only = process.env.BENCH_ONLY ?? '';
if (only === '' || only === 'logs') {
const small = join(data, `audit-${smallGiB}g.log`);
const large = join(data, `audit-${largeGiB}g.log`);
const gz = join(data, `audit-${smallGiB}g.log.gz`);
await writeAuditLog(small, smallGiB * GIB);
const size = mib(statSync(small).size);

const bare = measure(small, 'bare');
const parseFloor = measure(small, 'parse');
const secretsFloor = measure(small, 'parse-secrets');
const full1 = measure(small, 'full', 1);
const full2 = measure(small, 'full', 2);
const rate = (m) => size / (m.ms / 1000);
line(`bare loop, ${size.toFixed(0)} MiB`, `${(bare.ms / 1000).toFixed(2)} s  ${rate(bare).toFixed(1)} MiB/s  ${bare.events.toLocaleString('en-US')} lines`);
line('floor: split + JSON.parse', `${(parseFloor.ms / 1000).toFixed(2)} s  ${rate(parseFloor).toFixed(1)} MiB/s  ${(rate(parseFloor) / rate(bare)).toFixed(2)}x bare`);
line('floor: + secret detection', `${(secretsFloor.ms / 1000).toFixed(2)} s  ${rate(secretsFloor).toFixed(1)} MiB/s  ${(rate(secretsFloor) / rate(bare)).toFixed(2)}x bare`);
line('ztmm --full --jobs 1', `${(full1.ms / 1000).toFixed(2)} s  ${rate(full1).toFixed(1)} MiB/s  ${(rate(full1) / rate(bare)).toFixed(2)}x bare  peak RSS ${full1.maxRssMiB} MiB`);
line('ztmm --full --jobs 2', `${(full2.ms / 1000).toFixed(2)} s  ${rate(full2).toFixed(1)} MiB/s  ${(rate(full2) / rate(bare)).toFixed(2)}x bare  peak RSS ${full2.maxRssMiB} MiB`);

await writeAuditLog(large, largeGiB * GIB);
const sizeLarge = mib(statSync(large).size);
const fullLarge = measure(large, 'full', 2);
const sampledLarge = measure(large, 'sampled', 1);
line(`ztmm --full --jobs 2, ${(sizeLarge / 1024).toFixed(1)} GiB`, `${(fullLarge.ms / 1000).toFixed(2)} s  peak RSS ${fullLarge.maxRssMiB} MiB`);
line(`ztmm sampled (default), ${(sizeLarge / 1024).toFixed(1)} GiB`, `${(sampledLarge.ms / 1000).toFixed(2)} s  ${sampledLarge.events.toLocaleString('en-US')} events read  peak RSS ${sampledLarge.maxRssMiB} MiB`);

if (!existsSync(gz)) await pipeline(createReadStream(small), createGzip({ level: 1 }), createWriteStream(gz));
const gzFull = measure(gz, 'full', 1);
line(`ztmm gzip (${mib(statSync(gz).size).toFixed(0)} MiB compressed)`, `${(gzFull.ms / 1000).toFixed(2)} s  ${(size / (gzFull.ms / 1000)).toFixed(1)} MiB/s of log  peak RSS ${gzFull.maxRssMiB} MiB`);

}

// A synthetic estate of control-plane nodes: manifests, policies, audit log samples.
function writeEstate(root, nodes) {
  const policy = `apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [RequestReceived]\nrules:\n- level: Metadata\n  resources:\n  - group: ""\n    resources: [secrets, configmaps]\n- level: RequestResponse\n  verbs: [create, update, patch, delete]\n- level: Metadata\n`;
  for (let n = 0; n < nodes; n++) {
    const base = join(root, `node-${n}`);
    mkdirSync(join(base, 'etc/kubernetes/manifests'), { recursive: true });
    mkdirSync(join(base, 'var/log/kubernetes/audit'), { recursive: true });
    writeFileSync(join(base, 'etc/kubernetes/audit-policy.yaml'), policy);
    writeFileSync(
      join(base, 'etc/kubernetes/manifests/kube-apiserver.yaml'),
      `apiVersion: v1\nkind: Pod\nmetadata: { name: kube-apiserver, namespace: kube-system }\nspec:\n  containers:\n  - name: kube-apiserver\n    command:\n    - kube-apiserver\n    - --audit-policy-file=/etc/kubernetes/audit-policy.yaml\n    - --audit-log-path=/var/log/kubernetes/audit/audit.log\n    - --audit-log-maxage=${n % 60}\n    - --audit-log-maxsize=100\n    volumeMounts:\n    - { name: audit, mountPath: /var/log/kubernetes/audit }\n  volumes:\n  - { name: audit, hostPath: { path: /var/log/kubernetes/audit } }\n`,
    );
    const lines = [];
    for (let i = 0; i < 200; i++) {
      lines.push(JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', auditID: `${n}-${i}`, verb: 'get', user: { username: 'u' }, sourceIPs: ['10.0.0.1'], responseStatus: { code: 200 }, requestReceivedTimestamp: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString() }));
    }
    writeFileSync(join(base, 'var/log/kubernetes/audit/audit.log'), `${lines.join('\n')}\n`);
  }
}
for (const nodes of only === '' || only === 'logs' ? [50, 500] : []) {
  const root = join(data, `estate-${nodes}`);
  rmSync(root, { recursive: true, force: true });
  writeEstate(root, nodes);
  const start = process.hrtime.bigint();
  const { result } = await scan({ roots: [root], rules: loadRules(), cwd: root });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  line(`scan, ${nodes} nodes`, `${seconds.toFixed(2)} s  ${result.inventory.length} files  ${result.findings.length} findings`);
  rmSync(root, { recursive: true, force: true });
}

// Cloud IaC: one Terraform root per account calling a local audit module (a trail, its Object
// Lock bucket with a lifecycle, a log group, fifteen CIS alarms through for_each, five VPCs with
// flow logs through count), so parsing, module evaluation, extraction and linking are all timed.
function writeAccounts(root, accounts) {
  const module = join(root, 'modules/audit');
  mkdirSync(module, { recursive: true });
  writeFileSync(join(module, 'variables.tf'), 'variable "name" {}\nvariable "retention_days" { default = 400 }\nvariable "vpcs" { default = 5 }\n');
  const concerns = ['unauthorized', 'nomfa', 'root', 'iam', 'trail', 'authfail', 'kms', 's3', 'config', 'sg', 'nacl', 'gw', 'route', 'vpc', 'org'];
  writeFileSync(
    join(module, 'main.tf'),
    `resource "aws_cloudtrail" "this" {\n  name = "\${var.name}-trail"\n  s3_bucket_name = aws_s3_bucket.trail.id\n  is_multi_region_trail = true\n  enable_log_file_validation = true\n  kms_key_id = aws_kms_key.trail.arn\n  cloud_watch_logs_group_arn = "\${aws_cloudwatch_log_group.trail.arn}:*"\n  cloud_watch_logs_role_arn = "arn:aws:iam::111122223333:role/trail"\n}\n` +
      `resource "aws_kms_key" "trail" {\n  enable_key_rotation = true\n}\n` +
      `resource "aws_cloudwatch_log_group" "trail" {\n  name = "/aws/cloudtrail/\${var.name}"\n  retention_in_days = var.retention_days\n}\n` +
      `resource "aws_s3_bucket" "trail" {\n  bucket = "\${var.name}-trail"\n  object_lock_enabled = true\n}\n` +
      `resource "aws_s3_bucket_object_lock_configuration" "trail" {\n  bucket = aws_s3_bucket.trail.id\n  rule {\n    default_retention {\n      mode = "COMPLIANCE"\n      days = var.retention_days\n    }\n  }\n}\n` +
      `resource "aws_s3_bucket_lifecycle_configuration" "trail" {\n  bucket = aws_s3_bucket.trail.id\n  rule {\n    id = "expire"\n    status = "Enabled"\n    expiration {\n      days = var.retention_days\n    }\n  }\n}\n` +
      `locals {\n  concerns = toset([${concerns.map((c) => `"${c}"`).join(', ')}])\n}\n` +
      `resource "aws_cloudwatch_log_metric_filter" "cis" {\n  for_each = local.concerns\n  name = each.key\n  log_group_name = aws_cloudwatch_log_group.trail.name\n  pattern = "{ $.eventName = \\"\${each.key}\\" }"\n  metric_transformation {\n    name = each.key\n    namespace = "CIS"\n    value = "1"\n  }\n}\n` +
      `resource "aws_cloudwatch_metric_alarm" "cis" {\n  for_each = local.concerns\n  alarm_name = each.key\n  metric_name = each.key\n  namespace = "CIS"\n  comparison_operator = "GreaterThanOrEqualToThreshold"\n  evaluation_periods = 1\n  threshold = 1\n}\n` +
      `resource "aws_vpc" "this" {\n  count = var.vpcs\n  cidr_block = "10.\${count.index}.0.0/16"\n}\n` +
      `resource "aws_flow_log" "this" {\n  count = var.vpcs\n  vpc_id = aws_vpc.this[count.index].id\n  traffic_type = "ALL"\n  log_destination = aws_cloudwatch_log_group.trail.arn\n}\n`,
  );
  for (let a = 0; a < accounts; a++) {
    const live = join(root, `accounts/acct-${a}`);
    mkdirSync(live, { recursive: true });
    writeFileSync(join(live, 'main.tf'), `module "audit" {\n  source = "../../modules/audit"\n  name = "acct-${a}"\n}\n`);
  }
}
for (const accounts of only === '' || only === 'iac' ? [50, 200] : []) {
  const root = join(data, `iac-${accounts}`);
  rmSync(root, { recursive: true, force: true });
  writeAccounts(root, accounts);
  const start = process.hrtime.bigint();
  const { result } = await scan({ roots: [root], rules: loadRules(), cwd: root });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const sources = result.estate.sources.length;
  line(`scan, ${accounts} Terraform accounts`, `${seconds.toFixed(2)} s  ${result.inventory.length} files  ${sources} audit streams  ${result.findings.length} findings  peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
  rmSync(root, { recursive: true, force: true });
}
if (process.env.BENCH_KEEP !== '1') rmSync(data, { recursive: true, force: true });
