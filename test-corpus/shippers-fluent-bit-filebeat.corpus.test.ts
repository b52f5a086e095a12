/**
 * The Fluent Bit reader on real configurations written by the Fluent Bit project
 * (../shared/corpus/shippers/fluent-bit) and on the optimal estate's bastion host, and the
 * Filebeat / Elastic Agent readers through a real scan. Every expected value was read off the
 * files by eye, not taken from running the readers.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { ADAPTERS } from '../src/adapters/fluent-bit.js';
import { NO_INCLUDES } from '../src/adapters/config-adapter.js';
import { parseStructured } from '../src/documents/yaml-document.js';
import type { ConfigRead, Pipeline, PipelineOutput } from '../src/model/pipeline.js';
import { loadRules } from '../src/rules/load-packs.js';
import { scan } from '../src/scan.js';

// Compiled to build/test-corpus/: three levels up is the folder holding shared/ and the repository.
const CORPUS = fileURLToPath(new URL('../../../shared/corpus/shippers/fluent-bit/', import.meta.url));
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function classic(name: string, text = readFileSync(join(CORPUS, name), 'utf8')): ConfigRead {
  const adapter = ADAPTERS.text[0];
  assert.ok(adapter && adapter.claims(name, text.slice(0, 65536)), `${name} claimed`);
  return adapter.read({ path: name, text }, NO_INCLUDES);
}

function yaml(name: string): ConfigRead {
  const doc = parseStructured(name, readFileSync(join(CORPUS, name), 'utf8')).documents[0];
  const adapter = ADAPTERS.documents[0];
  assert.ok(doc && adapter && adapter.claims(name, doc.data), `${name} claimed`);
  return adapter.read(doc, NO_INCLUDES);
}

function only(read: ConfigRead): Pipeline {
  assert.deepEqual(read.problems, []);
  assert.deepEqual(read.unknowns, []);
  assert.equal(read.pipelines.length, 1);
  return read.pipelines[0] as Pipeline;
}

function summary(o: PipelineOutput): unknown[] {
  return [o.id, o.sinkKind, o.remote, o.endpoint, o.tls, o.tlsVerify, o.durable, o.path, o.at.line];
}

describe('corpus: Fluent Bit', () => {
  test('fluent-bit.conf: cpu input (tag cpu.local) to stdout only; storage.path commented out', () => {
    const p = only(classic('fluent-bit.conf'));
    assert.deepEqual(p.inputs.map((i) => [i.id, i.plugin, i.channel, i.at.line]), [['cpu#0', 'cpu', 'other', 135]]);
    assert.deepEqual(p.outputs.map(summary), [['stdout#0', 'other', false, null, null, null, false, null, 142]]);
    assert.deepEqual(p.edges, [{ input: 'cpu#0', output: 'stdout#0', facilities: null }]);
  });

  test('out_file.conf: mem input (tag mem.usage) to three local files named by the tag', () => {
    const p = only(classic('out_file.conf'));
    assert.deepEqual(p.inputs.map((i) => [i.id, i.plugin, i.at.line]), [['mem#0', 'mem', 6]]);
    assert.deepEqual(p.outputs.map(summary), [
      ['file#0', 'local-file', false, null, null, null, false, 'mem.json/mem.usage', 16],
      ['file#1', 'local-file', false, null, null, null, false, 'mem.csv/mem.usage', 22],
      ['file#2', 'local-file', false, null, null, null, false, 'mem.ltsv/mem.usage', 30],
    ]);
    assert.deepEqual(p.edges.map((e) => e.output), ['file#0', 'file#1', 'file#2']);
  });

  test('parsers.conf: parser definitions only, claimed without a pipeline', () => {
    const read = classic('parsers.conf');
    assert.equal(read.kind, 'fluent-bit');
    assert.deepEqual([read.pipelines, read.problems, read.unknowns, read.fatal], [[], [], [], false]);
  });

  test('fluent-bit.yaml: random (tag test) through lua and expect filters to stdout', () => {
    const p = only(yaml('fluent-bit.yaml'));
    assert.deepEqual(p.inputs.map((i) => [i.id, i.plugin, i.channel, i.at.line]), [['random#0', 'random', 'other', 10]]);
    assert.deepEqual(p.outputs.map(summary), [['stdout#0', 'other', false, null, null, null, false, null, 32]]);
    assert.deepEqual(p.edges, [{ input: 'random#0', output: 'stdout#0', facilities: null }]);
  });

  test('loki structured-metadata example: dummy (tag logs) to the loki host on 3100, plain HTTP', () => {
    const p = only(yaml('fluent-bit_loki_out-structured_metadata_map.yaml'));
    assert.deepEqual(p.inputs.map((i) => [i.id, i.plugin, i.at.line]), [['dummy#0', 'dummy', 6]]);
    const loki = p.outputs[0] as PipelineOutput;
    assert.deepEqual(summary(loki), ['loki#0', 'loki', true, 'loki:3100', false, null, false, null, 27]);
    assert.deepEqual([loki.protocol, loki.port, loki.index, loki.locations['endpoint']?.line], ['http', 3100, null, 29]);
    assert.deepEqual(p.edges, [{ input: 'dummy#0', output: 'loki#0', facilities: null }]);
  });

  test('optimal estate bastion: auditd log tailed, filesystem-buffered, to the SIEM over verified TLS', () => {
    const path = 'fixtures/estates/optimal/nodes/bastion-1/etc/fluent-bit/fluent-bit.conf';
    const p = only(classic(path, readFileSync(join(REPO, path), 'utf8')));
    assert.deepEqual(p.inputs.map((i) => [i.id, i.channel, i.paths, i.at.line]), [['tail#0', 'file', ['/var/log/audit/audit.log'], 7]]);
    const http = p.outputs[0] as PipelineOutput;
    assert.deepEqual(summary(http), ['http#0', 'webhook', true, 'ingest.siem.meridian.example:443', true, true, true, null, 15]);
    assert.deepEqual([http.locations['tls']?.line, http.locations['tlsVerify']?.line, http.locations['durable']?.line], [22, 23, 12]);
    assert.deepEqual(p.edges, [{ input: 'tail#0', output: 'http#0', facilities: null }]);
  });

  test('a real scan recognises every file as fluent-bit', async () => {
    const { result } = await scan({ roots: [CORPUS], rules: loadRules(), cwd: CORPUS });
    assert.deepEqual(
      result.inventory.map((e) => [e.path, e.status, e.kind]),
      [
        ['fluent-bit.conf', 'assessed', 'fluent-bit'],
        ['fluent-bit.yaml', 'assessed', 'fluent-bit'],
        ['fluent-bit_loki_out-structured_metadata_map.yaml', 'assessed', 'fluent-bit'],
        ['out_file.conf', 'assessed', 'fluent-bit'],
        ['parsers.conf', 'assessed', 'fluent-bit'],
      ],
    );
  });
});

describe('scan: Filebeat and Elastic Agent', () => {
  const root = mkdtempSync(join(tmpdir(), 'ztmm-filebeat-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('web-1/etc/filebeat/filebeat.yml', 'filebeat.config.modules:\n  path: ${path.config}/modules.d/*.yml\noutput.logstash:\n  hosts: ["ls.example.com:5044"]\n');
  write('web-1/etc/filebeat/modules.d/system.yml', '- module: system\n  auth:\n    enabled: true\n');
  write('web-1/etc/elastic-agent/elastic-agent.yml', 'outputs:\n  default:\n    type: elasticsearch\n    hosts: ["https://es:9200"]\ninputs:\n  - type: logfile\n    streams:\n      - paths: [/var/log/auth.log]\n');

  test('the main file, its module file and the agent are recognised', async () => {
    const { result, problems } = await scan({ roots: [root], rules: loadRules(), cwd: root });
    assert.deepEqual(problems, []);
    assert.deepEqual(
      result.inventory.map((e) => [e.path, e.status, e.kind]),
      [
        ['web-1/etc/elastic-agent/elastic-agent.yml', 'assessed', 'elastic-agent'],
        ['web-1/etc/filebeat/filebeat.yml', 'assessed', 'filebeat'],
        ['web-1/etc/filebeat/modules.d/system.yml', 'assessed', 'filebeat'],
      ],
    );
  });
});
