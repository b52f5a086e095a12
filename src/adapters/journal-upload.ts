/**
 * systemd-journal-upload (`journal-upload.conf` and its `journal-upload.conf.d/*.conf` drop-ins):
 * one pipeline from the journal to the `URL=` it uploads to over HTTP(S).
 *
 * Syntax (systemd.syntax(7)): `[Section]` headers, `Key=Value` assignments (whitespace around both
 * is dropped), `#` and `;` comment lines, a trailing backslash joins the next line. Drop-ins are
 * applied after the main file in the lexicographic order of their names; a later assignment wins
 * and an empty one resets the setting.
 *
 * Behaviour read from systemd's source (journal-upload.c, v246–v258):
 * - `URL=` without `http://` or `https://` gets `https://`; without a `:` after the scheme the
 *   port 19532 is appended.
 * - TLS when the URL is https. The server certificate is checked against
 *   `TrustedCertificateFile=` (default /etc/ssl/ca/trusted.pem) unless it is `-` (v246+), which
 *   turns checking off. `all` turns it off on the command line only (`--trust=all`): in this file
 *   it is not an absolute path, so systemd ignores it and keeps checking.
 * - The shipped unit runs `systemd-journal-upload --save-state`: what was not uploaded stays in the
 *   journal and is sent after a restart or an outage (durable).
 */
import { posix } from 'node:path';
import type { ConfigRead, Pipeline, PipelineOutput } from '../model/pipeline.js';
import { emptyRead } from '../model/pipeline.js';
import { compareLocations, compareStrings } from '../model/vocabulary.js';
import type { Location } from '../model/vocabulary.js';
import { hostRootOf, underHostRoot } from '../estate/host-root.js';
import type { ReadContext, TextAdapter, TextFile } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';
import { parseEndpoint } from './shipper-kit/endpoint.js';
import { blankOutput } from './shipper-kit/pipeline-parts.js';

const MAIN_NAME = 'journal-upload.conf';
const DROP_IN_DIR = 'journal-upload.conf.d';
/** Drop-in folders, highest precedence first: a drop-in in /etc masks one of the same name below. */
const DROP_IN_ROOTS = ['/etc/systemd', '/run/systemd', '/usr/local/lib/systemd', '/usr/lib/systemd'] as const;

const KNOWN_KEYS: ReadonlySet<string> = new Set(['URL', 'ServerKeyFile', 'ServerCertificateFile', 'TrustedCertificateFile', 'NetworkTimeoutSec', 'Header', 'Compression', 'ForceCompression']);
/** systemd-journal-upload's default port when the URL names none. */
const DEFAULT_PORT = 19532;

export interface Assignment {
  section: string;
  key: string;
  value: string;
  at: Location;
}

export interface IniRead {
  assignments: Assignment[];
  /** Where each `[Section]` header is, first occurrence. */
  sections: Map<string, Location>;
  problems: { at: Location; message: string }[];
  /** Sections other than [Upload], with where they start. */
  otherSections: { name: string; at: Location }[];
}

/** Reads a systemd-style configuration file (systemd.syntax(7)). Never throws. */
export function parseSystemdIni(path: string, text: string): IniRead {
  const out: IniRead = { assignments: [], sections: new Map(), problems: [], otherSections: [] };
  const lines = text.split('\n');
  let section: string | null = null;
  const clean = (n: number): string => (lines[n] ?? '').replace(/\r$/, '');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = clean(i);
    if (isComment(line)) continue;
    // Continuation: the backslash becomes a space; comment lines in between are skipped.
    if (endsWithContinuation(line)) {
      const parts: string[] = [];
      while (endsWithContinuation(line)) {
        parts.push(line.slice(0, -1), ' ');
        let next = i + 1;
        while (next < lines.length && isComment(clean(next))) next++;
        if (next >= lines.length) {
          i = lines.length - 1;
          line = '';
          break;
        }
        i = next;
        line = clean(next);
      }
      parts.push(line);
      line = parts.join('');
    }
    const indent = line.length - line.trimStart().length;
    const at: Location = { path, line: start + 1, column: indent + 1 };
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('[')) {
      if (!trimmed.endsWith(']') || trimmed.length < 3) {
        out.problems.push({ at, message: 'invalid section header' });
        section = null;
        continue;
      }
      section = trimmed.slice(1, -1);
      if (!out.sections.has(section)) out.sections.set(section, at);
      if (section !== 'Upload') out.otherSections.push({ name: section, at });
      continue;
    }
    const eq = trimmed.indexOf('=');
    if (eq <= 0) {
      out.problems.push({ at, message: eq === 0 ? 'assignment without a key' : "missing '=' in assignment" });
      continue;
    }
    if (section === null) {
      out.problems.push({ at, message: 'assignment outside of a section (systemd ignores it)' });
      continue;
    }
    out.assignments.push({ section, key: trimmed.slice(0, eq).trim(), value: trimmed.slice(eq + 1).trim(), at });
  }
  return out;
}

