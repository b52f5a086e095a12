/**
 * Vector and OpenTelemetry Collector configs written by others (../shared/corpus/shippers/vector
 * and otel-collector): every file is read by its adapter and the pipeline facts are those read
 * off the files by eye. Real scans of both folders check the inventory.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { ADAPTERS as OTEL } from '../src/adapters/otel-collector.js';
import { ADAPTERS as VECTOR } from '../src/adapters/vector.js';
import { NO_INCLUDES } from '../src/adapters/config-adapter.js';
import { parseStructured } from '../src/documents/yaml-document.js';
import type { ConfigRead, Pipeline, PipelineInput, PipelineOutput } from '../src/model/pipeline.js';
import { loadRules } from '../src/rules/load-packs.js';
import { scan } from '../src/scan.js';

const VECTOR_DIR = fileURLToPath(new URL('../../../shared/corpus/shippers/vector/', import.meta.url));
const OTEL_DIR = fileURLToPath(new URL('../../../shared/corpus/shippers/otel-collector/', import.meta.url));

function readDocument(dir: string, name: string, adapters: typeof VECTOR): ConfigRead[] {
  const parsed = parseStructured(name, readFileSync(`${dir}${name}`, 'utf8'));
  assert.deepEqual(parsed.errors, [], `${name} parses`);
  const adapter = adapters.documents[0];
  assert.ok(adapter);
  return parsed.documents.filter((d) => adapter.claims(name, d.data)).map((d) => adapter.read(d, NO_INCLUDES));
}

function only(reads: ConfigRead[]): Pipeline {
  assert.equal(reads.length, 1, 'one document is claimed');
  const read = reads[0] as ConfigRead;
  assert.deepEqual([read.problems, read.unknowns, read.fatal], [[], [], false], 'read cleanly');
  assert.equal(read.pipelines.length, 1);
  return read.pipelines[0] as Pipeline;
}

const ins = (p: Pipeline): [string, string, string[], number | null, string][] => p.inputs.map((i: PipelineInput) => [i.id, i.channel, i.paths, i.port, `${i.at.line}:${i.at.column}`]);
const outs = (p: Pipeline): [string, string, boolean | null, boolean | null, boolean | null, string][] =>
  p.outputs.map((o: PipelineOutput) => [o.id, o.plugin, o.remote, o.tls, o.durable, `${o.at.line}:${o.at.column}`]);
const edges = (p: Pipeline): string[] => p.edges.map((e) => `${e.input}>${e.output}`);

describe('Vector corpus', () => {
  test('config_2.toml: demo_logs → remap → console, an explicit memory buffer', () => {
    const text = readFileSync(`${VECTOR_DIR}config_2.toml`, 'utf8');
    const adapter = VECTOR.text[0];
    assert.ok(adapter?.claims('config_2.toml', text));
    if (!adapter) return;
    const p = only([adapter.read({ path: 'config_2.toml', text }, NO_INCLUDES)]);
    assert.equal(p.id, 'vector:config_2.toml');
    assert.deepEqual(ins(p), [['source0', 'other', [], null, '8:1']]);
    assert.deepEqual(outs(p), [['sink0', 'console', false, false, false, '30:1']]);
    assert.deepEqual(p.outputs[0]?.locations['durable'], { path: 'config_2.toml', line: 42, column: 1 });
    assert.deepEqual(edges(p), ['source0>sink0']);
  });

  test('configmap.yaml: kubernetes_logs → console; the metrics sink is not a log output', () => {
    const p = only(readDocument(VECTOR_DIR, 'configmap.yaml', VECTOR));
    assert.equal(p.id, 'vector:configmap.yaml');
    assert.deepEqual([p.declaredAt.line, p.declaredAt.column], [14, 3]);
    assert.deepEqual(ins(p), [
      ['host_metrics', 'other', [], null, '22:7'],
      ['internal_metrics', 'other', [], null, '31:7'],
      ['kubernetes_logs', 'containers', [], null, '20:7'],
    ]);
    assert.deepEqual(outs(p), [['stdout', 'console', false, false, false, '38:7']]);
    assert.deepEqual(edges(p), ['kubernetes_logs>stdout']);
  });

  test('file_to_cloudwatch_metrics.yaml: only console_logs receives logs; log_to_metric feeds metrics', () => {
    const p = only(readDocument(VECTOR_DIR, 'file_to_cloudwatch_metrics.yaml', VECTOR));
    assert.deepEqual(ins(p), [['file', 'file', ['sample.log'], null, '9:3']]);
    assert.deepEqual(outs(p), [
      ['console_logs', 'console', false, false, false, '43:3'],
      ['console_metrics', 'console', false, false, false, '37:3'],
    ]);
    assert.deepEqual(edges(p), ['file>console_logs']);
  });

  test('stdio.yaml: stdin → console', () => {
    const p = only(readDocument(VECTOR_DIR, 'stdio.yaml', VECTOR));
    assert.deepEqual(ins(p), [['in', 'other', [], null, '9:3']]);
    assert.deepEqual(outs(p), [['out', 'console', false, false, false, '13:3']]);
    assert.deepEqual(edges(p), ['in>out']);
  });

  test('vector.yaml: demo_logs → remap → console', () => {
    const p = only(readDocument(VECTOR_DIR, 'vector.yaml', VECTOR));
    assert.deepEqual(ins(p), [['dummy_logs', 'other', [], null, '20:3']]);
    assert.deepEqual(outs(p), [['print', 'console', false, false, false, '36:3']]);
    assert.deepEqual(edges(p), ['dummy_logs>print']);
  });

  test('a real scan assesses every file as vector', async () => {
    const { result, problems } = await scan({ roots: [VECTOR_DIR], rules: loadRules(), cwd: VECTOR_DIR });
    assert.deepEqual(problems, []);
    assert.deepEqual(
      result.inventory.map((e) => [e.path, e.status, e.kind]),
      [
        ['config_2.toml', 'assessed', 'vector'],
        ['configmap.yaml', 'assessed', 'vector'],
        ['file_to_cloudwatch_metrics.yaml', 'assessed', 'vector'],
        ['stdio.yaml', 'assessed', 'vector'],
        ['vector.yaml', 'assessed', 'vector'],
      ],
    );
  });
});

describe('OpenTelemetry Collector corpus', () => {
  test('config.yaml is an exporter test fragment (no service): not claimed', () => {
    assert.deepEqual(readDocument(OTEL_DIR, 'config.yaml', OTEL), []);
  });

  test('otel-config.yaml: OTLP on 4317 and 4318 → debug; traces and metrics pipelines ignored', () => {
    const p = only(readDocument(OTEL_DIR, 'otel-config.yaml', OTEL));
    assert.equal(p.id, 'otel-collector:otel-config.yaml');
    assert.deepEqual(ins(p), [
      ['otlp#grpc', 'otlp-listener', [], 4317, '8:7'],
      ['otlp#http', 'otlp-listener', [], 4318, '10:7'],
    ]);
    assert.deepEqual(outs(p), [['debug', 'debug', false, false, null, '22:3']]);
    assert.deepEqual(edges(p), ['otlp#grpc>debug', 'otlp#http>debug']);
  });

  test('contrib-fault-tolerant: file_log → otlp_grpc with a file_storage queue', () => {
    const p = only(readDocument(OTEL_DIR, 'contrib-fault-tolerant/otel-col-config.yaml', OTEL));
    assert.deepEqual(ins(p), [['file_log', 'file', ['/var/log/busybox/simple.log'], null, '2:3']]);
    const out = p.outputs[0];
    assert.ok(out);
    // 0.0.0.0 as a destination is this host; configgrpc keeps TLS on unless tls.insecure is true,
    // whatever the http:// prefix says; the queue names file_storage/otlpoutput, enabled in service.extensions.
    assert.deepEqual(
      [out.id, out.sinkKind, out.endpoint, out.port, out.remote, out.protocol, out.tls, out.tlsVerify, out.durable],
      ['otlp_grpc/custom', 'otlp', 'http://0.0.0.0:4242', 4242, false, 'otlp', true, true, true],
    );
    assert.deepEqual([out.at.line, out.locations['durable']?.line, out.locations['durable']?.column], [21, 24, 7]);
    assert.deepEqual(edges(p), ['file_log>otlp_grpc/custom']);
  });

  test('a real scan: two collector configs assessed, the fragment skipped', async () => {
    const { result, problems } = await scan({ roots: [OTEL_DIR], rules: loadRules(), cwd: OTEL_DIR });
    assert.deepEqual(problems, []);
    assert.deepEqual(
      result.inventory.map((e) => [e.path, e.status, e.kind ?? null]),
      [
        ['config.yaml', 'skipped', null],
        ['contrib-fault-tolerant/otel-col-config.yaml', 'assessed', 'otel-collector'],
        ['otel-config.yaml', 'assessed', 'otel-collector'],
      ],
    );
  });
});
