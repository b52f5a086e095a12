/**
 * A line reader for Splunk `.conf` files (pure): `[stanza]` headers, `key = value` settings, `#`
 * comment lines, and a backslash at the end of a line continuing the value on the next one. Splunk
 * has no inline comments: a `#` after a value belongs to the value. Settings written before any
 * stanza are global, like those of `[default]`; a stanza written twice is merged and the last
 * value of a setting wins (Splunk's "About configuration files"). Written by hand because INI
 * libraries give no line numbers and treat `;`/`#` after values as comments, which Splunk does not.
 */
import type { Location } from '../../model/vocabulary.js';

export interface ConfSetting {
  value: string;
  at: Location;
}

export interface ConfStanza {
  name: string;
  /** Where the stanza is first declared (line 1 for the global settings before any stanza). */
  at: Location;
  settings: Map<string, ConfSetting>;
}

export interface ConfFile {
  /** Stanzas in the order first declared; the global settings and `[default]` are merged into `default`. */
  stanzas: Map<string, ConfStanza>;
  problems: { at: Location; message: string }[];
  /** Whether any stanza or setting was read at all. */
  readAny: boolean;
}

const DEFAULT = 'default';

export function readSplunkConf(path: string, text: string): ConfFile {
  const stanzas = new Map<string, ConfStanza>();
  const problems: ConfFile['problems'] = [];
  let readAny = false;
  const stanzaOf = (name: string, at: Location): ConfStanza => {
    let stanza = stanzas.get(name);
    if (!stanza) {
      stanza = { name, at, settings: new Map() };
      stanzas.set(name, stanza);
    }
    return stanza;
  };
  let current: ConfStanza | null = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const first = i;
    const physical = stripCr(lines[i] ?? '');
    const indent = physical.length - physical.trimStart().length;
    const trimmed = physical.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    // A trailing backslash joins the next physical line to this one (parts are joined once, at the end).
    const parts = [physical];
    for (let last = physical; last.endsWith('\\') && i + 1 < lines.length; ) {
      parts[parts.length - 1] = last.slice(0, -1);
      last = stripCr(lines[++i] ?? '');
      parts.push(last);
    }
    const at: Location = { path, line: first + 1, column: indent + 1 };
    const logical = parts.join('\n').trim();
    if (logical.startsWith('[')) {
      const close = logical.lastIndexOf(']');
      const name = close > 0 ? logical.slice(1, close).trim() : '';
      if (close < 0) problems.push({ at, message: 'stanza header without a closing ]' });
      else if (name === '') problems.push({ at, message: 'stanza header without a name' });
      else {
        const after = logical.slice(close + 1);
        if (after !== '') problems.push({ at: { ...at, column: indent + close + 2 + (after.length - after.trimStart().length) }, message: 'text after the stanza header is ignored' });
        current = stanzaOf(name, at);
        readAny = true;
      }
      continue;
    }
    const equals = logical.indexOf('=');
    const key = equals < 0 ? '' : logical.slice(0, equals).trim();
    if (equals < 0 || key === '') {
      problems.push({ at, message: equals < 0 ? 'expected a stanza header or key = value' : 'a setting without a name' });
      continue;
    }
    const stanza = current ?? stanzaOf(DEFAULT, { path, line: 1, column: 1 });
    stanza.settings.set(key, { value: logical.slice(equals + 1).trim(), at });
    readAny = true;
  }
  return { stanzas, problems, readAny };
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Splunk's boolean words (splunk normalizeBoolean); null when the value is none of them. */
export function splunkBoolean(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (['true', 't', '1', 'yes', 'y', 'on'].includes(v)) return true;
  if (['false', 'f', '0', 'no', 'n', 'off'].includes(v)) return false;
  return null;
}