/** A line ending in an odd number of backslashes continues on the next one. */
function endsWithContinuation(line: string): boolean {
  let n = 0;
  for (let k = line.length - 1; k >= 0 && line[k] === '\\'; k--) n++;
  return n % 2 === 1;
}

function isComment(line: string): boolean {
  const t = line.trimStart();
  return t.startsWith('#') || t.startsWith(';');
}

function isDropIn(path: string): boolean {
  return posix.basename(posix.dirname(path)) === DROP_IN_DIR && path.endsWith('.conf');
}

function claims(path: string, head: string): boolean {
  const name = posix.basename(path);
  if (name !== MAIN_NAME && !isDropIn(path)) return false;
  return /^[ \t]*\[Upload\][ \t]*\r?$/m.test(head);
}

/** Rank of a drop-in's folder (0 highest): /etc, /run, /usr/local/lib, /usr/lib. */
function dropInRank(path: string): number {
  const rank = DROP_IN_ROOTS.findIndex((root) => `/${path}`.includes(`${root}/${DROP_IN_DIR}/`));
  return rank === -1 ? 0 : rank;
}

/** The drop-ins that apply, one per file name (the highest folder wins), in the order systemd reads them. */
function collectDropIns(file: TextFile, context: ReadContext, read: ConfigRead): TextFile[] {
  const found = new Map<string, TextFile>();
  const patterns = [`${DROP_IN_DIR}/*.conf`];
  const root = hostRootOf(file.path);
  if (root !== null) patterns.push(...DROP_IN_ROOTS.map((r) => `${r}/${DROP_IN_DIR}/*.conf`));
  for (const pattern of patterns) {
    const result = context.include(pattern, file.path);
    const inHost = pattern.startsWith('/') && root !== null ? underHostRoot(root, pattern.slice(1, pattern.indexOf(`/${DROP_IN_DIR}`))) : null;
    for (const f of result.files) if (inHost === null || f.path.startsWith(`${inHost}/`)) found.set(f.path, f);
    // Drop-ins are optional: only a drop-in that exists but could not be read is worth saying.
    if (result.reason !== null && !/(not in the scanned inputs|includes are not resolved here)$/.test(result.reason)) {
      read.unknowns.push({ construct: pattern, reason: result.reason, at: { path: file.path, line: 1, column: 1 } });
    }
  }
  const byName = new Map<string, TextFile>();
  for (const f of [...found.values()].sort((a, b) => dropInRank(a.path) - dropInRank(b.path) || compareStrings(a.path, b.path))) {
    const name = posix.basename(f.path);
    if (!byName.has(name)) byName.set(name, f);
  }
  return [...byName.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, f]) => f);
}

/**
 * The effective [Upload] settings of the files read in order: the last assignment of a key wins.
 * Problems and unknowns are reported by the file they are in (each drop-in is scanned too).
 */
function effectiveSettings(files: readonly TextFile[], read: ConfigRead, own: string): { settings: Map<string, Assignment>; upload: Location | null } {
  const settings = new Map<string, Assignment>();
  let upload: Location | null = null;
  for (const f of files) {
    const ini = parseSystemdIni(f.path, f.text);
    const mine = f.path === own;
    if (mine) upload = ini.sections.get('Upload') ?? null;
    if (mine) read.problems.push(...ini.problems);
    if (mine) for (const s of ini.otherSections) read.unknowns.push({ construct: `[${s.name}]`, reason: 'not a section of journal-upload.conf (systemd ignores it)', at: s.at });
    for (const a of ini.assignments) {
      if (a.section !== 'Upload') continue;
      if (!KNOWN_KEYS.has(a.key)) {
        if (mine) read.unknowns.push({ construct: `${a.key}=`, reason: 'not a journal-upload.conf setting', at: a.at });
        continue;
      }
      // An empty assignment resets the setting to its default.
      if (a.value === '') settings.delete(a.key);
      else settings.set(a.key, a);
    }
  }
  return { settings, upload };
}

