/**
 * What kind of security event a log record is, and whether it succeeded: the event types PCI DSS
 * 10.2.1.x and the OWASP Logging Cheat Sheet ask to be logged (sign-ins, access decisions, account
 * and privilege changes, data access, configuration changes, logging started/stopped), read from
 * each schema's own vocabulary. Pure data and pure functions.
 *
 * Conservative by design: a record gets a category only when its schema says so in a field made
 * for it (ECS `event.category`, OCSF `class_uid`, CloudTrail `eventName`, a Kubernetes verb on a
 * resource, ...) or, for free-form schemas (generic JSON, CEF, LEEF, OTel), when its action name
 * contains one of a small set of word pairs (`user` next to `created`, `log` next to `cleared`).
 * Nothing recognised gives no category; no outcome field gives a null outcome.
 *
 * Every string check is a table lookup, a prefix/suffix test or one left-to-right scan.
 */
import { valueAtPath } from './field-aliases.js';
import type { UserAliases } from './field-aliases.js';

export const EVENT_CATEGORIES = [
  'authentication',
  'authorization',
  'account-change',
  'privilege-change',
  'data-access',
  'configuration-change',
  'logging-control',
] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];
export type EventOutcome = 'success' | 'failure';
export interface EventClass {
  categories: EventCategory[];
  outcome: EventOutcome | null;
}

type Json = Record<string, unknown>;
type Found = Set<EventCategory>;
type Categories = readonly EventCategory[];

const AUTHN: Categories = ['authentication'];
const AUTHZ: Categories = ['authorization'];
const ACCOUNT: Categories = ['account-change'];
const PRIVILEGE: Categories = ['privilege-change'];
const MEMBERSHIP: Categories = ['account-change', 'privilege-change'];
const DATA: Categories = ['data-access'];
const CONFIG: Categories = ['configuration-change'];
const LOGGING: Categories = ['logging-control'];
/** A change to how logging works is also a configuration change. */
const LOGGING_CONFIG: Categories = ['logging-control', 'configuration-change'];
const NONE: Categories = [];

// ---------------------------------------------------------------------------------------------
// Small helpers

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringAt(record: Json, path: string): string | undefined {
  const value = valueAtPath(record, path);
  return typeof value === 'string' ? value : undefined;
}

function lowerAt(record: Json, path: string): string | undefined {
  return stringAt(record, path)?.toLowerCase();
}

/** An integer given as a number or as a string of digits (with an optional minus). */
function integerOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.length === 0 || text.length > 12) return undefined;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (!((code >= 0x30 && code <= 0x39) || (i === 0 && code === 0x2d && text.length > 1))) return undefined;
  }
  return Number(text);
}

/** A string, or the strings of an array (ECS `event.category` and `event.type` may be either). */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value.toLowerCase()];
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const item of value) if (typeof item === 'string') out.push(item.toLowerCase());
  return out;
}

function add(found: Found, categories: Categories): void {
  for (const category of categories) found.add(category);
}

/** The results without a category, shared (most events have none): frozen, so never changed in place. */
const NO_CATEGORY: Readonly<Record<EventOutcome | 'null', EventClass>> = {
  success: Object.freeze({ categories: Object.freeze([]) as unknown as EventCategory[], outcome: 'success' }),
  failure: Object.freeze({ categories: Object.freeze([]) as unknown as EventCategory[], outcome: 'failure' }),
  null: Object.freeze({ categories: Object.freeze([]) as unknown as EventCategory[], outcome: null }),
};

function finish(found: Found, outcome: EventOutcome | null): EventClass {
  if (found.size === 0) return NO_CATEGORY[outcome ?? 'null'];
  return { categories: EVENT_CATEGORIES.filter((category) => found.has(category)), outcome };
}

/**
 * An HTTP status as an outcome: 2xx and 3xx succeeded, 4xx and 5xx failed; 101 (protocol switch,
 * as for Kubernetes exec and watch upgrades) succeeded; anything else says nothing.
 */
function httpOutcome(code: number | undefined, redirectsSucceed = true): EventOutcome | null {
  if (code === undefined) return null;
  if (code === 101 || (code >= 200 && code < 300)) return 'success';
  if (code >= 300 && code < 400) return redirectsSucceed ? 'success' : null;
  if (code >= 400 && code < 600) return 'failure';
  return null;
}

/** HTTP 401 (credentials missing or refused) and 403 (refused) are access decisions. */
function isHttpDenial(code: number | undefined): boolean {
  return code === 401 || code === 403;
}

/** Outcome words of free-form `outcome` / `result` / `status` fields, in their common spellings. */
const OUTCOME_WORDS: ReadonlyMap<string, EventOutcome> = new Map([
  ['success', 'success'],
  ['succeeded', 'success'],
  ['successful', 'success'],
  ['succeed', 'success'],
  ['ok', 'success'],
  ['pass', 'success'],
  ['passed', 'success'],
  ['allow', 'success'],
  ['allowed', 'success'],
  ['accept', 'success'],
  ['accepted', 'success'],
  ['permit', 'success'],
  ['permitted', 'success'],
  ['granted', 'success'],
  ['true', 'success'],
  ['yes', 'success'],
  ['failure', 'failure'],
  ['failed', 'failure'],
  ['fail', 'failure'],
  ['unsuccessful', 'failure'],
  ['error', 'failure'],
  ['deny', 'failure'],
  ['denied', 'failure'],
  ['block', 'failure'],
  ['blocked', 'failure'],
  ['reject', 'failure'],
  ['rejected', 'failure'],
  ['drop', 'failure'],
  ['dropped', 'failure'],
  ['unauthorized', 'failure'],
  ['forbidden', 'failure'],
  ['false', 'failure'],
  ['no', 'failure'],
]);

/**
 * Device actions that are access decisions (CEF `act`, LEEF `action`): allowing or refusing a
 * request. Other actions (alert, quarantine, detect) are not decisions about a request.
 */
const DECISION_WORDS: ReadonlyMap<string, EventOutcome> = new Map([
  ['allow', 'success'],
  ['allowed', 'success'],
  ['accept', 'success'],
  ['accepted', 'success'],
  ['permit', 'success'],
  ['permitted', 'success'],
  ['pass', 'success'],
  ['passed', 'success'],
  ['deny', 'failure'],
  ['denied', 'failure'],
  ['block', 'failure'],
  ['blocked', 'failure'],
  ['drop', 'failure'],
  ['dropped', 'failure'],
  ['reject', 'failure'],
  ['rejected', 'failure'],
]);

/** A loosely typed outcome value: a boolean, an HTTP status, or an outcome word (`/Failure` too). */
function outcomeOfValue(value: unknown): EventOutcome | null {
  if (typeof value === 'boolean') return value ? 'success' : 'failure';
  const code = integerOf(value);
  if (code !== undefined) return code >= 100 && code < 600 ? httpOutcome(code) : null;
  if (typeof value !== 'string') return null;
  let word = value.trim().toLowerCase();
  if (word.startsWith('/')) word = word.slice(1);
  return OUTCOME_WORDS.get(word) ?? null;
}

function decisionOf(value: unknown): EventOutcome | null {
  return typeof value === 'string' ? (DECISION_WORDS.get(value.trim().toLowerCase()) ?? null) : null;
}

// ---------------------------------------------------------------------------------------------
// Words of free-form action names

const MAX_TOKENS = 64;

function isUpper(code: number): boolean {
  return code >= 0x41 && code <= 0x5a;
}

function isLower(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

function isLowerOrDigit(code: number): boolean {
  return isLower(code) || (code >= 0x30 && code <= 0x39);
}

/** Words that carry no meaning between an object and its verb ("user WAS created", "add X TO group"). */
const FILLERS: ReadonlySet<string> = new Set(['a', 'an', 'the', 'to', 'from', 'of', 'for', 'by', 'was', 'were', 'has', 'have', 'been', 'is', 'be', 'with']);

/**
 * Lower-case words of an action name, split at anything but letters and digits and at camelCase
 * boundaries (`ConsoleLogin` → console, login; `AWSConsoleSignIn` → aws, console, sign, in).
 */
export function actionWords(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  const push = (end: number): void => {
    const word = text.slice(start, end).toLowerCase();
    if (!FILLERS.has(word) && words.length < MAX_TOKENS) words.push(word);
  };
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const upper = isUpper(code);
    const alnum = upper || isLowerOrDigit(code);
    if (!alnum) {
      if (start >= 0) push(i);
      start = -1;
      continue;
    }
    if (start < 0) {
      start = i;
      continue;
    }
    // A capital after a lower-case letter or digit starts a word (loginFailed), and so does the
    // last capital of a run followed by a lower-case letter (AWSConsole → AWS, Console).
    const previous = text.charCodeAt(i - 1);
    if (upper && (isLowerOrDigit(previous) || (isUpper(previous) && isLower(text.charCodeAt(i + 1))))) {
      push(i);
      start = i;
    }
  }
  if (start >= 0) push(text.length);
  return words;
}

/** Single words that name a category on their own. */
const CATEGORY_WORDS: ReadonlyMap<string, Categories> = new Map([
  ['login', AUTHN],
  ['logins', AUTHN],
  ['logon', AUTHN],
  ['signin', AUTHN],
  ['signon', AUTHN],
  // OWASP Logging Vocabulary: authn_* (login, password change, token created/revoked/reuse/delete).
  ['authn', AUTHN],
  ['authenticate', AUTHN],
  ['authenticated', AUTHN],
  ['authentication', AUTHN],
  ['reauthenticate', AUTHN],
  ['unauthorized', AUTHZ],
  ['unauthorised', AUTHZ],
  ['forbidden', AUTHZ],
  ['sudo', PRIVILEGE],
]);

