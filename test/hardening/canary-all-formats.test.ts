/**
 * Secrets are never printed, in any report format (issue 8). Canaries, random on every run, are
 * planted in every kind of input ztmm reads or passes over: JSON lines of each schema (ECS, OCSF,
 * CloudTrail, Kubernetes audit with bearer tokens in annotations and in the request object),
 * syslog (RFC 3164 and 5424), CEF, LEEF, access logs, logfmt, auditd, a pretty-printed JSON
 * document, a gzip log, a kube-apiserver manifest (flags, env values, an etcd URL with a password),
 * the audit webhook kubeconfig, audit policies, shipper configs ztmm skips (Fluent Bit, Vector),
 * YAML that makes the parser warn, and broken lines. The real CLI then writes every format; no
 * output and no stderr holds any canary, while the secrets in logs are still counted.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { ScanResult } from '../../src/model/result.js';
import { spawnCli, writeTree } from '../helpers.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** A random canary: letters and digits (so every detector takes it whole), with a marker in the middle. */
function canary(label: string): string {
  const bytes = randomBytes(22);
  const body = Array.from(bytes, (b) => ALNUM[b % ALNUM.length]).join('');
  return `${body.slice(0, 6)}Cn${label.replace(/[^A-Za-z0-9]/g, '')}${body.slice(6)}`;
}

const FORMATS = ['text', 'json', 'markdown', 'sarif', 'junit', 'html'] as const;

