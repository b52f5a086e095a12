/**
 * The lines of an audit rules file (audit.rules(7)): each line is one auditctl(8) command line
 * without the program name; `#` starts a comment line; words are separated by blanks, a
 * backslash keeps a space inside a word (`\ `) and `\\` is a backslash (auditctl's preprocess()).
 * Options are read the way getopt reads them (`-b 8192`, `-b8192`, `--backlog_wait_time=60000`).
 * auditctl stops loading a file at the first line it cannot apply, unless `-i` or `-c` came
 * before: lines with a problem are marked so that the model can do the same.
 */
import { forEachLine } from './text.js';
import type { Word } from './text.js';

export interface RuleOption {
  /** `-a`, `-F`, `--backlog_wait_time`, ... */
  flag: string;
  value: string | null;
  column: number;
  valueColumn: number;
}

export interface RulesLine {
  path: string;
  line: number;
  column: number;
  options: RuleOption[];
  /** auditctl would reject the line (a missing value, a word that is not an option, an unknown option). */
  rejected: boolean;
}

export interface RulesNote {
  line: number;
  column: number;
  message: string;
}

export interface LexedRules {
  lines: RulesLine[];
  problems: RulesNote[];
  /** Options read but not modelled (`-R`, unknown flags): `message` names the construct. */
  unknowns: (RulesNote & { reason: string })[];
  /** Lines that are neither blank nor comments. */
  significant: number;
}

/** Short options that take a value, and those that do not (auditctl(8)). */
const SHORT_WITH_VALUE = new Set(['a', 'A', 'd', 'b', 'e', 'f', 'r', 'C', 'F', 'k', 'p', 'S', 'w', 'W', 'q', 'm', 'R']);
const SHORT_FLAGS = new Set(['D', 'c', 'i', 'l', 's', 'v', 't', 'h']);
const LONG_WITH_VALUE = new Set(['backlog_wait_time', 'signal']);
const LONG_FLAGS = new Set(['loginuid-immutable', 'reset-lost', 'reset_backlog_wait_time_actual']);

export function lexRules(text: string): LexedRules {
  const out: LexedRules = { lines: [], problems: [], unknowns: [], significant: 0 };
  forEachLine(text, (line, number) => {
    const words = splitRuleWords(line);
    const first = words[0];
    if (!first || first.text.startsWith('#')) return;
    out.significant++;
    const { options, rejected } = lexLine(words, number, out);
    out.lines.push({ path: '', line: number, column: first.column, options, rejected });
  });
  return out;
}

/** Words of a rule line: blanks separate them, `\ ` is a space inside a word, `\\` a backslash. */
export function splitRuleWords(text: string): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (i >= text.length) break;
    const start = i;
    let escaped = false;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 92 && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 92)) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c === 32 || c === 9) break;
      i++;
    }
    const raw = text.slice(start, i);
    out.push({ text: escaped ? raw.replace(/\\([ \\])/g, '$1') : raw, column: start + 1 });
  }
  return out;
}

function lexLine(words: Word[], line: number, out: LexedRules): { options: RuleOption[]; rejected: boolean } {
  const options: RuleOption[] = [];
  const before = out.problems.length + out.unknowns.length;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Word;
    const text = word.text;
    if (text.startsWith('#')) {
      // Not a rejection we are sure of: the rule before it is read.
      const rejected = out.problems.length + out.unknowns.length > before;
      out.problems.push({ line, column: word.column, message: 'a comment after a rule: auditctl reads it as more arguments; put comments on their own line' });
      return { options, rejected };
    }
    if (text.startsWith('--')) {
      const eq = text.indexOf('=');
      const name = text.slice(2, eq === -1 ? undefined : eq);
      if (LONG_FLAGS.has(name)) {
        options.push({ flag: `--${name}`, value: null, column: word.column, valueColumn: word.column });
      } else if (LONG_WITH_VALUE.has(name)) {
        const next = eq === -1 ? words[i + 1] : undefined;
        if (eq === -1) i++;
        const value = eq !== -1 ? text.slice(eq + 1) : next?.text ?? null;
        if (value === null || value === '') out.problems.push({ line, column: word.column, message: `--${name} needs a value` });
        else options.push({ flag: `--${name}`, value, column: word.column, valueColumn: eq !== -1 ? word.column + eq + 1 : (next as Word).column });
      } else {
        out.unknowns.push({ line, column: word.column, message: clip(text), reason: 'not an auditctl option ztmm knows' });
      }
      continue;
    }
    if (text.length < 2 || !text.startsWith('-')) {
      out.problems.push({ line, column: word.column, message: `expected an auditctl option, found ${JSON.stringify(clip(text))}` });
      break;
    }
    const letter = text[1] as string;
    if (SHORT_FLAGS.has(letter) && text.length === 2) {
      options.push({ flag: `-${letter}`, value: null, column: word.column, valueColumn: word.column });
    } else if (SHORT_WITH_VALUE.has(letter)) {
      const attached = text.slice(2);
      const next = attached === '' ? words[i + 1] : undefined;
      if (attached === '' && (!next || next.text.startsWith('#'))) {
        out.problems.push({ line, column: word.column, message: `-${letter} needs a value` });
        continue;
      }
      if (attached === '') i++;
      options.push({ flag: `-${letter}`, value: attached || (next as Word).text, column: word.column, valueColumn: attached ? word.column + 2 : (next as Word).column });
    } else {
      out.unknowns.push({ line, column: word.column, message: clip(text), reason: 'not an auditctl option ztmm knows' });
    }
  }
  return { options, rejected: out.problems.length + out.unknowns.length > before };
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
