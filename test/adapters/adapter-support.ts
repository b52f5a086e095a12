/** Helpers shared by the adapter tests: in-memory include trees, parsed documents, lookups and places. */
import assert from 'node:assert/strict';
import type { ReadContext } from '../../src/adapters/config-adapter.js';
import { matchInclude } from '../../src/discover/include-resolver.js';
import { parseStructured } from '../../src/documents/yaml-document.js';
import type { StructuredDocument } from '../../src/documents/yaml-document.js';
import type { ConfigRead, Pipeline, PipelineInput, PipelineOutput } from '../../src/model/pipeline.js';
import type { Subject } from '../../src/model/subject.js';
import type { Location } from '../../src/model/vocabulary.js';

/** Lines joined into a config text with a final newline: line n of the config is `lines[n - 1]`. */
export function conf(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** A scanned tree in memory: includes resolve exactly as the scan's resolver matches them. */
export function filesContext(files: Readonly<Record<string, string>>): ReadContext {
  const paths = Object.keys(files).sort();
  return {
    include(pattern, from) {
      const matched = matchInclude(pattern, from, paths).filter((p) => p !== from);
      return { files: matched.map((p) => ({ path: p, text: files[p] as string })), reason: matched.length > 0 ? null : `${pattern}: not in the scanned inputs` };
    },
  };
}

/** The first document of a YAML/JSON text, which must parse without errors. */
export function firstDoc(path: string, text: string): StructuredDocument {
  const parsed = parseStructured(path, text);
  assert.deepEqual(parsed.errors, []);
  const first = parsed.documents[0];
  assert.ok(first, 'one document');
  return first;
}

/** The one subject of a read. */
export function theSubject(read: ConfigRead): Subject {
  assert.equal(read.subjects.length, 1, `one subject, got ${read.subjects.map((s) => s.id).join(', ') || 'none'}`);
  return read.subjects[0] as Subject;
}

/** `path:line:column` where a fact is decided (the fact must have a location). */
export function factPlace(subject: Subject, fact: string): string {
  const loc = subject.locations[fact];
  assert.ok(loc, `a location for ${fact}`);
  return `${loc.path}:${loc.line}:${loc.column}`;
}

/** `line:column` where a fact is decided, or `none`. */
export function factLineColumn(subject: Subject, fact: string): string {
  const loc = subject.locations[fact];
  return loc ? `${loc.line}:${loc.column}` : 'none';
}

/** `line:column` of a location. */
export function lc(at: Location | undefined): string {
  assert.ok(at, 'a location');
  return `${at.line}:${at.column}`;
}

export function inputOf(pipeline: Pipeline, id: string): PipelineInput {
  const found = pipeline.inputs.find((i) => i.id === id);
  assert.ok(found, `input ${id} (have ${pipeline.inputs.map((i) => i.id).join(', ')})`);
  return found;
}

export function outputOf(pipeline: Pipeline, id: string): PipelineOutput {
  const found = pipeline.outputs.find((o) => o.id === id);
  assert.ok(found, `output ${id} (have ${pipeline.outputs.map((o) => o.id).join(', ')})`);
  return found;
}

/** Edges as `input>output`, in the pipeline's order. */
export function edgeList(pipeline: Pipeline): string[] {
  return pipeline.edges.map((e) => `${e.input}>${e.output}`);
}
