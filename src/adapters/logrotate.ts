/**
 * logrotate configs (issue 4): `/etc/logrotate.conf`, the files of `/etc/logrotate.d/`, Debian
 * `*.logrotate` packaging files and any file whose head holds logrotate log file definitions.
 *
 * One `logrotate` subject and one `Rotation` per log file definition (stanza): the globs it
 * rotates and how many days of rotated files it keeps (rotate × period, capped by maxage). A
 * stanza starts from the global settings in effect before it; a file under `logrotate.d/` starts
 * from what `/etc/logrotate.conf` sets before the `include` that reads it, or from logrotate's
 * built-in defaults (logrotate 3.x config.c: rotate 0, rotation by size at 1 MB, no maxage) when
 * that file is not in the scan, with `explicit` saying which settings were written.
 */
import picomatch from 'picomatch';
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead, Rotation } from '../model/pipeline.js';
import type { Subject } from '../model/subject.js';
import type { Location } from '../model/vocabulary.js';
import { hostRootOf } from '../estate/host-root.js';
import type { ReadContext, TextAdapter, TextFile } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';
import { parseLogrotate } from './hosts/logrotate-grammar.js';
import type { LrDirective, LrItem, LrParse, LrStanza } from './hosts/logrotate-grammar.js';
import { safeInclude } from './hosts/include.js';
import { NOT_A_HOST_CONFIG, addProblem, addUnknown, at, baseName, dirName, parseCInteger, shorten } from './hosts/text.js';

export type Criterion = 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly' | 'size';

/** Days one rotation period stands for (months and years at their usual length). */
export const PERIOD_DAYS: Record<Exclude<Criterion, 'size'>, number> = { hourly: 1 / 24, daily: 1, weekly: 7, monthly: 30, yearly: 365 };

/** Settings in effect for a stanza, with where each was decided. */
export interface Settings {
  criterion: Criterion;
  rotate: number;
  /** 0 = off (logrotate's default). */
  maxage: number;
  size: string | null;
  minsize: string | null;
  maxsize: string | null;
  compress: boolean;
  delaycompress: boolean;
  missingok: boolean;
  notifempty: boolean;
  copytruncate: boolean;
  create: boolean;
  dateext: boolean;
  sharedscripts: boolean;
  shred: boolean;
  mail: boolean;
  olddir: string | null;
  su: string | null;
  /** Setting name → where it was last set. */
  set: Map<string, Location>;
}

/** logrotate's built-in defaults (3.x `readAllConfigPaths`): rotate 0, size criterion at 1 MB, ifempty. */
export function builtinSettings(): Settings {
  return {
    criterion: 'size',
    rotate: 0,
    maxage: 0,
    size: '1M',
    minsize: null,
    maxsize: null,
    compress: false,
    delaycompress: false,
    missingok: false,
    notifempty: false,
    copytruncate: false,
    create: false,
    dateext: false,
    sharedscripts: false,
    shred: false,
    mail: false,
    olddir: null,
    su: null,
    set: new Map(),
  };
}

function cloneSettings(s: Settings): Settings {
  return { ...s, set: new Map(s.set) };
}

/** Default taboo extensions (logrotate(8)): files of an included folder ending so are skipped. */
const TABOO = [',v', '.bak', '.cfsaved', '.disabled', '.dpkg-bak', '.dpkg-del', '.dpkg-dist', '.dpkg-new', '.dpkg-old', '.dpkg-tmp', '.new', '.old', '.orig', '.rpmnew', '.rpmorig', '.rpmsave', '.swp', '.ucf-dist', '.ucf-new', '.ucf-old', '~'];

export function isTaboo(name: string): boolean {
  return TABOO.some((ext) => name.endsWith(ext)) || /\.rhn-cfg-tmp-/.test(name);
}

