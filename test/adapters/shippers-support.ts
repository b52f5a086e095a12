/** Helpers of the Vector, OpenTelemetry Collector and journal-upload adapter tests. */
import assert from 'node:assert/strict';
import type { ReadContext } from '../../src/adapters/config-adapter.js';
import { matchInclude } from '../../src/discover/include-resolver.js';
import { parseStructured } from '../../src/documents/yaml-document.js';
import type { StructuredDocument } from '../../src/documents/yaml-document.js';
import type { ConfigRead, Pipeline, PipelineInput, PipelineOutput } from '../../src/model/pipeline.js';
import type { Location } from '../../src/model/vocabulary.js';

/** The documents of a YAML/JSON text (which must parse). */
export function docs(path: string, text: string): StructuredDocument[] {
  const parsed = parseStructured(path, text);
  assert.deepEqual(parsed.errors, []);
  return parsed.documents;
}

export function firstDoc(path: string, text: string): StructuredDocument {
  const first = docs(path, text)[0];
  assert.ok(first, 'one document');
  return first;
}

/** Includes resolve against these in-memory files exactly as the scan's resolver matches them. */
export function filesContext(files: Record<string, string>): ReadContext {
  const paths = Object.keys(files).sort();
  return {
    include(pattern, from) {
      const matched = matchInclude(pattern, from, paths).filter((p) => p !== from);
      return { files: matched.map((p) => ({ path: p, text: files[p] as string })), reason: matched.length > 0 ? null : `${pattern}: not in the scanned inputs` };
    },
  };
}

export function onePipeline(read: ConfigRead): Pipeline {
  assert.equal(read.pipelines.length, 1, `one pipeline, got ${read.pipelines.length}`);
  return read.pipelines[0] as Pipeline;
}

export function input(pipeline: Pipeline, id: string): PipelineInput {
  const found = pipeline.inputs.find((i) => i.id === id);
  assert.ok(found, `input ${id} (have ${pipeline.inputs.map((i) => i.id).join(', ')})`);
  return found;
}

export function output(pipeline: Pipeline, id: string): PipelineOutput {
  const found = pipeline.outputs.find((o) => o.id === id);
  assert.ok(found, `output ${id} (have ${pipeline.outputs.map((o) => o.id).join(', ')})`);
  return found;
}

/** `line:column` of a location. */
export function lc(at: Location | undefined): string {
  assert.ok(at, 'a location');
  return `${at.line}:${at.column}`;
}

/** Edges as `input>output`, in the pipeline's order. */
export function edges(pipeline: Pipeline): string[] {
  return pipeline.edges.map((e) => `${e.input}>${e.output}`);
}

/** The facts of an output that rules read, without its locations. */
export function facts(o: PipelineOutput): Record<string, unknown> {
  return { sinkKind: o.sinkKind, remote: o.remote, endpoint: o.endpoint, port: o.port, protocol: o.protocol, tls: o.tls, tlsVerify: o.tlsVerify, durable: o.durable, index: o.index, path: o.path };
}

/** A well-formed ConfigRead: lists, 1-based positions, one-line constructs, ids unique, edges between known ids. */
export function assertWellFormed(read: ConfigRead, kind?: string): void {
  if (kind !== undefined) assert.equal(read.kind, kind);
  for (const key of ['subjects', 'sources', 'pipelines', 'policies', 'attachments', 'rotations', 'unknowns', 'problems', 'includes'] as const) {
    assert.ok(Array.isArray(read[key]), `${key} is a list`);
  }
  assert.equal(typeof read.fatal, 'boolean');
  const positions: Location[] = [...read.problems.map((p) => p.at), ...read.unknowns.map((u) => u.at)];
  for (const p of read.problems) assert.equal(typeof p.message, 'string');
  for (const u of read.unknowns) assert.ok(!/[\r\n]/.test(u.reason), 'reason is one line');
  for (const pipeline of read.pipelines) {
    positions.push(pipeline.declaredAt, ...pipeline.inputs.map((i) => i.at), ...pipeline.outputs.flatMap((o) => [o.at, ...Object.values(o.locations)]));
    const inputs = new Set(pipeline.inputs.map((i) => i.id));
    const outputs = new Set(pipeline.outputs.map((o) => o.id));
    assert.equal(inputs.size, pipeline.inputs.length, 'input ids are unique');
    assert.equal(outputs.size, pipeline.outputs.length, 'output ids are unique');
    for (const e of pipeline.edges) assert.ok(inputs.has(e.input) && outputs.has(e.output), `edge ${e.input}>${e.output} joins known ids`);
  }
  for (const at of positions) {
    assert.ok(Number.isInteger(at.line) && at.line >= 1, `line ${at.line} is 1-based`);
    assert.ok(Number.isInteger(at.column) && at.column >= 1, `column ${at.column} is 1-based`);
  }
  JSON.stringify(read);
}
