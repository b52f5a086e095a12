/**
 * What a set of audit rules makes the kernel do, read off the rule lines in load order (pure):
 * `-D` deletes what came before, `-a` appends and `-A` prepends to a filter list, `-w` adds a
 * file watch to the exit list, `-e 2` locks the configuration until reboot (later changes fail).
 * For /etc/audit/rules.d, augenrules(8) first concatenates the files in natural order and moves
 * the last bare `-D` to the top, the last `-b` and `-f` after it and the last `-e` to the end.
 */
import type { Location } from '../../model/vocabulary.js';
import { compareStrings } from '../../model/vocabulary.js';
import type { RuleOption, RulesLine } from './audit-rules-lexer.js';
import { normalizeHostPath } from './text.js';

export interface Field {
  name: string;
  op: string;
  value: string;
}

export interface AuditRule {
  at: Location;
  /** A `-w` watch (an exit-list rule on a path). */
  watch: boolean;
  list: string | null;
  action: string | null;
  /** `-S` names in lower case (`all` included as written). */
  syscalls: string[];
  fields: Field[];
  /** `-C` comparisons as written (`uid!=euid`). */
  compares: string[];
  /** `-p` or `-F perm=`; null when not given. */
  perms: string | null;
  /** The watched path, or `-F path=`. */
  path: string | null;
  /** `-F dir=` (a directory tree). */
  dir: string | null;
  /** `b64`, `b32`, or the architecture as written; null when the rule names none (the machine's own). */
  arch: string | null;
  keys: string[];
}

export interface Note {
  at: Location;
  message: string;
}

const LISTS = new Set(['task', 'exit', 'user', 'exclude', 'filesystem', 'io_uring', 'entry']);
const ACTIONS = new Set(['always', 'never', 'possible']);
const OPERATORS = ['!=', '>=', '<=', '&=', '=', '>', '<', '&'] as const;
const ARCH_64 = new Set(['b64', 'x86_64', 'aarch64', 'ppc64', 'ppc64le', 's390x', 'ia64', 'armv8', 'riscv64']);
const ARCH_32 = new Set(['b32', 'i386', 'i486', 'i586', 'i686', 'armv7l', 'armeb', 'arm', 'ppc', 's390', 'riscv32']);

// ---------------------------------------------------------------------------------------------
// augenrules

function firstFlag(line: RulesLine): string {
  return line.options[0]?.flag ?? '';
}

function isBareDelete(line: RulesLine): boolean {
  return line.options.length === 1 && firstFlag(line) === '-D';
}

/** The lines in the order augenrules writes them to audit.rules. */
export function augenrulesOrder(lines: readonly RulesLine[]): RulesLine[] {
  let d: RulesLine | null = null;
  let b: RulesLine | null = null;
  let f: RulesLine | null = null;
  let e: RulesLine | null = null;
  const rest: RulesLine[] = [];
  for (const line of lines) {
    const flag = firstFlag(line);
    if (flag === '-e') e = line;
    else if (isBareDelete(line)) d = line;
    else if (flag === '-f') f = line;
    else if (flag === '-b') b = line;
    else rest.push(line);
  }
  return [d, b, f, ...rest, e].filter((l): l is RulesLine => l !== null);
}

// ---------------------------------------------------------------------------------------------
// Statements

export interface Ruleset {
  /** Rules of the exit list (watches included), task list, ... in evaluation order. */
  lists: Map<string, AuditRule[]>;
  enable: { value: number; at: Location } | null;
  lockedAt: Location | null;
  afterLock: Location | null;
  backlog: number | null;
  failureMode: number | null;
  rateLimit: number | null;
  backlogWaitTime: number | null;
  loginuidImmutable: boolean;
  /** The last bare -D applied. */
  deleteAllAt: Location | null;
  /** The line at which auditctl stops loading (a line it rejects, without -i or -c before it). */
  stoppedAt: Location | null;
  locations: Record<string, Location>;
  problems: Note[];
  unknowns: (Note & { reason: string })[];
}

/** The ruleset while it is being read: what has been applied so far. */
type State = Ruleset;

function locOf(line: RulesLine, option?: RuleOption): Location {
  return { path: line.path, line: line.line, column: option ? option.column : line.column };
}

