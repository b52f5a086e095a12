/**
 * Parses a CloudFormation template (YAML, or JSON, which is YAML) into the YAML node tree, with
 * the short intrinsic tags registered and a line counter, so that every resource and property
 * keeps its position. The evaluator walks the nodes, not plain data.
 */
import { Composer, LineCounter, Parser } from 'yaml';
import type { CST, Document, Node } from 'yaml';
import { describeYamlError } from '../../documents/yaml-document.js';
import { CFN_CUSTOM_TAGS } from './intrinsics.js';
import { tooDeepAt } from '../../documents/yaml-document.js';

/**
 * Collections nested deeper than this are refused before they are composed: the YAML composer
 * recurses, and near the end of the stack V8 may abort instead of throwing.
 */
export const MAX_TEMPLATE_NESTING = 128;

export interface ParsedTemplate {
  /** The first document's root node; null when the text holds no document or does not parse. */
  root: Node | null;
  document: Document.Parsed | null;
  counter: LineCounter;
  /** Syntax errors (1-based positions), in the order found; any one makes the template unreadable. */
  errors: { line: number; column: number; message: string }[];
}

export function parseTemplate(text: string): ParsedTemplate {
  const counter = new LineCounter();
  const errors: ParsedTemplate['errors'] = [];
  const tokens: CST.Token[] = [];
  for (const token of new Parser(counter.addNewLine).parse(text)) {
    const deep = tooDeepAt(token, MAX_TEMPLATE_NESTING);
    if (deep !== null) {
      const pos = counter.linePos(deep);
      return { root: null, document: null, counter, errors: [{ line: pos.line, column: pos.col, message: 'nesting too deep' }] };
    }
    tokens.push(token);
  }
  // Silent: the parser's warnings quote the source, and a template may hold secrets (a
  // parameter default, inline code); errors come back with their positions only.
  const documents = Array.from(new Composer({ uniqueKeys: false, logLevel: 'silent', customTags: CFN_CUSTOM_TAGS }).compose(tokens));
  const first = documents[0];
  if (!first) return { root: null, document: null, counter, errors };
  for (const error of first.errors) {
    const pos = counter.linePos(error.pos[0]);
    errors.push({ line: pos.line, column: pos.col, message: describeYamlError(error.code) });
  }
  if (errors.length > 0) return { root: null, document: null, counter, errors };
  return { root: (first.contents as Node | null) ?? null, document: first, counter, errors };
}
