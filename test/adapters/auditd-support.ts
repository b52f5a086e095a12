/** Helpers of the auditd, audit rules, audisp-remote and journald adapter tests. */
import assert from 'node:assert/strict';
import type { ReadContext } from '../../src/adapters/config-adapter.js';
import { matchInclude } from '../../src/discover/include-resolver.js';
import type { ConfigRead } from '../../src/model/pipeline.js';
import type { Subject } from '../../src/model/subject.js';

/** A scanned tree in memory: includes resolve as the scan's resolver resolves them. */
export function treeContext(files: Readonly<Record<string, string>>): ReadContext {
  const paths = Object.keys(files).sort();
  return {
    include(pattern, from) {
      const matched = matchInclude(pattern, from, paths).filter((p) => p !== from);
      return { files: matched.map((path) => ({ path, text: files[path] as string })), reason: matched.length > 0 ? null : `${pattern}: not in the scanned inputs` };
    },
  };
}

export function theSubject(read: ConfigRead): Subject {
  assert.equal(read.subjects.length, 1, `one subject, got ${read.subjects.map((s) => s.id).join(', ') || 'none'}`);
  return read.subjects[0] as Subject;
}

/** `path:line:column` where a fact is decided. */
export function at(subject: Subject, fact: string): string {
  const loc = subject.locations[fact];
  assert.ok(loc, `a location for ${fact}`);
  return `${loc.path}:${loc.line}:${loc.column}`;
}

/** Problems as `line:column message`, for exact comparisons. */
export function problemsOf(read: ConfigRead): string[] {
  return read.problems.map((p) => `${p.at.line}:${p.at.column} ${p.message}`);
}

/** Lines joined with newlines and a final newline. */
export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}
