/**
 * Facts about an applied rule set (pure): which identity files, commands, privilege changes,
 * clock changes and login records are audited, whether the configuration is locked (`-e 2`)
 * and whether auditing is switched off. Exit-list rules are matched first-match-wins, as the
 * kernel evaluates them.
 *
 * Simplifications (documented in docs/configs/auditd-journald.md): a `-w` path that is a prefix
 * of a file watches that file (it can only be its folder); a rule for the 32-bit ABI only
 * (`arch=b32`) does not count for files and 64-bit programs; a path rule narrowed to a single
 * program (`exe`, `pid`, `ppid`, `comm`) or to named syscalls without `perm` is not counted;
 * other filters (`auid>=1000`) are accepted.
 */
import type { Location } from '../../model/vocabulary.js';
import { compareStrings } from '../../model/vocabulary.js';
import type { AuditRule, Ruleset } from './audit-rules-model.js';

export const IDENTITY_FILES = ['/etc/group', '/etc/gshadow', '/etc/passwd', '/etc/security/opasswd', '/etc/shadow'] as const;
export const LOGIN_RECORDS = ['/var/log/faillog', '/var/log/lastlog', '/var/log/tallylog', '/var/run/faillock'] as const;
const TIME_SYSCALLS = ['adjtimex', 'clock_adjtime', 'clock_settime', 'settimeofday', 'stime'];
const ELEVATION_SYSCALLS = ['setfsuid', 'setresuid', 'setreuid', 'setuid'];
/** Filters that pin a rule to one program: it no longer watches the file for everyone. */
const PINNING_FIELDS = new Set(['exe', 'pid', 'ppid', 'comm']);

export interface RulesFacts {
  facts: Record<string, unknown>;
  locations: Record<string, Location>;
  /** Notes the rule set itself deserves (lines refused after -e 2). */
  problems: { at: Location; message: string }[];
}

export interface FactOptions {
  /** The whole rule set of a host (a rules.d folder, audit.rules), not a fragment of it. */
  complete: boolean;
  /** augenrules order: `-e` is always the last line it writes. */
  augenrules: boolean;
  start: Location;
  files: string[];
}

function under(target: string, folder: string): boolean {
  return target === folder || target.startsWith(folder === '/' ? '/' : `${folder}/`);
}

function targets(rule: AuditRule, target: string): boolean {
  if (rule.watch) return rule.path !== null && under(target, rule.path);
  if (rule.path !== null && rule.path === target) return true;
  return rule.dir !== null && under(target, rule.dir);
}

function fieldNames(rule: AuditRule): string[] {
  return rule.fields.map((f) => f.name);
}

function onlyFields(rule: AuditRule, allowed: ReadonlySet<string>): boolean {
  for (const f of rule.fields) if (!allowed.has(f.name)) return false;
  return true;
}

function anyField(rule: AuditRule, names: ReadonlySet<string>): boolean {
  for (const f of rule.fields) if (names.has(f.name)) return true;
  return false;
}

const PATH_SCOPE = new Set(['path', 'dir', 'perm', 'arch', 'key']);
const EXEC_SCOPE = new Set(['arch', 'key', 'auid']);
const ARCH_KEY = new Set(['arch', 'key']);

/** The first exit rule deciding whether writes (w) or executions (x) of `target` are recorded. */
export function pathCoverage(rules: readonly AuditRule[], target: string, perm: 'w' | 'x' | 'r'): Location | null {
  for (const rule of rules) {
    if (!targets(rule, target) || rule.arch === 'b32') continue;
    const specific = rule.syscalls.length > 0 && !rule.syscalls.includes('all');
    if (!rule.watch && specific && rule.perms === null) continue;
    if (rule.action === 'never') {
      // An unfiltered never rule stops the search; a filtered one only spares some processes.
      if (onlyFields(rule, PATH_SCOPE) && rule.compares.length === 0) return null;
      continue;
    }
    if (rule.action !== 'always') continue;
    if (anyField(rule, PINNING_FIELDS)) continue;
    const perms = rule.perms ?? 'rwxa';
    if (perms.includes(perm)) return rule.at;
  }
  return null;
}

