/**
 * Time synchronisation configs (issue 4): chrony (`chrony.conf` with `include`, `confdir` and
 * `sourcedir`), ntpd/NTPsec (`ntp.conf` with `includefile`) and systemd-timesyncd
 * (`timesyncd.conf` with its `timesyncd.conf.d/` drop-ins). One `time-sync` subject per main
 * file: the time sources it configures. CIS Controls 8.4 asks for at least two.
 *
 * Counting (documented in docs/configs/hosts-and-services.md): each distinct `server`, `peer` and
 * reference clock is one source; a `pool` counts as the sources chronyd takes from it (its
 * `maxsources`, default 4 in chrony 4.x), and as 4 for ntpd (the NTP Pool project's figure for
 * ntpd's default); sources marked `noselect` and ntpd's undisciplined local clock (127.127.1.x)
 * are not counted. `sources` is what the scanned files show; `sourcesKnown` is the same number,
 * or null when an include, a `sourcedir` or timesyncd's compiled-in fallback list could add
 * sources the scan cannot see.
 */
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead } from '../model/pipeline.js';
import type { Subject } from '../model/subject.js';
import type { Location } from '../model/vocabulary.js';
import type { ReadContext, TextAdapter, TextFile } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';
import { byName, includeWithFallback, safeInclude } from './hosts/include.js';
import { addProblem, addUnknown, at, baseName, dirName, firstNonBlank, parseDecimal, shorten, splitLines, splitWords } from './hosts/text.js';

export type Daemon = 'chronyd' | 'ntpd' | 'systemd-timesyncd';

/** chrony's default `maxsources` for a pool (chrony.conf(5), chrony 4.x). */
export const CHRONY_POOL_MAXSOURCES = 4;
/** Sources counted for an ntpd `pool` (NTP Pool project: ntpd and chronyd default to 4 servers per pool). */
export const NTPD_POOL_SOURCES = 4;

type SourceKind = 'server' | 'pool' | 'peer' | 'refclock';

interface SourceEntry {
  kind: SourceKind;
  host: string;
  count: number;
  at: Location;
}

interface Collected {
  daemon: Daemon;
  read: ConfigRead;
  context: ReadContext;
  sources: Map<string, SourceEntry>;
  /** Where the first thing that could add unseen sources is. */
  incomplete: Location | null;
  includes: string[];
  stack: string[];
  /** The host folder the main file stands for (`/etc/chrony/`), for includes in a tree without host layout. */
  hostPrefix: string | null;
}

const MAX_DEPTH = 16;

function addSource(c: Collected, kind: SourceKind, host: string, count: number, where: Location): void {
  const key = `${kind}:${host.toLowerCase()}`;
  if (!c.sources.has(key)) c.sources.set(key, { kind, host, count, at: where });
}

function markIncomplete(c: Collected, where: Location): void {
  if (c.incomplete === null) c.incomplete = where;
}

// ---------------------------------------------------------------------------------------------
// chrony

/** chrony.conf(5) directives that do not add or remove time sources. */
const CHRONY_OTHER = new Set([
  'acquisitionport', 'allow', 'authselectmode', 'bindacqaddress', 'bindacqdevice', 'bindaddress', 'bindcmdaddress', 'bindcmddevice',
  'binddevice', 'broadcast', 'clientloglimit', 'clockprecision', 'cmdallow', 'cmddeny', 'cmdport', 'cmdratelimit', 'combinelimit',
  'commandkey', 'corrtimeratio', 'deny', 'driftfile', 'dscp', 'dumpdir', 'dumponexit', 'fallbackdrift', 'generatecommandkey',
  'hwclockfile', 'hwtimestamp', 'hwtstimeout', 'initstepslew', 'keyfile', 'leapsecmode', 'leapseclist', 'leapsectz', 'linux_freq_scale',
  'linux_hz', 'local', 'lock_all', 'log', 'logbanner', 'logchange', 'logdir', 'mailonchange', 'makestep', 'manual', 'maxchange',
  'maxclockerror', 'maxdistance', 'maxdrift', 'maxjitter', 'maxntsconnections', 'maxsamples', 'maxslewrate', 'maxupdateskew',
  'minsamples', 'minsources', 'noclientlog', 'nocerttimecheck', 'ntpsigndsocket', 'ntsaeads', 'ntscachedir', 'ntsdumpdir',
  'ntsntpserver', 'ntsport', 'ntsprocesses', 'ntsratelimit', 'ntsrefresh', 'ntsrotate', 'ntsservercert', 'ntsserverkey',
  'ntstrustedcerts', 'opencommands', 'pidfile', 'port', 'ptpdomain', 'ptpport', 'ratelimit', 'refresh', 'reselectdist', 'rtcautotrim',
  'rtcdevice', 'rtcfile', 'rtconutc', 'rtcsync', 'sched_priority', 'smoothtime', 'stratumweight', 'tempcomp', 'user',
]);

