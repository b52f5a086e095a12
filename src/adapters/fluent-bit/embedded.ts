/**
 * Shipper configs embedded in a Kubernetes ConfigMap (`data: {fluent-bit.conf: |...}`): where the
 * lines of the embedded string really are in the manifest, and embedded YAML read with positions.
 *
 * A StructuredDocument locates keys, not the start of a value, so the start is inferred: a
 * multi-line value is taken as a literal block scalar (`key: |`), whose line i is the line after
 * the key plus i, indented two columns more than the key. When a later key sits closer than the
 * value has lines (a quoted string with `\n` escapes), every line is reported at the key instead.
 */
import { parseStructured } from '../../documents/yaml-document.js';
import type { DocPath, StructuredDocument } from '../../documents/yaml-document.js';
import type { Location } from '../../model/vocabulary.js';
import { isRecord } from '../../util/is-record.js';
import { blockLineCount } from '../shipper-kit/embedded.js';
import { locate } from './notes.js';
import type { Origin } from './notes.js';

/** Lines of every key of the document's top level and of the map at `parent`. */
function keyLines(doc: StructuredDocument, parent: DocPath): number[] {
  const lines: number[] = [];
  if (isRecord(doc.data)) for (const key of Object.keys(doc.data)) lines.push(doc.locate([key]).line);
  let node: unknown = doc.data;
  for (const seg of parent) node = isRecord(node) ? node[String(seg)] : undefined;
  if (isRecord(node)) for (const key of Object.keys(node)) lines.push(doc.locate([...parent, key]).line);
  return lines;
}

/** Where the string at `path` (a key of the map at `path` minus its last segment) starts. */
export function embeddedOrigin(doc: StructuredDocument, path: DocPath, text: string): Origin {
  const key = doc.locate(path);
  const flat: Origin = { path: doc.path, lineOffset: 0, columnOffset: 0, flat: key };
  if (!text.includes('\n')) return flat;
  const needed = key.line + blockLineCount(text);
  const next = keyLines(doc, path.slice(0, -1))
    .filter((line) => line > key.line)
    .reduce((min, line) => Math.min(min, line), Number.POSITIVE_INFINITY);
  if (next <= needed) return flat;
  return { path: doc.path, lineOffset: key.line, columnOffset: key.column + 1 };
}

/** YAML embedded in a manifest, parsed with its positions moved to where the text sits in the manifest. */
export function parseEmbeddedYaml(origin: Origin, text: string): { documents: StructuredDocument[]; errors: { at: Location; message: string }[] } {
  const parsed = parseStructured(origin.path, text);
  const shift = (loc: Location): Location => locate(origin, loc.line, loc.column);
  return {
    documents: parsed.documents.map((d) => ({ path: origin.path, index: d.index, data: d.data, locate: (p: DocPath) => shift(d.locate(p)) })),
    errors: parsed.errors.map((e) => ({ at: locate(origin, e.line, e.column), message: e.message })),
  };
}
