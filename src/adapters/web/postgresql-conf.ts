/**
 * The postgresql.conf grammar (pure), as documented in "Setting Parameters": one parameter per
 * line, `name = value` with the `=` optional, `#` starts a comment, values that are not simple
 * identifiers or numbers are single-quoted with `''` (or `\'`) for a quote, names are
 * case-insensitive and may be qualified (`pgaudit.log`). Never throws; a line that does not parse
 * becomes a problem with 1-based line and column and is skipped.
 */

export interface PgEntry {
  /** Lower case. */
  name: string;
  value: string;
  quoted: boolean;
  line: number;
  column: number;
}

export interface PgParse {
  entries: PgEntry[];
  problems: { line: number; column: number; message: string }[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)*/;

/** Resolves the escapes of a quoted value: `''`, `\b \f \n \r \t`, octal `\ooo`, and `\x` → x. */
function unescapeQuoted(raw: string): string {
  if (!raw.includes('\\') && !raw.includes("''")) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    if (ch === "'" && raw[i + 1] === "'") {
      out += "'";
      i += 1;
      continue;
    }
    if (ch !== '\\' || i + 1 >= raw.length) {
      out += ch;
      continue;
    }
    const next = raw[i + 1] as string;
    const simple: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
    if (Object.hasOwn(simple, next)) {
      out += simple[next];
      i += 1;
    } else if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(raw.slice(i + 1))?.[0] ?? next;
      out += String.fromCharCode(parseInt(octal, 8));
      i += octal.length;
    } else {
      out += next;
      i += 1;
    }
  }
  return out;
}

function parseLine(text: string, line: number, entries: PgEntry[], problems: PgParse['problems']): void {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r' || text[i] === '\f' || text[i] === '\v')) i += 1;
  if (i >= text.length || text[i] === '#') return;
  const column = i + 1;
  const name = NAME.exec(text.slice(i))?.[0];
  if (!name) {
    problems.push({ line, column, message: `syntax error: expected a parameter name, found "${text.slice(i, i + 20)}"` });
    return;
  }
  i += name.length;
  while (i < text.length && /[ \t\r]/.test(text[i] as string)) i += 1;
  if (text[i] === '=') i += 1;
  while (i < text.length && /[ \t\r]/.test(text[i] as string)) i += 1;
  const valueColumn = i + 1;
  let value: string;
  let quoted = false;
  if (text[i] === "'") {
    quoted = true;
    let j = i + 1;
    let closed = false;
    while (j < text.length) {
      if (text[j] === '\\' && j + 1 < text.length) {
        j += 2;
        continue;
      }
      if (text[j] === "'") {
        if (text[j + 1] === "'") {
          j += 2;
          continue;
        }
        closed = true;
        break;
      }
      j += 1;
    }
    if (!closed) {
      problems.push({ line, column: valueColumn, message: `${name}: unterminated quoted string` });
      return;
    }
    value = unescapeQuoted(text.slice(i + 1, j));
    i = j + 1;
  } else {
    let j = i;
    while (j < text.length && !/[\s#]/.test(text[j] as string)) j += 1;
    value = text.slice(i, j);
    if (value === '') {
      problems.push({ line, column: valueColumn, message: `${name}: missing value` });
      return;
    }
    i = j;
  }
  while (i < text.length && /[ \t\r\f\v]/.test(text[i] as string)) i += 1;
  if (i < text.length && text[i] !== '#') {
    problems.push({ line, column: i + 1, message: `${name}: syntax error near "${text.slice(i, i + 20)}"` });
    return;
  }
  entries.push({ name: name.toLowerCase(), value, quoted, line, column });
}

export function parsePgConf(text: string): PgParse {
  const entries: PgEntry[] = [];
  const problems: PgParse['problems'] = [];
  let line = 1;
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    parseLine(end === -1 ? text.slice(start) : text.slice(start, end), line, entries, problems);
    if (end === -1) break;
    start = end + 1;
    line += 1;
  }
  return { entries, problems };
}

/**
 * PostgreSQL's boolean spellings (parse_bool): on/off, true/false, yes/no, 1/0, and unique
 * prefixes of them ("of" but not "o"), case-insensitive.
 */
export function parsePgBool(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (v === '') return null;
  if (v === '1') return true;
  if (v === '0') return false;
  if ('true'.startsWith(v) || 'yes'.startsWith(v)) return true;
  if ('false'.startsWith(v) || 'no'.startsWith(v)) return false;
  if (v.length >= 2 && 'on'.startsWith(v)) return true;
  if (v.length >= 2 && 'off'.startsWith(v)) return false;
  return null;
}

/** Splits a list parameter (`log_destination`, `shared_preload_libraries`) on commas; double quotes are removed. */
export function pgList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim().replace(/^"(.*)"$/, '$1'))
    .filter((s) => s !== '');
}

export interface PrefixFields {
  time: boolean;
  user: boolean;
  database: boolean;
  client: boolean;
  session: boolean;
  application: boolean;
  processId: boolean;
}

/** What a log_line_prefix writes: `%m`/`%t`/`%n` time, `%u` user, `%d` database, `%h`/`%r` client, `%c` session, `%a` application, `%p` pid. */
export function prefixFields(prefix: string): PrefixFields {
  const out: PrefixFields = { time: false, user: false, database: false, client: false, session: false, application: false, processId: false };
  for (const m of prefix.matchAll(/%-?\d*([a-zA-Z%])/g)) {
    switch (m[1]) {
      case 'm':
      case 't':
      case 'n':
        out.time = true;
        break;
      case 'u':
        out.user = true;
        break;
      case 'd':
        out.database = true;
        break;
      case 'h':
      case 'r':
        out.client = true;
        break;
      case 'c':
        out.session = true;
        break;
      case 'a':
        out.application = true;
        break;
      case 'p':
        out.processId = true;
        break;
      default:
        break;
    }
  }
  return out;
}

export const PGAUDIT_CLASSES = ['read', 'write', 'function', 'role', 'ddl', 'misc', 'misc_set'] as const;

/** The classes `pgaudit.log` enables, in order: `all`, `none`, and `-class` exclusions. */
export function pgauditClasses(value: string): { classes: string[]; invalid: string[] } {
  const set = new Set<string>();
  const invalid: string[] = [];
  for (const raw of value.split(',')) {
    let token = raw.trim().toLowerCase();
    if (token === '') continue;
    const subtract = token.startsWith('-');
    if (subtract || token.startsWith('+')) token = token.slice(1).trim();
    const members = token === 'all' ? [...PGAUDIT_CLASSES] : token === 'none' ? [] : (PGAUDIT_CLASSES as readonly string[]).includes(token) ? [token] : null;
    if (members === null) {
      invalid.push(token);
      continue;
    }
    for (const m of members) {
      if (subtract) set.delete(m);
      else set.add(m);
    }
  }
  return { classes: PGAUDIT_CLASSES.filter((c) => set.has(c)), invalid };
}
