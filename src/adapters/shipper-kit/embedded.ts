/**
 * Shipper configs carried as strings inside Kubernetes manifests (a ConfigMap's `data`, the
 * OpenTelemetry Operator's `spec.config`). The string is parsed on its own and every position in
 * it is reported at its real line in the manifest.
 *
 * The scan hands over parsed data, not the manifest's text, so the string's own layout is
 * inferred: a literal block scalar (`key: |`) keeps its lines one for one, starting on the line
 * after the key. That is checked against the next key of the same mapping (it must come after the
 * string's last line). The column assumes the block is indented two spaces more than its key (the
 * usual layout; the manifest's text would be needed to know). A string that is not a literal
 * block (quoted, folded, one line) has all its positions reported at its key.
 */
import { parseStructured } from '../../documents/yaml-document.js';
import type { DocPath, StructuredDocument } from '../../documents/yaml-document.js';
import type { Location } from '../../model/vocabulary.js';
import type { ConfigSource } from './source.js';
import { readToml } from './toml.js';
import { asRecord, own } from './values.js';

export interface EmbeddedText {
  /** The key holding the string (`vector.yaml`, `config`). */
  key: string;
  text: string;
  /** Where the key is in the manifest. */
  keyAt: Location;
  /** A position inside the string → its place in the manifest. */
  place(line: number, column: number): Location;
}

/** The string at `parent.key` of a manifest, with its position mapping; null when it is not a string. */
export function embeddedText(doc: StructuredDocument, parent: DocPath, key: string): EmbeddedText | null {
  let node: unknown = doc.data;
  for (const segment of parent) node = own(asRecord(node), String(segment));
  const record = asRecord(node);
  const text = own(record, key);
  if (typeof text !== 'string' || record === null) return null;
  const keyAt = doc.locate([...parent, key]);
  const literal = isLiteralBlock(doc, parent, record, key, text, keyAt);
  const place = literal
    ? (line: number, column: number): Location => ({ path: doc.path, line: keyAt.line + line, column: keyAt.column + 1 + column })
    : (): Location => keyAt;
  return { key, text, keyAt, place };
}

function isLiteralBlock(doc: StructuredDocument, parent: DocPath, record: Record<string, unknown>, key: string, text: string, keyAt: Location): boolean {
  if (!text.includes('\n')) return false;
  const lines = blockLineCount(text);
  const keys = Object.keys(record);
  const next = keys[keys.indexOf(key) + 1];
  if (next === undefined) return true;
  return doc.locate([...parent, next]).line > keyAt.line + lines;
}

/** Lines of a string as a literal block scalar holds them (a final newline ends the last line). */
export function blockLineCount(text: string): number {
  const n = text.split('\n').length;
  return text.endsWith('\n') ? n - 1 : n;
}

/** The string keys of a ConfigMap's `data`, in document order. */
export function configMapKeys(data: unknown): string[] {
  const record = asRecord(data);
  if (record === null || own(record, 'kind') !== 'ConfigMap') return [];
  const entries = asRecord(own(record, 'data'));
  if (entries === null) return [];
  return Object.keys(entries).filter((key) => typeof entries[key] === 'string');
}

export interface EmbeddedRead {
  source: ConfigSource | null;
  problems: { at: Location; message: string }[];
}

/** Parses an embedded YAML/JSON or TOML string; positions are mapped into the manifest. */
export function readEmbedded(embedded: EmbeddedText, format: 'yaml' | 'toml'): EmbeddedRead {
  const { place } = embedded;
  if (format === 'toml') {
    const read = readToml(embedded.keyAt.path, embedded.text);
    if (read.source === null) {
      const p = read.problem ?? { line: 1, column: 1, message: 'could not be read as TOML' };
      return { source: null, problems: [{ at: place(p.line, p.column), message: p.message }] };
    }
    const inner = read.source;
    return { source: { path: inner.path, data: inner.data, locate: (path) => shifted(inner.locate(path), place) }, problems: [] };
  }
  const parsed = parseStructured(embedded.keyAt.path, embedded.text);
  const problems = parsed.errors.map((e) => ({ at: place(e.line, e.column), message: e.message }));
  const first = parsed.documents[0];
  if (!first) return { source: null, problems: problems.length > 0 ? problems : [{ at: embedded.keyAt, message: `${embedded.key} holds no configuration` }] };
  return { source: { path: first.path, data: first.data, locate: (path) => shifted(first.locate(path), place) }, problems };
}

function shifted(at: Location, place: (line: number, column: number) => Location): Location {
  return place(at.line, at.column);
}
