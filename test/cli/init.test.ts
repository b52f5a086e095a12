import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { listProfiles, loadProfile } from '../../src/assess/profiles.js';
import { initSections, isLogLike, systemName } from '../../src/cli/init-command.js';
import { loadConfig, parseConfig } from '../../src/config/load-config.js';
import { loadRules } from '../../src/rules/load-packs.js';
import { scan } from '../../src/scan.js';
import { DEMO, REPO, runCli, writeTree } from '../helpers.js';

/** A copy of the demo in `demo/`, with a log-like file ztmm does not recognise. */
function demoCopy(): string {
  const dir = writeTree({});
  cpSync(DEMO, join(dir, 'demo'), { recursive: true });
  writeFileSync(join(dir, 'demo/var/log/payments/worker.out'), 'worker started\nworker stopped\n');
  return dir;
}

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

/** Every key of the config schema, nested ones too (gate.failUnder, waivers[].owner, ...). */
function schemaKeys(): string[] {
  const schema = JSON.parse(readFileSync(join(REPO, 'schema', 'config.schema.json'), 'utf8')) as SchemaNode;
  const keys: string[] = [];
  const walk = (node: SchemaNode | undefined): void => {
    for (const [key, child] of Object.entries(node?.properties ?? {})) {
      keys.push(key);
      walk(child);
      walk(child.items);
    }
  };
  walk(schema);
  return keys;
}