/**
 * A head word next to a modifier word (either side, or only after it when `after`), optionally
 * with up to two `skip` words between: `user created`, `create user`, `audit policy changed`.
 */
interface WordRule {
  readonly categories: Categories;
  readonly heads: ReadonlySet<string>;
  readonly mods: ReadonlySet<string>;
  readonly skip: ReadonlySet<string>;
  readonly after: boolean;
}

function words(...list: string[]): ReadonlySet<string> {
  return new Set(list);
}

const CHANGE_VERBS = [
  'create',
  'created',
  'creation',
  'add',
  'added',
  'delete',
  'deleted',
  'deletion',
  'remove',
  'removed',
  'update',
  'updated',
  'modify',
  'modified',
  'change',
  'changed',
] as const;

const WORD_RULES: readonly WordRule[] = [
  // "sign in", "log on", "logged in".
  { categories: AUTHN, heads: words('sign', 'signed', 'log', 'logged'), mods: words('in', 'on'), skip: words(), after: true },
  // OWASP authn_token_created / _revoked / _reuse / _delete: token lifecycle is authentication.
  {
    categories: AUTHN,
    heads: words('token', 'tokens'),
    mods: words('create', 'created', 'issue', 'issued', 'grant', 'granted', 'generate', 'generated', 'revoke', 'revoked', 'delete', 'deleted', 'reuse', 'reused', 'refresh', 'refreshed', 'exchange', 'exchanged'),
    skip: words('access', 'api', 'id', 'bearer', 'personal', 'oauth', 'oauth2'),
    after: false,
  },
  // OWASP authz_fail; "access denied", "permission denied", "authorization failed".
  {
    categories: AUTHZ,
    heads: words('access', 'permission', 'permissions', 'authorization', 'authorisation', 'authz'),
    mods: words('denied', 'deny', 'fail', 'failed', 'failure', 'refused', 'rejected', 'blocked', 'decision', 'check'),
    skip: words(),
    after: false,
  },
  // OWASP user_created / _updated / _archived / _deleted, authn_password_change, account lock.
  {
    categories: ACCOUNT,
    heads: words('user', 'users', 'account', 'accounts', 'group', 'groups', 'password', 'passwords', 'passwd', 'credential', 'credentials'),
    mods: words(
      ...CHANGE_VERBS,
      'new',
      'lock',
      'locked',
      'lockout',
      'unlock',
      'unlocked',
      'disable',
      'disabled',
      'enable',
      'enabled',
      'suspend',
      'suspended',
      'unsuspend',
      'unsuspended',
      'activate',
      'activated',
      'deactivate',
      'deactivated',
      'reactivate',
      'reactivated',
      'rename',
      'renamed',
      'archive',
      'archived',
      'reset',
    ),
    skip: words('name', 'profile', 'details'),
    after: false,
  },
  // Group membership changes both an account's groups and what it may do.
  {
    categories: MEMBERSHIP,
    heads: words('member', 'members', 'membership', 'memberships'),
    mods: words(...CHANGE_VERBS),
    skip: words('group', 'team'),
    after: false,
  },
  // OWASP privilege_permissions_changed, authz_change; role/permission grants and revocations.
  {
    categories: PRIVILEGE,
    heads: words('role', 'roles', 'permission', 'permissions', 'privilege', 'privileges', 'acl', 'acls', 'authz', 'rights', 'entitlement', 'entitlements'),
    mods: words(
      ...CHANGE_VERBS,
      'assign',
      'assigned',
      'assignment',
      'unassign',
      'unassigned',
      'grant',
      'granted',
      'revoke',
      'revoked',
      'attach',
      'attached',
      'detach',
      'detached',
      'set',
      'promote',
      'promoted',
      'demote',
      'demoted',
    ),
    skip: words('binding', 'bindings', 'definition', 'set'),
    after: false,
  },
  // OWASP sensitive_create / _read / _update / _delete; file, object, secret and record access.
  {
    categories: DATA,
    heads: words('sensitive', 'file', 'files', 'object', 'objects', 'secret', 'secrets', 'data', 'document', 'documents', 'blob', 'blobs', 'record', 'records', 'item', 'items', 'query', 'queries'),
    mods: words(
      ...CHANGE_VERBS,
      'read',
      'get',
      'access',
      'accessed',
      'open',
      'opened',
      'download',
      'downloaded',
      'upload',
      'uploaded',
      'write',
      'written',
      'export',
      'exported',
      'view',
      'viewed',
      'copy',
      'copied',
      'reveal',
      'revealed',
      'execute',
      'executed',
    ),
    skip: words(),
    after: false,
  },
  {
    categories: CONFIG,
    heads: words('config', 'configuration', 'configurations', 'setting', 'settings', 'policy', 'policies', 'rule', 'rules', 'option', 'options', 'parameter', 'parameters', 'preference', 'preferences'),
    mods: words(...CHANGE_VERBS, 'set', 'enable', 'enabled', 'disable', 'disabled', 'edit', 'edited', 'save', 'saved', 'reset', 'apply', 'applied'),
    skip: words(),
    after: false,
  },
  // OWASP sys_monitor_disabled / _enabled; "audit log cleared", "logging stopped".
  {
    categories: LOGGING,
    heads: words('log', 'logs', 'logging', 'audit', 'auditing', 'auditd', 'journal', 'syslog', 'rsyslog', 'monitor', 'monitoring'),
    mods: words(
      'start',
      'started',
      'stop',
      'stopped',
      'pause',
      'paused',
      'resume',
      'resumed',
      'disable',
      'disabled',
      'enable',
      'enabled',
      'clear',
      'cleared',
      'purge',
      'purged',
      'delete',
      'deleted',
      'wipe',
      'wiped',
      'truncate',
      'truncated',
      'suspend',
      'suspended',
      'shutdown',
      'reconfigure',
      'reconfigured',
    ),
    skip: words('policy', 'policies', 'rule', 'rules', 'config', 'configuration', 'settings', 'service', 'daemon', 'stream', 'streaming', 'sink', 'sinks', 'subsystem', 'file', 'files', 'event', 'events'),
    after: false,
  },
  // "changed audit configuration", "audit policy modified" (not "change log").
  {
    categories: LOGGING_CONFIG,
    heads: words('audit', 'auditing', 'logging'),
    mods: words('change', 'changed', 'modify', 'modified', 'update', 'updated'),
    skip: words('policy', 'policies', 'rule', 'rules', 'config', 'configuration', 'settings'),
    after: false,
  },
];

const MAX_SKIPPED = 2;

/** True when a modifier of the rule sits next to `at` in direction `step`, past at most two skip words. */
function modifierNear(tokens: readonly string[], at: number, step: 1 | -1, rule: WordRule): boolean {
  let j = at + step;
  for (let skipped = 0; j >= 0 && j < tokens.length; skipped += 1) {
    const word = tokens[j] as string;
    if (rule.mods.has(word)) return true;
    if (skipped >= MAX_SKIPPED || !rule.skip.has(word)) return false;
    j += step;
  }
  return false;
}

/** Categories named by the words of one action name. */
function categoriesOfWords(tokens: readonly string[], found: Found): void {
  for (let i = 0; i < tokens.length; i += 1) {
    const word = tokens[i] as string;
    const named = CATEGORY_WORDS.get(word);
    if (named !== undefined) add(found, named);
    for (const rule of WORD_RULES) {
      if (!rule.heads.has(word)) continue;
      if (modifierNear(tokens, i, 1, rule) || (!rule.after && modifierNear(tokens, i, -1, rule))) add(found, rule.categories);
    }
  }
}

const SUCCESS_WORDS: ReadonlySet<string> = new Set(['success', 'successful', 'successfully', 'succeeded', 'succeed', 'succeeds']);
const FAILURE_WORDS: ReadonlySet<string> = new Set(['fail', 'failed', 'failure', 'failures', 'unsuccessful', 'denied', 'rejected']);

/** The outcome an action name states (`login_failed`, `authn_login_success`); null when none or both. */
function outcomeOfWords(tokens: readonly string[]): EventOutcome | null {
  let success = false;
  let failure = false;
  for (const word of tokens) {
    if (SUCCESS_WORDS.has(word)) success = true;
    else if (FAILURE_WORDS.has(word)) failure = true;
  }
  if (success === failure) return null;
  return success ? 'success' : 'failure';
}

/** Categories and stated outcome of several action names, each read on its own. */
function readNames(names: readonly string[], found: Found): EventOutcome | null {
  let outcome: EventOutcome | null = null;
  for (const name of names) {
    const tokens = actionWords(name);
    categoriesOfWords(tokens, found);
    outcome ??= outcomeOfWords(tokens);
  }
  return outcome;
}

function stringsAt(record: Json, paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    const value = stringAt(record, path);
    if (value !== undefined) out.push(value);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Kubernetes audit (audit.k8s.io/v1 Event)

const K8S_READ: ReadonlySet<string> = new Set(['get', 'list', 'watch']);
const K8S_WRITE: ReadonlySet<string> = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);
/** Objects that hold data rather than settings: reads and writes are data access. */
const K8S_DATA: ReadonlySet<string> = new Set(['secrets', 'configmaps']);
/** RBAC objects (rbac.authorization.k8s.io): writing them grants or revokes permissions. */
const K8S_RBAC: ReadonlySet<string> = new Set(['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings']);
/** Access-review requests: the API server answers "may X do Y", an authorization decision. */
const K8S_ACCESS_REVIEWS: ReadonlySet<string> = new Set(['subjectaccessreviews', 'selfsubjectaccessreviews', 'localsubjectaccessreviews', 'selfsubjectrulesreviews']);
/**
 * Writes that are bookkeeping, not configuration: leader-election leases, events, endpoints the
 * controllers maintain, and review requests (answered, never stored).
 */