function chronyOptions(args: string[]): { noselect: boolean; maxsources: number | null; bad: boolean } {
  let noselect = false;
  let maxsources: number | null = null;
  let bad = false;
  for (let i = 0; i < args.length; i++) {
    const opt = (args[i] as string).toLowerCase();
    if (opt === 'noselect') noselect = true;
    if (opt === 'maxsources') {
      const n = parseDecimal(args[i + 1] ?? '');
      if (n === null || n < 1 || n > 16) bad = true;
      else maxsources = n;
      i++;
    }
  }
  return { noselect, maxsources, bad };
}

function readChrony(file: TextFile, c: Collected, depth: number, onlySources: boolean): void {
  const lines = splitLines(file.text);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] as string;
    const start = firstNonBlank(raw);
    if (start >= raw.length || '!;#%'.includes(raw[start] as string)) continue;
    const words = raw.slice(start).trim().split(/\s+/);
    const directive = (words[0] as string).toLowerCase();
    const args = words.slice(1);
    const where = at(file.path, index + 1, start + 1);
    if (directive === 'server' || directive === 'pool' || directive === 'peer') {
      const host = args[0];
      if (!host) {
        addProblem(c.read, where, `${directive} needs a host name or address`);
        continue;
      }
      const opts = chronyOptions(args.slice(1));
      if (opts.bad) addProblem(c.read, where, 'maxsources takes a number from 1 to 16');
      if (opts.noselect) continue;
      addSource(c, directive, host, directive === 'pool' ? opts.maxsources ?? CHRONY_POOL_MAXSOURCES : 1, where);
      continue;
    }
    if (directive === 'refclock') {
      if (args.length < 2) {
        addProblem(c.read, where, 'refclock needs a driver and a parameter');
        continue;
      }
      if (chronyOptions(args.slice(2)).noselect) continue;
      addSource(c, 'refclock', `${args[0]} ${args[1]}`, 1, where);
      continue;
    }
    if (onlySources) {
      // A .sources file may hold only server, pool, peer and refclock lines (chrony.conf(5), sourcedir).
      addProblem(c.read, where, `${shorten(words[0] as string, 30)} is not allowed in a sources file`);
      continue;
    }
    if (directive === 'include') {
      if (!args[0]) addProblem(c.read, where, 'include needs a file pattern');
      else chronyInclude(args[0], file, where, c, depth, false);
      continue;
    }
    if (directive === 'confdir' || directive === 'sourcedir') {
      if (args.length === 0) addProblem(c.read, where, `${directive} needs a folder`);
      else chronyDirs(args, directive, file, where, c, depth);
      continue;
    }
    if (!CHRONY_OTHER.has(directive)) addUnknown(c.read, words[0] as string, 'not a chrony.conf directive known to ztmm (chrony 4.x)', where);
  }
}

function chronyInclude(pattern: string, file: TextFile, where: Location, c: Collected, depth: number, onlySources: boolean): void {
  if (depth >= MAX_DEPTH) {
    addProblem(c.read, where, 'include nesting too deep');
    return;
  }
  const found = includeWithFallback(c.context, pattern, file.path, c.hostPrefix);
  if (found.files.length === 0) {
    addUnknown(c.read, `include ${pattern}`, found.reason ?? 'not in the scanned inputs', where);
    markIncomplete(c, where);
    return;
  }
  for (const inc of byName(found.files)) readIncluded(inc, where, c, depth, onlySources);
}

function readIncluded(inc: TextFile, where: Location, c: Collected, depth: number, onlySources: boolean): void {
  if (c.stack.includes(inc.path)) {
    addProblem(c.read, where, `include loop through ${inc.path}`);
    return;
  }
  if (!c.includes.includes(inc.path)) c.includes.push(inc.path);
  c.stack.push(inc.path);
  if (c.daemon === 'chronyd') readChrony(inc, c, depth + 1, onlySources);
  else readNtp(inc, c, depth + 1);
  c.stack.pop();
}

