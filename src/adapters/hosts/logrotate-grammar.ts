/**
 * The logrotate configuration grammar (logrotate 3.x, config.c and logrotate(8)), read into
 * items without applying them: global directives, `include`s and log file definitions
 * (`path [path...] { directives }`). Script bodies (`postrotate` ... `endscript`) are data and are
 * skipped, never run. Directive names are letters only and case-sensitive as in logrotate; values
 * are separated from names by whitespace and/or an optional `=` and run to the end of the line (a
 * `#` after a value is part of it, as logrotate reads it). Pure; never throws.
 */
import { firstNonBlank, splitLines, splitWords } from './text.js';

export interface LrDirective {
  kind: 'directive';
  name: string;
  /** The rest of the line after the name and the optional `=`, trimmed. */
  value: string;
  line: number;
  column: number;
}

export interface LrInclude {
  kind: 'include';
  target: string;
  line: number;
  column: number;
}

export interface LrStanza {
  kind: 'stanza';
  /** Globs as written (quotes removed). */
  paths: string[];
  line: number;
  column: number;
  body: LrDirective[];
  /** Script directives the definition holds (`postrotate`, ...), in order. */
  scripts: string[];
  closed: boolean;
}

export type LrItem = LrDirective | LrInclude | LrStanza;

export interface LrMessage {
  line: number;
  column: number;
  message: string;
}

export interface LrParse {
  items: LrItem[];
  problems: LrMessage[];
  /** Directives logrotate does not know (it ignores the line): name and position. */
  unknown: LrMessage[];
}

/** Directives that take no value. */
export const FLAG_DIRECTIVES: ReadonlySet<string> = new Set([
  'compress', 'nocompress', 'delaycompress', 'nodelaycompress', 'shred', 'noshred', 'sharedscripts', 'nosharedscripts',
  'copytruncate', 'nocopytruncate', 'renamecopy', 'norenamecopy', 'copy', 'nocopy', 'ifempty', 'notifempty', 'dateext',
  'nodateext', 'dateyesterday', 'datehourago', 'noolddir', 'mailfirst', 'maillast', 'nocreateolddir', 'nocreate', 'missingok',
  'nomissingok', 'nomail', 'hourly', 'daily', 'monthly', 'yearly', 'allowhardlink', 'noallowhardlink', 'ignoreduplicates', 'errors',
]);

/** Directives that take a value (`weekly` and `create` optionally). */
export const VALUE_DIRECTIVES: ReadonlySet<string> = new Set([
  'dateformat', 'su', 'create', 'createolddir', 'size', 'minsize', 'maxsize', 'shredcycles', 'weekly', 'rotate', 'start', 'minage',
  'maxage', 'mail', 'olddir', 'extension', 'addextension', 'compresscmd', 'uncompresscmd', 'compressoptions', 'compressext',
  'tabooext', 'taboopat', 'include',
]);

/** Directives whose following lines, up to `endscript`, are a shell script. */
export const SCRIPT_DIRECTIVES: ReadonlySet<string> = new Set(['prerotate', 'postrotate', 'firstaction', 'lastaction', 'preremove', 'checkaction']);

const PATH_START = new Set(['/', '"', "'", '~']);

