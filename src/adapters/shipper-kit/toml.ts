/**
 * TOML with positions. `smol-toml` parses the values (and says where a syntax error is) but keeps
 * no positions, so a small scanner walks the same text once more and notes where every table
 * header, key (dotted keys and inline tables included) and array element starts. The scanner
 * runs only on text the parser accepted; it never throws and always advances.
 */
import { TomlError, parse } from 'smol-toml';
import type { DocPath } from '../../documents/yaml-document.js';
import type { Location } from '../../model/vocabulary.js';
import type { ConfigSource } from './source.js';

/** Inline tables and arrays nested deeper than this are refused by the parser. */
const MAX_TOML_DEPTH = 64;

export interface TomlRead {
  source: ConfigSource | null;
  problem: { line: number; column: number; message: string } | null;
}

export function readToml(path: string, text: string): TomlRead {
  let data: unknown;
  try {
    // Bigints only where a number would lose precision (Vector's demo_logs `count = 2^63-1`).
    data = parse(text, { integersAsBigInt: 'asNeeded', maxDepth: MAX_TOML_DEPTH });
  } catch (error) {
    if (error instanceof TomlError) {
      // The first line names the rule broken; the rest is a code excerpt, which may hold a secret.
      const first = (error.message.split('\n')[0] ?? '').replace(/^Invalid TOML document:\s*/, '');
      return { source: null, problem: { line: error.line, column: error.column, message: `${first || 'invalid TOML'} (TOML syntax)` } };
    }
    return { source: null, problem: { line: 1, column: 1, message: 'could not be read as TOML' } };
  }
  const positions = tomlPositions(path, text);
  return { source: { path, data, locate: (docPath) => lookup(positions, path, docPath) }, problem: null };
}

function keyOf(path: readonly (string | number)[]): string {
  return JSON.stringify(path.map(String));
}

function lookup(positions: Map<string, Location>, path: string, docPath: DocPath): Location {
  for (let n = docPath.length; n > 0; n--) {
    const found = positions.get(keyOf(docPath.slice(0, n)));
    if (found) return found;
  }
  return { path, line: 1, column: 1 };
}

/** Where each table, key and array element of a (valid) TOML text starts, by its data path. */
export function tomlPositions(path: string, text: string): Map<string, Location> {
  const scanner = new PositionScanner(path, text);
  scanner.run();
  return scanner.positions;
}

const BARE_KEY = /[A-Za-z0-9_-]/;
const SCALAR_END = new Set([',', ']', '}', '\n', '\r', '#']);

class PositionScanner {
  readonly positions = new Map<string, Location>();
  private i = 0;
  private line = 1;
  private lineStart = 0;
  /** Array-of-tables paths (indices resolved) → how many elements so far. */
  private readonly arrayTables = new Map<string, number>();

  constructor(
    private readonly path: string,
    private readonly text: string,
  ) {}

  run(): void {
    let table: (string | number)[] = [];
    while (this.i < this.text.length) {
      this.skipBlank(true);
      if (this.i >= this.text.length) break;
      const c = this.text[this.i] as string;
      if (c === '[') table = this.header() ?? table;
      else if (c === '"' || c === "'" || BARE_KEY.test(c)) this.keyValue(table, 0);
      else this.skipLine();
    }
  }

  private here(): Location {
    return { path: this.path, line: this.line, column: this.i - this.lineStart + 1 };
  }

  private note(path: readonly (string | number)[], at: Location, overwrite: boolean): void {
    const key = keyOf(path);
    if (overwrite || !this.positions.has(key)) this.positions.set(key, at);
  }

  private advance(): void {
    if (this.text[this.i] === '\n') {
      this.line++;
      this.lineStart = this.i + 1;
    }
    this.i++;
  }

  private startsWith(s: string): boolean {
    return this.text.startsWith(s, this.i);
  }