describe('ztmm init', () => {
  test('writes a commented .ztmm.yaml that loads cleanly, with profile ztmm and no waiver', async () => {
    const dir = demoCopy();
    const r = await runCli(['init', 'demo'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'wrote demo/.ztmm.yaml: profile ztmm; found 1 log source and 2 log samples; 2 files to declare under sources\n');
    const text = readFileSync(join(dir, 'demo', '.ztmm.yaml'), 'utf8');
    assert.deepEqual(parse(text), { profile: 'ztmm', waivers: [] });
    const config = loadConfig({ root: join(dir, 'demo'), cwd: dir });
    assert.equal(config.shown, 'demo/.ztmm.yaml');
    assert.equal(config.profile, 'ztmm');
    assert.deepEqual(config.waivers, []);
    // And a scan picks it up and runs as before.
    assert.equal((await runCli(['scan', 'demo', '-q'], dir)).code, 0);
  });

  test('every key of the config schema is explained; most are commented out', async () => {
    const dir = demoCopy();
    await runCli(['init', 'demo'], dir);
    const text = readFileSync(join(dir, 'demo', '.ztmm.yaml'), 'utf8');
    const comments = text.split('\n').filter((l) => l.startsWith('#')).join('\n');
    for (const key of schemaKeys()) assert.match(comments, new RegExp(`\\b${key}\\b`), `${key} is not explained`);
    const live = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    assert.deepEqual(live, ['profile: ztmm', 'waivers: []']);
    for (const profile of listProfiles()) assert.match(comments, new RegExp(`^# {3}${profile} — `, 'm'));
  });

  test('lists the sources and samples found, and log-like files to declare as sources examples', async () => {
    const dir = demoCopy();
    await runCli(['init', 'demo'], dir);
    const text = readFileSync(join(dir, 'demo', '.ztmm.yaml'), 'utf8');
    assert.match(text, /\n# {5}kube-apiserver-audit {2}etc\/kubernetes\/manifests\/kube-apiserver\.yaml:26 {2}writes \/var\/log\/kubernetes\/audit\/audit\.log\n/);
    assert.match(text, /\n# {5}var\/log\/kubernetes\/audit\/audit\.log {2}\(jsonl, k8s-audit\) {2}evidence for kube-apiserver-audit\n/);
    assert.match(text, /\n# {5}var\/log\/payments\/api\.jsonl {2}\(jsonl, generic-json\) {2}no log source claims it\n/);
    assert.match(text, /\n# Log-like files the scan skipped as not recognised:\n# {3}var\/log\/payments\/worker\.out\n/);
    assert.match(text, /\n# sources:\n# {3}- path: "var\/log\/payments\/worker\.out"\n# {5}system: "payments"\n# {5}pillars: \[applications\]\n/);
    assert.match(text, /pci-dss-4 may fit better/);
    // The waiver example names this scan's first blocker.
    assert.match(text, /\n# waivers:\n# {3}- rule: "MET-002"\n# {5}subject: "sample:var\/log\/payments\/api\.jsonl"\n/);
    assert.doesNotMatch(text, new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  test('each commented example is a valid config on its own', async () => {
    const dir = demoCopy();
    const { result } = await scan({ roots: [join(dir, 'demo')], rules: loadRules(), cwd: dir });
    const sections = initSections(result, listProfiles().map(loadProfile));
    const schema = JSON.parse(readFileSync(join(REPO, 'schema', 'config.schema.json'), 'utf8')) as SchemaNode;
    assert.deepEqual(
      sections.map((s) => s.key),
      Object.keys(schema.properties ?? {}),
    );
    for (const section of sections) {
      if (section.example.length === 0) continue;
      const config = parseConfig(`${section.example.join('\n')}\n`, join(dir, '.ztmm.yaml'), `${section.key} example`);
      assert.ok(config, section.key);
    }
  });

  test('deterministic: the same files give the same text, wherever it is run from', async () => {
    const a = demoCopy();
    const b = demoCopy();
    await runCli(['init', 'demo'], a);
    await runCli(['init', join(b, 'demo')], REPO);
    assert.equal(readFileSync(join(a, 'demo', '.ztmm.yaml'), 'utf8'), readFileSync(join(b, 'demo', '.ztmm.yaml'), 'utf8'));
  });

  test('refuses to overwrite an existing config: exit 2, one line, the file untouched', async () => {
    const dir = demoCopy();
    writeFileSync(join(dir, 'demo', '.ztmm.yaml'), 'profile: cis-v8\n');
    const r = await runCli(['init', 'demo'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'ztmm: demo/.ztmm.yaml already exists; not overwriting\n');
    assert.equal(r.stdout, '');
    assert.equal(readFileSync(join(dir, 'demo', '.ztmm.yaml'), 'utf8'), 'profile: cis-v8\n');
    const here = await runCli(['init'], join(dir, 'demo'));
    assert.equal(here.stderr, 'ztmm: .ztmm.yaml already exists; not overwriting\n');
    const yml = writeTree({ '.ztmm.yml': 'profile: ztmm\n' });
    assert.equal((await runCli(['init', '.'], yml)).stderr, 'ztmm: .ztmm.yml already exists; not overwriting\n');
  });

  test('a path that is not a folder: exit 2', async () => {
    const dir = writeTree({ 'file.txt': 'x' });
    assert.equal((await runCli(['init', 'nope'], dir)).stderr, 'ztmm: nope: no such folder\n');
    assert.equal((await runCli(['init', 'file.txt'], dir)).stderr, 'ztmm: file.txt is not a folder\n');
  });

  test('file names cannot inject keys through the comments', async () => {
    const dir = writeTree({ 'logs/x\nprofile: cis-v8\n.log': '{"msg":"a"}\n{"msg":"b"}\n', 'logs/y\u2028waivers: 1.out': 'z\n' });
    const r = await runCli(['init', '.'], dir);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(join(dir, '.ztmm.yaml'), 'utf8');
    assert.deepEqual(parse(text), { profile: 'ztmm', waivers: [] });
    assert.match(text, /logs\/x\\u000aprofile: cis-v8\\u000a\.log/);
    assert.equal(loadConfig({ root: dir, cwd: dir }).profile, 'ztmm');
  });

  test('an empty folder gets generic examples', async () => {
    const dir = writeTree({});
    assert.equal((await runCli(['init'], dir)).code, 0);
    const text = readFileSync(join(dir, '.ztmm.yaml'), 'utf8');
    assert.match(text, /# {5}none\n/);
    assert.match(text, /# {3}- path: "var\/log\/myapp\/\*\.log"/);
    assert.match(text, /# {3}- rule: "COV-006"/);
    assert.deepEqual(parse(text), { profile: 'ztmm', waivers: [] });
  });
});

describe('init helpers', () => {
  test('log-like names', () => {
    for (const p of ['app.out', 'logs/trace.txt', 'var/log/app/server.log.old', 'x/app-log', 'audit/events.json', 'a.err.1']) assert.ok(isLogLike(p), p);
    for (const p of ['README.md', 'package.json', 'etc/kubernetes/audit-webhook.kubeconfig', 'notes.txt']) assert.ok(!isLogLike(p), p);
  });
  test('system names from paths', () => {
    assert.equal(systemName('var/log/payments/api.jsonl'), 'payments');
    assert.equal(systemName('var/log/worker.out'), 'worker');
    assert.equal(systemName('app.out'), 'app');
    assert.equal(systemName('logs/@@@.out'), 'my-app');
  });
});