const FLAG_EFFECTS: Record<string, [keyof Settings, boolean]> = {
  compress: ['compress', true],
  nocompress: ['compress', false],
  delaycompress: ['delaycompress', true],
  nodelaycompress: ['delaycompress', false],
  missingok: ['missingok', true],
  nomissingok: ['missingok', false],
  notifempty: ['notifempty', true],
  ifempty: ['notifempty', false],
  copytruncate: ['copytruncate', true],
  nocopytruncate: ['copytruncate', false],
  nocreate: ['create', false],
  dateext: ['dateext', true],
  nodateext: ['dateext', false],
  sharedscripts: ['sharedscripts', true],
  nosharedscripts: ['sharedscripts', false],
  shred: ['shred', true],
  noshred: ['shred', false],
  nomail: ['mail', false],
};

const SIZE = /^(0[xX][0-9a-fA-F]+|\d+)[kKMG]?$/;

type Problem = (where: Location, message: string) => void;

/** Applies one directive to the settings (logrotate's semantics); bad values are problems and change nothing. */
export function applyDirective(s: Settings, d: LrDirective, path: string, problem: Problem): void {
  const where = at(path, d.line, d.column);
  const mark = (key: string): void => {
    s.set.set(key, where);
  };
  const flag = FLAG_EFFECTS[d.name];
  if (flag) {
    (s as unknown as Record<string, unknown>)[flag[0]] = flag[1];
    mark(flag[0]);
    return;
  }
  switch (d.name) {
    case 'hourly':
    case 'daily':
    case 'monthly':
    case 'yearly':
      s.criterion = d.name;
      mark('period');
      return;
    case 'weekly':
      if (d.value !== '' && !/^[0-7]$/.test(d.value)) {
        problem(where, `bad weekly directive '${shorten(d.value, 20)}'`);
        return;
      }
      s.criterion = 'weekly';
      mark('period');
      return;
    case 'size':
    case 'minsize':
    case 'maxsize': {
      if (!SIZE.test(d.value)) {
        problem(where, `bad ${d.name} '${shorten(d.value, 20)}'`);
        return;
      }
      if (d.name === 'size') {
        s.size = d.value;
        s.criterion = 'size';
        mark('period');
      } else s[d.name] = d.value;
      mark(d.name);
      return;
    }
    case 'rotate': {
      const n = parseCInteger(d.value);
      if (n === null || n < -1) {
        problem(where, `bad rotation count '${shorten(d.value, 20)}'`);
        return;
      }
      s.rotate = n;
      mark('rotate');
      return;
    }
    case 'maxage': {
      const n = parseCInteger(d.value);
      if (n === null || n < 0) {
        problem(where, `bad maximum age '${shorten(d.value, 20)}'`);
        return;
      }
      s.maxage = n;
      mark('maxage');
      return;
    }
    case 'create':
      s.create = true;
      mark('create');
      return;
    case 'olddir':
      if (d.value === '') {
        problem(where, 'olddir needs a folder');
        return;
      }
      s.olddir = d.value;
      mark('olddir');
      return;
    case 'noolddir':
      s.olddir = null;
      mark('olddir');
      return;
    case 'su':
      if (d.value.split(/\s+/).length !== 2) {
        problem(where, 'su needs a user and a group');
        return;
      }
      s.su = d.value;
      mark('su');
      return;
    case 'mail':
      if (d.value === '') {
        problem(where, 'mail needs an address');
        return;
      }
      s.mail = true;
      mark('mail');
      return;
    default:
      // Understood and without effect on the facts read here (dateformat, extension, start,
      // compresscmd, shredcycles, ...).
      return;
  }
}

export interface StanzaFacts {
  days: number | null;
  unbounded: boolean;
  /** Where `days` is decided: the maxage that caps it, the rotate count, or the stanza itself. */
  daysAt: Location;
}