test('canaries planted in every input never reach any output format, and log secrets are still counted', () => {
  const c = {
    ecs: canary('ecs'),
    ocsf: canary('ocsf'),
    cloudtrail: canary('ct'),
    k8sBearer: canary('k8sbearer'),
    k8sToken: canary('k8stoken'),
    syslog3164: canary('s3164'),
    syslog5424: canary('s5424'),
    cef: canary('cef'),
    leef: canary('leef'),
    access: canary('access'),
    logfmt: canary('logfmt'),
    auditd: canary('auditd'),
    document: canary('doc'),
    gzip: canary('gzip'),
    logDb: canary('logdb'),
    broken: canary('broken'),
    longLine: canary('long'),
    flag: canary('flag'),
    env: canary('env'),
    etcd: canary('etcd'),
    webhookUrl: canary('hookurl'),
    webhookToken: canary('hooktoken'),
    policyNote: canary('policynote'),
    policyField: canary('policyfield'),
    fluentBit: canary('fluentbit'),
    fluentBearer: canary('fluentbearer'),
    vector: canary('vector'),
    vectorUrl: canary('vectorurl'),
    yamlKey: canary('yamlkey'),
    configDb: canary('configdb'),
    tfPassword: canary('tfpassword'),
    tfVars: canary('tfvars'),
    tfBroken: canary('tfbroken'),
    cfnNoEcho: canary('cfnnoecho'),
    planSecret: canary('plansecret'),
  };
  const ts = (i: number): string => `2026-11-20T10:00:${String(i).padStart(2, '0')}.000Z`;
  const line = (o: Record<string, unknown>): string => JSON.stringify(o);

  const tree: Record<string, string | Buffer> = {
    // JSON lines of the known schemas.
    'var/log/app/ecs.jsonl': [
      line({ '@timestamp': ts(1), 'ecs.version': '8.11', 'event.action': 'login', 'user.name': 'svc', message: `login for svc password=${c.ecs}` }),
      line({ '@timestamp': ts(2), 'ecs.version': '8.11', 'event.action': 'connect', 'user.name': 'svc', message: `pool ready postgres://app:${c.logDb}@db.internal:5432/payments` }),
      `{"@timestamp":"${ts(3)}","ecs.version":"8.11","message":"cut short","password":"${c.broken}"`,
      line({ '@timestamp': ts(4), 'ecs.version': '8.11', 'event.action': 'upload', message: `blob ${'b'.repeat(600)} secret_key password=${c.longLine}` }),
    ].join('\n'),
    'var/log/ocsf/events.jsonl': line({ time: 1763632800000, class_uid: 3002, category_uid: 3, activity_id: 1, actor: { user: { name: 'bob' } }, unmapped: { api_key: c.ocsf } }) + '\n',
    'var/log/cloudtrail/events.jsonl': line({ eventVersion: '1.08', eventSource: 'iam.amazonaws.com', eventName: 'CreateLoginProfile', eventTime: ts(5), userIdentity: { arn: 'arn:aws:iam::1:user/x' }, requestParameters: { userName: 'x', password: c.cloudtrail } }) + '\n',
    'var/log/kubernetes/audit/audit.log': [
      line({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'RequestResponse', auditID: 'a-1', stage: 'ResponseComplete', requestURI: '/api/v1/namespaces/x/secrets', verb: 'create', user: { username: 'alice' }, sourceIPs: ['10.0.0.1'], objectRef: { resource: 'secrets', namespace: 'x' }, requestObject: { kind: 'Secret', stringData: { token: c.k8sToken } }, requestReceivedTimestamp: ts(6), stageTimestamp: ts(6), annotations: { 'example.com/authorization': `Bearer ${c.k8sBearer}` } }),
    ].join('\n') + '\n',
    // Line formats.
    'var/log/auth.log': `Nov 20 10:00:01 web-1 sshd[311]: Accepted publickey for deploy from 198.51.100.7 port 50022 ssh2\nNov 20 10:00:02 web-1 app[77]: login attempt user=deploy password=${c.syslog3164}\n`,
    'var/log/syslog5424/messages': `<34>1 2026-11-20T10:00:03Z web-1 app 77 ID47 [auth@32473 user="deploy" password="${c.syslog5424}"] login attempt\n`,
    'var/log/fw/cef.log': `CEF:0|Vendor|Gateway|1.0|100|Login|5|suser=bob src=10.0.0.2 password=${c.cef} outcome=success\n`,
    'var/log/qradar/leef.log': `LEEF:2.0|Vendor|Portal|1.0|Login|^|usrName=bob^src=10.0.0.3^password=${c.leef}\n`,
    'var/log/proxy/access.log': `192.0.2.1 - - [20/Nov/2026:10:00:03 +0000] "GET /callback?code=1&access_token=${c.access} HTTP/1.1" 200 12 "-" "curl/8.5"\n`,
    'var/log/worker/events.logfmt.log': `ts=2026-11-20T10:00:04Z level=info msg="connecting" api_key=${c.logfmt}\n`,
    'var/log/audit/audit.log': `type=EXECVE msg=audit(1763632805.000:42): argc=3 a0="mysql" a1="-uroot" a2="--password=${c.auditd}"\ntype=USER_LOGIN msg=audit(1763632806.000:43): pid=1 uid=0 auid=1000 acct="bob" exe="/usr/sbin/sshd" res=success\n`,
    // A pretty-printed JSON document of events, and a gzip log.
    'var/log/export/events.json': JSON.stringify([{ timestamp: ts(7), user: 'carol', action: 'login', password: c.document }, { timestamp: ts(8), user: 'carol', action: 'logout' }], null, 2),
    'var/log/app/rotated.log.gz': gzipSync(line({ '@timestamp': ts(9), 'ecs.version': '8.11', 'user.name': 'svc', message: `refresh token=${c.gzip}` }) + '\n'),
    // Configuration: a kube-apiserver static pod, its webhook kubeconfig and audit policies.
    'etc/kubernetes/manifests/kube-apiserver.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.30.2
    command:
    - kube-apiserver
    - --audit-policy-file=/etc/kubernetes/audit-policy.yaml
    - --audit-log-path=/var/log/kubernetes/audit/audit.log
    - --audit-log-maxage=30
    - --audit-webhook-config-file=/etc/kubernetes/audit-webhook.kubeconfig
    - --oidc-client-secret=${c.flag}
    - --etcd-servers=https://root:${c.etcd}@127.0.0.1:2379
    env:
    - name: DB_PASSWORD
      value: ${c.env}
    - name: DATABASE_URL
      value: postgres://app:${c.configDb}@db.internal:5432/app
    volumeMounts:
    - { name: audit, mountPath: /var/log/kubernetes/audit }
  volumes:
  - { name: audit, hostPath: { path: /var/log/kubernetes/audit } }
`,
    'etc/kubernetes/audit-webhook.kubeconfig': `apiVersion: v1
kind: Config
clusters:
- name: collector
  cluster: { server: "https://ztmm:${c.webhookUrl}@collector.example:8443/audit" }
users:
- name: kube-apiserver
  user: { token: ${c.webhookToken} }
contexts:
- name: default
  context: { cluster: collector, user: kube-apiserver }
current-context: default
`,
    'etc/kubernetes/audit-policy.yaml': `apiVersion: audit.k8s.io/v1
kind: Policy
metadata:
  annotations:
    note: "rotated by ops, password=${c.policyNote}"
rules:
- level: Metadata
  users: "password=${c.policyField}"
- level: RequestResponse
  resources: [{ group: "", resources: [pods, secrets] }]
`,
    // Shipper configurations: read for their routes (endpoints without credentials), never quoted.
    'etc/fluent-bit/fluent-bit.conf': `[OUTPUT]\n    Name  http\n    Match *\n    Host  logs.example\n    HTTP_User ops\n    HTTP_Passwd ${c.fluentBit}\n    Header Authorization Bearer ${c.fluentBearer}\n`,
    // Cloud IaC: a database password, a secret variable from terraform.tfvars, a broken file with a
    // password on the bad line, a CloudFormation NoEcho parameter, and a plan's sensitive value.
    'infra/db/main.tf': `variable "api_token" {}\nresource "aws_db_instance" "main" {\n  engine = "postgres"\n  password = "${c.tfPassword}"\n  enabled_cloudwatch_logs_exports = ["postgresql"]\n  tags = { token = var.api_token }\n}\n`,
    'infra/db/terraform.tfvars': `api_token = "${c.tfVars}"\n`,
    'infra/broken/main.tf': `resource "aws_db_instance" "x" {\n  password = "${c.tfBroken}" +\n}\n`,
    'infra/cfn/template.yaml': `AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  DbPassword:\n    Type: String\n    NoEcho: true\n    Default: ${c.cfnNoEcho}\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      MasterUserPassword: !Ref DbPassword\n      EnableCloudwatchLogsExports: [postgresql]\n`,
    'infra/plan/plan.json': JSON.stringify({ format_version: '1.2', terraform_version: '1.9.0', planned_values: { root_module: { resources: [{ address: 'aws_db_instance.p', mode: 'managed', type: 'aws_db_instance', name: 'p', values: { engine: 'postgres', password: c.planSecret, enabled_cloudwatch_logs_exports: [] } }] } } }),
    'etc/vector/vector.yaml': `sinks:\n  out:\n    type: http\n    uri: "https://ops:${c.vectorUrl}@logs.example/ingest"\n    auth: { strategy: bearer, token: ${c.vector} }\n`,
    // YAML whose parser would warn, quoting the mapping used as a key.
    'etc/kubernetes/odd.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: odd }\ndata:\n  ? { password: ${c.yamlKey} }\n  : value\n`,
  };
  const root = writeTree(tree);
  const out = mkdtempSync(join(tmpdir(), 'ztmm-canary-out-'));
  const outputs: [string, string][] = [];
  try {
    // Every format; then, with lines cut at a small limit (excerpts of cut lines), the main ones again.
    for (const [extra, formats] of [
      [[], FORMATS],
      [['--max-line-length', '256'], ['text', 'json', 'html']],
    ] as const) {
      for (const format of formats) {
        const file = join(out, `report-${format}${extra.length > 0 ? '-limited' : ''}`);
        const toFile = spawnCli(['scan', root, '-f', format, '-o', file, ...extra]);
        assert.notEqual(toFile.code, 2, toFile.stderr);
        outputs.push([`${format} ${extra.join(' ')} stdout`, toFile.stdout], [`${format} ${extra.join(' ')} stderr`, toFile.stderr], [`${format} ${extra.join(' ')} file`, readFileSync(file, 'utf8')]);
      }
    }
    // Reports to stdout, and one with --debug (warnings and stack traces).
    for (const format of ['text', 'markdown']) {
      const run = spawnCli(['scan', root, '-f', format, '--debug']);
      outputs.push([`${format} --debug stdout`, run.stdout], [`${format} --debug stderr`, run.stderr]);
    }
    // A saved result rendered again, and `ztmm init` (which writes what it found into a config).
    const saved = join(out, 'report-json');
    const report = spawnCli(['report', saved, '-f', 'html']);
    outputs.push(['report html', report.stdout + report.stderr]);
    const initRoot = mkdtempSync(join(tmpdir(), 'ztmm-canary-init-'));
    cpSync(root, initRoot, { recursive: true });
    const init = spawnCli(['init', initRoot]);
    assert.equal(init.code, 0, init.stderr);
    outputs.push(['init stdout', init.stdout + init.stderr], ['init .ztmm.yaml', readFileSync(join(initRoot, '.ztmm.yaml'), 'utf8')]);
    rmSync(initRoot, { recursive: true, force: true });

    // Not even in part: a canary's first ten characters (six random ones, then its marker) are
    // enough to recognise it, cut or truncated (a parser warning shortens what it quotes).
    const leaks: string[] = [];
    for (const [where, text] of outputs) {
      for (const [name, value] of Object.entries(c)) if (text.includes(value.slice(0, 10))) leaks.push(`${name} in ${where}`);
    }
    assert.deepEqual(leaks, [], 'no canary is printed');

    // The secrets in logs are counted in the JSON result, with redacted excerpts.
    const result = JSON.parse(readFileSync(saved, 'utf8')) as ScanResult;
    const secrets = new Map(result.estate.samples.map((s) => [s.path, s.secrets]));
    const counted = (path: string): number => secrets.get(path)?.credentials ?? 0;
    const logs: [string, number][] = [
      ['var/log/app/ecs.jsonl', 4],
      ['var/log/ocsf/events.jsonl', 1],
      ['var/log/cloudtrail/events.jsonl', 1],
      ['var/log/kubernetes/audit/audit.log', 2],
      ['var/log/auth.log', 1],
      ['var/log/syslog5424/messages', 1],
      ['var/log/fw/cef.log', 1],
      ['var/log/qradar/leef.log', 1],
      ['var/log/proxy/access.log', 1],
      ['var/log/worker/events.logfmt.log', 1],
      ['var/log/audit/audit.log', 1],
      ['var/log/export/events.json', 1],
      ['var/log/app/rotated.log.gz', 1],
    ];
    for (const [path, atLeast] of logs) assert.ok(counted(path) >= atLeast, `${path}: ${counted(path)} secrets counted, expected at least ${atLeast}`);
    const byKind = secrets.get('var/log/kubernetes/audit/audit.log')?.byKind ?? {};
    assert.ok((byKind['bearer-token'] ?? 0) >= 1, 'the bearer token in the annotations is counted as one');
    assert.ok((secrets.get('var/log/app/ecs.jsonl')?.byKind['connection-string'] ?? 0) >= 1, 'the connection string password is counted');
    for (const sample of result.estate.samples) for (const e of sample.secrets.examples) assert.match(e.excerpt, /\[REDACTED:/);
    // The shipper configs are read (their outputs are in the estate), and their secrets are not.
    const inventory = new Map(result.inventory.map((e) => [e.path, e]));
    assert.equal(inventory.get('etc/fluent-bit/fluent-bit.conf')?.kind, 'fluent-bit');
    assert.equal(inventory.get('etc/vector/vector.yaml')?.kind, 'vector');
    // The IaC files are read (the broken one is an error naming its line), not passed over.
    assert.equal(inventory.get('infra/db/main.tf')?.kind, 'terraform');
    assert.equal(inventory.get('infra/db/terraform.tfvars')?.kind, 'terraform-vars');
    assert.equal(inventory.get('infra/broken/main.tf')?.status, 'error');
    assert.equal(inventory.get('infra/cfn/template.yaml')?.kind, 'cloudformation');
    assert.equal(inventory.get('infra/plan/plan.json')?.kind, 'terraform-plan');
    assert.ok(result.findings.some((f) => f.subject === 'aws_db_instance.main'), 'the database is judged');
    const sinks = result.estate.sinks.map((s) => s.id).join(' ');
    assert.ok(result.findings.some((f) => f.subject.startsWith('shipper-output:etc/vector/vector.yaml')), sinks);
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
});