const K8S_NOT_CONFIG: ReadonlySet<string> = new Set([
  'leases',
  'events',
  'endpoints',
  'endpointslices',
  'tokenreviews',
  'selfsubjectreviews',
  ...K8S_ACCESS_REVIEWS,
]);
/** Subresources whose writes change configuration (others: status, exec, log, binding, eviction, ...). */
const K8S_CONFIG_SUBRESOURCES: ReadonlySet<string> = new Set(['scale']);

interface K8sRequest {
  verb: string;
  resource: string | undefined;
  subresource: string | undefined;
}

/** Categories of a Kubernetes API request, from its verb and the resource it names. */
function k8sRequestCategories(request: K8sRequest, found: Found): void {
  const { verb, resource, subresource } = request;
  if (resource === undefined) return;
  const write = K8S_WRITE.has(verb);
  if (verb === 'create' && resource === 'tokenreviews') add(found, AUTHN);
  // TokenRequest: a service-account token issued.
  if (verb === 'create' && resource === 'serviceaccounts' && subresource === 'token') add(found, AUTHN);
  if (verb === 'create' && K8S_ACCESS_REVIEWS.has(resource)) add(found, AUTHZ);
  if (subresource !== undefined && !K8S_CONFIG_SUBRESOURCES.has(subresource)) return;
  if (K8S_DATA.has(resource) && (write || K8S_READ.has(verb))) {
    add(found, DATA);
    return;
  }
  if (!write) return;
  if (K8S_RBAC.has(resource)) add(found, PRIVILEGE);
  else if (resource === 'serviceaccounts') add(found, ACCOUNT);
  // auditregistration.k8s.io AuditSink (1.13-1.18): where audit events are sent.
  else if (resource === 'auditsinks') add(found, LOGGING_CONFIG);
  else if (!K8S_NOT_CONFIG.has(resource)) add(found, CONFIG);
}

function classifyK8s(record: Json): EventClass {
  const found: Found = new Set();
  const verb = lowerAt(record, 'verb');
  if (verb !== undefined) {
    k8sRequestCategories(
      { verb, resource: lowerAt(record, 'objectRef.resource'), subresource: lowerAt(record, 'objectRef.subresource') },
      found,
    );
  }
  const code = integerOf(valueAtPath(record, 'responseStatus.code'));
  const annotations = valueAtPath(record, 'annotations');
  const decision = isRecord(annotations) ? annotations['authorization.k8s.io/decision'] : undefined;
  if (decision === 'forbid' || code === 403) add(found, AUTHZ);
  // 401: the authenticators rejected the request's credentials.
  if (code === 401) add(found, AUTHN);
  // Only 2xx and 101 are documented successes; a 3xx says nothing.
  return finish(found, httpOutcome(code, false));
}

// ---------------------------------------------------------------------------------------------
// ECS

/** Windows event codes (ECS `event.provider|event.code`) for the audit log itself. */
const WINDOWS_LOGGING_CODES: ReadonlySet<string> = new Set([
  'microsoft-windows-eventlog|1102', // the audit log was cleared
  'microsoft-windows-eventlog|104', // a log was cleared
  'microsoft-windows-eventlog|1100', // the event logging service shut down
  'microsoft-windows-security-auditing|4719', // system audit policy was changed
]);

const ECS_CHANGE_TYPES: ReadonlySet<string> = new Set(['creation', 'deletion', 'change']);
const ECS_DATA_TYPES: ReadonlySet<string> = new Set(['access', 'creation', 'deletion', 'change']);

function classifyEcs(record: Json): EventClass {
  const found: Found = new Set();
  const categories = stringsOf(valueAtPath(record, 'event.category'));
  const types = stringsOf(valueAtPath(record, 'event.type'));
  const action = stringAt(record, 'event.action');
  const changes = types.some((type) => ECS_CHANGE_TYPES.has(type));
  if (categories.includes('authentication')) add(found, AUTHN);
  // event.type allowed/denied: the event is an access decision.
  if (types.includes('allowed') || types.includes('denied')) add(found, AUTHZ);
  if (isHttpDenial(integerOf(valueAtPath(record, 'http.response.status_code')))) add(found, AUTHZ);
  if (categories.includes('iam') && changes) {
    // iam + user/group + creation/deletion/change: account management; a group change is
    // usually a membership change, which also changes privileges.
    if (types.includes('user') || types.includes('group')) add(found, ACCOUNT);
    if (types.includes('group') && types.includes('change')) add(found, PRIVILEGE);
    if (action !== undefined) {
      const privilege: Found = new Set();
      categoriesOfWords(actionWords(action), privilege);
      if (privilege.has('privilege-change')) add(found, PRIVILEGE);
    }
    // iam + admin: administrative IAM changes that touch no user or group (federation, forests).
    if (types.includes('admin') && found.size === 0) add(found, CONFIG);
  }
  if (categories.includes('configuration') && changes) add(found, CONFIG);
  if ((categories.includes('file') || categories.includes('database')) && types.some((type) => ECS_DATA_TYPES.has(type))) add(found, DATA);
  if (action !== undefined) {
    const fromAction: Found = new Set();
    categoriesOfWords(actionWords(action), fromAction);
    // Without event.category the action name is all there is; with it, only logging control
    // (ECS has no category for it) is taken from the name.
    if (categories.length === 0) add(found, [...fromAction]);
    else if (fromAction.has('logging-control')) add(found, LOGGING);
  }
  const provider = lowerAt(record, 'event.provider');
  const code = valueAtPath(record, 'event.code');
  if (provider !== undefined && (typeof code === 'string' || typeof code === 'number') && WINDOWS_LOGGING_CODES.has(`${provider}|${String(code)}`)) {
    add(found, LOGGING);
  }
  const outcome = lowerAt(record, 'event.outcome');
  return finish(found, outcome === 'success' || outcome === 'failure' ? outcome : null);
}

// ---------------------------------------------------------------------------------------------
// OCSF

interface OcsfClassRule {
  readonly categories: Categories;
  /** Activities whose categories differ from the class's. */
  readonly activities: ReadonlyMap<number, Categories>;
}

function ocsfClass(categories: Categories, activities: ReadonlyArray<readonly [number, Categories]> = []): OcsfClassRule {
  return { categories, activities: new Map(activities) };
}

/** OCSF classes (class_uid) and, where activities differ, activity_id (OCSF 1.x class definitions). */
const OCSF_CLASSES: ReadonlyMap<number, OcsfClassRule> = new Map([
  // File System Activity.
  [1001, ocsfClass(DATA)],
  // Event Log Activity: 1 Clear, 2 Delete, 6 Start, 7 Stop, 8 Restart, 9 Enable, 10 Disable;
  // 3 Export reads the log; 4 Archive and 5 Rotate are routine.
  [1008, ocsfClass(LOGGING, [[3, DATA], [4, NONE], [5, NONE]])],
  // Account Change: 7 Attach Policy and 8 Detach Policy change permissions.
  [3001, ocsfClass(ACCOUNT, [[7, PRIVILEGE], [8, PRIVILEGE]])],
  // Authentication: 2 Logoff is not an attempt; 7 Account Switch (su, runas) also changes privilege.
  [3002, ocsfClass(AUTHN, [[2, NONE], [7, ['authentication', 'privilege-change']]])],
  [3003, ocsfClass(AUTHZ)],
  // Entity Management: 2 Read changes nothing.
  [3004, ocsfClass(CONFIG, [[2, NONE]])],
  // User Access Management: assign / revoke privileges.
  [3005, ocsfClass(PRIVILEGE)],
  // Group Management: 1 Assign / 2 Revoke Privileges, 3 Add / 4 Remove User, 5 Delete, 6 Create.
  [3006, ocsfClass(ACCOUNT, [[1, PRIVILEGE], [2, PRIVILEGE], [3, MEMBERSHIP], [4, MEMBERSHIP]])],
  // Datastore Activity and File Hosting Activity.
  [6005, ocsfClass(DATA)],
  [6006, ocsfClass(DATA)],
]);

function classifyOcsf(record: Json): EventClass {
  const found: Found = new Set();
  const classUid = integerOf(valueAtPath(record, 'class_uid'));
  const activity = integerOf(valueAtPath(record, 'activity_id'));
  const rule = classUid === undefined ? undefined : OCSF_CLASSES.get(classUid);
  if (rule !== undefined) add(found, (activity === undefined ? undefined : rule.activities.get(activity)) ?? rule.categories);
  // API Activity carrying an AWS call (Security Lake's CloudTrail): read it as CloudTrail.
  const service = lowerAt(record, 'api.service.name');
  const operation = stringAt(record, 'api.operation');
  if (classUid === 6003 && operation !== undefined && service !== undefined && service.endsWith('amazonaws.com')) {
    cloudTrailNameCategories(operation, undefined, found);
  }
  const statusId = integerOf(valueAtPath(record, 'status_id'));
  let outcome: EventOutcome | null = statusId === 1 ? 'success' : statusId === 2 ? 'failure' : null;
  if (statusId === undefined) {
    const status = lowerAt(record, 'status');
    outcome = status === 'success' ? 'success' : status === 'failure' ? 'failure' : null;
  }
  return finish(found, outcome);
}

