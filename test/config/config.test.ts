import assert from 'node:assert/strict';
import { mkdirSync, readFileSync as readFileSyncBuffer, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { discoverConfig, loadConfig, parseConfig } from '../../src/config/load-config.js';
import type { ScanResult } from '../../src/model/result.js';
import { DEMO, runCli, writeTree } from '../helpers.js';

const parse = (text: string): ReturnType<typeof parseConfig> => parseConfig(text, '/x/.ztmm.yaml', '.ztmm.yaml');

describe('reading .ztmm.yaml', () => {
  test('every key, normalised', () => {
    const c = parse(`profile: m-21-31
include: ["k8s/**"]
exclude: ["**/testdata/**"]
rules: [./packs]
params: { RET-001: { minDays: 90 } }
severity: { FMT-004: low }
disable: [FMT-007]
sources:
  - { path: "app/*.dat", system: payments, pillars: [applications], format: jsonl }
aliases: { actor: [principal.name] }
gate: { failUnder: 60, minStage: { overall: initial, identity: advanced }, maxDrop: 5 }
waivers:
  - rule: COV-006
    reason: RBAC writes are audited by the GitOps pipeline
    owner: platform
    expires: 2027-01-31
`);
    assert.equal(c.profile, 'm-21-31');
    assert.deepEqual(c.rules, ['/x/packs']);
    assert.deepEqual(c.params, { 'RET-001': { minDays: 90 } });
    assert.deepEqual(c.gate, { failUnder: 60, maxDrop: 5, minStage: { overall: 'initial', identity: 'advanced' } });
    assert.equal(c.waivers[0]?.expires, '2027-01-31');
    assert.deepEqual(c.waivers[0]?.declaredAt, { path: '.ztmm.yaml', line: 13, column: 5 });
    assert.deepEqual(c.sources[0]?.pillars, ['applications']);
  });
  test('a stage alone is the overall minimum; an empty file is no settings', () => {
    assert.deepEqual(parse('gate: { minStage: optimized }\n').gate.minStage, { overall: 'optimal' });
    assert.deepEqual(parse('').waivers, []);
  });
  test('mistakes are one line with file:line:col and the key', () => {
    assert.throws(() => parse('profile: ztmm\nfail_under: 3\n'), /^ZtmmError: \.ztmm\.yaml:1:1: unknown key "fail_under"$/);
    assert.throws(() => parse('gate:\n  minStage: expert\n'), /\.ztmm\.yaml:2:3: gate\.minStage must be one of "traditional"/);
    assert.throws(() => parse('severity:\n  FMT-004: huge\n'), /\.ztmm\.yaml:2:3: severity\.FMT-004 must be one of "low", "medium", "high", "critical"/);
    assert.throws(() => parse('waivers:\n  - rule: X-001\n    reason: because\n    expires: 2026-02-30\n'), /\.ztmm\.yaml:4:5: waivers\[0\]\.expires "2026-02-30" is not a calendar date/);
    assert.throws(() => parse('waivers:\n  - rule: X-001\n'), /\.ztmm\.yaml:2:5: waivers\[0\] needs "reason"/);
    assert.throws(() => parse('params: [1\n'), /\.ztmm\.yaml:\d+:\d+: /);
  });
});

describe('finding the config', () => {
  test('from the scan root upward; the nearest wins', () => {
    const root = writeTree({ '.ztmm.yaml': 'profile: ztmm\n', 'infra/k8s/a.yaml': 'a: 1\n', 'infra/.ztmm.yml': 'profile: cis-v8\n' });
    assert.equal(discoverConfig(join(root, 'infra', 'k8s')), join(root, 'infra', '.ztmm.yml'));
    assert.equal(loadConfig({ root: join(root, 'infra', 'k8s', 'a.yaml'), cwd: root }).profile, 'cis-v8');
    assert.equal(loadConfig({ root, cwd: root }).profile, 'ztmm');
  });
  test('--config names one; a missing one is an error', () => {
    const root = writeTree({ 'conf/z.yaml': 'profile: pci-dss-4\n' });
    assert.equal(loadConfig({ explicit: 'conf/z.yaml', root, cwd: root }).profile, 'pci-dss-4');
    assert.throws(() => loadConfig({ explicit: 'nope.yaml', root, cwd: root }), /nope\.yaml: cannot read the config file \(ENOENT\)/);
  });
});

describe('the config in a scan', () => {
  function estate(config: string): string {
    const root = writeTree({ '.ztmm.yaml': config });
    // The demo's files, copied under the temp root so the config above them applies.
    for (const [from, to] of [
      ['etc/kubernetes/manifests/kube-apiserver.yaml', 'etc/kubernetes/manifests/kube-apiserver.yaml'],
      ['etc/kubernetes/audit-policy.yaml', 'etc/kubernetes/audit-policy.yaml'],
      ['var/log/payments/api.jsonl', 'var/log/payments/api.jsonl'],
    ] as const) {
      mkdirSync(join(root, to, '..'), { recursive: true });
      writeFileSync(join(root, to), readDemo(from));
    }
    return root;
  }
  const readDemo = (path: string): Buffer => readFileSyncBuffer(join(DEMO, path));

  test('severity, disable and params change what is evaluated; the command line beats the config gate', async () => {
    const root = estate('severity: { COV-006: critical }\ndisable: [MET-002]\nparams: { RET-001: { minDays: 500 } }\ngate: { failUnder: 99 }\n');
    const r = await runCli(['scan', root, '-f', 'json']);
    assert.equal(r.code, 1, 'the config gate fails');
    const result = JSON.parse(r.stdout) as ScanResult;
    assert.equal(result.findings.find((f) => f.ruleId === 'COV-006')?.severity, 'critical');
    assert.ok(!result.findings.some((f) => f.ruleId === 'MET-002'));
    assert.equal(result.findings.find((f) => f.ruleId === 'RET-001')?.outcome, 'fail', 'maxage 400 < 500');
    assert.equal((await runCli(['scan', root, '--fail-under', '10'])).code, 0);
  });
  test('a parameter or rule the packs do not have is a config error at its line', async () => {
    const root = estate('params:\n  RET-001: { minDayz: 5 }\n');
    const r = await runCli(['scan', root]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^ztmm: .*\.ztmm\.yaml:2:14: params: RET-001 has no parameter "minDayz"\n$/);
    const typo = await runCli(['scan', estate('disable: [NOPE-001]\n')]);
    assert.match(typo.stderr, /\.ztmm\.yaml:1:11: disable: unknown rule "NOPE-001"/);
  });
  test('include and exclude leave files out, inventoried with the reason', async () => {
    const root = estate('exclude: ["var/**"]\n');
    const result = JSON.parse((await runCli(['scan', root, '-f', 'json'])).stdout) as ScanResult;
    assert.deepEqual(result.inventory.find((e) => e.path === 'var/log/payments/api.jsonl'), { path: 'var/log/payments/api.jsonl', status: 'skipped', reason: 'excluded by the config (var/**)' });
    const only = JSON.parse((await runCli(['scan', estate('include: ["etc/**"]\n'), '-f', 'json'])).stdout) as ScanResult;
    assert.equal(only.inventory.find((e) => e.path === 'var/log/payments/api.jsonl')?.reason, 'not in the config include globs');
  });
  test('the profile comes from the config unless --profile says otherwise', async () => {
    const root = estate('profile: cis-v8\n');
    assert.equal((JSON.parse((await runCli(['scan', root, '-f', 'json'])).stdout) as ScanResult).summary.profile, 'cis-v8');
    assert.equal((JSON.parse((await runCli(['scan', root, '-f', 'json', '--profile', 'ztmm'])).stdout) as ScanResult).summary.profile, 'ztmm');
  });
});


describe('packs named by a config', () => {
  test('only below the config file; anything else is a config error at its line', () => {
    assert.deepEqual(parseConfig('rules: [packs, ./more/x.yaml]\n', '/repo/.ztmm.yaml', '.ztmm.yaml').rules, ['/repo/packs', '/repo/more/x.yaml']);
    assert.throws(() => parseConfig('rules:\n  - ../elsewhere\n', '/repo/.ztmm.yaml', '.ztmm.yaml'), /^ZtmmError: \.ztmm\.yaml:2:5: rules\[0\] "\.\.\/elsewhere" is outside the folder of the config file/);
    assert.throws(() => parseConfig('rules: [/etc/packs]\n', '/repo/.ztmm.yaml', '.ztmm.yaml'), /rules\[0\] "\/etc\/packs" is outside the folder/);
  });
});

test('a key that is not a rule id is named, at its line', () => {
  assert.throws(() => parse('severity:\n  fmt_4: low\n'), /^ZtmmError: \.ztmm\.yaml:2:3: severity\.fmt_4 key "fmt_4" is not a rule id \(like RET-001\)$/);
  assert.throws(() => parse('params:\n  RET-001: { "bad-name": 3 }\n'), /key "bad-name" is not a parameter name/);
});

test('a secret written where a key belongs is redacted in the error', () => {
  const key = 'ghp_4gaSMyqces2QkkwcsCK4S8SEIAmmGQiwcS8k';
  assert.throws(
    () => parse(`${key}: 1\n`),
    (e: Error) => /^\.ztmm\.yaml:1:1: unknown key "/.test(e.message) && !e.message.includes(key.slice(4, 20)),
  );
});