/** confdir/sourcedir: `*.conf` / `*.sources` of each folder, by file name; a name in an earlier folder hides later ones. */
function chronyDirs(dirs: string[], directive: string, file: TextFile, where: Location, c: Collected, depth: number): void {
  const ext = directive === 'confdir' ? 'conf' : 'sources';
  const byFileName = new Map<string, TextFile>();
  for (const dir of dirs) {
    const found = includeWithFallback(c.context, `${dir.replace(/\/+$/, '')}/*.${ext}`, file.path, c.hostPrefix);
    if (found.files.length === 0) {
      addUnknown(c.read, `${directive} ${dir}`, found.reason ?? 'not in the scanned inputs', where);
      markIncomplete(c, where);
      continue;
    }
    for (const f of found.files) if (!byFileName.has(baseName(f.path))) byFileName.set(baseName(f.path), f);
  }
  for (const inc of byName([...byFileName.values()])) readIncluded(inc, where, c, depth, directive === 'sourcedir');
}

// ---------------------------------------------------------------------------------------------
// ntpd / NTPsec

/** ntp.conf(5) commands that do not add or remove time sources. */
const NTP_OTHER = new Set([
  'authenticate', 'automax', 'broadcast', 'broadcastdelay', 'calldelay', 'controlkey', 'crypto', 'disable', 'discard', 'driftfile',
  'enable', 'filegen', 'fudge', 'ident', 'interface', 'keys', 'keysdir', 'leapfile', 'leapsmearinterval', 'logconfig', 'logfile',
  'manycastserver', 'mru', 'nic', 'nts', 'phone', 'pidfile', 'requestkey', 'reset', 'restrict', 'revoke', 'rlimit', 'saveconfigdir',
  'setvar', 'statistics', 'statsdir', 'tinker', 'tos', 'trap', 'trustedkey', 'ttl', 'unpeer', 'unrestrict',
]);
/** Commands that find servers at run time: what they find cannot be counted from the file. */
const NTP_DISCOVERY = new Set(['broadcastclient', 'manycastclient', 'multicastclient']);

function readNtp(file: TextFile, c: Collected, depth: number): void {
  const lines = splitLines(file.text);
  for (let index = 0; index < lines.length; index++) {
    const split = splitWords(lines[index] as string, { quotes: '"', escapes: false, comment: '#' });
    const first = split.words[0];
    if (!first) continue;
    const where = at(file.path, index + 1, first.column);
    const command = first.text.toLowerCase();
    const args = split.words.slice(1).map((w) => w.text);
    if (command === 'server' || command === 'pool' || command === 'peer') {
      const host = args[0];
      if (!host) {
        addProblem(c.read, where, `${command} needs an address`);
        continue;
      }
      if (args.slice(1).some((a) => a.toLowerCase() === 'noselect')) continue;
      // 127.127.1.x is ntpd's undisciplined local clock driver: it keeps ntpd "synchronised" without any source.
      if (/^127\.127\.1\.\d+$/.test(host)) {
        addUnknown(c.read, `${command} ${host}`, 'the local clock driver is not a time source; not counted', where);
        continue;
      }
      if (/^127\.127\.\d+\.\d+$/.test(host)) addSource(c, 'refclock', host, 1, where);
      else addSource(c, command, host, command === 'pool' ? NTPD_POOL_SOURCES : 1, where);
      continue;
    }
    if (command === 'refclock') {
      if (!args[0]) addProblem(c.read, where, 'refclock needs a driver name');
      else if (!args.some((a) => a.toLowerCase() === 'noselect')) addSource(c, 'refclock', args.slice(0, 3).join(' '), 1, where);
      continue;
    }
    if (command === 'includefile') {
      if (!args[0]) addProblem(c.read, where, 'includefile needs a file or folder');
      else ntpInclude(args[0], file, where, c, depth);
      continue;
    }
    if (NTP_DISCOVERY.has(command)) {
      addUnknown(c.read, command, 'servers found at run time are not counted', where);
      markIncomplete(c, where);
      continue;
    }
    if (!NTP_OTHER.has(command)) addUnknown(c.read, first.text, 'not an ntp.conf command known to ztmm (ntp 4.2 / NTPsec)', where);
  }
}