// ---------------------------------------------------------------------------------------------
// AWS CloudTrail

/** Sign-ins and temporary-credential (token) issue: signin, STS, IAM Identity Center. */
const CLOUDTRAIL_AUTHN: ReadonlySet<string> = new Set([
  'ConsoleLogin',
  'CheckMfa',
  'ExternalIdPDirectoryLogin',
  'UserAuthentication',
  'CredentialVerification',
  'CredentialChallenge',
  'AssumeRole',
  'AssumeRoleWithSAML',
  'AssumeRoleWithWebIdentity',
  'GetSessionToken',
  'GetFederationToken',
  'GetRoleCredentials',
  'CreateToken',
]);

/** Users, groups and their credentials (IAM, Identity Center identity store, Cognito, signin). */
const CLOUDTRAIL_ACCOUNT: ReadonlySet<string> = new Set([
  'CreateUser',
  'DeleteUser',
  'UpdateUser',
  'CreateGroup',
  'DeleteGroup',
  'UpdateGroup',
  'CreateLoginProfile',
  'UpdateLoginProfile',
  'DeleteLoginProfile',
  'ChangePassword',
  'UpdateAccountPasswordPolicy',
  'CreateAccessKey',
  'UpdateAccessKey',
  'DeleteAccessKey',
  'EnableMFADevice',
  'DeactivateMFADevice',
  'ResyncMFADevice',
  'CreateVirtualMFADevice',
  'DeleteVirtualMFADevice',
  'UploadSSHPublicKey',
  'UpdateSSHPublicKey',
  'DeleteSSHPublicKey',
  'UploadSigningCertificate',
  'UpdateSigningCertificate',
  'DeleteSigningCertificate',
  'CreateServiceSpecificCredential',
  'UpdateServiceSpecificCredential',
  'DeleteServiceSpecificCredential',
  'ResetServiceSpecificCredential',
  'AdminCreateUser',
  'AdminDeleteUser',
  'AdminDisableUser',
  'AdminEnableUser',
  'AdminResetUserPassword',
  'AdminSetUserPassword',
  'PasswordRecoveryRequested',
  'PasswordRecoveryCompleted',
]);

/** Group membership: account and privilege change at once. */
const CLOUDTRAIL_MEMBERSHIP: ReadonlySet<string> = new Set([
  'AddUserToGroup',
  'RemoveUserFromGroup',
  'CreateGroupMembership',
  'DeleteGroupMembership',
  'AdminAddUserToGroup',
  'AdminRemoveUserFromGroup',
]);

/** Roles, identity and resource policies, grants and permission sets. */
const CLOUDTRAIL_PRIVILEGE: ReadonlySet<string> = new Set([
  'AttachUserPolicy',
  'DetachUserPolicy',
  'AttachGroupPolicy',
  'DetachGroupPolicy',
  'AttachRolePolicy',
  'DetachRolePolicy',
  'PutUserPolicy',
  'DeleteUserPolicy',
  'PutGroupPolicy',
  'DeleteGroupPolicy',
  'PutRolePolicy',
  'DeleteRolePolicy',
  'CreatePolicy',
  'DeletePolicy',
  'CreatePolicyVersion',
  'DeletePolicyVersion',
  'SetDefaultPolicyVersion',
  'CreateRole',
  'DeleteRole',
  'UpdateAssumeRolePolicy',
  'PutUserPermissionsBoundary',
  'DeleteUserPermissionsBoundary',
  'PutRolePermissionsBoundary',
  'DeleteRolePermissionsBoundary',
  'AddRoleToInstanceProfile',
  'RemoveRoleFromInstanceProfile',
  'CreateServiceLinkedRole',
  'DeleteServiceLinkedRole',
  'PutBucketPolicy',
  'DeleteBucketPolicy',
  'PutBucketAcl',
  'PutObjectAcl',
  'PutKeyPolicy',
  'CreateGrant',
  'RevokeGrant',
  'RetireGrant',
  'AddPermission',
  'RemovePermission',
  'PutResourcePolicy',
  'DeleteResourcePolicy',
  'SetRepositoryPolicy',
  'DeleteRepositoryPolicy',
  'CreateAccountAssignment',
  'DeleteAccountAssignment',
  'AttachManagedPolicyToPermissionSet',
  'DetachManagedPolicyFromPermissionSet',
  'PutInlinePolicyToPermissionSet',
  'DeleteInlinePolicyFromPermissionSet',
]);

/** Object, item, secret and parameter reads and writes (S3, DynamoDB, RDS/Redshift Data, Secrets Manager, SSM). */
const CLOUDTRAIL_DATA: ReadonlySet<string> = new Set([
  'GetObject',
  'PutObject',
  'DeleteObject',
  'DeleteObjects',
  'CopyObject',
  'HeadObject',
  'RestoreObject',
  'SelectObjectContent',
  'GetObjectAttributes',
  'UploadPart',
  'UploadPartCopy',
  'CreateMultipartUpload',
  'CompleteMultipartUpload',
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
  'Query',
  'Scan',
  'ExecuteStatement',
  'BatchExecuteStatement',
  'GetSecretValue',
  'BatchGetSecretValue',
  'PutSecretValue',
  'GetParameter',
  'GetParameters',
  'GetParametersByPath',
]);

/** Trails, event data stores, log groups, Config recorders, VPC flow logs, S3 server access logging. */
const CLOUDTRAIL_LOGGING: ReadonlySet<string> = new Set([
  'StopLogging',
  'StartLogging',
  'CreateTrail',
  'DeleteTrail',
  'UpdateTrail',
  'PutEventSelectors',
  'PutInsightSelectors',
  'DeleteEventDataStore',
  'UpdateEventDataStore',
  'StopEventDataStoreIngestion',
  'StartEventDataStoreIngestion',
  'DeleteLogGroup',
  'DeleteLogStream',
  'PutRetentionPolicy',
  'DeleteRetentionPolicy',
  'PutSubscriptionFilter',
  'DeleteSubscriptionFilter',
  'StopConfigurationRecorder',
  'DeleteConfigurationRecorder',
  'DeleteDeliveryChannel',
  'CreateFlowLogs',
  'DeleteFlowLogs',
  'PutBucketLogging',
]);

/** Verbs of AWS API names that change something (Put*, Create*, Update*, Delete*, ...). */
const AWS_CHANGE_VERBS: readonly string[] = [
  'Put',
  'Create',
  'Update',
  'Delete',
  'Modify',
  'Attach',
  'Detach',
  'Associate',
  'Disassociate',
  'Enable',
  'Disable',
  'Set',
  'Terminate',
  'Run',
  'Authorize',
  'Revoke',
  'Replace',
  'Remove',
  'Add',
  'Register',
  'Deregister',
  'Reset',
  'Change',
];

/** Error codes of refused calls. */
const CLOUDTRAIL_DENIALS: ReadonlySet<string> = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'Client.UnauthorizedOperation',
  'UnauthorizedAccess',
  'UnauthorizedException',
  'Unauthorized',
  'Forbidden',
  'ForbiddenException',
  'NotAuthorized',
  'AuthorizationError',
  'AuthorizationErrorException',
]);

function isAwsChange(name: string): boolean {
  for (const verb of AWS_CHANGE_VERBS) {
    if (name.startsWith(verb) && (name.length === verb.length || isUpper(name.charCodeAt(verb.length)))) return true;
  }
  return false;
}

/** Categories of an AWS API call by name; `readOnly` as CloudTrail records it (undefined when absent). */
function cloudTrailNameCategories(name: string, readOnly: boolean | undefined, found: Found): void {
  if (CLOUDTRAIL_AUTHN.has(name)) add(found, AUTHN);
  if (CLOUDTRAIL_ACCOUNT.has(name)) add(found, ACCOUNT);
  if (CLOUDTRAIL_MEMBERSHIP.has(name)) add(found, MEMBERSHIP);
  if (CLOUDTRAIL_PRIVILEGE.has(name)) add(found, PRIVILEGE);
  if (CLOUDTRAIL_DATA.has(name)) add(found, DATA);
  if (CLOUDTRAIL_LOGGING.has(name)) add(found, LOGGING_CONFIG);
  if (found.size === 0 && readOnly !== true && isAwsChange(name)) add(found, CONFIG);
}

function classifyCloudTrail(record: Json): EventClass {
  const found: Found = new Set();
  const name = stringAt(record, 'eventName');
  const readOnly = valueAtPath(record, 'readOnly');
  if (name !== undefined) cloudTrailNameCategories(name, typeof readOnly === 'boolean' ? readOnly : readOnly === 'true' ? true : undefined, found);
  if (stringAt(record, 'eventType') === 'AwsConsoleSignIn') add(found, AUTHN);
  const errorCode = stringAt(record, 'errorCode');
  if (errorCode !== undefined && CLOUDTRAIL_DENIALS.has(errorCode)) add(found, AUTHZ);
  // CloudTrail sets errorCode and/or errorMessage on failure (failed ConsoleLogin: errorMessage only).
  const failed = errorCode !== undefined || valueAtPath(record, 'errorMessage') !== undefined;
  return finish(found, failed ? 'failure' : 'success');
}

// ---------------------------------------------------------------------------------------------
// Google Cloud audit logs (protoPayload AuditLog)