/** Days of rotated logs a stanza keeps: rotate × period, capped by maxage; null when it cannot be computed. */
export function retentionDays(s: Settings, stanzaAt: Location): StanzaFacts {
  const rotateAt = s.set.get('rotate') ?? stanzaAt;
  const maxageAt = s.set.get('maxage') ?? stanzaAt;
  if (s.rotate === -1) {
    // Old logs are never removed by count; only maxage removes them.
    if (s.maxage > 0) return { days: s.maxage, unbounded: false, daysAt: maxageAt };
    return { days: null, unbounded: true, daysAt: rotateAt };
  }
  if (s.rotate === 0) return { days: 0, unbounded: false, daysAt: rotateAt };
  if (s.criterion === 'size') return { days: null, unbounded: false, daysAt: s.set.get('period') ?? rotateAt };
  const byCount = s.rotate * PERIOD_DAYS[s.criterion];
  if (s.maxage > 0 && s.maxage < byCount) return { days: s.maxage, unbounded: false, daysAt: maxageAt };
  return { days: Math.round(byCount * 1000) / 1000, unbounded: false, daysAt: rotateAt };
}

/** Applies the top-level items of a parse to the globals, up to (not including) `until` when given. */
function applyGlobals(parse: LrParse, globals: Settings, path: string, problem: Problem, stop: (item: LrItem) => boolean): boolean {
  for (const item of parse.items) {
    if (stop(item)) return true;
    if (item.kind === 'directive') applyDirective(globals, item, path, problem);
  }
  return false;
}

/** The host path of a scanned file (`nodes/a/etc/x` → `/etc/x`), or null without a host layout. */
function hostPath(path: string): string | null {
  const root = hostRootOf(path);
  if (root === null) return null;
  return `/${root === '' ? path : path.slice(root.length + 1)}`;
}

/** Whether `include target` (as written in logrotate.conf) reads the scanned file `path`. */
export function includeCovers(target: string, path: string): boolean {
  const clean = target.replace(/\/+$/, '');
  const host = hostPath(path);
  if (host !== null) {
    if (clean === host || clean === dirName(host)) return true;
    try {
      return picomatch(clean, { dot: true })(host);
    } catch {
      return false;
    }
  }
  // No host layout: the folder (or file) name decides.
  const name = baseName(clean);
  return name !== '' && (name === baseName(dirName(path)) || name === baseName(path));
}

export function isInLogrotateD(path: string): boolean {
  return /(^|\/)logrotate\.d\/[^/]+$/.test(path);
}

interface Inherited {
  globals: Settings;
  from: string | null;
}

/** Globals a file under logrotate.d/ starts from: what logrotate.conf sets before including it. */
function inheritedGlobals(file: TextFile, context: ReadContext, read: ConfigRead): Inherited {
  if (!isInLogrotateD(file.path)) return { globals: builtinSettings(), from: null };
  let found = safeInclude(context, '/etc/logrotate.conf', file.path);
  if (found.files.length === 0) found = safeInclude(context, '../logrotate.conf', file.path);
  const conf = found.files[0];
  if (!conf) return { globals: builtinSettings(), from: null };
  const parse = parseLogrotate(conf.text);
  const globals = builtinSettings();
  const included = applyGlobals(parse, globals, conf.path, () => undefined, (item) => item.kind === 'include' && includeCovers(item.target, file.path));
  if (!included) {
    addUnknown(read, conf.path, 'does not include this file; logrotate built-in defaults assumed', at(file.path, 1));
    return { globals: builtinSettings(), from: null };
  }
  return { globals, from: conf.path };
}

/** Settings that a stanza's facts report as written (in the stanza, or by inheritance) or default. */
const EXPLICIT_KEYS = ['rotate', 'period', 'maxage', 'compress', 'missingok', 'create'] as const;

