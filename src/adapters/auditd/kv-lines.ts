/**
 * The `name = value [option]` line grammar of the audit userspace config files (auditd.conf,
 * audisp-remote.conf, the plugins.d files), as their C parsers read them: one setting per line,
 * `#` starts a comment line, names and values are case-insensitive, words are separated by
 * spaces. Later lines override earlier ones. The reader is lenient where the daemons are strict
 * (`name=value`, tabs): it still reads the value and reports a problem, because the daemon would
 * refuse the file.
 */
import { forEachLine, splitLines, splitWords } from './text.js';
import type { Word } from './text.js';

export interface KvEntry {
  /** The name as written. */
  name: string;
  /** The name in lower case (the daemons compare names case-insensitively). */
  key: string;
  /** The words after `=`: the value and, for some settings, an option (`exec /path`) or arguments. */
  args: Word[];
  line: number;
  column: number;
  /** Column of the value (or of the `=` when the value is empty). */
  valueColumn: number;
}

export interface KvProblem {
  line: number;
  column: number;
  message: string;
}

export interface KvLines {
  entries: KvEntry[];
  problems: KvProblem[];
  /** Lines that are neither blank nor comments. */
  significant: number;
}

/**
 * Reads `name = value` lines. `maxLineChars`: longer lines are skipped by the daemon (auditd
 * reads 160-byte lines); they are reported and skipped here too.
 */
export function readKeyValueLines(text: string, program: string, maxLineChars: number): KvLines {
  const entries: KvEntry[] = [];
  const problems: KvProblem[] = [];
  let significant = 0;
  forEachLine(text, (line, number) => {
    const words = splitWords(line);
    const first = words[0];
    if (!first || first.text.startsWith('#')) return;
    significant++;
    if (line.length > maxLineChars) {
      problems.push({ line: number, column: maxLineChars + 1, message: `line longer than ${maxLineChars} characters: ${program} skips it` });
      return;
    }
    const entry = entryOf(words, number, program, problems);
    if (entry) entries.push(entry);
  });
  return { entries, problems, significant };
}

function entryOf(words: Word[], line: number, program: string, problems: KvProblem[]): KvEntry | null {
  const first = words[0] as Word;
  const second = words[1];
  const make = (name: string, column: number, args: Word[], valueColumn: number): KvEntry | null => {
    if (name === '') {
      problems.push({ line, column, message: 'a setting name is missing before "="' });
      return null;
    }
    return { name, key: name.toLowerCase(), args, line, column, valueColumn };
  };
  if (second?.text === '=') {
    const value = words[2];
    return make(first.text, first.column, words.slice(2), value ? value.column : second.column);
  }
  const strict = `${program} reads "name = value" with spaces around "=" and rejects this line`;
  const eq = first.text.indexOf('=');
  if (eq !== -1) {
    // name=value or name= value: read it, and say that the daemon will not.
    problems.push({ line, column: first.column + eq, message: strict });
    const rest = first.text.slice(eq + 1);
    const args = rest === '' ? words.slice(1) : [{ text: rest, column: first.column + eq + 1 }, ...words.slice(1)];
    return make(first.text.slice(0, eq), first.column, args, args[0]?.column ?? first.column + eq);
  }
  if (second && second.text.startsWith('=')) {
    problems.push({ line, column: second.column, message: strict });
    const rest = second.text.slice(1);
    const args = rest === '' ? words.slice(2) : [{ text: rest, column: second.column + 1 }, ...words.slice(2)];
    return make(first.text, first.column, args, args[0]?.column ?? second.column);
  }
  problems.push({ line, column: first.column, message: `expected "name = value", found ${JSON.stringify(first.text.slice(0, 40))}` });
  return null;
}

/** The last entry of each name (later lines override earlier ones), by lower-case name. */
export function lastByKey(entries: readonly KvEntry[]): Map<string, KvEntry> {
  const out = new Map<string, KvEntry>();
  for (const entry of entries) out.set(entry.key, entry);
  return out;
}

/** `yes`/`no` as the daemons spell them; anything else is null. */
export function yesNo(text: string | undefined): boolean | null {
  const lower = text?.toLowerCase();
  return lower === 'yes' ? true : lower === 'no' ? false : null;
}

/** A decimal number written with digits only (the daemons reject signs, units and spaces). */
export function digits(text: string | undefined): number | null {
  if (text === undefined || !/^[0-9]{1,15}$/.test(text)) return null;
  return Number(text);
}

/**
 * The names of a `name = value` head whose every significant line is such a line with a name
 * from `names`; null when a line is anything else (another format).
 */
export function sniffNames(head: string, names: ReadonlySet<string>): Set<string> | null {
  const seen = new Set<string>();
  let lines = 0;
  for (const line of splitLines(head)) {
    const words = splitWords(line.text);
    const first = words[0];
    if (!first || first.text.startsWith('#')) continue;
    if (++lines > 400) break;
    const eq = first.text.indexOf('=');
    const name = (eq === -1 ? first.text : first.text.slice(0, eq)).toLowerCase();
    const hasEquals = eq !== -1 || (words[1]?.text.startsWith('=') ?? false);
    if (!hasEquals || !names.has(name)) return null;
    seen.add(name);
  }
  return seen;
}

/** Whether a text looks like a `name = value` file whose names all come from `names` and include `required`. */
export function sniffKeyValue(head: string, names: ReadonlySet<string>, required: readonly string[], minimum = 1): boolean {
  const seen = sniffNames(head, names);
  return seen !== null && seen.size >= minimum && required.every((r) => seen.has(r));
}