function ntpInclude(target: string, file: TextFile, where: Location, c: Collected, depth: number): void {
  if (depth >= MAX_DEPTH) {
    addProblem(c.read, where, 'includefile nesting too deep');
    return;
  }
  let found = includeWithFallback(c.context, target, file.path, c.hostPrefix);
  // NTPsec: a folder includes its *.conf files.
  if (found.files.length === 0) {
    const folder = includeWithFallback(c.context, `${target.replace(/\/+$/, '')}/*.conf`, file.path, c.hostPrefix);
    if (folder.files.length > 0) found = folder;
  }
  if (found.files.length === 0) {
    addUnknown(c.read, `includefile ${target}`, found.reason ?? 'not in the scanned inputs', where);
    markIncomplete(c, where);
    return;
  }
  for (const inc of byName(found.files)) readIncluded(inc, where, c, depth, false);
}

// ---------------------------------------------------------------------------------------------
// systemd-timesyncd

const TIMESYNCD_KEYS = new Set(['NTP', 'FallbackNTP', 'RootDistanceMaxSec', 'PollIntervalMinSec', 'PollIntervalMaxSec', 'ConnectionRetrySec', 'SaveIntervalSec']);

interface ListSetting {
  values: string[];
  at: Location | null;
  /** Whether any assignment was seen (an empty one included). */
  set: boolean;
}

interface Timesyncd {
  ntp: ListSetting;
  fallback: ListSetting;
}

/** Reads one timesyncd.conf or drop-in (systemd.syntax(7): sections, key=value, `#`/`;` comments, `\` continuations). */
function readTimesyncdFile(file: TextFile, t: Timesyncd, read: ConfigRead): void {
  const lines = splitLines(file.text);
  let section: string | null = null;
  for (let index = 0; index < lines.length; index++) {
    const startLine = index + 1;
    let raw = lines[index] as string;
    const start = firstNonBlank(raw);
    if (start >= raw.length || raw[start] === '#' || raw[start] === ';') continue;
    while (raw.endsWith('\\') && index + 1 < lines.length) {
      raw = `${raw.slice(0, -1)} ${lines[++index] as string}`;
    }
    const text = raw.trim();
    const where = at(file.path, startLine, start + 1);
    if (text.startsWith('[')) {
      if (!text.endsWith(']')) {
        addProblem(read, where, 'invalid section header');
        section = null;
        continue;
      }
      section = text.slice(1, -1);
      if (section !== 'Time') addUnknown(read, `[${shorten(section, 40)}]`, 'section not read by systemd-timesyncd', where);
      continue;
    }
    const eq = text.indexOf('=');
    if (eq <= 0) {
      addProblem(read, where, 'expected key=value');
      continue;
    }
    if (section === null) {
      addProblem(read, where, 'assignment outside of a section');
      continue;
    }
    if (section !== 'Time') continue;
    const key = text.slice(0, eq).trim();
    const value = text.slice(eq + 1).trim();
    if (!TIMESYNCD_KEYS.has(key)) {
      addUnknown(read, key, 'not a timesyncd.conf [Time] setting known to ztmm (systemd 255)', where);
      continue;
    }
    if (key === 'NTP' || key === 'FallbackNTP') {
      const list = key === 'NTP' ? t.ntp : t.fallback;
      list.set = true;
      list.at = where;
      // An empty assignment resets the list; others append (timesyncd.conf(5)).
      if (value === '') list.values = [];
      else for (const host of value.split(/\s+/)) if (!list.values.includes(host)) list.values.push(host);
    }
  }
}

/** Main-file locations in order of precedence: only the first one present is read (timesyncd.conf(5)). */
const TIMESYNCD_MAINS = ['/etc/systemd/timesyncd.conf', '/run/systemd/timesyncd.conf', '/usr/local/lib/systemd/timesyncd.conf', '/usr/lib/systemd/timesyncd.conf'];
/** Drop-in folders, highest precedence first: a file name in a later folder is hidden by the same name in an earlier one. */
const TIMESYNCD_DROPINS = ['/etc/systemd/timesyncd.conf.d', '/run/systemd/timesyncd.conf.d', '/usr/local/lib/systemd/timesyncd.conf.d', '/usr/lib/systemd/timesyncd.conf.d'];

