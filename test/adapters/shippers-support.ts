/** Helpers of the Vector, OpenTelemetry Collector and journal-upload adapter tests. */
import assert from 'node:assert/strict';
import { parseStructured } from '../../src/documents/yaml-document.js';
import type { StructuredDocument } from '../../src/documents/yaml-document.js';
import type { ConfigRead, Pipeline, PipelineOutput } from '../../src/model/pipeline.js';
import type { Location } from '../../src/model/vocabulary.js';

export { edgeList as edges, filesContext, firstDoc, inputOf as input, lc, outputOf as output } from './adapter-support.js';

/** The documents of a YAML/JSON text (which must parse). */
export function docs(path: string, text: string): StructuredDocument[] {
  const parsed = parseStructured(path, text);
  assert.deepEqual(parsed.errors, []);
  return parsed.documents;
}

export function onePipeline(read: ConfigRead): Pipeline {
  assert.equal(read.pipelines.length, 1, `one pipeline, got ${read.pipelines.length}`);
  return read.pipelines[0] as Pipeline;
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
