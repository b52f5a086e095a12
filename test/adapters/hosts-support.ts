/** Helpers of the host and service adapter tests: an include context over in-memory files, parsed documents. */
import assert from 'node:assert/strict';
import type { ReadContext } from '../../src/adapters/config-adapter.js';
import { matchInclude } from '../../src/discover/include-resolver.js';
import { parseStructured } from '../../src/documents/yaml-document.js';
import type { StructuredDocument } from '../../src/documents/yaml-document.js';
import type { ConfigRead } from '../../src/model/pipeline.js';
import type { Subject } from '../../src/model/subject.js';

/** Includes resolve against these files exactly as the scan's resolver matches them. */
export function filesContext(files: Record<string, string>): ReadContext {
  const paths = Object.keys(files).sort();
  return {
    include(pattern, from) {
      const matched = matchInclude(pattern, from, paths).filter((p) => p !== from);
      return { files: matched.map((p) => ({ path: p, text: files[p] as string })), reason: matched.length > 0 ? null : `${pattern}: not in the scanned inputs` };
    },
  };
}

export function doc(path: string, text: string): StructuredDocument {
  const parsed = parseStructured(path, text);
  assert.deepEqual(parsed.errors, []);
  const first = parsed.documents[0];
  assert.ok(first, 'one document');
  return first;
}

export function only(read: ConfigRead): Subject {
  assert.equal(read.subjects.length, 1, `one subject, got ${read.subjects.map((s) => s.id).join(', ')}`);
  return read.subjects[0] as Subject;
}

/** `line:column` of a fact's location. */
export function where(subject: Subject, fact: string): string {
  const loc = subject.locations[fact];
  assert.ok(loc, `a location for ${fact}`);
  return `${loc.path}:${loc.line}:${loc.column}`;
}

/** A well-formed ConfigRead: the shape every adapter must return. */
export function assertWellFormed(read: ConfigRead, kind?: string): void {
  if (kind !== undefined) assert.equal(read.kind, kind);
  for (const key of ['subjects', 'sources', 'pipelines', 'policies', 'attachments', 'rotations', 'unknowns', 'problems', 'includes'] as const) {
    assert.ok(Array.isArray(read[key]), `${key} is a list`);
  }
  assert.equal(typeof read.fatal, 'boolean');
  for (const p of read.problems) {
    assert.ok(Number.isInteger(p.at.line) && p.at.line >= 1, 'problem line is 1-based');
    assert.ok(Number.isInteger(p.at.column) && p.at.column >= 1, 'problem column is 1-based');
    assert.equal(typeof p.message, 'string');
  }
  for (const u of read.unknowns) {
    assert.ok(u.at.line >= 1 && u.at.column >= 1);
    assert.ok(!/[\r\n]/.test(u.construct), 'construct is one line');
  }
  for (const s of read.subjects) {
    assert.ok(s.declaredAt.line >= 1);
    for (const loc of Object.values(s.locations)) assert.ok(loc.line >= 1 && loc.column >= 1);
  }
  JSON.stringify(read);
}
