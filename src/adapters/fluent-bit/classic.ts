/**
 * The classic Fluent Bit format (`fluent-bit.conf`), read line by line as Fluent Bit 3.x/4.x does
 * (src/config_format/flb_cf_fluentbit.c):
 * - a line starting with `#` is a comment; an empty line is skipped;
 * - `@INCLUDE path` (column 1) reads another file, relative to the main file's folder, globs
 *   allowed; any other `@KEY value` line is a meta command (`@SET name=value`);
 * - `[NAME]` (column 1) starts a section;
 * - every entry is indented, with the indentation of the file's first entry, and is `key value`
 *   split at the first space (the value is trimmed; keys are case-insensitive);
 * - an entry indented twice belongs to a group (`[GROUP]` line inside a section).
 * Lines Fluent Bit would refuse are problems here, and are still read where their intent is clear.
 */
import type { Location } from '../../model/vocabulary.js';
import { locate, quote } from './notes.js';
import type { Notes, Origin } from './notes.js';
import { classicSectionKind } from './sections.js';
import type { RawConfig, Section } from './sections.js';

export interface ClassicText {
  /** The scan path of the file (or of the manifest holding it). */
  path: string;
  text: string;
  origin: Origin;
}

/** Files an `@INCLUDE` names, already read; `reason` when some could not be. */
export type ClassicIncluder = (pattern: string, at: Location) => { files: ClassicText[]; reason: string | null };

/** Fluent Bit refuses more than 1000 configuration files; a scan stops far earlier. */
export const MAX_INCLUDED_FILES = 64;
/** Includes nested deeper than this are not followed. */
export const MAX_INCLUDE_DEPTH = 8;

interface FileState {
  indent: string | null;
  section: Section | null;
  /** Inside a `[GROUP]` of the current section: entries indented twice. */
  inGroup: boolean;
}

const BLANK = /^[ \t]*$/;

function leadingBlanks(line: string): string {
  const m = /^[ \t]*/.exec(line);
  return m ? m[0] : '';
}

interface Context {
  config: RawConfig;
  notes: Notes;
  include: ClassicIncluder;
  /** Paths of files being read (include cycles) and files read so far. */
  stack: string[];
  read: Set<string>;
}

/** Reads a classic configuration and everything it includes into `config`. */
export function readClassic(main: ClassicText, config: RawConfig, notes: Notes, include: ClassicIncluder): void {
  const context: Context = { config, notes, include, stack: [], read: new Set() };
  readFile(main, context);
}

function readFile(file: ClassicText, context: Context): void {
  const key = `${file.path}|${file.origin.lineOffset}`;
  context.stack.push(key);
  context.read.add(key);
  const state: FileState = { indent: null, section: null, inGroup: false };
  // A byte-order mark is not part of the first line.
  const lines = (file.text.startsWith('\uFEFF') ? file.text.slice(1) : file.text).split('\n');
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n] as string;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    readLine(line, n + 1, file, state, context);
  }
  context.stack.pop();
}

function readLine(line: string, lineNo: number, file: ClassicText, state: FileState, context: Context): void {
  const at = (column: number): Location => locate(file.origin, lineNo, column);
  if (line === '' || line.startsWith('#')) return;
  if (/^@include[ \t]/i.test(line)) {
    readInclude(line.slice(9).trim(), at(1), context);
    return;
  }
  if (line.startsWith('@')) {
    readMeta(line, at(1), context);
    return;
  }
  if (line.startsWith('[')) {
    readSectionHeader(line, at(1), state, context);
    return;
  }
  // Whitespace-only lines and indented comments carry nothing.
  if (BLANK.test(line)) return;
  const blanks = leadingBlanks(line);
  const content = line.slice(blanks.length);
  if (content.startsWith('#')) return;
  readEntry(blanks, content, lineNo, file, state, context);
}

function readInclude(pattern: string, at: Location, context: Context): void {
  if (pattern === '') {
    context.notes.problem(at, '@INCLUDE without a file name');
    return;
  }
  if (context.stack.length > MAX_INCLUDE_DEPTH) {
    context.notes.unknown(`@INCLUDE ${quote(pattern)}`, `includes nested deeper than ${MAX_INCLUDE_DEPTH} are not followed`, at);
    return;
  }
  const found = context.include(pattern, at);
  if (found.files.length === 0) {
    context.notes.unknown(`@INCLUDE ${quote(pattern)}`, found.reason ?? 'names no file in the scanned inputs', at);
    return;
  }
  if (found.reason) context.notes.unknown(`@INCLUDE ${quote(pattern)}`, found.reason, at);
  for (const file of found.files) {
    const key = `${file.path}|${file.origin.lineOffset}`;
    if (context.stack.includes(key)) {
      // Fluent Bit refuses a file read twice ("Read twice"): the configuration does not load.
      context.notes.problem(at, `@INCLUDE ${quote(pattern)}: ${file.path} includes itself (directly or through other files)`);
      continue;
    }
    if (context.read.has(key)) {
      context.notes.problem(at, `@INCLUDE ${quote(pattern)}: ${file.path} is included a second time (Fluent Bit refuses a file read twice)`);
      continue;
    }
    if (context.read.size >= MAX_INCLUDED_FILES) {
      context.notes.unknown(`@INCLUDE ${quote(pattern)}`, `more than ${MAX_INCLUDED_FILES} files; the rest are not read`, at);
      return;
    }
    if (file.path !== context.stack[0]?.split('|')[0]) context.config.includes.add(file.path);
    readFile(file, context);
  }
}

