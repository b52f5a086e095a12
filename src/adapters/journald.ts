/**
 * journald.conf and its drop-ins (journald.conf(5), systemd.syntax(7)): the `[Journal]` settings
 * that decide whether the journal survives a reboot (Storage=), how long it is kept
 * (MaxRetentionSec=, size limits), whether it is sealed and compressed and whether it is handed
 * to a syslog daemon (ForwardToSyslog=). One `journald` subject per journald.conf, with the
 * drop-ins of `journald.conf.d/` merged in (in file-name order, later ones win; a file of the same
 * name in /etc hides those in /run and /usr/lib). Drop-ins are claimed too: they report their own
 * problems and carry the subject only when no journald.conf is in the scanned inputs.
 *
 * Defaults are those of the current journald.conf(5): Storage=auto (persistent in non-default
 * namespaces), Compress=yes, Seal=yes, SplitMode=uid, MaxRetentionSec=0 (no time limit),
 * MaxFileSec=1month, ForwardToSyslog=no and ForwardToWall=yes ("By default, only forwarding to
 * wall is enabled"; releases before systemd 246 and some distributions forward to syslog by
 * default).
 */
import type { ReadContext, TextAdapter, TextFile } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead } from '../model/pipeline.js';
import type { Location } from '../model/vocabulary.js';
import { compareStrings } from '../model/vocabulary.js';
import { parseBoolean, parseSize, parseSystemdConf, parseTimeSpan } from './auditd/systemd-conf.js';
import type { Assignment, SystemdConf } from './auditd/systemd-conf.js';
import { at, baseName, dirName, limitReported } from './auditd/text.js';

type Value = string | number | boolean | null;

interface Setting {
  fact: string;
  parse: (text: string) => Value | undefined;
  default: Value;
}

const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

function oneOf(values: readonly string[]): (text: string) => string | undefined {
  return (text) => (values.includes(text) ? text : undefined);
}
const bool = (text: string): boolean | undefined => parseBoolean(text) ?? undefined;
const seconds = (text: string): number | undefined => parseTimeSpan(text) ?? undefined;
const size = (text: string): number | undefined => parseSize(text) ?? undefined;
const count = (text: string): number | undefined => (/^[0-9]{1,15}$/.test(text) ? Number(text) : undefined);
const level = (text: string): string | undefined => (LEVELS.includes(text) ? text : /^[0-7]$/.test(text) ? LEVELS[Number(text)] : undefined);
const anything = (text: string): string => text;

const SETTINGS: ReadonlyMap<string, Setting> = new Map<string, Setting>([
  ['Storage', { fact: 'storage', parse: oneOf(['volatile', 'persistent', 'auto', 'none']), default: 'auto' }],
  // Compress= also takes a threshold in bytes, which turns compression on.
  ['Compress', { fact: 'compress', parse: (t) => parseBoolean(t) ?? (parseSize(t) !== null ? true : undefined), default: true }],
  ['Seal', { fact: 'seal', parse: bool, default: true }],
  ['SplitMode', { fact: 'splitMode', parse: oneOf(['uid', 'none', 'login']), default: 'uid' }],
  ['MaxRetentionSec', { fact: 'maxRetentionSec', parse: seconds, default: 0 }],
  ['MaxFileSec', { fact: 'maxFileSec', parse: seconds, default: 2629800 }],
  ['SystemMaxUse', { fact: 'systemMaxUse', parse: size, default: null }],
  ['SystemKeepFree', { fact: 'systemKeepFree', parse: size, default: null }],
  ['SystemMaxFileSize', { fact: 'systemMaxFileSize', parse: size, default: null }],
  ['SystemMaxFiles', { fact: 'systemMaxFiles', parse: count, default: 100 }],
  ['RuntimeMaxUse', { fact: 'runtimeMaxUse', parse: size, default: null }],
  ['ForwardToSyslog', { fact: 'forwardToSyslog', parse: bool, default: false }],
  ['ForwardToKMsg', { fact: 'forwardToKMsg', parse: bool, default: false }],
  ['ForwardToConsole', { fact: 'forwardToConsole', parse: bool, default: false }],
  ['ForwardToWall', { fact: 'forwardToWall', parse: bool, default: true }],
  ['ForwardToSocket', { fact: 'forwardToSocket', parse: anything, default: null }],
  ['MaxLevelStore', { fact: 'maxLevelStore', parse: level, default: 'debug' }],
  ['MaxLevelSyslog', { fact: 'maxLevelSyslog', parse: level, default: 'debug' }],
  ['RateLimitIntervalSec', { fact: 'rateLimitIntervalSec', parse: seconds, default: 30 }],
  ['RateLimitBurst', { fact: 'rateLimitBurst', parse: count, default: 10000 }],
  ['Audit', { fact: 'audit', parse: (t) => (t === 'keep' ? 'keep' : bool(t)), default: true }],
]);

