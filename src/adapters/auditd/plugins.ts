/**
 * audispd / auditd plugin files (`/etc/audit/plugins.d/*.conf`, `/etc/audisp/plugins.d/*.conf`
 * in audit 2.x): `active`, `direction`, `path`, `type`, `args`, `format` (auditd-plugins(5)).
 * Which plugin a file configures is read off its `path`: audisp-syslog (builtin_syslog in 2.x)
 * and audisp-remote.
 */
import type { Location } from '../../model/vocabulary.js';
import { lastByKey, readKeyValueLines, sniffKeyValue, yesNo } from './kv-lines.js';
import type { KvEntry, KvProblem } from './kv-lines.js';
import { at, baseName } from './text.js';

export const PLUGIN_KEYS: ReadonlySet<string> = new Set(['active', 'direction', 'path', 'type', 'args', 'format']);

/** A plugin file: every setting is a plugin keyword, and `active` and `path` are both there. */
export function isPluginText(head: string): boolean {
  return sniffKeyValue(head, PLUGIN_KEYS, ['active', 'path']);
}

export interface PluginFile {
  path: string;
  /** `active = yes|no`; null when absent or not yes/no (the dispatcher then does not start it). */
  active: boolean | null;
  /** The plugin program as written (`/sbin/audisp-syslog`, `builtin_syslog`). */
  program: string | null;
  /** What the program is, by its name. */
  role: 'syslog' | 'remote' | 'other' | null;
  args: string[];
  locations: { active: Location; program: Location; args: Location };
  entries: KvEntry[];
  problems: KvProblem[];
  significant: number;
}

export function readPlugin(path: string, text: string): PluginFile {
  const lines = readKeyValueLines(text, 'auditd', 160);
  const byKey = lastByKey(lines.entries);
  const start = at(path, 1);
  const locate = (key: string): Location => {
    const entry = byKey.get(key);
    return entry ? at(path, entry.line, entry.column) : start;
  };
  const program = byKey.get('path')?.args[0]?.text ?? null;
  return {
    path,
    active: yesNo(byKey.get('active')?.args[0]?.text),
    program,
    role: program === null ? null : roleOf(program),
    args: (byKey.get('args')?.args ?? []).map((w) => w.text),
    locations: { active: locate('active'), program: locate('path'), args: locate('args') },
    entries: lines.entries,
    problems: lines.problems,
    significant: lines.significant,
  };
}

function roleOf(program: string): 'syslog' | 'remote' | 'other' {
  const name = baseName(program);
  if (name === 'audisp-syslog' || name === 'builtin_syslog') return 'syslog';
  if (name === 'audisp-remote') return 'remote';
  return 'other';
}

const FACILITIES: ReadonlyMap<string, string> = new Map([
  ['log_user', 'user'],
  ['log_auth', 'auth'],
  ['log_authpriv', 'authpriv'],
  ['log_daemon', 'daemon'],
  ['log_syslog', 'syslog'],
  ...[0, 1, 2, 3, 4, 5, 6, 7].map((n): [string, string] => [`log_local${n}`, `local${n}`]),
]);
const PRIORITIES: ReadonlySet<string> = new Set(['log_debug', 'log_info', 'log_notice', 'log_warning', 'log_err', 'log_crit', 'log_alert', 'log_emerg']);

/**
 * The syslog facility audisp-syslog logs with, from its `args`: LOG_USER unless a facility word
 * is given (audisp-syslog.c, audit 3.x: `facility = LOG_USER`, words are case-insensitive).
 * Null when a word is neither a priority, a facility nor `interpret`: the plugin refuses to start.
 */
export function syslogFacility(args: readonly string[]): { facility: string | null; unknown: string | null } {
  let facility = 'user';
  for (const word of args) {
    const lower = word.toLowerCase();
    const named = FACILITIES.get(lower);
    if (named) facility = named;
    else if (!PRIORITIES.has(lower) && lower !== 'interpret') return { facility: null, unknown: word };
  }
  return { facility, unknown: null };
}