function stanzaSubject(stanza: LrStanza, s: Settings, file: string, inherits: string | null, hadErrors: boolean, id: string): { subject: Subject; rotation: Rotation } {
  const stanzaAt = at(file, stanza.line, stanza.column);
  const r = hadErrors ? { days: null, unbounded: false, daysAt: stanzaAt } : retentionDays(s, stanzaAt);
  const explicit: Record<string, boolean> = {};
  for (const key of EXPLICIT_KEYS) explicit[key] = s.set.has(key);
  const locations: Record<string, Location> = { paths: stanzaAt, pathText: stanzaAt, days: r.daysAt, unbounded: r.daysAt };
  for (const [key, where] of s.set) locations[key] = where;
  const facts: Record<string, unknown> = {
    paths: [...stanza.paths],
    // The globs as one text, for rules that filter definitions by the logs they rotate (`matches`).
    pathText: stanza.paths.join(' '),
    criterion: s.criterion,
    period: s.criterion === 'size' ? null : s.criterion,
    rotate: s.rotate,
    maxage: s.maxage > 0 ? s.maxage : null,
    days: r.days,
    unbounded: r.unbounded,
    size: s.criterion === 'size' ? s.size : null,
    minsize: s.minsize,
    maxsize: s.maxsize,
    compress: s.compress,
    delaycompress: s.delaycompress,
    missingok: s.missingok,
    notifempty: s.notifempty,
    copytruncate: s.copytruncate,
    create: s.create,
    dateext: s.dateext,
    sharedscripts: s.sharedscripts,
    shred: s.shred,
    mail: s.mail,
    olddir: s.olddir,
    su: s.su,
    scripts: [...stanza.scripts],
    inherits,
    explicit,
    skipped: hadErrors,
  };
  const subject: Subject = { kind: 'logrotate', id, path: file, pillars: ['devices'], facts, locations, unreadable: {}, declaredAt: stanzaAt };
  const rotation: Rotation = { paths: [...stanza.paths], days: r.days, at: stanzaAt, locations: { days: r.daysAt } };
  return { subject, rotation };
}

/** At most this many includes deep (logrotate's MAX_NESTING). */
const MAX_DEPTH = 16;
/** At most this many log file definitions per read: real configs hold a handful; a hostile file must not exhaust memory. */
export const MAX_STANZAS = 5000;

interface Walk {
  read: ConfigRead;
  context: ReadContext;
  inherits: string | null;
  ids: Map<string, number>;
  seen: Set<string>;
  capped: boolean;
}

/** Reads one file's items with the globals in effect, emitting stanzas; includes not read on their own are merged. */
function walkFile(file: TextFile, parse: LrParse, globals: Settings, walk: Walk, depth: number): void {
  const { read } = walk;
  for (const p of parse.problems) addProblem(read, at(file.path, p.line, p.column), p.message);
  for (const u of parse.unknown) {
    const reason = u.message === 'include inside a log file definition' ? 'not modelled inside a log file definition' : 'unknown directive; logrotate ignores the line';
    addUnknown(read, u.message === 'include inside a log file definition' ? 'include' : u.message, reason, at(file.path, u.line, u.column));
  }
  for (const item of parse.items) {
    if (item.kind === 'directive') {
      applyDirective(globals, item, file.path, (where, message) => addProblem(read, where, message));
    } else if (item.kind === 'include') {
      includeFiles(item.target, file.path, at(file.path, item.line, item.column), globals, walk, depth);
    } else {
      if (read.subjects.length >= MAX_STANZAS) {
        if (!walk.capped) {
          walk.capped = true;
          addProblem(read, at(file.path, item.line, item.column), `more than ${MAX_STANZAS} log file definitions; the rest are not read`);
        }
        continue;
      }
      const s = cloneSettings(globals);
      let errors = false;
      for (const d of item.body) {
        applyDirective(s, d, file.path, (where, message) => {
          errors = true;
          addProblem(read, where, `${message}; logrotate skips this log file definition`);
        });
      }
      const first = item.paths[0] ?? `line ${item.line}`;
      const base = `logrotate:${file.path}#${first}`;
      const count = walk.ids.get(base) ?? 0;
      walk.ids.set(base, count + 1);
      const id = count === 0 ? base : `${base}@${item.line}`;
      const { subject, rotation } = stanzaSubject(item, s, file.path, walk.inherits, errors || !item.closed, id);
      read.subjects.push(subject);
      read.rotations.push(rotation);
    }
  }
}