function isExecve(rule: AuditRule): boolean {
  if (rule.watch) return false;
  if (rule.syscalls.length === 0) return rule.path === null && rule.dir === null && rule.perms === null;
  return rule.syscalls.includes('execve') || rule.syscalls.includes('all');
}

/** Every program start of the architecture is recorded (login-user filters on auid allowed). */
function execveCoverage(rules: readonly AuditRule[], arch: string | null): Location | null {
  for (const rule of rules) {
    if (!isExecve(rule) || rule.arch !== arch) continue;
    const unfiltered = rule.compares.length === 0 && onlyFields(rule, EXEC_SCOPE);
    if (rule.action === 'never') {
      if (unfiltered && onlyFields(rule, ARCH_KEY)) return null;
      continue;
    }
    if (rule.action === 'always' && unfiltered) return rule.at;
  }
  return null;
}

/** Privilege changes: setuid programs run (euid 0 or uid != euid), or the setuid family of syscalls. */
function elevation(rules: readonly AuditRule[]): Location | null {
  for (const rule of rules) {
    if (rule.action !== 'always' || rule.watch) continue;
    const uidChange = rule.compares.some((c) => ['uid!=euid', 'euid!=uid', 'gid!=egid', 'egid!=gid'].includes(c));
    const euidZero = rule.fields.some((f) => f.name === 'euid' && f.op === '=' && f.value === '0');
    if (isExecve(rule) && (uidChange || euidZero)) return rule.at;
    if (rule.syscalls.some((s) => ELEVATION_SYSCALLS.includes(s))) return rule.at;
  }
  return null;
}

function execWatched(rules: readonly AuditRule[]): { paths: string[]; at: Location | null } {
  const paths = new Set<string>();
  let first: Location | null = null;
  for (const rule of rules) {
    if (rule.action !== 'always' || rule.path === null || rule.perms === null || !rule.perms.includes('x')) continue;
    paths.add(rule.path);
    first ??= rule.at;
  }
  return { paths: [...paths].sort(compareStrings), at: first };
}

function syscallsAudited(rules: readonly AuditRule[], names: readonly string[]): { names: string[]; at: Location | null } {
  const found = new Set<string>();
  let first: Location | null = null;
  for (const rule of rules) {
    if (rule.action !== 'always' || rule.watch) continue;
    for (const s of rule.syscalls) {
      if (names.includes(s)) {
        found.add(s);
        first ??= rule.at;
      }
    }
  }
  return { names: [...found].sort(compareStrings), at: first };
}

interface Disabled {
  disabled: boolean | null;
  reason: string | null;
  at: Location;
}

function disabledState(rs: Ruleset, exit: readonly AuditRule[], options: FactOptions): Disabled {
  if (rs.enable?.value === 0) return { disabled: true, reason: 'auditing is disabled with -e 0', at: rs.enable.at };
  const firstTask = rs.lists.get('task')?.[0];
  if (firstTask && firstTask.action === 'never' && fieldNames(firstTask).every((n) => n === 'key')) {
    return { disabled: true, reason: 'the first task rule is "never" for every task: no syscall is audited', at: firstTask.at };
  }
  if (exit.length === 0) {
    if (!options.complete) return { disabled: null, reason: 'this file holds no audit rule and is only part of a rule set', at: options.start };
    return { disabled: true, reason: 'no audit rule is left to load', at: options.start };
  }
  return { disabled: false, reason: null, at: rs.enable?.at ?? options.start };
}