function timesyncdDropIns(file: TextFile, context: ReadContext): TextFile[] {
  const byFileName = new Map<string, TextFile>();
  for (const dir of TIMESYNCD_DROPINS) {
    const found = safeInclude(context, `${dir}/*.conf`, file.path);
    for (const f of found.files) if (!byFileName.has(baseName(f.path))) byFileName.set(baseName(f.path), f);
  }
  if (byFileName.size === 0) {
    for (const f of safeInclude(context, 'timesyncd.conf.d/*.conf', file.path).files) byFileName.set(baseName(f.path), f);
  }
  return byName([...byFileName.values()]);
}

/** The main file in the scan that shadows this one (a higher-precedence location), or null. */
function shadowedBy(file: TextFile, context: ReadContext): string | null {
  const own = TIMESYNCD_MAINS.findIndex((m) => file.path.endsWith(m.slice(1)));
  if (own <= 0) return null;
  for (const main of TIMESYNCD_MAINS.slice(0, own)) {
    const found = safeInclude(context, main, file.path);
    if (found.files[0]) return found.files[0].path;
  }
  return null;
}

function readTimesyncd(file: TextFile, context: ReadContext, read: ConfigRead, isDropIn: boolean): Subject | null {
  if (!isDropIn) {
    const shadow = shadowedBy(file, context);
    if (shadow) {
      addUnknown(read, baseName(file.path), `not read by systemd-timesyncd: ${shadow} takes precedence`, at(file.path, 1));
      return null;
    }
  }
  const t: Timesyncd = { ntp: { values: [], at: null, set: false }, fallback: { values: [], at: null, set: false } };
  readTimesyncdFile(file, t, read);
  if (!isDropIn) {
    for (const dropIn of timesyncdDropIns(file, context)) {
      read.includes.push(dropIn.path);
      readTimesyncdFile(dropIn, t, read);
    }
  }
  const declaredAt = at(file.path, 1);
  const useFallback = t.ntp.values.length === 0;
  const list = useFallback ? t.fallback : t.ntp;
  // NTP= empty and FallbackNTP= never assigned: the compiled-in fallback list (distribution-specific) applies.
  const known = useFallback && !t.fallback.set ? null : list.values.length;
  if (known === null) addUnknown(read, 'FallbackNTP', 'not set: the compiled-in fallback servers of the distribution apply', declaredAt);
  const sourcesAt = list.at ?? t.ntp.at ?? declaredAt;
  return {
    kind: 'time-sync',
    id: `time-sync:${file.path}`,
    path: file.path,
    pillars: ['devices'],
    facts: {
      daemon: 'systemd-timesyncd',
      servers: [...t.ntp.values],
      fallback: t.fallback.set ? [...t.fallback.values] : null,
      pools: [],
      peers: [],
      refclocks: [],
      sources: list.values.length,
      sourcesKnown: known,
      complete: known !== null,
      usesFallback: useFallback,
    },
    locations: { sources: sourcesAt, sourcesKnown: sourcesAt, servers: t.ntp.at ?? declaredAt, fallback: t.fallback.at ?? declaredAt },
    unreadable: {},
    declaredAt,
  };
}

// ---------------------------------------------------------------------------------------------
// The adapter

export function dialectOf(path: string): { daemon: Daemon; main: boolean } | null {
  const name = baseName(path);
  if (name === 'chrony.conf') return { daemon: 'chronyd', main: true };
  if (/(^|\/)chrony\/(conf\.d|sources\.d)\/[^/]+\.(conf|sources)$/.test(path) || /(^|\/)chrony\.d\/[^/]+\.conf$/.test(path)) return { daemon: 'chronyd', main: false };
  if (name === 'ntp.conf') return { daemon: 'ntpd', main: true };
  if (/(^|\/)ntp\.d\/[^/]+\.conf$/.test(path)) return { daemon: 'ntpd', main: false };
  if (name === 'timesyncd.conf') return { daemon: 'systemd-timesyncd', main: true };
  if (/(^|\/)timesyncd\.conf\.d\/[^/]+\.conf$/.test(path)) return { daemon: 'systemd-timesyncd', main: false };
  return null;
}

const KIND: Record<Daemon, string> = { chronyd: 'chrony-conf', ntpd: 'ntp-conf', 'systemd-timesyncd': 'timesyncd-conf' };

