/** Helpers of the host and service adapter tests: the read shape check (shared helpers come from adapter-support). */
import assert from 'node:assert/strict';
import type { ConfigRead } from '../../src/model/pipeline.js';

export { filesContext, firstDoc as doc, theSubject as only, factPlace as where } from './adapter-support.js';

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