function uploadOutput(url: Assignment, settings: Map<string, Assignment>, read: ConfigRead): PipelineOutput {
  const out = blankOutput('upload', 'journal-upload', 'other', url.at);
  out.protocol = 'http';
  out.locations['endpoint'] = url.at;
  const explicit = /^https?:\/\//i.exec(url.value);
  if (!explicit && /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url.value)) {
    read.problems.push({ at: url.at, message: 'URL= must be http:// or https:// (or a bare host, which means https)' });
    return out;
  }
  const full = explicit ? url.value : `https://${url.value}`;
  const rest = full.slice(full.indexOf('://') + 3);
  const endpoint = parseEndpoint(full);
  if (endpoint === null || endpoint.host === null) {
    read.problems.push({ at: url.at, message: 'URL= names no host' });
    return out;
  }
  out.endpoint = parseEndpoint(url.value)?.display ?? null;
  // Without a ':' after the scheme, systemd appends its default port.
  out.port = rest.includes(':') ? endpoint.port : DEFAULT_PORT;
  out.remote = !endpoint.loopback;
  out.tls = endpoint.scheme === 'https';
  out.locations['tls'] = url.at;
  // Undelivered entries stay in the journal; --save-state (in the shipped unit) resumes after them.
  out.durable = true;
  if (out.tls) readTrust(settings.get('TrustedCertificateFile'), out, read);
  return out;
}

function readTrust(trust: Assignment | undefined, out: PipelineOutput, read: ConfigRead): void {
  out.tlsVerify = true;
  if (trust === undefined) return;
  out.locations['tlsVerify'] = trust.at;
  if (trust.value === '-') out.tlsVerify = false;
  else if (trust.value === 'all') {
    read.problems.push({ at: trust.at, message: 'TrustedCertificateFile=all is ignored here (not an absolute path; only --trust=all disables checking): the server certificate is still checked' });
  } else if (!trust.value.startsWith('/')) read.problems.push({ at: trust.at, message: 'TrustedCertificateFile= must be an absolute path (systemd ignores this one)' });
}

function readJournalUpload(file: TextFile, context: ReadContext): ConfigRead {
  const read = emptyRead('journal-upload');
  let files: TextFile[];
  if (isDropIn(file.path)) {
    // The main file, when scanned, reads every drop-in; otherwise the first drop-in by name does.
    const main = context.include(`../${MAIN_NAME}`, file.path).files;
    const siblings = context.include('*.conf', file.path).files;
    const first = siblings.every((s) => compareStrings(posix.basename(file.path), posix.basename(s.path)) < 0);
    if (main.length > 0 || !first) {
      effectiveSettings([file], read, file.path);
      return read;
    }
    files = [file, ...siblings].sort((a, b) => compareStrings(posix.basename(a.path), posix.basename(b.path)));
  } else files = [file, ...collectDropIns(file, context, read)];
  read.includes = files.filter((f) => f.path !== file.path).map((f) => f.path);
  const effective = effectiveSettings(files, read, file.path);
  const settings = effective.settings;
  const upload = effective.upload ?? { path: file.path, line: 1, column: 1 };
  const pipeline: Pipeline = {
    id: `journal-upload:${file.path}`,
    shipper: 'journal-upload',
    path: file.path,
    declaredAt: upload,
    inputs: [{ id: 'journal', plugin: 'journal', channel: 'journald', paths: [], exclude: [], port: null, at: upload }],
    outputs: [],
    edges: [],
  };
  const url = settings.get('URL');
  if (url === undefined) {
    read.unknowns.push({ construct: 'URL=', reason: 'not set here: the service uploads nowhere unless its command line passes --url=', at: upload });
  } else {
    pipeline.outputs.push(uploadOutput(url, settings, read));
    pipeline.edges.push({ input: 'journal', output: 'upload', facilities: null });
  }
  read.pipelines.push(pipeline);
  read.problems.sort((a, b) => compareLocations(a.at, b.at));
  read.unknowns.sort((a, b) => compareLocations(a.at, b.at));
  return read;
}

const JOURNAL_UPLOAD: TextAdapter = {
  kind: 'journal-upload',
  claims: (path, head) => claims(path, head),
  read: (file, context) => readJournalUpload(file, context),
};

export const ADAPTERS: ConfigAdapters = { text: [JOURNAL_UPLOAD], documents: [] };
