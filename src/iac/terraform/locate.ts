/**
 * Where blocks and attributes are written in an HCL file. The parser (`@cdktf/hcl2json`) gives no
 * positions, so this scanner walks the text once: it knows comments (`#`, `//`, `/* *\/`), quoted
 * strings with escapes and nested `${ }` / `%{ }`, heredocs (`<<EOF`, `<<-EOF`) and brackets, so
 * that only real block headers and attribute names are recorded. Keys are the nesting path:
 * `resource.aws_s3_bucket.logs`, `resource.aws_s3_bucket.logs.rule.expiration.days`,
 * `variable.x`, `locals.y`, `module.m.bucket`; in a `.tfvars` file the variable name. A
 * `dynamic "rule"` block is keyed as the `rule` blocks it makes (its `content` adds nothing);
 * a repeated block or attribute keeps its first occurrence.
 */
import type { Location } from '../../model/vocabulary.js';

export interface Located {
  locations: Record<string, Location>;
  /** The deepest nesting of blocks, brackets and strings seen (the parser is refused deeper input). */
  maxDepth: number;
}

/** Nesting deeper than this is not scanned further. */
const MAX_SCAN_DEPTH = 500;
/** At most this many locations are kept per file. */
const MAX_LOCATIONS = 100_000;

interface Frame {
  path: string[];
  dynamic: boolean;
}

export function locateHcl(path: string, text: string): Located {
  const scanner = new Scanner(path, text);
  try {
    scanner.body();
  } catch {
    // A scanner bug must not lose the file: what was located so far is kept.
  }
  return { locations: scanner.locations, maxDepth: scanner.maxDepth };
}

function isIdStart(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z_]/.test(c);
}
function isIdChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_-]/.test(c);
}