/** `@SET name=value` sets a variable; other meta commands are not modelled. */
function readMeta(line: string, at: Location, context: Context): void {
  const space = line.search(/[ \t]/);
  if (line.length <= 3 || space === -1) {
    context.notes.problem(at, `meta command without a value: ${quote(line)}`);
    return;
  }
  const command = line.slice(1, space).trim();
  const value = line.slice(space + 1).trim();
  if (command.toLowerCase() !== 'set') {
    context.notes.unknown(`@${quote(command)}`, 'meta command not modelled', at);
    return;
  }
  const eq = value.indexOf('=');
  if (eq <= 0) {
    context.notes.problem(at, `@SET needs name=value: ${quote(value)}`);
    return;
  }
  const name = value.slice(0, eq).trim();
  context.config.variables.set(name, { value: value.slice(eq + 1).trim(), at });
}

function readSectionHeader(line: string, at: Location, state: FileState, context: Context): void {
  const end = line.indexOf(']');
  state.inGroup = false;
  if (end <= 0) {
    // Fluent Bit stops loading the configuration here ("bad header definition").
    context.notes.problem(at, `section header without a closing ]: ${quote(line)}`);
    state.section = null;
    return;
  }
  const name = line.slice(1, end);
  const kind = classicSectionKind(name);
  // A second [SERVICE] adds to the first (flb_cf_section_create returns the existing one).
  const existing = kind === 'service' ? context.config.sections.find((s) => s.kind === 'service') : undefined;
  if (existing) {
    state.section = existing;
    return;
  }
  const section: Section = { kind, name, at, entries: [] };
  context.config.sections.push(section);
  state.section = section;
}

function readEntry(blanks: string, content: string, lineNo: number, file: ClassicText, state: FileState, context: Context): void {
  const at = (column: number): Location => locate(file.origin, lineNo, column);
  const column = blanks.length + 1;
  if (state.indent === null) {
    if (blanks === '') context.notes.problem(at(1), `entries must be indented under their section: ${quote(content)}`);
    else state.indent = blanks;
  } else if (blanks !== state.indent) {
    const twice = state.indent + state.indent;
    if (blanks === twice) {
      // Group content (entries of a `[GROUP]`), or an entry of the section when no group is open.
    } else if (blanks.length > state.indent.length && blanks.startsWith(state.indent)) {
      context.notes.problem(at(1), 'extra indentation: entries of a section share the indentation of the first one');
    } else if (blanks === '') {
      context.notes.problem(at(1), `entries must be indented under their section: ${quote(content)}`);
    } else {
      context.notes.problem(at(1), 'inconsistent indentation (Fluent Bit refuses a level lower than the first entry, or tabs mixed with spaces)');
    }
  }
  if (blanks === state.indent) state.inGroup = false;
  if (content.startsWith('[')) {
    // `[GROUP]` inside a section (multiline parser rules, processors): its entries are indented twice.
    if (!state.section) context.notes.problem(at(column), `group outside of a section: ${quote(content)}`);
    state.inGroup = true;
    return;
  }
  const space = content.indexOf(' ');
  const tab = content.indexOf('\t');
  let split = space;
  if (space === -1) {
    if (tab === -1) {
      context.notes.problem(at(column), `key without a value: ${quote(content)}`);
      return;
    }
    // Fluent Bit splits at a space only: a tab-separated entry does not load.
    context.notes.problem(at(column), `key and value must be separated by a space: ${quote(content)}`);
    split = tab;
  } else if (tab !== -1 && tab < space) {
    context.notes.problem(at(column), `key and value must be separated by a space: ${quote(content)}`);
    split = tab;
  }
  const key = content.slice(0, split).trim().toLowerCase();
  const value = content.slice(split + 1).trim();
  if (value === '') {
    context.notes.problem(at(column), `key has an empty value: ${quote(key)}`);
    return;
  }
  if (!state.section) {
    context.notes.problem(at(column), `entry outside of a section: ${quote(key)}`);
    return;
  }
  if (state.inGroup) return;
  state.section.entries.push({ key, value, at: at(column) });
}