function isAlpha(ch: string): boolean {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

interface Header {
  text: string;
  line: number;
  column: number;
}

/** Reads the items of one logrotate config text. */
export function parseLogrotate(text: string): LrParse {
  const out: LrParse = { items: [], problems: [], unknown: [] };
  const lines = splitLines(text);
  let stanza: LrStanza | null = null;
  let header: Header | null = null;
  let script: { name: string; line: number } | null = null;

  const problem = (line: number, column: number, message: string): void => {
    out.problems.push({ line, column, message });
  };

  const closeStanza = (raw: string, index: number, lineNo: number): void => {
    if (stanza) stanza.closed = true;
    stanza = null;
    const rest = raw.slice(index + 1);
    const restAt = firstNonBlank(rest);
    if (restAt < rest.length) problem(lineNo, index + 2 + restAt, 'unexpected text after }');
  };

  const directive = (raw: string, start: number, lineNo: number): void => {
    // logrotate's isolateWord: a directive name is letters only (`rotate=4` is rotate, then 4).
    let end = start;
    while (end < raw.length && isAlpha(raw[end] as string)) end++;
    const name = raw.slice(start, end);
    let rest = end;
    while (rest < raw.length && /[ \t]/.test(raw[rest] as string)) rest++;
    if (raw[rest] === '=') rest++;
    const value = raw.slice(rest).trim();
    const item: LrDirective = { kind: 'directive', name, value, line: lineNo, column: start + 1 };
    if (SCRIPT_DIRECTIVES.has(name)) {
      if (stanza) stanza.scripts.push(name);
      else problem(lineNo, start + 1, `${name} may only appear inside a log file definition`);
      script = { name, line: lineNo };
      return;
    }
    if (name === 'include') {
      if (stanza) {
        out.unknown.push({ line: lineNo, column: start + 1, message: 'include inside a log file definition' });
        return;
      }
      if (value === '') problem(lineNo, start + 1, 'include needs a file or folder');
      else out.items.push({ kind: 'include', target: unquote(value), line: lineNo, column: start + 1 });
      return;
    }
    if (!FLAG_DIRECTIVES.has(name) && !VALUE_DIRECTIVES.has(name)) {
      out.unknown.push({ line: lineNo, column: start + 1, message: name });
      return;
    }
    if (stanza) stanza.body.push(item);
    else out.items.push(item);
  };

  /** Collects a log file definition's names up to `{`; returns the index after `{`, or -1 when the line ends first. */
  const scanHeader = (raw: string, from: number, lineNo: number): number => {
    for (let i = from; i < raw.length; i++) {
      const ch = raw[i] as string;
      if (ch === '{') {
        const h = header as Header;
        header = null;
        const split = splitWords(h.text, { quotes: '"\'', escapes: true, comment: null });
        if (split.unterminatedAt !== null || split.words.length === 0) {
          problem(h.line, h.column, split.words.length === 0 ? '{ expected after log file name(s)' : 'error parsing filename (unterminated quote)');
        }
        stanza = { kind: 'stanza', paths: split.words.map((w) => w.text), line: h.line, column: h.column, body: [], scripts: [], closed: false };
        out.items.push(stanza);
        return i + 1;
      }
      if (ch === '}') {
        header = null;
        problem(lineNo, i + 1, "unexpected } (missing previous '{')");
        return raw.length;
      }
      (header as Header).text += ch;
    }
    (header as Header).text += '\n';
    return -1;
  };

  /** Reads what follows on a line outside a header and a script. */
  const statements = (raw: string, from: number, lineNo: number): void => {
    const i = from + firstNonBlank(raw.slice(from));
    if (i >= raw.length) return;
    const ch = raw[i] as string;
    if (ch === '#') return;
    if (ch === '}') {
      if (stanza) closeStanza(raw, i, lineNo);
      else problem(lineNo, i + 1, 'unexpected }');
      return;
    }
    if (isAlpha(ch)) {
      directive(raw, i, lineNo);
      return;
    }
    if (PATH_START.has(ch)) {
      if (stanza) {
        problem(lineNo, i + 1, 'unexpected log filename inside a log file definition');
        return;
      }
      header = { text: '', line: lineNo, column: i + 1 };
      const after = scanHeader(raw, i, lineNo);
      if (after >= 0 && after < raw.length) statements(raw, after, lineNo);
      return;
    }
    problem(lineNo, i + 1, 'lines must begin with a keyword or a filename (possibly in double quotes)');
  };

  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] as string;
    const lineNo = index + 1;
    if (script) {
      const start = firstNonBlank(raw);
      const word = raw.slice(start).split(/\s/, 1)[0] ?? '';
      if (word === 'endscript') script = null;
      continue;
    }
    if (header) {
      const start = firstNonBlank(raw);
      if (raw[start] === '#') continue;
      const after = scanHeader(raw, 0, lineNo);
      if (after >= 0 && after < raw.length) statements(raw, after, lineNo);
      continue;
    }
    statements(raw, 0, lineNo);
  }
  const openScript = script as { name: string; line: number } | null;
  if (openScript) problem(openScript.line, 1, `${openScript.name} is not ended by endscript`);
  const openHeader = header as Header | null;
  if (openHeader) problem(openHeader.line, openHeader.column, "missing '{' after log files definition");
  const openStanza = stanza as LrStanza | null;
  if (openStanza) problem(openStanza.line, openStanza.column, "log file definition is not closed with '}'");
  return out;
}

/** A value in quotes as logrotate reads a path (`"/etc/a b"` → `/etc/a b`). */
export function unquote(value: string): string {
  const split = splitWords(value, { quotes: '"\'', escapes: true, comment: null });
  if (split.unterminatedAt !== null || split.words.length === 0) return value;
  return split.words.map((w) => w.text).join(' ');
}
