/** Helpers of the rsyslog and syslog-ng adapter tests. */
import assert from 'node:assert/strict';
import type { ConfigRead, Pipeline, PipelineEdge, PipelineOutput } from '../../src/model/pipeline.js';
import type { Location } from '../../src/model/vocabulary.js';
import { edgeList } from './adapter-support.js';

export { conf, edgeList, filesContext, inputOf, lc, outputOf } from './adapter-support.js';

export function pipelineOf(read: ConfigRead): Pipeline {
  assert.equal(read.pipelines.length, 1, 'one pipeline');
  return read.pipelines[0] as Pipeline;
}

export function edgeOf(pipeline: Pipeline, input: string, output: string): PipelineEdge {
  const found = pipeline.edges.find((e) => e.input === input && e.output === output);
  assert.ok(found, `edge ${input}>${output} (have ${edgeList(pipeline).join(', ')})`);
  return found;
}

/** The output facts rules read, without locations. */
export function factsOf(o: PipelineOutput): Record<string, unknown> {
  return { plugin: o.plugin, sinkKind: o.sinkKind, remote: o.remote, endpoint: o.endpoint, port: o.port, protocol: o.protocol, tls: o.tls, tlsVerify: o.tlsVerify, durable: o.durable, index: o.index, path: o.path };
}

/** Constructs not understood, as `construct@line`. */
export function unknownsOf(read: ConfigRead): string[] {
  return read.unknowns.map((u) => `${u.construct}@${u.at.line}`);
}

/** A ConfigRead with the documented shape: lists, 1-based positions, unique ids, edges between known ids. */
export function assertWellFormed(read: ConfigRead, kind: string): void {
  assert.equal(read.kind, kind);
  for (const key of ['subjects', 'sources', 'pipelines', 'policies', 'attachments', 'rotations', 'unknowns', 'problems', 'includes'] as const) assert.ok(Array.isArray(read[key]), `${key} is a list`);
  assert.equal(typeof read.fatal, 'boolean');
  const positions: Location[] = [...read.problems.map((p) => p.at), ...read.unknowns.map((u) => u.at)];
  for (const p of read.problems) assert.ok(typeof p.message === 'string' && !/[\r\n]/.test(p.message), 'problem message is one line');
  for (const u of read.unknowns) assert.ok(!/[\r\n]/.test(u.reason) && !/[\r\n]/.test(u.construct), 'unknown is one line');
  assert.ok(read.pipelines.length <= 1);
  for (const pipeline of read.pipelines) {
    positions.push(pipeline.declaredAt, ...pipeline.inputs.map((i) => i.at), ...pipeline.outputs.flatMap((o) => [o.at, ...Object.values(o.locations)]));
    const inputs = new Set(pipeline.inputs.map((i) => i.id));
    const outputs = new Set(pipeline.outputs.map((o) => o.id));
    assert.equal(inputs.size, pipeline.inputs.length, 'input ids are unique');
    assert.equal(outputs.size, pipeline.outputs.length, 'output ids are unique');
    const seen = new Set<string>();
    for (const e of pipeline.edges) {
      assert.ok(inputs.has(e.input) && outputs.has(e.output), `edge ${e.input}>${e.output} joins known ids`);
      assert.ok(!seen.has(`${e.input}>${e.output}`), 'edges are unique');
      seen.add(`${e.input}>${e.output}`);
      assert.ok(e.facilities === null || (Array.isArray(e.facilities) && e.facilities.length > 0));
    }
    for (const o of pipeline.outputs) {
      for (const key of Object.keys(o.locations)) assert.ok(['tls', 'tlsVerify', 'durable', 'index'].includes(key), `location key ${key}`);
      assert.ok(o.port === null || (Number.isInteger(o.port) && o.port >= 1 && o.port <= 65535));
    }
  }
  for (const at of positions) {
    assert.ok(Number.isInteger(at.line) && at.line >= 1, 'line is 1-based');
    assert.ok(Number.isInteger(at.column) && at.column >= 1, 'column is 1-based');
  }
}