/** An include: files read on their own (logrotate.d/, *.logrotate) are left to their own read; others are merged here. */
function includeFiles(target: string, from: string, where: Location, globals: Settings, walk: Walk, depth: number): void {
  const { read, context } = walk;
  if (depth >= MAX_DEPTH) {
    addProblem(read, where, 'include nesting too deep');
    return;
  }
  let found = safeInclude(context, target, from);
  if (found.files.length === 0) {
    const folder = safeInclude(context, `${target.replace(/\/+$/, '')}/*`, from);
    if (folder.files.length > 0) found = folder;
  }
  if (found.files.length === 0) {
    addUnknown(read, `include ${target}`, found.reason ?? 'not in the scanned inputs', where);
    return;
  }
  for (const inc of [...found.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (isTaboo(baseName(inc.path))) continue;
    // Read on their own, with the globals this file sets before the include (see inheritedGlobals).
    if (LOGROTATE_TEXT.claims(inc.path, inc.text.slice(0, 64 * 1024))) continue;
    if (walk.seen.has(inc.path)) continue;
    walk.seen.add(inc.path);
    read.includes.push(inc.path);
    walkFile(inc, parseLogrotate(inc.text), globals, walk, depth + 1);
  }
}

/** Reads a logrotate config: stanzas become subjects and rotations. */
export function readLogrotate(file: TextFile, context: ReadContext): ConfigRead {
  const read = emptyRead('logrotate');
  try {
    if (isInLogrotateD(file.path) && isTaboo(baseName(file.path))) {
      addUnknown(read, baseName(file.path), 'ignored by logrotate when it reads the folder (taboo extension)', at(file.path, 1));
      return read;
    }
    const inherited = inheritedGlobals(file, context, read);
    const parse = parseLogrotate(file.text);
    const walk: Walk = { read, context, inherits: inherited.from, ids: new Map(), seen: new Set([file.path]), capped: false };
    walkFile(file, parse, inherited.globals, walk, 0);
    read.subjects.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (read.subjects.length === 0 && parse.items.length === 0 && read.problems.length > 0) read.fatal = true;
  } catch (error) {
    read.problems.push({ at: at(file.path, 1), message: `could not be read as logrotate config (${error instanceof Error ? error.name : 'error'})` });
    read.fatal = true;
  }
  return read;
}

/**
 * A cheap, strict sniff: a head that parses as logrotate with no problem and no unknown
 * directive, and holds a closed log file definition with at least two directives logrotate knows.
 * Shell scripts (a heredoc is preceded by a command), CSS and other configs with braces fail it.
 */
export function looksLikeLogrotate(head: string): boolean {
  if (!/^[ \t]*["'/~][^\n]*$/m.test(head) || !head.includes('{')) return false;
  const parse = parseLogrotate(head.length >= 64 * 1024 ? head.slice(0, head.lastIndexOf('\n') + 1) : head);
  if (parse.problems.length > 0) return false;
  const stanzas = parse.items.filter((i): i is LrStanza => i.kind === 'stanza' && i.closed);
  return parse.unknown.length === 0 && stanzas.some((s) => s.body.length >= 2);
}

export function claimsLogrotate(path: string, head: string): boolean {
  if (NOT_A_HOST_CONFIG.test(path)) return false;
  const name = baseName(path);
  if (name === 'logrotate.conf' || isInLogrotateD(path) || /\.logrotate$/.test(name)) return true;
  try {
    return looksLikeLogrotate(head);
  } catch {
    return false;
  }
}

export const LOGROTATE_TEXT: TextAdapter = {
  kind: 'logrotate',
  claims: claimsLogrotate,
  read: readLogrotate,
};

export const ADAPTERS: ConfigAdapters = { text: [LOGROTATE_TEXT], documents: [] };