function newCollected(daemon: Daemon, read: ConfigRead, context: ReadContext, path: string): Collected {
  // The folder the main file stands for, for includes in a tree without a host layout.
  const hostPrefix = daemon === 'chronyd' ? (baseName(dirName(path)) === 'chrony' ? '/etc/chrony/' : '/etc/') : daemon === 'ntpd' ? (baseName(dirName(path)) === 'ntpsec' ? '/etc/ntpsec/' : '/etc/') : null;
  return { daemon, read, context, sources: new Map(), incomplete: null, includes: [], stack: [path], hostPrefix };
}

/** The main config in the scan that reads this fragment, or null. */
function mainReading(file: TextFile, daemon: Daemon, context: ReadContext): string | null {
  if (daemon === 'systemd-timesyncd') {
    for (const main of [...TIMESYNCD_MAINS, '../timesyncd.conf']) {
      const found = safeInclude(context, main, file.path);
      if (found.files[0]) return found.files[0].path;
    }
    return null;
  }
  const candidates = daemon === 'chronyd' ? ['/etc/chrony/chrony.conf', '/etc/chrony.conf', '../chrony.conf', '../../chrony.conf'] : ['/etc/ntpsec/ntp.conf', '/etc/ntp.conf', '../ntp.conf'];
  for (const candidate of candidates) {
    const main = safeInclude(context, candidate, file.path).files[0];
    if (!main) continue;
    const c = newCollected(daemon, emptyRead(KIND[daemon]), context, main.path);
    if (daemon === 'chronyd') readChrony(main, c, 0, false);
    else readNtp(main, c, 0);
    if (c.includes.includes(file.path)) return main.path;
  }
  return null;
}

function sourcesSubject(file: TextFile, c: Collected): Subject {
  const entries = [...c.sources.values()];
  const count = entries.reduce((n, e) => n + e.count, 0);
  const declaredAt = at(file.path, 1);
  const firstAt = entries[0]?.at ?? declaredAt;
  return {
    kind: 'time-sync',
    id: `time-sync:${file.path}`,
    path: file.path,
    pillars: ['devices'],
    facts: {
      daemon: c.daemon,
      servers: entries.filter((e) => e.kind === 'server').map((e) => e.host),
      pools: entries.filter((e) => e.kind === 'pool').map((e) => ({ host: e.host, maxSources: e.count })),
      peers: entries.filter((e) => e.kind === 'peer').map((e) => e.host),
      refclocks: entries.filter((e) => e.kind === 'refclock').map((e) => e.host),
      fallback: null,
      sources: count,
      sourcesKnown: c.incomplete === null ? count : null,
      complete: c.incomplete === null,
      includes: [...c.includes],
    },
    locations: { sources: firstAt, sourcesKnown: c.incomplete ?? firstAt, servers: firstAt, pools: firstAt },
    unreadable: {},
    declaredAt,
  };
}

export function readTimeSync(file: TextFile, context: ReadContext): ConfigRead {
  const dialect = dialectOf(file.path) ?? { daemon: 'chronyd' as Daemon, main: true };
  const read = emptyRead(KIND[dialect.daemon]);
  try {
    if (!dialect.main && mainReading(file, dialect.daemon, context) !== null) return read;
    if (dialect.daemon === 'systemd-timesyncd') {
      const subject = readTimesyncd(file, context, read, !dialect.main);
      if (subject) read.subjects.push(subject);
      return read;
    }
    const c = newCollected(dialect.daemon, read, context, file.path);
    const onlySources = file.path.endsWith('.sources');
    if (dialect.daemon === 'chronyd') readChrony(file, c, 0, onlySources);
    else readNtp(file, c, 0);
    read.includes = [...c.includes].sort();
    read.subjects.push(sourcesSubject(file, c));
  } catch (error) {
    read.problems.push({ at: at(file.path, 1), message: `could not be read as ${KIND[dialect.daemon]} (${error instanceof Error ? error.name : 'error'})` });
    read.fatal = true;
  }
  return read;
}

export const TIME_SYNC_TEXT: TextAdapter = {
  kind: 'time-sync',
  claims: (path) => dialectOf(path) !== null,
  read: readTimeSync,
};

export const ADAPTERS: ConfigAdapters = { text: [TIME_SYNC_TEXT], documents: [] };
