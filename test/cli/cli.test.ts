/** End-to-end: the built binary on fixture trees (exit codes, outputs, errors). */
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Ajv } from 'ajv';
import { AREA_TITLES, AREAS } from '../../src/model/vocabulary.js';
import type { ScanResult } from '../../src/model/result.js';
import { DEMO, REPO, runCli, spawnCli, staticPodManifest, writeTree } from '../helpers.js';

const schema: unknown = JSON.parse(readFileSync(join(REPO, 'schema', 'result.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true }).compile(schema as object);

const manifest = (flags: string[]): string =>
  staticPodManifest(
    ['--secure-port=6443', ...flags],
    '    volumeMounts:\n    - { name: audit, mountPath: /var/log/kubernetes/audit }\n  volumes:\n  - { name: audit, hostPath: { path: /var/log/kubernetes/audit } }\n',
  );
const AUDIT_FLAGS = ['--audit-log-path=/var/log/kubernetes/audit/audit.log', '--audit-log-maxage=30', '--audit-log-maxbackup=10', '--audit-log-maxsize=100'];

describe('ztmm scan on the demo estate', () => {
  test('text: eight rows with stages, an overall line, the inventory line last; exit 0', () => {
    const { code, stdout, stderr } = spawnCli(['scan', 'fixtures/demo']);
    assert.equal(code, 0, stderr);
    assert.equal(stderr, '');
    const lines = stdout.split('\n');
    for (const area of AREAS) {
      const row = lines.filter((l) => l.startsWith(`  ${AREA_TITLES[area]} `) && /[■□]{4}/.test(l));
      assert.equal(row.length, 1, `one row for ${area}`);
      assert.match(row[0] ?? '', /(Traditional|Initial|Advanced|Optimal)\s+\d+/);
    }
    assert.match(stdout, /Overall {2}(Traditional|Initial|Advanced|Optimal) · \d+\/100/);
    assert.match(lines.filter(Boolean).at(-1) ?? '', /^ {2}Inventory: 6 files · 5 assessed · 1 skipped · 0 errors$/);
    assert.ok(!stdout.includes('\u001b['), 'no colour codes with NO_COLOR');
  });
  test('json: valid against the shipped schema, byte-identical across runs, stages differ by pillar', () => {
    const first = spawnCli(['scan', 'fixtures/demo', '--format', 'json']);
    const second = spawnCli(['scan', 'fixtures/demo', '--format', 'json']);
    assert.equal(first.code, 0);
    assert.equal(first.stdout, second.stdout);
    const result = JSON.parse(first.stdout) as ScanResult;
    assert.ok(validate(result), JSON.stringify(validate.errors));
    const stages = new Set(result.pillars.filter((p) => p.kind === 'pillar').map((p) => p.stage));
    assert.ok(stages.size >= 3, `pillars show different stages: ${[...stages].join(', ')}`);
    assert.ok(!first.stdout.includes(REPO), 'no absolute paths in the report');
  });
  test('the demo story: data advanced, identity initial, applications held back by the payments log', async () => {
    const { stdout } = await runCli(['scan', DEMO, '-f', 'json']);
    const result = JSON.parse(stdout) as ScanResult;
    const stage = (id: string) => result.pillars.find((p) => p.id === id)?.stage;
    assert.equal(stage('data'), 'advanced');
    assert.equal(stage('identity'), 'initial');
    assert.equal(stage('applications'), 'traditional');
    assert.deepEqual(result.pillars.find((p) => p.id === 'applications')?.next, { stage: 'initial', blockers: ['MET-002', 'MET-012'] });
    assert.equal(result.estate.samples.find((s) => s.path === 'var/log/kubernetes/audit/audit.log')?.source, result.estate.sources[0]?.id);
  });
  test('--jobs spreads the reading over worker threads and changes nothing in the result', () => {
    const one = spawnCli(['scan', 'fixtures/demo', '-f', 'json']);
    const two = spawnCli(['scan', 'fixtures/demo', '-f', 'json', '--jobs', '2']);
    assert.equal(two.code, 0, two.stderr);
    assert.equal(two.stdout, one.stdout);
    const bad = spawnCli(['scan', 'fixtures/demo', '--jobs', '0']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'ztmm: --jobs takes a whole number from 1 to 64, not "0"\n');
  });
  test('--output writes the report to a file and nothing to stdout', async () => {
    const dir = writeTree({});
    const { code, stdout } = await runCli(['scan', DEMO, '-f', 'json', '-o', 'out.json'], dir);
    assert.equal(code, 0);
    assert.equal(stdout, '');
    assert.ok(validate(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))));
  });
  test('colour only on a terminal, and never with --no-color', async () => {
    const { run } = await import('../../src/cli/run.js');
    let out = '';
    await run(['scan', DEMO], { stdout: (t) => (out += t), stderr: () => undefined, cwd: REPO, env: {}, stdoutIsTTY: true });
    assert.ok(out.includes('\u001b['));
    out = '';
    await run(['scan', DEMO, '--no-color'], { stdout: (t) => (out += t), stderr: () => undefined, cwd: REPO, env: {}, stdoutIsTTY: true });
    assert.ok(!out.includes('\u001b['));
  });
});

describe('findings point at lines', () => {
  test('--audit-log-maxage=7 fails RET-001 at that line', async () => {
    const root = writeTree({ 'kube-apiserver.yaml': manifest(['--audit-log-path=/var/log/kubernetes/audit/audit.log', '--audit-log-maxage=7', '--audit-log-maxbackup=10']) });
    const { stdout } = await runCli(['scan', root, '-f', 'json', '--only', 'RET-001']);
    const [f] = (JSON.parse(stdout) as ScanResult).findings;
    assert.equal(f?.outcome, 'fail');
    assert.deepEqual(f?.locations, [{ path: 'kube-apiserver.yaml', line: 14, column: 7 }]);
    assert.equal(f?.data.value, 7);
    assert.match(f?.message ?? '', /--audit-log-maxage is 7; keep audit log files at least 30 days/);
  });
  test('without the flag, the finding points at the closest existing line (command:)', async () => {
    const root = writeTree({ 'kube-apiserver.yaml': manifest(['--audit-log-path=/var/log/kubernetes/audit/audit.log']) });
    const { stdout } = await runCli(['scan', root, '-f', 'json', '--only', 'RET-001']);
    const [f] = (JSON.parse(stdout) as ScanResult).findings;
    assert.equal(f?.outcome, 'fail');
    assert.deepEqual(f?.locations, [{ path: 'kube-apiserver.yaml', line: 10, column: 5 }]);
    assert.match(f?.message ?? '', /--audit-log-maxage is unset/);
  });
});

describe('bad scanned input never ends the run', () => {
  test('invalid YAML: report still produced, file and line named, inventoried, exit 0', () => {
    const root = writeTree({
      'good/kube-apiserver.yaml': manifest(AUDIT_FLAGS),
      'bad/broken.yaml': 'apiVersion: v1\nkind: Pod\nspec:\n  containers: [\n    - name: x\n',
    });
    const { code, stdout, stderr } = spawnCli(['scan', root]);
    assert.ok(code === 0 || code === 1, `exit ${code}`);
    assert.match(stderr, /^ztmm: warning: bad\/broken\.yaml:\d+:\d+: .+$/m);
    assert.equal(stderr.trim().split('\n').length, 1, 'one line per bad file');
    assert.ok(!stderr.includes('    at '), 'no stack trace');
    assert.match(stdout, /Inventory: 2 files · 1 assessed · 0 skipped · 1 error: bad\/broken\.yaml:\d+:\d+/);
    const json = spawnCli(['scan', root, '-f', 'json']);
    const entry = (JSON.parse(json.stdout) as ScanResult).inventory.find((e) => e.path === 'bad/broken.yaml');
    assert.equal(entry?.status, 'error');
    assert.match(entry?.reason ?? '', /^\d+:\d+: /);
  });
  test('binary files, dangling links and unknown files are inventoried with reasons', async () => {
    const root = writeTree({ 'blob.bin': Buffer.from([0, 1, 2, 3, 0]), 'notes.txt': 'hello\n' });
    symlinkSync(join(root, 'missing-target.yaml'), join(root, 'dangling.yaml'));
    const { code, stdout } = await runCli(['scan', root, '-f', 'json']);
    assert.equal(code, 0);
    const inventory = (JSON.parse(stdout) as ScanResult).inventory;
    assert.deepEqual(inventory.find((e) => e.path === 'blob.bin'), { path: 'blob.bin', status: 'skipped', reason: 'binary file' });
    assert.deepEqual(inventory.find((e) => e.path === 'notes.txt'), { path: 'notes.txt', status: 'skipped', reason: 'not recognised' });
    assert.deepEqual(inventory.find((e) => e.path === 'dangling.yaml'), { path: 'dangling.yaml', status: 'skipped', reason: 'symbolic link (not followed)' });
  });
  test('a log file with garbage lines is assessed, not an error', async () => {
    const root = writeTree({ 'app.log': 'not json\n{"a":1}\n\u00ff\u00fe garbage\n' });
    const { code, stdout } = await runCli(['scan', root, '-f', 'json']);
    assert.equal(code, 0);
    const result = JSON.parse(stdout) as ScanResult;
    assert.equal(result.inventory[0]?.status, 'assessed');
    // One JSON record and two lines of plain text: a mixed file, reported with its proportions.
    assert.deepEqual(result.estate.samples[0]?.formats, { jsonl: 1, text: 2 });
    assert.equal(result.estate.samples[0]?.parseErrors, 0);
    assert.equal(result.estate.samples[0]?.structuredRatio, 0.3333);
  });
});

describe('exit codes', () => {
  test('--fail-under: 1 when the score is below, 0 when at or above', async () => {
    const { stdout } = await runCli(['scan', DEMO, '-f', 'json']);
    const score = (JSON.parse(stdout) as ScanResult).summary.score;
    assert.equal((await runCli(['scan', DEMO, '--fail-under', String(score)])).code, 0);
    const failing = await runCli(['scan', DEMO, '--fail-under', String(score + 1)]);
    assert.equal(failing.code, 1);
    assert.match(failing.stdout, new RegExp(`gate: --fail-under ${score + 1} ✘`));
  });
  test('--min-stage overall and per pillar', async () => {
    assert.equal((await runCli(['scan', DEMO, '--min-stage', 'traditional'])).code, 0);
    assert.equal((await runCli(['scan', DEMO, '--min-stage', 'initial'])).code, 1);
    assert.equal((await runCli(['scan', DEMO, '--min-stage', 'data=advanced'])).code, 0);
    assert.equal((await runCli(['scan', DEMO, '--min-stage', 'data=optimized'])).code, 1);
    assert.equal((await runCli(['scan', DEMO, '--min-stage', 'identity=initial,data=advanced'])).code, 0);
    assert.equal((await runCli(['scan', DEMO, '--min-stage', 'identity=advanced,data=advanced'])).code, 1);
  });
  test('repeated options add up: --min-stage, --only; a second --fail-under is an error', async () => {
    assert.equal((await runCli(['scan', DEMO, '--min-stage', 'identity=advanced', '--min-stage', 'data=initial'])).code, 1);
    assert.equal((await runCli(['scan', DEMO, '--min-stage', 'data=initial', '--min-stage', 'identity=initial'])).code, 0);
    const only = await runCli(['scan', DEMO, '-f', 'json', '--only', 'RET-001', '--only', 'COV-001,RET-003']);
    assert.deepEqual([...new Set((JSON.parse(only.stdout) as ScanResult).findings.map((f) => f.ruleId))], ['COV-001', 'RET-001', 'RET-003']);
    const twice = await runCli(['scan', DEMO, '--fail-under', '10', '--fail-under', '90']);
    assert.equal(twice.code, 2);
    assert.equal(twice.stderr, 'ztmm: --fail-under is given more than once\n');
  });
  test('an unwritable --output is one line and exit 2', async () => {
    const r = await runCli(['scan', DEMO, '-o', '/nonexistent/dir/x.json']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'ztmm: /nonexistent/dir/x.json: cannot write the report (ENOENT)\n');
  });
  test('usage errors exit 2 with one line', async () => {
    for (const args of [['scan', DEMO, '--min-stage', 'expert'], ['scan', DEMO, '--fail-under', '200'], ['scan', DEMO, '--only', 'NOPE-001'], ['scan', DEMO, '--format', 'xml'], ['scan', DEMO, '--bogus'], ['frobnicate']]) {
      const r = await runCli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.ok(r.stderr.length > 0);
      assert.ok(!r.stderr.includes('    at '), 'no stack trace');
    }
  });
  test('an unreadable root exits 2', () => {
    const r = spawnCli(['scan', 'no/such/dir']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'ztmm: no/such/dir: cannot read scan root (ENOENT)\n');
  });
  test('a broken rule pack exits 2 naming file:line:col; --debug adds the stack', () => {
    const packs = writeTree({
      'broken.yaml': [
        'pack: broken',
        'rules:',
        '  - id: BRK-001',
        '    slug: broken',
        '    title: broken rule here',
        '    dimension: colour',
        '    pillars: [identity]',
        '    stage: initial',
        '    severity: low',
        '    target: { kind: sample }',
        '    check: { path: events, gte: 1 }',
        '    message: a message here',
        '    rationale: a rationale that is long enough',
        '    remediation: a remediation that is long enough',
        '    references: [{ framework: x, id: "1" }]',
        '',
      ].join('\n'),
    });
    const r = spawnCli(['scan', 'fixtures/demo', '--rules', packs]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^ztmm: .*broken\.yaml:6:5: rules\[0\]\.dimension must be one of "coverage", .+\n$/);
    const d = spawnCli(['scan', 'fixtures/demo', '--rules', packs, '--debug']);
    assert.equal(d.code, 2);
    assert.match(d.stderr, /\n\s+at /);
  });
  test('--quiet prints nothing, the exit code still tells', () => {
    const r = spawnCli(['scan', 'fixtures/demo', '--quiet', '--min-stage', 'initial']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
  });
  test('--help and --version exit 0', () => {
    const help = spawnCli(['scan', '--help']);
    assert.equal(help.code, 0);
    for (const option of ['--format', '--output', '--rules', '--only', '--skip', '--fail-under', '--min-stage', '--no-color', '--quiet', '--debug', 'Examples:', 'Exit codes']) {
      assert.ok(help.stdout.includes(option), option);
    }
    const version = spawnCli(['--version']);
    assert.equal(version.code, 0);
    assert.equal(version.stdout.trim(), (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version);
  });
});

describe('ztmm rules', () => {
  test('list prints a table of every rule', () => {
    const r = spawnCli(['rules', 'list']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^ID\s+SLUG\s+DIMENSION\s+PILLARS\s+STAGE\s+SEVERITY$/m);
    assert.match(r.stdout, /^RET-001\s+apiserver-audit-log-maxage\s+retention\s+subject,governance\s+initial\s+medium$/m);
  });
  test('show prints rationale, remediation and references; by id or slug', () => {
    const byId = spawnCli(['rules', 'show', 'ret-001']);
    const bySlug = spawnCli(['rules', 'show', 'apiserver-audit-log-maxage']);
    assert.equal(byId.code, 0);
    assert.equal(byId.stdout, bySlug.stdout);
    for (const part of ['Rationale', 'Remediation', 'References', 'cis-kubernetes 1.2.17', 'minDays=30']) assert.ok(byId.stdout.includes(part), part);
  });
  test('show of an unknown rule exits 2', () => {
    const r = spawnCli(['rules', 'show', 'XYZ-999']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'ztmm: unknown rule "XYZ-999" (see ztmm rules list)\n');
  });
});
