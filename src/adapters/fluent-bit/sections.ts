/**
 * The configuration of a Fluent Bit instance as both of its formats (classic and YAML) describe
 * it: sections of key/value entries, in order, with where each was written, and the variables the
 * file itself sets (`@SET`, YAML `env`). Keys are compared case-insensitively by Fluent Bit: they
 * are kept in lower case here.
 */
import type { Location } from '../../model/vocabulary.js';
import type { Notes } from './notes.js';
import { quote } from './notes.js';

export type SectionKind =
  | 'service'
  | 'input'
  | 'filter'
  | 'output'
  | 'parser'
  | 'multiline_parser'
  | 'stream_processor'
  | 'plugins'
  | 'upstream_servers'
  | 'custom'
  | 'other';

export interface Entry {
  /** Lower case (YAML camelCase keys turned to snake_case, as Fluent Bit does). */
  key: string;
  /** As written, trimmed; variables not resolved. */
  value: string;
  at: Location;
}

export interface Section {
  kind: SectionKind;
  /** The section name as written (`INPUT`, `NODE`, ...; YAML: the list it is in). */
  name: string;
  at: Location;
  entries: Entry[];
}

export interface Variable {
  value: string;
  at: Location;
}

export interface RawConfig {
  sections: Section[];
  /** Variables set by the configuration itself; the environment of the process is not known. */
  variables: Map<string, Variable>;
  /** Scan paths of files merged in. */
  includes: Set<string>;
}

export function emptyConfig(): RawConfig {
  return { sections: [], variables: new Map(), includes: new Set() };
}

/**
 * The kind of a classic section name. Fluent Bit compares the name written against each known
 * name over the length written (`strncasecmp(name, known, len)`), in this order, so a prefix such
 * as `[IN]` still names `input` (Fluent Bit 3.x/4.x, flb_config_format.c).
 */
const CLASSIC_KINDS: readonly (readonly [string, SectionKind])[] = [
  ['service', 'service'],
  ['parser', 'parser'],
  ['multiline_parser', 'multiline_parser'],
  ['stream_processor', 'stream_processor'],
  ['plugins', 'plugins'],
  ['upstream_servers', 'upstream_servers'],
  ['custom', 'custom'],
  ['customs', 'custom'],
  ['input', 'input'],
  ['inputs', 'input'],
  ['filter', 'filter'],
  ['filters', 'filter'],
  ['output', 'output'],
  ['outputs', 'output'],
];

export function classicSectionKind(name: string): SectionKind {
  const lower = name.toLowerCase();
  if (lower.length === 0) return 'other';
  for (const [known, kind] of CLASSIC_KINDS) if (known.startsWith(lower)) return kind;
  return 'other';
}

/** The last value of a key in a section (later entries win, as Fluent Bit applies them in order). */
export function lastEntry(section: Section, key: string): Entry | null {
  for (let i = section.entries.length - 1; i >= 0; i--) {
    const entry = section.entries[i] as Entry;
    if (entry.key === key) return entry;
  }
  return null;
}

export function allEntries(section: Section, key: string): Entry[] {
  return section.entries.filter((e) => e.key === key);
}

/** A value with its variables replaced, or null when one of them is not known. */
export interface Resolved {
  value: string | null;
  at: Location;
  /** Names of variables the file does not set. */
  unresolved: string[];
}

/** At most this many characters inside `${...}` are taken as a variable name. */
const MAX_VARIABLE_NAME = 256;

/**
 * Replaces `${NAME}` with the variable the configuration sets (`@SET`, `env`). A variable it does
 * not set comes from the process environment, which a scan cannot know: the value is then unknown
 * (null) and each such variable is recorded. Fluent Bit does not expand a value twice.
 */
export function resolve(entry: Entry, variables: ReadonlyMap<string, Variable>, notes: Notes): Resolved {
  const { value, at } = entry;
  if (!value.includes('${')) return { value, at, unresolved: [] };
  const unresolved: string[] = [];
  let out = '';
  let i = 0;
  while (i < value.length) {
    const start = value.indexOf('${', i);
    if (start === -1) {
      out += value.slice(i);
      break;
    }
    const end = value.indexOf('}', start + 2);
    if (end === -1 || end - start - 2 > MAX_VARIABLE_NAME) {
      out += value.slice(i);
      break;
    }
    out += value.slice(i, start);
    const name = value.slice(start + 2, end);
    const known = variables.get(name);
    if (known) out += known.value;
    else unresolved.push(name);
    i = end + 1;
  }
  for (const name of unresolved) notes.unknown(`\${${quote(name)}}`, `${entry.key}: the variable is not set in the configuration; its value comes from the environment at run time`, at);
  return { value: unresolved.length > 0 ? null : out.trim(), at, unresolved };
}

/** The same value with every unresolved variable made a `*` wildcard (for tag patterns). */
export function resolveAsPattern(entry: Entry, variables: ReadonlyMap<string, Variable>): string {
  return entry.value.replace(/\$\{([^}]{0,256})\}/g, (_, name: string) => variables.get(name)?.value ?? '*');
}

/** Fluent Bit booleans (flb_utils_bool): true/on/yes and false/off/no, any case; null otherwise. */
export function parseBool(text: string): boolean | null {
  const v = text.trim().toLowerCase();
  if (v === 'true' || v === 'on' || v === 'yes') return true;
  if (v === 'false' || v === 'off' || v === 'no') return false;
  return null;
}