export function rulesetFacts(rs: Ruleset, options: FactOptions): RulesFacts {
  const start = options.start;
  const exit = rs.lists.get('exit') ?? [];
  const locations: Record<string, Location> = {};
  const problems: RulesFacts['problems'] = [];
  const mark = (path: string, at: Location | null): void => {
    locations[path] = at ?? start;
  };

  const identityAt = IDENTITY_FILES.map((f) => pathCoverage(exit, f, 'w'));
  const identityWatched = IDENTITY_FILES.filter((_, i) => identityAt[i] !== null);
  mark('identity.watched', identityAt.find((l) => l !== null) ?? null);
  mark('identity.missing', null);

  const b64 = execveCoverage(exit, 'b64');
  const b32 = execveCoverage(exit, 'b32');
  const native = execveCoverage(exit, null);
  mark('execve.b64', b64);
  mark('execve.b32', b32);
  mark('execve.native', native);

  const sudoers = pathCoverage(exit, '/etc/sudoers', 'w');
  const sudoersDir = pathCoverage(exit, '/etc/sudoers.d', 'w');
  const sudoLog = pathCoverage(exit, '/var/log/sudo.log', 'w');
  const elevated = elevation(exit);
  const commands = execWatched(exit);
  mark('privileged.sudoers', sudoers);
  mark('privileged.sudoersDir', sudoersDir);
  mark('privileged.sudoLog', sudoLog);
  mark('privileged.elevation', elevated);
  mark('privileged.commands', commands.at);

  const time = syscallsAudited(exit, TIME_SYSCALLS);
  const localtime = pathCoverage(exit, '/etc/localtime', 'w');
  mark('timeChange.syscalls', time.at);
  mark('timeChange.localtime', localtime);

  const loginsAt = LOGIN_RECORDS.map((f) => pathCoverage(exit, f, 'w'));
  const loginsWatched = LOGIN_RECORDS.filter((_, i) => loginsAt[i] !== null);
  mark('logins.watched', loginsAt.find((l) => l !== null) ?? null);

  const immutable = rs.enable?.value === 2;
  const immutableLast = !immutable ? null : options.augenrules ? true : rs.afterLock === null;
  mark('enabled', rs.enable?.at ?? null);
  mark('immutable', rs.enable?.at ?? null);
  mark('immutableLast', rs.afterLock ?? rs.enable?.at ?? null);
  if (immutable && rs.afterLock && !options.augenrules) {
    const lock = rs.lockedAt as Location;
    problems.push({ at: rs.afterLock, message: `the rules are locked by -e 2 (${lock.path}:${lock.line}): this and later changes are refused until reboot` });
  }

  mark('stoppedAt', rs.stoppedAt);
  const disabled = disabledState(rs, exit, options);
  mark('auditing.disabled', disabled.at);
  mark('auditing', disabled.at);
  for (const key of ['backlog', 'failureMode', 'rateLimit', 'backlogWaitTime', 'loginuidImmutable'] as const) mark(`control.${key}`, rs.locations[key] ?? null);

  const facts: Record<string, unknown> = {
    complete: options.complete,
    files: [...options.files],
    // Where auditctl stops loading (a rejected line); rules after it are not in the facts.
    stoppedAt: rs.stoppedAt ? `${rs.stoppedAt.path}:${rs.stoppedAt.line}` : null,
    enabled: rs.enable?.value ?? null,
    immutable,
    immutableLast,
    auditing: { disabled: disabled.disabled, reason: disabled.reason },
    ruleCount: exit.length,
    watchCount: exit.filter((r) => r.watch).length,
    syscallRuleCount: exit.filter((r) => !r.watch).length,
    identity: { watched: [...identityWatched], missing: IDENTITY_FILES.filter((f) => !identityWatched.includes(f)) },
    execve: { b64: b64 !== null, b32: b32 !== null, native: native !== null },
    privileged: { sudoers: sudoers !== null, sudoersDir: sudoersDir !== null, sudoLog: sudoLog !== null, elevation: elevated !== null, commands: commands.paths },
    timeChange: { syscalls: time.names, localtime: localtime !== null },
    logins: { watched: [...loginsWatched], lastlog: loginsWatched.includes('/var/log/lastlog') },
    control: { backlog: rs.backlog, failureMode: rs.failureMode, rateLimit: rs.rateLimit, backlogWaitTime: rs.backlogWaitTime, loginuidImmutable: rs.loginuidImmutable },
  };
  return { facts, locations, problems };
}