/** Method names (their last dot-separated part) and what they do. */
const GCP_METHODS: ReadonlyMap<string, Categories> = new Map([
  // IAM Service Account Credentials and STS: short-lived tokens issued.
  ['GenerateAccessToken', AUTHN],
  ['GenerateIdToken', AUTHN],
  ['SignJwt', AUTHN],
  ['ExchangeToken', AUTHN],
  // Google sign-in (login.googleapis.com).
  ['loginSuccess', AUTHN],
  ['loginFailure', AUTHN],
  ['SetIamPolicy', PRIVILEGE],
  ['setIamPermissions', PRIVILEGE],
  ['CreateRole', PRIVILEGE],
  ['UpdateRole', PRIVILEGE],
  ['DeleteRole', PRIVILEGE],
  ['UndeleteRole', PRIVILEGE],
  ['CreateServiceAccount', ACCOUNT],
  ['DeleteServiceAccount', ACCOUNT],
  ['UpdateServiceAccount', ACCOUNT],
  ['PatchServiceAccount', ACCOUNT],
  ['DisableServiceAccount', ACCOUNT],
  ['EnableServiceAccount', ACCOUNT],
  ['UndeleteServiceAccount', ACCOUNT],
  ['CreateServiceAccountKey', ACCOUNT],
  ['DeleteServiceAccountKey', ACCOUNT],
  ['UploadServiceAccountKey', ACCOUNT],
  ['DisableServiceAccountKey', ACCOUNT],
  ['EnableServiceAccountKey', ACCOUNT],
  // Cloud Identity groups and memberships.
  ['CreateGroup', ACCOUNT],
  ['DeleteGroup', ACCOUNT],
  ['UpdateGroup', ACCOUNT],
  ['CreateMembership', MEMBERSHIP],
  ['DeleteMembership', MEMBERSHIP],
  ['ModifyMembershipRoles', PRIVILEGE],
  ['AccessSecretVersion', DATA],
]);

/** Cloud Logging configuration (sinks, exclusions, buckets, settings) and log deletion. */
const GCP_LOGGING_METHODS: ReadonlySet<string> = new Set([
  'CreateSink',
  'UpdateSink',
  'DeleteSink',
  'CreateExclusion',
  'UpdateExclusion',
  'DeleteExclusion',
  'CreateBucket',
  'UpdateBucket',
  'DeleteBucket',
  'UndeleteBucket',
  'UpdateSettings',
  'UpdateCmekSettings',
  'DeleteLog',
]);

const GCP_OUTCOME_OVERRIDES: ReadonlyMap<string, EventOutcome> = new Map([['loginFailure', 'failure']]);

/** `v1`, `v1beta1`, `v2alpha1`: the version part of a GKE method name (anchored, no nesting). */
const API_VERSION = /^v\d+(?:(?:alpha|beta)\d+)?$/;

/** GKE's `io.k8s.GROUP.VERSION.RESOURCE[.SUBRESOURCE].VERB` as a Kubernetes request. */
function gkeRequest(methodName: string): K8sRequest | null {
  const segments = methodName.toLowerCase().split('.');
  const verb = segments[segments.length - 1];
  if (segments[0] !== 'io' || segments[1] !== 'k8s' || verb === undefined) return null;
  for (let v = 2; v < segments.length - 2; v += 1) {
    if (!API_VERSION.test(segments[v] as string)) continue;
    const resource = segments[v + 1];
    const subresource = v + 2 < segments.length - 1 ? segments[v + 2] : undefined;
    return { verb, resource, subresource };
  }
  return null;
}

function classifyGcp(record: Json): EventClass {
  const found: Found = new Set();
  const methodName = stringAt(record, 'protoPayload.methodName') ?? '';
  const service = stringAt(record, 'protoPayload.serviceName');
  const method = methodName.slice(methodName.lastIndexOf('.') + 1);
  const k8s = service === 'k8s.io';
  if (k8s) {
    const request = gkeRequest(methodName);
    if (request !== null) k8sRequestCategories(request, found);
    const labels = valueAtPath(record, 'labels');
    if (isRecord(labels) && labels['authorization.k8s.io/decision'] === 'forbid') add(found, AUTHZ);
  } else {
    add(found, GCP_METHODS.get(method) ?? NONE);
    if (service === 'logging.googleapis.com' && GCP_LOGGING_METHODS.has(method)) add(found, LOGGING_CONFIG);
    // An IAM policy change that alters audit configs turns Data Access logging on or off.
    if (valueAtPath(record, 'protoPayload.serviceData.policyDelta.auditConfigDeltas') !== undefined) add(found, LOGGING);
    if (methodName.startsWith('storage.objects.')) add(found, DATA);
  }
  const authorizationInfo = valueAtPath(record, 'protoPayload.authorizationInfo');
  if (Array.isArray(authorizationInfo)) {
    for (const entry of authorizationInfo) {
      if (!isRecord(entry)) continue;
      // Data Access audit logs: DATA_READ / DATA_WRITE touch user data; ADMIN_READ reads metadata.
      if (entry['permissionType'] === 'DATA_READ' || entry['permissionType'] === 'DATA_WRITE') add(found, DATA);
      if (entry['granted'] === false) add(found, AUTHZ);
    }
  }
  const status = valueAtPath(record, 'protoPayload.status');
  const code = isRecord(status) ? integerOf(status['code']) : undefined;
  // google.rpc.Code 7 PERMISSION_DENIED, 16 UNAUTHENTICATED.
  if (code === 7) add(found, AUTHZ);
  if (code === 16) add(found, AUTHN);
  // Admin Activity logs record calls that change configuration or metadata.
  const logName = stringAt(record, 'logName') ?? '';
  if (!k8s && found.size === 0 && (logName.endsWith('%2Factivity') || logName.endsWith('/activity'))) add(found, CONFIG);
  const outcome: EventOutcome = GCP_OUTCOME_OVERRIDES.get(method) ?? (code === undefined || code === 0 ? 'success' : 'failure');
  return finish(found, outcome);
}

// ---------------------------------------------------------------------------------------------
// Azure (Monitor resource logs, Activity log, Entra ID sign-in and audit logs)

const AZURE_SIGNIN_CATEGORIES: ReadonlySet<string> = new Set([
  'signinlogs',
  'noninteractiveusersigninlogs',
  'serviceprincipalsigninlogs',
  'managedidentitysigninlogs',
  'adfssigninlogs',
  'microsoftserviceprincipalsigninlogs',
]);

/** Entra ID audit activities (operationName / activityDisplayName), lower case. */
const ENTRA_ACTIVITIES: ReadonlyMap<string, Categories> = new Map([
  ['add user', ACCOUNT],
  ['delete user', ACCOUNT],
  ['hard delete user', ACCOUNT],
  ['restore user', ACCOUNT],
  ['update user', ACCOUNT],
  ['disable account', ACCOUNT],
  ['enable account', ACCOUNT],
  ['change user password', ACCOUNT],
  ['reset user password', ACCOUNT],
  ['reset password (by admin)', ACCOUNT],
  ['reset password (self-service)', ACCOUNT],
  ['change password (self-service)', ACCOUNT],
  ['set force change user password', ACCOUNT],
  ['add group', ACCOUNT],
  ['delete group', ACCOUNT],
  ['hard delete group', ACCOUNT],
  ['restore group', ACCOUNT],
  ['update group', ACCOUNT],
  ['add member to group', MEMBERSHIP],
  ['remove member from group', MEMBERSHIP],
  ['add owner to group', MEMBERSHIP],
  ['remove owner from group', MEMBERSHIP],
  ['add member to role', PRIVILEGE],
  ['remove member from role', PRIVILEGE],
  ['add eligible member to role', PRIVILEGE],
  ['remove eligible member from role', PRIVILEGE],
  ['add scoped member to role', PRIVILEGE],
  ['remove scoped member from role', PRIVILEGE],
  ['add role definition', PRIVILEGE],
  ['update role definition', PRIVILEGE],
  ['delete role definition', PRIVILEGE],
  ['add app role assignment to user', PRIVILEGE],
  ['remove app role assignment from user', PRIVILEGE],
  ['add app role assignment to group', PRIVILEGE],
  ['remove app role assignment from group', PRIVILEGE],
  ['add app role assignment to service principal', PRIVILEGE],
  ['remove app role assignment from service principal', PRIVILEGE],
  ['add delegated permission grant', PRIVILEGE],
  ['remove delegated permission grant', PRIVILEGE],
  ['consent to application', PRIVILEGE],
]);

/** Entra audit `properties.category` when the activity is not in the table above. */
const ENTRA_AUDIT_CATEGORIES: ReadonlyMap<string, Categories> = new Map([
  ['usermanagement', ACCOUNT],
  ['groupmanagement', ACCOUNT],
  ['rolemanagement', PRIVILEGE],
  ['policy', CONFIG],
  ['directorymanagement', CONFIG],
  ['applicationmanagement', CONFIG],
]);

/** Key Vault AuditEvent operations on secrets. */
const KEY_VAULT_DATA: ReadonlySet<string> = new Set([
  'secretget',
  'secretset',
  'secretdelete',
  'secretlist',
  'secretlistversions',
  'secretbackup',
  'secretrestore',
  'secretpurge',
]);

/** Storage resource-log categories: blob/file/queue/table reads and writes. */
const AZURE_STORAGE_CATEGORIES: ReadonlySet<string> = new Set(['storageread', 'storagewrite', 'storagedelete']);

/** ARM role assignments and definitions (Azure RBAC). */
const ARM_PRIVILEGE_PREFIXES: readonly string[] = ['microsoft.authorization/roleassignments/', 'microsoft.authorization/roledefinitions/', 'microsoft.authorization/denyassignments/'];