/** Settings journald knows that no fact models. */
const KNOWN = new Set([
  'RateLimitInterval', 'RuntimeKeepFree', 'RuntimeMaxFileSize', 'RuntimeMaxFiles', 'SyncIntervalSec', 'TTYPath', 'MaxLevelKMsg',
  'MaxLevelConsole', 'MaxLevelWall', 'MaxLevelSocket', 'LineMax', 'ReadKMsg', 'Compact',
]);

function isMainName(name: string): boolean {
  return name === 'journald.conf' || /^journald@[^/]+\.conf$/.test(name);
}

function isDropIn(path: string): boolean {
  const folder = baseName(dirName(path));
  return /\.conf$/.test(path) && (folder === 'journald.conf.d' || /^journald@[^/]+\.conf\.d$/.test(folder));
}

/** The namespace of `journald@NS.conf` (or of its drop-in folder); null for the default namespace. */
function namespaceOf(mainName: string): string | null {
  const m = /^journald@(.+)\.conf$/.exec(mainName);
  return m ? (m[1] as string) : null;
}

/** The systemd configuration folders, most important first: a file in /etc hides one of the same name in /run or /usr/lib. */
const ROOTS = ['etc/systemd', 'run/systemd', 'usr/local/lib/systemd', 'usr/lib/systemd'] as const;

/** Precedence of a path's systemd folder (0 = /etc, or not in a host layout). */
function rank(path: string): number {
  const i = ROOTS.findIndex((root) => new RegExp(`(^|/)${root}/`).test(path));
  return i === -1 ? 0 : i;
}

/** Whether the path is in a systemd folder of a host layout (so that /etc, /run and /usr/lib of that host apply). */
function inHostLayout(path: string): boolean {
  return ROOTS.some((root) => new RegExp(`(^|/)${root}/`).test(path));
}

/** The drop-in files of the folder `dir` (`journald.conf.d`), seen from `from`, in the order journald applies them. */
function dropInsOf(from: string, dir: string, relative: string, context: ReadContext): TextFile[] {
  const patterns = [relative];
  if (inHostLayout(from)) for (const root of ROOTS) patterns.push(`/${root}/${dir}/*.conf`);
  const byName = new Map<string, TextFile>();
  for (const pattern of patterns) {
    for (const file of context.include(pattern, from).files) {
      if (baseName(dirName(file.path)) !== dir || !/\.conf$/.test(file.path)) continue;
      const name = baseName(file.path);
      const held = byName.get(name);
      if (!held || rank(file.path) < rank(held.path) || (rank(file.path) === rank(held.path) && file.path < held.path)) byName.set(name, file);
    }
  }
  return [...byName.entries()].sort((a, b) => compareStrings(a[0], b[0])).map(([, f]) => f);
}

/** Whether a journald.conf of higher precedence than `path` (or, for a drop-in, any) is in the scanned inputs. */
function mainFileFound(from: string, mainName: string, context: ReadContext, below: number): boolean {
  const candidates = [`../${mainName}`];
  if (inHostLayout(from)) candidates.push(...ROOTS.slice(0, below).map((root) => `/${root}/${mainName}`));
  return candidates.some((p) => context.include(p, from).files.some((f) => baseName(f.path) === mainName));
}

interface Parsed {
  path: string;
  conf: SystemdConf;
}

function report(parsed: Parsed, read: ConfigRead): void {
  const { path, conf } = parsed;
  for (const p of conf.problems) read.problems.push({ at: at(path, p.line, p.column), message: p.message });
  for (const a of conf.assignments) {
    const where = at(path, a.line, a.column);
    if (a.section === null) {
      read.problems.push({ at: where, message: `${a.key}= is outside any section: journald ignores it` });
    } else if (a.section === 'Journal') {
      if (!SETTINGS.has(a.key) && !KNOWN.has(a.key)) read.unknowns.push({ construct: `${a.key}=`, reason: 'not a [Journal] setting of journald.conf(5); journald ignores it', at: where });
      else checkValue(a, path, read);
    } else if (!a.section.startsWith('X-')) {
      read.unknowns.push({ construct: `[${a.section}] ${a.key}=`, reason: 'journald reads only the [Journal] section', at: where });
    }
  }
}

function checkValue(a: Assignment, path: string, read: ConfigRead): void {
  const setting = SETTINGS.get(a.key);
  if (!setting || a.value === '') return;
  if (setting.parse(a.value) === undefined) {
    read.problems.push({ at: at(path, a.line, a.valueColumn), message: `${a.key}=${a.value.length > 40 ? `${a.value.slice(0, 40)}…` : a.value} is not a valid value: journald ignores it` });
  }
}

interface Effective {
  facts: Record<string, unknown>;
  locations: Record<string, Location>;
  explicit: string[];
}