/** Applies the lines in order, as `auditctl -R` loads them. */
export function applyRules(lines: readonly RulesLine[]): Ruleset {
  const state: State = {
    lists: new Map(),
    enable: null,
    lockedAt: null,
    afterLock: null,
    backlog: null,
    failureMode: null,
    rateLimit: null,
    backlogWaitTime: null,
    loginuidImmutable: false,
    deleteAllAt: null,
    stoppedAt: null,
    locations: {},
    problems: [],
    unknowns: [],
  };
  let continueOnError = false;
  for (const line of lines) {
    if (line.options.some((o) => o.flag === '-i' || o.flag === '-c')) continueOnError = true;
    const before = state.problems.length;
    if (!line.rejected) applyLine(line, state);
    if ((line.rejected || state.problems.length > before) && !continueOnError) {
      state.stoppedAt = locOf(line);
      state.problems.push({ at: locOf(line), message: 'auditctl stops loading the rules at this line (no -i or -c before it): later lines are not loaded' });
      break;
    }
  }
  return state;
}

function numberValue(option: RuleOption, line: RulesLine, state: State, max: number | null): number | null {
  const text = option.value ?? '';
  if (!/^[0-9]{1,12}$/.test(text) || (max !== null && Number(text) > max)) {
    state.problems.push({ at: { path: line.path, line: line.line, column: option.valueColumn }, message: `${option.flag}: ${JSON.stringify(text.slice(0, 40))} is not ${max === null ? 'a number' : `a number from 0 to ${max}`}` });
    return null;
  }
  return Number(text);
}

/** Options that only read or report: they change nothing, so they are allowed after -e 2. */
const READ_ONLY = new Set(['-l', '-s', '-v', '-h', '-c', '-i', '-m']);
const RULE_FLAGS = new Set(['-a', '-A', '-d', '-w', '-W']);

function applyLine(line: RulesLine, state: State): void {
  let changes = false;
  let ruleFlag: RuleOption | null = null;
  let deletes = false;
  for (const option of line.options) {
    if (!READ_ONLY.has(option.flag)) changes = true;
    if (ruleFlag === null && RULE_FLAGS.has(option.flag)) ruleFlag = option;
    if (option.flag === '-D') deletes = true;
    if (option.flag === '-R') state.unknowns.push({ at: locOf(line, option), message: `-R ${option.value ?? ''}`, reason: 'reading another rules file is not followed' });
  }
  if (changes && state.lockedAt && !state.afterLock) state.afterLock = locOf(line);
  const locked = state.lockedAt !== null;
  if (ruleFlag) {
    if (!locked) applyRuleLine(line, ruleFlag, state);
    return;
  }
  if (deletes) {
    if (locked) return;
    const keys = line.options.filter((o) => o.flag === '-k').map((o) => o.value ?? '');
    if (keys.length === 0) {
      state.lists.clear();
      state.deleteAllAt = locOf(line);
    } else {
      for (const [list, rules] of state.lists) state.lists.set(list, rules.filter((r) => !r.keys.some((k) => keys.includes(k))));
    }
  }
  for (const option of line.options) applyControl(line, option, state, locked);
}

function applyControl(line: RulesLine, option: RuleOption, state: State, locked: boolean): void {
  const at = locOf(line, option);
  switch (option.flag) {
    case '-e': {
      const value = numberValue(option, line, state, 2);
      if (value === null || locked) return;
      state.enable = { value, at };
      if (value === 2) state.lockedAt = at;
      return;
    }
    case '-b':
      if (!locked) set(state, 'backlog', numberValue(option, line, state, null), at);
      return;
    case '-f':
      if (!locked) set(state, 'failureMode', numberValue(option, line, state, 2), at);
      return;
    case '-r':
      if (!locked) set(state, 'rateLimit', numberValue(option, line, state, null), at);
      return;
    case '--backlog_wait_time':
      if (!locked) set(state, 'backlogWaitTime', numberValue(option, line, state, null), at);
      return;
    case '--loginuid-immutable':
      if (!locked) {
        state.loginuidImmutable = true;
        state.locations.loginuidImmutable = at;
      }
      return;
    case '-F':
    case '-S':
    case '-C':
    case '-p':
      state.problems.push({ at, message: `${option.flag} belongs to a rule: this line has no -a or -w` });
      return;
    default:
      return;
  }
}

function set(state: State, key: 'backlog' | 'failureMode' | 'rateLimit' | 'backlogWaitTime', value: number | null, at: Location): void {
  if (value === null) return;
  state[key] = value;
  state.locations[key] = at;
}