/** Entra sign-in error codes that are policy refusals: 53003 blocked by Conditional Access. */
const ENTRA_POLICY_DENIALS: ReadonlySet<number> = new Set([53003]);

function azureOperation(record: Json): string | undefined {
  const operation = valueAtPath(record, 'operationName');
  if (typeof operation === 'string') return operation;
  // Activity Log REST shape: { value, localizedValue }.
  return isRecord(operation) && typeof operation['value'] === 'string' ? operation['value'] : undefined;
}

/** Azure resultType: Success/Succeeded, Failure/Failed, 0, or a numeric error code; Start, Accept, ... say nothing. */
function azureResult(value: unknown): EventOutcome | null {
  const code = integerOf(value);
  if (code !== undefined) return code === 0 ? 'success' : 'failure';
  if (typeof value !== 'string') return null;
  const word = value.toLowerCase();
  if (word === 'success' || word === 'succeeded') return 'success';
  if (word === 'failure' || word === 'failed') return 'failure';
  return null;
}

function armCategories(operation: string, found: Found): void {
  const write = operation.endsWith('/write') || operation.endsWith('/delete');
  if (operation === 'microsoft.authorization/elevateaccess/action') add(found, PRIVILEGE);
  if (!write) return;
  if (ARM_PRIVILEGE_PREFIXES.some((prefix) => operation.startsWith(prefix))) add(found, PRIVILEGE);
  else if (operation.includes('/diagnosticsettings/') || operation.includes('/logprofiles/')) add(found, LOGGING_CONFIG);
  else add(found, CONFIG);
}