/** Applies the files in order: later valid assignments win, an empty value restores the default, invalid ones are ignored. */
function effective(files: readonly Parsed[], namespace: string | null, start: Location): Effective {
  const facts: Record<string, unknown> = {};
  const locations: Record<string, Location> = {};
  const explicit = new Set<string>();
  for (const setting of SETTINGS.values()) {
    facts[setting.fact] = setting.default;
    locations[setting.fact] = start;
  }
  // Non-default namespaces store persistently and do not turn kernel auditing on.
  if (namespace !== null) {
    facts.storage = 'persistent';
    facts.audit = 'keep';
  }
  const defaults = { ...facts };
  for (const { path, conf } of files) {
    for (const a of conf.assignments) {
      const setting = a.section === 'Journal' ? SETTINGS.get(a.key) : undefined;
      if (!setting) continue;
      const where = at(path, a.line, a.column);
      if (a.value === '') {
        facts[setting.fact] = defaults[setting.fact];
        locations[setting.fact] = where;
        explicit.delete(setting.fact);
        continue;
      }
      const value = setting.parse(a.value);
      if (value === undefined) continue;
      facts[setting.fact] = value;
      locations[setting.fact] = where;
      explicit.add(setting.fact);
    }
  }
  return { facts, locations, explicit: [...explicit].sort(compareStrings) };
}

function journalSection(conf: SystemdConf, path: string): Location {
  const header = conf.sections.find((s) => s.name === 'Journal');
  return at(path, header ? header.line : 1);
}

function subjectOf(id: string, path: string, files: readonly Parsed[], namespace: string | null, start: Location, read: ConfigRead): void {
  const { facts, locations, explicit } = effective(files, namespace, start);
  const storage = facts.storage as string;
  const retention = facts.maxRetentionSec as number;
  locations.persistent = locations.storage ?? start;
  locations.maxRetentionDays = locations.maxRetentionSec ?? start;
  read.subjects.push({
    kind: 'journald',
    id,
    path,
    pillars: ['devices'],
    facts: {
      ...facts,
      storage,
      // auto is persistent only when /var/log/journal exists on the host, which a config cannot show.
      persistent: storage === 'persistent' ? true : storage === 'auto' ? null : false,
      maxRetentionDays: retention > 0 && Number.isFinite(retention) ? Math.round((retention / 86400) * 100) / 100 : null,
      namespace,
      files: files.map((f) => f.path),
      explicit,
    },
    locations,
    unreadable: {},
    declaredAt: start,
  });
}

export function readJournald(file: TextFile, context: ReadContext): ConfigRead {
  const read = emptyRead('journald');
  const own: Parsed = { path: file.path, conf: parseSystemdConf(file.text) };
  report(own, read);
  if (own.conf.significant > 0 && own.conf.assignments.length === 0 && own.conf.sections.length === 0) {
    read.fatal = true;
    limitReported(read);
    return read;
  }
  if (isDropIn(file.path)) {
    dropInSubject(file, own, context, read);
  } else {
    const name = baseName(file.path);
    // /usr/lib/systemd/journald.conf is not read when /etc/systemd/journald.conf exists.
    const hidden = rank(file.path) > 0 && context.include(`/${ROOTS[0]}/${name}`, file.path).files.length > 0;
    if (!hidden) {
      const dropIns = dropInsOf(file.path, `${name}.d`, `${name}.d/*.conf`, context);
      read.includes.push(...dropIns.map((f) => f.path));
      const files = [own, ...dropIns.map((f) => ({ path: f.path, conf: parseSystemdConf(f.text) }))];
      subjectOf(`journald:${file.path}`, file.path, files, namespaceOf(name), journalSection(own.conf, file.path), read);
    }
  }
  limitReported(read);
  return read;
}

/**
 * A drop-in carries the subject only when no journald.conf of its host is scanned, and only the
 * drop-in that sorts first (by path) among those of the host does.
 */
function dropInSubject(file: TextFile, own: Parsed, context: ReadContext, read: ConfigRead): void {
  const folder = dirName(file.path);
  const dir = baseName(folder);
  const mainName = dir.slice(0, -'.d'.length);
  if (mainFileFound(file.path, mainName, context, ROOTS.length)) return;
  const others = dropInsOf(file.path, dir, '*.conf', context).filter((f) => f.path !== file.path);
  const all = [file, ...others];
  if ([...all].sort((a, b) => compareStrings(a.path, b.path))[0]?.path !== file.path) return;
  // The same order journald applies: by name, the more important folder winning a name.
  const applied = all.sort((a, b) => compareStrings(baseName(a.path), baseName(b.path)) || rank(a.path) - rank(b.path)).filter((f, i, list) => i === 0 || baseName(list[i - 1]?.path ?? '') !== baseName(f.path));
  read.includes.push(...others.map((f) => f.path).sort(compareStrings));
  const files = applied.map((f) => (f.path === file.path ? own : { path: f.path, conf: parseSystemdConf(f.text) }));
  subjectOf(`journald:${folder}/`, file.path, files, namespaceOf(mainName), journalSection(own.conf, file.path), read);
}

export const journaldAdapter: TextAdapter = {
  kind: 'journald',
  claims: (path) => isMainName(baseName(path)) || isDropIn(path),
  read: readJournald,
};

export const ADAPTERS: ConfigAdapters = { text: [journaldAdapter], documents: [] };
