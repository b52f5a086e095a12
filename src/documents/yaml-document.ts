/**
 * Parsed YAML/JSON documents that can map any path inside them back to a 1-based line and
 * column. A missing path maps to its closest existing ancestor, so a finding about an absent
 * key still points at a real line.
 */
import { Composer, LineCounter, Parser, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { CST, Node } from 'yaml';
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

/**
 * Collections nested deeper than this are refused. The parser composes nested collections by
 * recursion: near the end of the stack V8 may abort the whole process (a fatal "out of memory" in
 * its regular-expression compiler, not an exception) instead of throwing, so each document is
 * measured before it is composed. Aliases can nest what they name deeper again (or inside itself):
 * the data is measured too.
 */
export const MAX_NESTING = 128;

/** Offset of the first collection nested deeper than `limit` in a parsed token, or null. */
export function tooDeepAt(top: CST.Token, limit = MAX_NESTING): number | null {
  const stack: { token: CST.Token; depth: number }[] = [];
  if (top.type === 'document' && top.value) stack.push({ token: top.value, depth: 1 });
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { token, depth } = next;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth > limit) return token.offset;
    for (const item of token.items) {
      if (item.key) stack.push({ token: item.key, depth: depth + 1 });
      if (item.value) stack.push({ token: item.value, depth: depth + 1 });
    }
  }
  return null;
}

/** The parsed tokens up to the first one nested too deep, whose offset is then kept in `deep`. */
function* shallow(tokens: Iterable<CST.Token>, deep: { at: number | null }): Generator<CST.Token> {
  for (const token of tokens) {
    deep.at = tooDeepAt(token);
    if (deep.at !== null) return;
    yield token;
  }
}

/** Why plain data cannot be handed on: it refers to itself (a recursive alias) or nests too deep; null when fine. */
function dataProblem(root: unknown): string | null {
  if (typeof root !== 'object' || root === null) return null;
  const heights = new Map<object, number>();
  const onPath = new Set<object>();
  const frames: { node: object; children: unknown[]; next: number; height: number; depth: number }[] = [];
  const enter = (node: object, depth: number): void => {
    onPath.add(node);
    frames.push({ node, children: Object.values(node), next: 0, height: 0, depth });
  };
  enter(root, 1);
  for (let top = frames[frames.length - 1]; top !== undefined; top = frames[frames.length - 1]) {
    if (top.next < top.children.length) {
      const child = top.children[top.next++];
      if (typeof child !== 'object' || child === null) continue;
      if (onPath.has(child)) return 'recursive alias';
      const known = heights.get(child);
      if (known !== undefined) {
        if (top.depth + known > MAX_NESTING) return 'nesting too deep';
        top.height = Math.max(top.height, known);
        continue;
      }
      if (top.depth >= MAX_NESTING) return 'nesting too deep';
      enter(child, top.depth + 1);
      continue;
    }
    frames.pop();
    onPath.delete(top.node);
    heights.set(top.node, top.height + 1);
    const parent = frames[frames.length - 1];
    if (parent) parent.height = Math.max(parent.height, top.height + 1);
  }
  return null;
}

/** Parses YAML (and JSON, which is YAML) into documents; errors keep their 1-based positions. */
export function parseStructured(path: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const deep: { at: number | null } = { at: null };
  const tokens = shallow(new Parser(lineCounter.addNewLine).parse(text), deep);
  // Silent: the parser's warnings quote the source (a mapping used as a key is printed whole on
  // stderr), and a scanned file may hold secrets; what matters comes back as errors with positions.
  const list = Array.from(new Composer({ uniqueKeys: false, logLevel: 'silent' }).compose(tokens));
  if (deep.at !== null) {
    const pos = lineCounter.linePos(deep.at);
    return { documents: [], errors: [{ line: pos.line, column: pos.col, message: 'nesting too deep' }] };
  }
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
    const problem = dataProblem(data);
    if (problem !== null) {
      const pos = lineCounter.linePos(doc.range[0]);
      errors.push({ line: pos.line, column: pos.col, message: problem });
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