  /** Spaces and tabs; with `lines`, also newlines and comments. */
  private skipBlank(lines: boolean): void {
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (c === ' ' || c === '\t') this.advance();
      else if (lines && (c === '\n' || c === '\r')) this.advance();
      else if (lines && c === '#') this.skipLine();
      else break;
    }
  }

  private skipLine(): void {
    while (this.i < this.text.length && this.text[this.i] !== '\n') this.i++;
    if (this.i < this.text.length) this.advance();
  }

  /** `[a.b]` or `[[a.b]]`: the data path of the table it opens. */
  private header(): (string | number)[] | null {
    const at = this.here();
    const isArray = this.startsWith('[[');
    this.i += isArray ? 2 : 1;
    const keys = this.key();
    this.skipBlank(false);
    if (keys === null || !this.startsWith(isArray ? ']]' : ']')) {
      this.skipLine();
      return null;
    }
    this.i += isArray ? 2 : 1;
    const path: (string | number)[] = [];
    for (const { name } of keys) {
      path.push(name);
      this.note(path, at, false);
      const count = this.arrayTables.get(keyOf(path));
      // A header below an array of tables continues its last element.
      if (count !== undefined && path.length < keys.length) path.push(count - 1);
    }
    if (isArray) {
      const count = this.arrayTables.get(keyOf(path)) ?? 0;
      this.arrayTables.set(keyOf(path), count + 1);
      path.push(count);
    }
    this.note(path, at, true);
    return path;
  }

  /** A dotted key: each part with where it starts; null when none can be read here. */
  private key(): { name: string; at: Location }[] | null {
    const parts: { name: string; at: Location }[] = [];
    for (;;) {
      this.skipBlank(false);
      const at = this.here();
      const c = this.text[this.i];
      let name: string | null;
      if (c === '"') name = this.basicString();
      else if (c === "'") name = this.literalString();
      else if (c !== undefined && BARE_KEY.test(c)) {
        const start = this.i;
        while (this.i < this.text.length && BARE_KEY.test(this.text[this.i] as string)) this.i++;
        name = this.text.slice(start, this.i);
      } else name = null;
      if (name === null) return null;
      parts.push({ name, at });
      this.skipBlank(false);
      if (this.text[this.i] !== '.') return parts;
      this.i++;
    }
  }

  private keyValue(table: readonly (string | number)[], depth: number): void {
    const keys = this.key();
    this.skipBlank(false);
    if (keys === null || this.text[this.i] !== '=') {
      this.skipLine();
      return;
    }
    this.i++;
    // A dotted key (`tls.enabled = true`) is located where the whole key starts.
    const at = keys[0]?.at ?? this.here();
    const path = [...table];
    for (const { name } of keys) {
      path.push(name);
      this.note(path, at, false);
    }
    this.skipBlank(false);
    this.value(path, depth);
  }

  private value(path: (string | number)[], depth: number): void {
    if (depth > MAX_TOML_DEPTH) {
      this.skipLine();
      return;
    }
    if (this.startsWith('"""')) this.multiline('"""', true);
    else if (this.startsWith("'''")) this.multiline("'''", false);
    else if (this.text[this.i] === '"') this.basicString();
    else if (this.text[this.i] === "'") this.literalString();
    else if (this.text[this.i] === '[') this.array(path, depth);
    else if (this.text[this.i] === '{') this.inlineTable(path, depth);
    else while (this.i < this.text.length && !SCALAR_END.has(this.text[this.i] as string)) this.i++;
  }

  private array(path: (string | number)[], depth: number): void {
    this.i++;
    for (let index = 0; this.i < this.text.length; index++) {
      this.skipBlank(true);
      if (this.text[this.i] === ']') break;
      const before = this.i;
      this.note([...path, index], this.here(), true);
      this.value([...path, index], depth + 1);
      this.skipBlank(true);
      if (this.text[this.i] === ',') this.i++;
      else if (this.text[this.i] !== ']' || this.i === before) break;
    }
    if (this.text[this.i] === ']') this.i++;
  }

  private inlineTable(path: (string | number)[], depth: number): void {
    this.i++;
    while (this.i < this.text.length) {
      // TOML 1.1 lets an inline table span lines; 1.0 does not, but the text parsed already.
      this.skipBlank(true);
      if (this.text[this.i] === '}') break;
      const before = this.i;
      const keys = this.key();
      this.skipBlank(false);
      if (keys === null || this.text[this.i] !== '=') break;
      this.i++;
      const inner = [...path];
      const at = keys[0]?.at ?? this.here();
      for (const { name } of keys) {
        inner.push(name);
        this.note(inner, at, false);
      }
      this.skipBlank(false);
      this.value(inner, depth + 1);
      this.skipBlank(true);
      if (this.text[this.i] === ',') this.i++;
      else if (this.text[this.i] !== '}' || this.i === before) break;
    }
    if (this.text[this.i] === '}') this.i++;
  }

  /** `"..."` with escapes; its decoded value, or null when it does not end on this line. */
  private basicString(): string | null {
    this.i++;
    let out = '';
    while (this.i < this.text.length) {
      const c = this.text[this.i] as string;
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === '\n') return null;
      if (c === '\\') {
        out += this.escape();
        continue;
      }
      out += c;
      this.i++;
    }
    return null;
  }

  private escape(): string {
    const e = this.text[this.i + 1];
    const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\u001b', '"': '"', '\\': '\\' };
    if (e !== undefined && Object.hasOwn(simple, e)) {
      this.i += 2;
      return simple[e] as string;
    }
    const width = e === 'u' ? 4 : e === 'U' ? 8 : e === 'x' ? 2 : 0;
    const hex = this.text.slice(this.i + 2, this.i + 2 + width);
    if (width > 0 && hex.length === width && /^[0-9A-Fa-f]+$/.test(hex)) {
      this.i += 2 + width;
      const code = Number.parseInt(hex, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    this.i += 2;
    return '';
  }

  private literalString(): string | null {
    this.i++;
    const start = this.i;
    while (this.i < this.text.length && this.text[this.i] !== "'" && this.text[this.i] !== '\n') this.i++;
    if (this.text[this.i] !== "'") return null;
    const out = this.text.slice(start, this.i);
    this.i++;
    return out;
  }

  /** `"""..."""` or `'''...'''` spanning lines; up to two extra quotes belong to the content. */
  private multiline(fence: string, escapes: boolean): void {
    this.i += 3;
    while (this.i < this.text.length) {
      if (escapes && this.text[this.i] === '\\') {
        this.advance();
        if (this.i < this.text.length) this.advance();
        continue;
      }
      if (this.startsWith(fence)) {
        this.i += 3;
        for (let extra = 0; extra < 2 && this.text[this.i] === fence[0]; extra++) this.i++;
        return;
      }
      this.advance();
    }
  }
}