/** AKS audit events exported by Azure diagnostics: the Kubernetes event under properties.log. */
function aksEvent(record: Json): Json | null {
  const category = lowerAt(record, 'category');
  if (category === undefined || !category.startsWith('kube-audit')) return null;
  const log = valueAtPath(record, 'properties.log');
  if (isRecord(log)) return log;
  if (typeof log !== 'string' || !log.trimStart().startsWith('{')) return null;
  try {
    const parsed: unknown = JSON.parse(log);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function classifyAzure(record: Json): EventClass {
  const aks = aksEvent(record);
  if (aks !== null) return classifyK8s(aks);
  const found: Found = new Set();
  const category = lowerAt(record, 'category') ?? '';
  const operation = azureOperation(record)?.toLowerCase() ?? '';
  if (AZURE_SIGNIN_CATEGORIES.has(category) || operation === 'sign-in activity') add(found, AUTHN);
  if (category === 'auditlogs') {
    const activity = ENTRA_ACTIVITIES.get(operation) ?? ENTRA_AUDIT_CATEGORIES.get(lowerAt(record, 'properties.category') ?? '');
    if (activity !== undefined) add(found, activity);
  }
  if (operation.includes('/')) armCategories(operation, found);
  if (KEY_VAULT_DATA.has(operation) || AZURE_STORAGE_CATEGORIES.has(category)) add(found, DATA);
  const signInError = integerOf(valueAtPath(record, 'properties.status.errorCode'));
  if (signInError !== undefined && ENTRA_POLICY_DENIALS.has(signInError)) add(found, AUTHZ);
  const statusCode = lowerAt(record, 'properties.statusCode');
  if (statusCode === 'forbidden' || statusCode === 'unauthorized') add(found, AUTHZ);
  let outcome = azureResult(valueAtPath(record, 'resultType') ?? valueAtPath(record, 'ResultType'));
  if (outcome === null && signInError !== undefined) outcome = signInError === 0 ? 'success' : 'failure';
  outcome ??= azureResult(valueAtPath(record, 'properties.result')) ?? azureResult(valueAtPath(record, 'status.value'));
  return finish(found, outcome);
}

// ---------------------------------------------------------------------------------------------
// Okta System Log

/** Event types looked up exactly; they win over the prefixes below. */
const OKTA_EVENTS: ReadonlyMap<string, Categories> = new Map([
  ['user.session.start', AUTHN],
  ['user.authentication.slo', NONE],
  ['system.api_token.create', AUTHN],
  ['system.api_token.revoke', AUTHN],
  ['policy.evaluate_sign_on', AUTHZ],
  ['application.policy.sign_on.deny_access', AUTHZ],
  ['user.account.privilege.grant', PRIVILEGE],
  ['user.account.privilege.revoke', PRIVILEGE],
  ['group.privilege.grant', PRIVILEGE],
  ['group.privilege.revoke', PRIVILEGE],
  ['group.user_membership.add', MEMBERSHIP],
  ['group.user_membership.remove', MEMBERSHIP],
  ['application.user_membership.add', PRIVILEGE],
  ['application.user_membership.remove', PRIVILEGE],
  ['group.application_assignment.add', PRIVILEGE],
  ['group.application_assignment.remove', PRIVILEGE],
  ['user.account.update_password', ACCOUNT],
  ['user.account.reset_password', ACCOUNT],
  ['user.account.lock', ACCOUNT],
  ['user.account.lock.limit', ACCOUNT],
  ['user.account.unlock', ACCOUNT],
  ['user.account.unlock_by_admin', ACCOUNT],
  ['user.account.auto_unlock', ACCOUNT],
  ['user.account.update_profile', ACCOUNT],
  ['user.account.update_primary_email', ACCOUNT],
]);

const OKTA_PREFIXES: ReadonlyArray<readonly [string, Categories]> = [
  ['user.authentication.', AUTHN],
  ['app.oauth2.as.token.grant', AUTHN],
  ['app.oauth2.token.grant', AUTHN],
  ['user.lifecycle.', ACCOUNT],
  ['user.mfa.factor.', ACCOUNT],
  ['group.lifecycle.', ACCOUNT],
  ['system.log_stream.lifecycle.', LOGGING_CONFIG],
  ['policy.lifecycle.', CONFIG],
  ['policy.rule.', CONFIG],
  ['application.lifecycle.', CONFIG],
  ['zone.', CONFIG],
  ['system.idp.lifecycle.', CONFIG],
  ['security.authenticator.lifecycle.', CONFIG],
];

function classifyOkta(record: Json): EventClass {
  const found: Found = new Set();
  const eventType = stringAt(record, 'eventType');
  if (eventType !== undefined) {
    const exact = OKTA_EVENTS.get(eventType);
    if (exact !== undefined) add(found, exact);
    else for (const [prefix, categories] of OKTA_PREFIXES) if (eventType.startsWith(prefix)) add(found, categories);
  }
  const result = stringAt(record, 'outcome.result');
  // ALLOW and DENY are policy decisions; CHALLENGE, SKIPPED and UNKNOWN say nothing.
  if (result === 'ALLOW' || result === 'DENY') add(found, AUTHZ);
  const outcome: EventOutcome | null = result === 'SUCCESS' || result === 'ALLOW' ? 'success' : result === 'FAILURE' || result === 'DENY' ? 'failure' : null;
  return finish(found, outcome);
}

// ---------------------------------------------------------------------------------------------
// GitHub audit log

const GITHUB_ACTIONS: ReadonlyMap<string, Categories> = new Map([
  ['user.login', AUTHN],
  ['user.failed_login', AUTHN],
  ['oauth_access.create', AUTHN],
  ['oauth_access.destroy', AUTHN],
  ['user.create', ACCOUNT],
  ['user.destroy', ACCOUNT],
  ['user.suspend', ACCOUNT],
  ['user.unsuspend', ACCOUNT],
  ['user.rename', ACCOUNT],
  ['user.change_password', ACCOUNT],
  ['org.invite_member', ACCOUNT],
  ['team.create', ACCOUNT],
  ['team.destroy', ACCOUNT],
  ['org.add_member', MEMBERSHIP],
  ['org.remove_member', MEMBERSHIP],
  ['team.add_member', MEMBERSHIP],
  ['team.remove_member', MEMBERSHIP],
  ['org.update_member', PRIVILEGE],
  ['org.update_default_repository_permission', PRIVILEGE],
  ['org.oauth_app_access_approved', PRIVILEGE],
  ['org.oauth_app_access_denied', PRIVILEGE],
  ['team.add_repository', PRIVILEGE],
  ['team.remove_repository', PRIVILEGE],
  ['team.update_repository_permission', PRIVILEGE],
  ['repo.add_member', PRIVILEGE],
  ['repo.remove_member', PRIVILEGE],
  ['repo.update_member', PRIVILEGE],
  ['business.add_admin', PRIVILEGE],
  ['business.remove_admin', PRIVILEGE],
  ['user.promote', PRIVILEGE],
  ['user.demote', PRIVILEGE],
  ['git.clone', DATA],
  ['git.fetch', DATA],
  ['git.push', DATA],
  ['repo.download_zip', DATA],
  // Reading the audit log itself (PCI 10.2.1.3).
  ['org.audit_log_export', DATA],
  ['business.audit_log_export', DATA],
  ['audit_log_streaming.create', LOGGING_CONFIG],
  ['audit_log_streaming.update', LOGGING_CONFIG],
  ['audit_log_streaming.destroy', LOGGING_CONFIG],
  ['audit_log_streaming.enabled', LOGGING_CONFIG],
  ['audit_log_streaming.disabled', LOGGING_CONFIG],
]);

/** Operations (the part after the last dot) that change the thing in the action's category. */
const GITHUB_CHANGE_OPERATIONS: ReadonlySet<string> = new Set([
  'create',
  'destroy',
  'update',
  'delete',
  'rename',
  'transfer',
  'archived',
  'unarchived',
  'enable',
  'disable',
  'config_changed',
  'access',
]);

/** Actions that state their outcome; the audit log has no outcome field otherwise. */
const GITHUB_OUTCOMES: ReadonlyMap<string, EventOutcome> = new Map([['user.failed_login', 'failure']]);

function classifyGithub(record: Json): EventClass {
  const found: Found = new Set();
  const action = stringAt(record, 'action');
  if (action === undefined) return finish(found, null);
  const known = GITHUB_ACTIONS.get(action);
  if (known !== undefined) add(found, known);
  else if (GITHUB_CHANGE_OPERATIONS.has(action.slice(action.lastIndexOf('.') + 1))) add(found, CONFIG);
  return finish(found, GITHUB_OUTCOMES.get(action) ?? null);
}

// ---------------------------------------------------------------------------------------------
// OpenTelemetry logs

/** An attribute from `attributes` as an object (flattened or nested) or as OTLP's [{key, value}] list. */
function otelAttribute(record: Json, key: string): unknown {
  for (const field of ['attributes', 'Attributes']) {
    const attributes = valueAtPath(record, field);
    if (isRecord(attributes)) {
      const value = valueAtPath(attributes, key);
      if (value !== undefined) return value;
    } else if (Array.isArray(attributes)) {
      for (const entry of attributes) {
        if (!isRecord(entry) || entry['key'] !== key || !isRecord(entry['value'])) continue;
        const value = entry['value'];
        return value['stringValue'] ?? value['intValue'] ?? value['boolValue'];
      }
    }
  }
  return undefined;
}

function classifyOtel(record: Json): EventClass {
  const found: Found = new Set();
  const code = integerOf(otelAttribute(record, 'http.response.status_code') ?? otelAttribute(record, 'http.status_code'));
  if (isHttpDenial(code)) add(found, AUTHZ);
  const names: string[] = [];
  for (const value of [otelAttribute(record, 'event.name'), valueAtPath(record, 'eventName'), valueAtPath(record, 'EventName')]) {
    if (typeof value === 'string') names.push(value);
  }
  const stated = readNames(names, found);
  return finish(found, httpOutcome(code) ?? stated);
}

// ---------------------------------------------------------------------------------------------
// Syslog (with the `auth` enrichment of Linux authentication messages)

/** The enrichment's categories; a session opening or closing is not itself a sign-in attempt. */
const SYSLOG_AUTH_CATEGORIES: ReadonlyMap<string, Categories> = new Map([
  ['authentication', AUTHN],
  ['privilege', PRIVILEGE],
  ['account-change', ACCOUNT],
  ['session', NONE],
]);

/** Why sudo refused, as it writes it before TTY=: a policy refusal or a failed password. */
const SUDO_REASONS: ReadonlyArray<readonly [string, Categories]> = [
  ['NOT in sudoers', AUTHZ],
  ['NOT allowed to run', AUTHZ],
  ['command not allowed', AUTHZ],
  ['not allowed to execute', AUTHZ],
  ['incorrect password attempt', AUTHN],
  ['a password is required', AUTHN],
];

/**
 * Messages of the logging daemons themselves: rsyslog's start and exit lines, syslog-ng's,
 * journald's, systemd starting and stopping the logging and audit services, the audit daemon
 * exiting, and the kernel's CONFIG_CHANGE (type=1305) of audit settings.
 */
const LOGGING_MESSAGES: ReadonlyArray<{ readonly test: (message: string) => boolean; readonly categories: Categories }> = [
  {
    test: (m) => m.includes('origin software="rsyslogd"') && (m.endsWith('] start') || m.includes('] exiting on signal')),
    categories: LOGGING,
  },
  { test: (m) => m.startsWith('syslog-ng starting up') || m.startsWith('syslog-ng shutting down'), categories: LOGGING },
  { test: (m) => m.startsWith('Journal started') || m.startsWith('Journal stopped'), categories: LOGGING },
  {
    test: (m) =>
      (m.startsWith('Started ') || m.startsWith('Stopped ')) &&
      (m.includes('System Logging Service') || m.includes('Security Auditing Service') || m.includes('Journal Service') || m.includes('System Logger Daemon')),
    categories: LOGGING,
  },
  { test: (m) => m.startsWith('The audit daemon is exiting'), categories: LOGGING },
  { test: (m) => m.includes('audit: type=1305 '), categories: LOGGING_CONFIG },
];

function classifySyslog(record: Json): EventClass {
  const found: Found = new Set();
  const message = typeof record['message'] === 'string' ? record['message'].trim() : '';
  const auth = record['auth'];
  let outcome: EventOutcome | null = null;
  if (isRecord(auth)) {
    const category = typeof auth['category'] === 'string' ? auth['category'] : '';
    const action = auth['action'];
    add(found, SYSLOG_AUTH_CATEGORIES.get(category) ?? NONE);
    if (action === 'group-member-added' || action === 'group-member-removed') add(found, PRIVILEGE);
    if (category === 'privilege') {
      // A PAM auth-stack failure in sudo/su is a failed authentication as well.
      if (message.startsWith('pam_') && message.includes(':auth)')) add(found, AUTHN);
      for (const [reason, categories] of SUDO_REASONS) if (message.includes(reason)) add(found, categories);
    }
    if (auth['outcome'] === 'success' || auth['outcome'] === 'failure') outcome = auth['outcome'];
  }
  for (const rule of LOGGING_MESSAGES) if (rule.test(message)) add(found, rule.categories);
  return finish(found, outcome);
}

// ---------------------------------------------------------------------------------------------
// Linux audit (auditd)

/** Record types (linux/audit.h, audit-userspace) and what they record. */
const AUDITD_TYPES: ReadonlyMap<string, Categories> = new Map([
  ['USER_AUTH', AUTHN],
  ['USER_LOGIN', AUTHN],
  ['USER_ERR', AUTHN],
  ['GRP_AUTH', AUTHN],
  ['ANOM_LOGIN_FAILURES', AUTHN],
  // PAM account management: may this (authenticated) account use the service now?
  ['USER_ACCT', AUTHZ],
  // SELinux / AppArmor access decisions.
  ['AVC', AUTHZ],
  ['USER_AVC', AUTHZ],
  ['APPARMOR_DENIED', AUTHZ],
  ['ADD_USER', ACCOUNT],
  ['DEL_USER', ACCOUNT],
  ['ADD_GROUP', ACCOUNT],
  ['DEL_GROUP', ACCOUNT],
  ['USER_MGMT', ACCOUNT],
  ['GRP_MGMT', ACCOUNT],
  ['USER_CHAUTHTOK', ACCOUNT],
  ['GRP_CHAUTHTOK', ACCOUNT],
  ['ACCT_LOCK', ACCOUNT],
  ['ACCT_UNLOCK', ACCOUNT],
  ['ROLE_ASSIGN', PRIVILEGE],
  ['ROLE_REMOVE', PRIVILEGE],
  ['ROLE_MODIFY', PRIVILEGE],
  ['USER_ROLE_CHANGE', PRIVILEGE],
  // A command run through sudo.
  ['USER_CMD', PRIVILEGE],
  // CONFIG_CHANGE records changes to the audit configuration and rules.
  ['CONFIG_CHANGE', LOGGING_CONFIG],
  ['DAEMON_START', LOGGING],
  ['DAEMON_END', LOGGING],
  ['DAEMON_ABORT', LOGGING],
  ['DAEMON_RESUME', LOGGING],
  ['DAEMON_CONFIG', LOGGING_CONFIG],
  ['DAEMON_RECONFIG', LOGGING_CONFIG],
  ['MAC_POLICY_LOAD', CONFIG],
  ['MAC_CONFIG_CHANGE', CONFIG],
  ['MAC_STATUS', CONFIG],
  ['NETFILTER_CFG', CONFIG],
  ['USYS_CONFIG', CONFIG],
  ['SOFTWARE_UPDATE', CONFIG],
]);

/** Services whose start and stop (SERVICE_START / SERVICE_STOP `unit=`) start and stop logging. */
const LOGGING_UNITS: ReadonlySet<string> = new Set(['auditd', 'rsyslog', 'syslog-ng', 'systemd-journald', 'syslog']);

/** File-opening and file-changing system calls, by name (ENRICHED logs) ... */
const FILE_SYSCALLS: ReadonlySet<string> = new Set(['open', 'openat', 'openat2', 'creat', 'truncate', 'ftruncate', 'unlink', 'unlinkat', 'rename', 'renameat', 'renameat2']);
/** ... and by number, per architecture (`arch=`): x86_64 (c000003e) and aarch64 (c00000b7). */
const FILE_SYSCALL_NUMBERS: ReadonlyMap<string, ReadonlySet<number>> = new Map([
  ['c000003e', new Set([2, 85, 76, 77, 82, 87, 257, 263, 264, 316, 437])],
  ['c00000b7', new Set([56, 45, 46, 35, 38, 276, 437])],
]);

const AUDITD_RESULTS: ReadonlyMap<string, EventOutcome> = new Map([
  ['success', 'success'],
  ['yes', 'success'],
  ['1', 'success'],
  ['failed', 'failure'],
  ['failure', 'failure'],
  ['no', 'failure'],
  ['0', 'failure'],
]);

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function auditdTypes(record: Json): string[] {
  const types = record['types'];
  const list = Array.isArray(types) ? types.filter((type): type is string => typeof type === 'string') : [];
  const type = record['type'];
  if (typeof type === 'string' && !list.includes(type)) list.push(type);
  return list;
}

function isFileSyscall(record: Json): boolean {
  const translated = record['translated'];
  const name = isRecord(translated) ? translated['SYSCALL'] : undefined;
  if (typeof name === 'string') return FILE_SYSCALLS.has(name.toLowerCase());
  const syscall = record['syscall'];
  if (typeof syscall === 'string' && FILE_SYSCALLS.has(syscall.toLowerCase())) return true;
  const arch = record['arch'];
  const number = integerOf(syscall);
  return typeof arch === 'string' && number !== undefined && (FILE_SYSCALL_NUMBERS.get(arch.toLowerCase())?.has(number) ?? false);
}

function classifyAuditd(record: Json): EventClass {
  const found: Found = new Set();
  const types = auditdTypes(record);
  for (const type of types) add(found, AUDITD_TYPES.get(type) ?? NONE);
  const exe = typeof record['exe'] === 'string' ? basename(record['exe']) : '';
  // Authenticating to sudo or su is asking for other privileges.
  if (types.includes('USER_AUTH') && (exe === 'sudo' || exe === 'su')) add(found, PRIVILEGE);
  // Group membership: "adding user to shadow group", "delete-user-from-group", "group member".
  const op = record['op'];
  if (typeof op === 'string') {
    const opWords = op.toLowerCase().split(/[^a-z0-9]+/);
    const group = opWords.includes('group');
    if (group && opWords.includes('user') && (opWords.includes('to') || opWords.includes('from'))) add(found, MEMBERSHIP);
    if (group && opWords.includes('member')) add(found, MEMBERSHIP);
  }
  const unit = record['unit'];
  if ((types.includes('SERVICE_START') || types.includes('SERVICE_STOP')) && typeof unit === 'string' && LOGGING_UNITS.has(unit)) add(found, LOGGING);
  // A watched file opened or changed: SYSCALL with PATH records for a file system call.
  if (types.includes('SYSCALL') && types.includes('PATH') && isFileSyscall(record)) add(found, DATA);
  let outcome: EventOutcome | null = null;
  for (const key of ['res', 'success']) {
    const value = record[key];
    if (typeof value === 'string') {
      outcome = AUDITD_RESULTS.get(value.toLowerCase()) ?? null;
      if (outcome !== null) break;
    }
  }
  // AppArmor: apparmor="DENIED" / "ALLOWED" (complain mode).
  const apparmor = record['apparmor'];
  if (outcome === null && typeof apparmor === 'string') outcome = apparmor === 'DENIED' ? 'failure' : apparmor === 'ALLOWED' ? 'success' : null;
  return finish(found, outcome);
}

// ---------------------------------------------------------------------------------------------
// CEF and LEEF

function classifyCef(record: Json): EventClass {
  const found: Found = new Set();
  const stated = readNames(stringsAt(record, ['cef.name', 'cat']), found);
  const decision = decisionOf(record['act']);
  // act=allowed/blocked: the device decided on a request.
  if (decision !== null) add(found, AUTHZ);
  return finish(found, outcomeOfValue(record['outcome']) ?? decision ?? stated);
}

function classifyLeef(record: Json): EventClass {
  const found: Found = new Set();
  const stated = readNames(stringsAt(record, ['leef.eventId', 'cat']), found);
  const decision = decisionOf(record['action']);
  if (decision !== null) add(found, AUTHZ);
  return finish(found, outcomeOfValue(record['result']) ?? outcomeOfValue(record['outcome']) ?? decision ?? stated);
}

// ---------------------------------------------------------------------------------------------
// Access logs

/** Last path segments (extension dropped) of sign-in form and API endpoints. */
const LOGIN_ENDPOINTS: ReadonlySet<string> = new Set(['login', 'signin', 'sign-in', 'sign_in', 'logon', 'log-in', 'authenticate', 'j_security_check', 'wp-login']);
const PAGE_EXTENSIONS: readonly string[] = ['.php', '.aspx', '.asp', '.jsp', '.do', '.action', '.html'];

/** A POST to a sign-in endpoint or an OAuth/OIDC token endpoint. */
function isLoginRequest(method: unknown, path: unknown): boolean {
  if (method !== 'POST' || typeof path !== 'string') return false;
  const query = path.indexOf('?');
  const clean = (query === -1 ? path : path.slice(0, query)).toLowerCase();
  const segments = clean.split('/').filter((segment) => segment.length > 0);
  let last = segments[segments.length - 1] ?? '';
  for (const extension of PAGE_EXTENSIONS) {
    if (last.endsWith(extension)) {
      last = last.slice(0, -extension.length);
      break;
    }
  }
  if (LOGIN_ENDPOINTS.has(last)) return true;
  return last === 'token' && segments.some((segment) => segment.startsWith('oauth') || segment === 'openid-connect');
}

function classifyAccessLog(record: Json): EventClass {
  const found: Found = new Set();
  const status = integerOf(record['status']);
  if (isLoginRequest(record['method'], record['path'])) add(found, AUTHN);
  if (isHttpDenial(status)) add(found, AUTHZ);
  return finish(found, httpOutcome(status));
}

// ---------------------------------------------------------------------------------------------
// Plain application JSON

/** Fields that name what happened. (`method` is left out: in application logs it is the HTTP method.) */
const GENERIC_ACTION_FIELDS: readonly string[] = [
  'action',
  'event',
  'event.action',
  'event_name',
  'eventName',
  'operation',
  'event_type',
  'eventType',
  'activity',
  'Action',
  'ActionType',
  'category',
  'type',
  'event_category',
];
/** Fields that name the kind of object a bare-verb action (`"action": "suspend"`) acted on. */
const GENERIC_OBJECT_FIELDS: readonly string[] = ['object_type', 'objectType', 'object.type', 'resource_type', 'resourceType', 'target_type', 'targetType'];
const GENERIC_OUTCOME_FIELDS: readonly string[] = ['outcome', 'result', 'status', 'status_code', 'statusCode', 'success', 'Outcome', 'Result', 'ActionResult'];
const GENERIC_HTTP_FIELDS: readonly string[] = ['status', 'status_code', 'statusCode', 'http.status_code', 'http.response.status_code'];

function classifyGenericJson(record: Json, actionFields: readonly string[] = GENERIC_ACTION_FIELDS, outcomeFields: readonly string[] = GENERIC_OUTCOME_FIELDS): EventClass {
  const found: Found = new Set();
  const names = stringsAt(record, actionFields);
  const first = names[0];
  if (first !== undefined && actionWords(first).length === 1) {
    const object = stringsAt(record, GENERIC_OBJECT_FIELDS)[0];
    if (object !== undefined) names.push(`${first} ${object}`);
  }
  const stated = readNames(names, found);
  for (const path of GENERIC_HTTP_FIELDS) {
    if (isHttpDenial(integerOf(valueAtPath(record, path)))) {
      add(found, AUTHZ);
      break;
    }
  }
  let outcome: EventOutcome | null = null;
  for (const path of outcomeFields) {
    // valueAtPath drops empty values; `false` is a value.
    outcome = outcomeOfValue(valueAtPath(record, path));
    if (outcome !== null) break;
  }
  return finish(found, outcome ?? stated);
}

// ---------------------------------------------------------------------------------------------

function nothing(): EventClass {
  return { categories: [], outcome: null };
}

const CLASSIFIERS: ReadonlyMap<string, (record: Json) => EventClass> = new Map([
  ['k8s-audit', classifyK8s],
  ['ecs', classifyEcs],
  ['ocsf', classifyOcsf],
  ['cloudtrail', classifyCloudTrail],
  // A digest vouches for log files; it records no event of its own.
  ['cloudtrail-digest', nothing],
  ['gcp-audit', classifyGcp],
  ['azure', classifyAzure],
  ['okta', classifyOkta],
  ['github-audit', classifyGithub],
  ['otel', classifyOtel],
  ['syslog', classifySyslog],
  ['cef', classifyCef],
  ['leef', classifyLeef],
  ['auditd', classifyAuditd],
  ['access-log', classifyAccessLog],
  ['generic-json', classifyGenericJson],
  // Unstructured text: nothing to read reliably.
  ['text', nothing],
]);

/**
 * The security-event categories of one record and whether it succeeded, read by the rules of its
 * schema (a `detectSchema` id, or the format schema a parser assigned). Unknown schemas give no
 * categories and a null outcome.
 */
export function classifyEvent(record: Record<string, unknown>, schema: string): EventClass {
  const classify = CLASSIFIERS.get(schema);
  return classify === undefined ? nothing() : classify(record);
}

/** The user's names first, then the built-in ones they do not repeat. */
function withUserNames(user: readonly string[] | undefined, builtin: readonly string[]): readonly string[] {
  if (!user || user.length === 0) return builtin;
  const names = [...new Set(user)];
  return [...names, ...builtin.filter((b) => !names.includes(b))];
}

/**
 * `classifyEvent` with the configuration's aliases: plain application JSON, whose action and
 * outcome may be anywhere, is also read at the user's `action` and `outcome` names (first).
 * Known schemas are classified by their own fields only. The lists are merged once, here.
 */
export function eventClassifier(aliases?: UserAliases): (record: Record<string, unknown>, schema: string) => EventClass {
  if (!aliases || ((aliases.action?.length ?? 0) === 0 && (aliases.outcome?.length ?? 0) === 0)) return classifyEvent;
  const actionFields = withUserNames(aliases.action, GENERIC_ACTION_FIELDS);
  const outcomeFields = withUserNames(aliases.outcome, GENERIC_OUTCOME_FIELDS);
  return (record, schema) => (schema === 'generic-json' ? classifyGenericJson(record, actionFields, outcomeFields) : classifyEvent(record, schema));
}