class Scanner {
  i = 0;
  maxDepth = 0;
  readonly locations: Record<string, Location> = {};
  private count = 0;
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly path: string,
    private readonly s: string,
  ) {
    for (let k = 0; k < s.length; k += 1) if (s.charCodeAt(k) === 10) this.lineStarts.push(k + 1);
  }

  private at(offset: number): Location {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { path: this.path, line: lo + 1, column: offset - (this.lineStarts[lo] as number) + 1 };
  }

  private record(segments: readonly string[], offset: number): void {
    const key = segments.join('.');
    if (this.count >= MAX_LOCATIONS || key === '__proto__' || Object.prototype.hasOwnProperty.call(this.locations, key)) return;
    Object.defineProperty(this.locations, key, { value: this.at(offset), enumerable: true, writable: true, configurable: true });
    this.count += 1;
  }

  private depth(d: number): void {
    if (d > this.maxDepth) this.maxDepth = d;
  }

  /** Skips spaces, tabs, newlines and comments between body items. */
  private gap(newlines: boolean): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.i += 1;
      else if (c === '#' || (c === '/' && s[this.i + 1] === '/')) {
        if (!newlines) return;
        while (this.i < s.length && s[this.i] !== '\n') this.i += 1;
      } else if (c === '/' && s[this.i + 1] === '*') {
        const end = s.indexOf('*/', this.i + 2);
        this.i = end === -1 ? s.length : end + 2;
      } else return;
    }
  }

  private ident(): string {
    const start = this.i;
    while (isIdChar(this.s[this.i])) this.i += 1;
    return this.s.slice(start, this.i);
  }

  /** The blocks and attributes of the file, with an explicit stack of open blocks. */
  body(): void {
    const s = this.s;
    const frames: Frame[] = [{ path: [], dynamic: false }];
    while (this.i < s.length) {
      this.gap(true);
      if (this.i >= s.length) break;
      const frame = frames[frames.length - 1] as Frame;
      const c = s[this.i];
      if (c === '}') {
        if (frames.length > 1) frames.pop();
        this.i += 1;
        continue;
      }
      if (!isIdStart(c)) {
        // Not a body item (broken input): skip it as an expression.
        const before = this.i;
        this.skipExpression(false, frames.length);
        if (this.i === before) this.i += 1;
        continue;
      }
      const start = this.i;
      const name = this.ident();
      this.gap(false);
      if (s[this.i] === '=' && s[this.i + 1] !== '=') {
        this.i += 1;
        this.record([...frame.path, name], start);
        this.skipExpression(false, frames.length);
        continue;
      }
      const labels: string[] = [];
      for (;;) {
        this.gap(false);
        if (s[this.i] === '"') labels.push(this.label());
        else if (isIdStart(s[this.i])) labels.push(this.ident());
        else break;
      }
      if (s[this.i] !== '{') {
        this.skipExpression(false, frames.length);
        continue;
      }
      this.i += 1;
      let path: string[];
      let dynamic = false;
      if (name === 'dynamic' && labels.length > 0) {
        path = [...frame.path, labels[0] as string];
        dynamic = true;
      } else if (name === 'content' && frame.dynamic) path = frame.path;
      else path = [...frame.path, name, ...labels];
      if (!(name === 'content' && frame.dynamic)) this.record(path, start);
      if (frames.length >= MAX_SCAN_DEPTH) {
        this.depth(frames.length + 1);
        return;
      }
      frames.push({ path, dynamic });
      this.depth(frames.length);
    }
  }

  /** A quoted label's text (escapes kept simple: labels are names). */
  private label(): string {
    const s = this.s;
    this.i += 1;
    let out = '';
    while (this.i < s.length && s[this.i] !== '"' && s[this.i] !== '\n') {
      if (s[this.i] === '\\') {
        out += s[this.i + 1] ?? '';
        this.i += 2;
      } else {
        out += s[this.i];
        this.i += 1;
      }
    }
    if (s[this.i] === '"') this.i += 1;
    return out;
  }

  /**
   * Skips an expression: an attribute's value (ends at a newline or an unmatched `}` outside
   * brackets, neither consumed) or an interpolation (ends after its closing `}`).
   */
  private skipExpression(interpolation: boolean, level: number): void {
    const s = this.s;
    let brackets = 0;
    while (this.i < s.length) {
      const c = s[this.i] as string;
      if (c === '"') {
        this.skipString(level + brackets + 1);
        continue;
      }
      if (c === '<' && s[this.i + 1] === '<' && this.skipHeredoc()) continue;
      if (c === '#' || (c === '/' && s[this.i + 1] === '/')) {
        while (this.i < s.length && s[this.i] !== '\n') this.i += 1;
        continue;
      }
      if (c === '/' && s[this.i + 1] === '*') {
        const end = s.indexOf('*/', this.i + 2);
        this.i = end === -1 ? s.length : end + 2;
        continue;
      }
      if (c === '\n' && brackets === 0 && !interpolation) return;
      if (c === '(' || c === '[' || c === '{') {
        brackets += 1;
        this.depth(level + brackets);
        if (level + brackets > MAX_SCAN_DEPTH) {
          this.i = s.length;
          return;
        }
      } else if (c === ')' || c === ']' || c === '}') {
        if (brackets === 0) {
          if (c === '}' && interpolation) this.i += 1;
          if (c === '}') return;
        } else brackets -= 1;
      }
      this.i += 1;
    }
  }

  /** Skips a quoted string from its opening quote, with escapes and nested interpolations. */
  private skipString(level: number): void {
    const s = this.s;
    this.depth(level);
    this.i += 1;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === '\\') this.i += 2;
      else if (c === '"') {
        this.i += 1;
        return;
      } else if (c === '\n') return;
      else if ((c === '$' || c === '%') && s[this.i + 1] === c && s[this.i + 2] === '{') this.i += 3;
      else if ((c === '$' || c === '%') && s[this.i + 1] === '{') {
        this.i += 2;
        if (level >= MAX_SCAN_DEPTH) {
          this.i = s.length;
          return;
        }
        this.skipExpression(true, level + 1);
      } else this.i += 1;
    }
  }

  /** Skips a heredoc from `<<`; false when `<<` does not start one. */
  private skipHeredoc(): boolean {
    const s = this.s;
    const m = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(s.slice(this.i, this.i + 200));
    if (!m) return false;
    const marker = m[1] as string;
    this.i += m[0].length;
    while (this.i < s.length) {
      let end = s.indexOf('\n', this.i);
      if (end === -1) end = s.length;
      const line = s.slice(this.i, end);
      if (line.trim() === marker) {
        // The marker line ends the heredoc; the newline after it ends the attribute.
        this.i = end;
        return true;
      }
      this.i = end + 1;
    }
    return true;
  }
}
