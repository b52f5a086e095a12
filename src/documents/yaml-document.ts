/**
 * Parsed YAML/JSON documents that can map any path inside them back to a 1-based line and
 * column. A missing path maps to its closest existing ancestor, so a finding about an absent
 * key still points at a real line.
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Node } from 'yaml';
import type { Location } from '../model/vocabulary.js';

export type DocPath = readonly (string | number)[];

export interface ParseProblem {
  line: number;
  column: number;
  message: string;
}

export interface StructuredDocument {
  /** Posix path relative to the scan root. */
  readonly path: string;
  /** 0-based index of the document in a multi-document stream. */
  readonly index: number;
  /** Plain data (`unknown`: narrow before use). */
  readonly data: unknown;
  /** Location of the node at `path`, or of its closest existing ancestor. */
  locate(path: DocPath): Location;
}

export interface ParsedFile {
  documents: StructuredDocument[];
  errors: ParseProblem[];
}

/** Parses YAML (and JSON, which is YAML) into documents; errors keep their 1-based positions. */
export function parseStructured(path: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const streams = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(streams) ? streams : [streams];
  const errors: ParseProblem[] = [];
  const documents: StructuredDocument[] = [];
  list.forEach((doc, index) => {
    for (const error of doc.errors) {
      const pos = lineCounter.linePos(error.pos[0]);
      errors.push({ line: pos.line, column: pos.col, message: describeYamlError(error.code) });
    }
    if (doc.errors.length > 0) return;
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // Alias bombs and absurdly deep nesting end here instead of taking the scan down.
      const pos = lineCounter.linePos(doc.range[0]);
      // Named by kind only: the parser's messages quote the source (an alias name, say).
      const text = (error as Error).message;
      const message = error instanceof RangeError ? 'nesting too deep' : /Excessive alias count/.test(text) ? 'too many aliases (resource exhaustion)' : 'unresolved alias or tag';
      errors.push({ line: pos.line, column: pos.col, message });
      return;
    }
    if (data === null || data === undefined) return;
    const contents = doc.contents as Node | null;
    documents.push({
      path,
      index,
      data,
      locate: (docPath) => locateNode(contents, docPath, path, lineCounter),
    });
  });
  return { documents, errors };
}

/**
 * The parser's error code in words (`BAD_INDENT` → `bad indent`). The parser's own messages quote
 * the source, and a scanned file may hold secrets, so only the code and the position are shown.
 */
export function describeYamlError(code: string): string {
  return `${code.toLowerCase().replace(/_/g, ' ')} (YAML/JSON syntax)`;
}

function locateNode(root: Node | null, docPath: DocPath, path: string, counter: LineCounter): Location {
  let offset = root?.range?.[0] ?? 0;
  let node: unknown = root;
  for (const segment of docPath) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      const keyRange = isScalar(pair.key) ? pair.key.range : undefined;
      if (keyRange) offset = keyRange[0];
      node = pair.value;
      continue;
    }
    if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!item) break;
      const range = (item as Node).range;
      if (range) offset = range[0];
      node = item;
      continue;
    }
    break;
  }
  const pos = counter.linePos(offset);
  return { path, line: pos.line, column: pos.col };
}
