/** Small readers over parsed JSON/YAML data shared by the store adapters (pure). */
import type { DocPath, StructuredDocument } from '../../documents/yaml-document.js';
import type { ConfigRead } from '../../model/pipeline.js';
import { isRecord } from '../../util/is-record.js';

/** A member the object itself holds (never one inherited from a prototype, `__proto__` included). */
export function own(record: unknown, key: string): unknown {
  return isRecord(record) && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The member when it is an object, else null. */
export function ownRecord(record: unknown, key: string): Record<string, unknown> | null {
  const value = own(record, key);
  return isRecord(value) ? value : null;
}

/** The member when it is a non-blank string, else null. */
export function ownString(record: unknown, key: string): string | null {
  const value = own(record, key);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Reports what a document holds but the adapter does not model, at the key that holds it. */
export function addUnknown(read: ConfigRead, doc: StructuredDocument, path: DocPath, construct: string, reason: string): void {
  read.unknowns.push({ construct, reason, at: doc.locate(path) });
}

export function addProblem(read: ConfigRead, doc: StructuredDocument, path: DocPath, message: string): void {
  read.problems.push({ at: doc.locate(path), message });
}

/** Values quoted in messages are cut short and kept on one line. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const line = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