function applyRuleLine(line: RulesLine, ruleFlag: RuleOption, state: State): void {
  const rule = ruleOf(line, ruleFlag, state);
  if (!rule) return;
  const list = rule.list ?? 'exit';
  const rules = state.lists.get(list) ?? [];
  switch (ruleFlag.flag) {
    case '-a':
    case '-w':
      rules.push(rule);
      break;
    case '-A':
      rules.unshift(rule);
      break;
    case '-d': {
      const i = rules.findIndex((r) => signature(r) === signature(rule));
      if (i !== -1) rules.splice(i, 1);
      break;
    }
    case '-W': {
      const kept = rules.filter((r) => !(r.watch && r.path === rule.path));
      rules.length = 0;
      rules.push(...kept);
      break;
    }
  }
  state.lists.set(list, rules);
}

function signature(rule: AuditRule): string {
  return JSON.stringify([rule.list, rule.action, [...rule.syscalls].sort(compareStrings), rule.fields, rule.compares, rule.perms, rule.path, rule.dir, rule.keys]);
}

function parseField(text: string): Field | null {
  for (let i = 0; i < text.length; i++) {
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      const name = text.slice(0, i).toLowerCase();
      return name === '' ? null : { name, op, value: text.slice(i + op.length) };
    }
  }
  return null;
}

export function normalizeArch(value: string): string {
  const lower = value.toLowerCase();
  if (ARCH_64.has(lower)) return 'b64';
  if (ARCH_32.has(lower)) return 'b32';
  return lower;
}

function ruleOf(line: RulesLine, ruleFlag: RuleOption, state: State): AuditRule | null {
  const watch = ruleFlag.flag === '-w' || ruleFlag.flag === '-W';
  const rule: AuditRule = { at: locOf(line), watch, list: watch ? 'exit' : null, action: watch ? 'always' : null, syscalls: [], fields: [], compares: [], perms: null, path: null, dir: null, arch: null, keys: [] };
  const bad = (option: RuleOption, message: string): null => {
    state.problems.push({ at: { path: line.path, line: line.line, column: option.valueColumn }, message });
    return null;
  };
  for (const option of line.options) {
    const value = option.value ?? '';
    switch (option.flag) {
      case '-w':
      case '-W':
        rule.path = normalizeHostPath(value);
        break;
      case '-a':
      case '-A':
      case '-d': {
        const parts = value.toLowerCase().split(',');
        const list = parts.find((p) => LISTS.has(p));
        const action = parts.find((p) => ACTIONS.has(p));
        if (parts.length !== 2 || !list || !action) return bad(option, `${option.flag}: ${JSON.stringify(value.slice(0, 40))} is not list,action (lists: ${[...LISTS].join(', ')}; actions: always, never)`);
        rule.list = list;
        rule.action = action;
        break;
      }
      case '-S':
        for (const name of value.toLowerCase().split(',')) if (name !== '') rule.syscalls.push(name);
        break;
      case '-F': {
        const field = parseField(value);
        if (!field) return bad(option, `-F: ${JSON.stringify(value.slice(0, 40))} is not name, operator and value`);
        applyField(rule, field);
        break;
      }
      case '-C':
        rule.compares.push(value.toLowerCase());
        break;
      case '-k':
        rule.keys.push(value);
        break;
      case '-p':
        if (!/^[rwxa]{1,4}$/i.test(value)) return bad(option, `-p: ${JSON.stringify(value.slice(0, 40))} is not a set of r, w, x, a`);
        rule.perms = value.toLowerCase();
        break;
      default:
        break;
    }
  }
  if (rule.watch && !rule.path) return null;
  if (!rule.watch && rule.list === null) return null;
  return rule;
}

function applyField(rule: AuditRule, field: Field): void {
  rule.fields.push(field);
  if (field.op !== '=') return;
  switch (field.name) {
    case 'arch':
      rule.arch = normalizeArch(field.value);
      break;
    case 'path':
      rule.path = normalizeHostPath(field.value);
      break;
    case 'dir':
      rule.dir = normalizeHostPath(field.value);
      break;
    case 'perm':
      rule.perms = field.value.toLowerCase();
      break;
    case 'key':
      rule.keys.push(field.value);
      break;
    default:
      break;
  }
}
