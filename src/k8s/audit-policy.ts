/**
 * A pure evaluator of Kubernetes audit `Policy` documents (audit.k8s.io/v1, also v1beta1 and
 * v1alpha1) that follows kube-apiserver's own first-match semantics, plus named probes: the
 * questions a rule pack asks of a policy ("at what level are secret reads logged?").
 *
 * The module reads plain data (`unknown`) and never touches the file system or the process.
 */

export const AUDIT_LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'] as const;
export type AuditLevel = (typeof AUDIT_LEVELS)[number];

export const AUDIT_STAGES = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'] as const;
export type AuditStage = (typeof AUDIT_STAGES)[number];

/** None 0 .. RequestResponse 3: a higher number records more of the request. */
export const LEVEL_ORDER: Record<AuditLevel, number> = Object.freeze({
  None: 0,
  Metadata: 1,
  Request: 2,
  RequestResponse: 3,
});

export interface GroupResources {
  /** API group; `""` is the core group (a missing `group` in the document means core). */
  group: string;
  // Empty: every resource of the group. Entries may be "*", "resource/sub", "*/sub" or "resource/*".
  resources: string[];
  /** Empty: any object name. */
  resourceNames: string[];
}

export interface AuditPolicyRule {
  /** 0-based position in the document's `rules`, kept even when earlier rules were skipped. */
  index: number;
  level: AuditLevel;
  users: string[];
  userGroups: string[];
  verbs: string[];
  resources: GroupResources[];
  namespaces: string[];
  nonResourceURLs: string[];
  omitStages: AuditStage[];
}

export interface AuditPolicy {
  rules: AuditPolicyRule[];
  omitStages: AuditStage[];
  omitManagedFields: boolean;
}

export interface PolicyProblem {
  /** Path into the document data, for locating the problem. */
  path: (string | number)[];
  message: string;
}

export interface AuditRequest {
  user: string;
  groups: string[];
  verb: string;
  // A resource request when `resource` is set:
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  /** `""` (or absent) for cluster-scoped resources. */
  namespace?: string;
  name?: string;
  // A non-resource request when `path` is set (and `resource` is not):
  path?: string;
}

export interface Decision {
  level: AuditLevel;
  omitStages: AuditStage[];
  /** `null`: no rule matched, so the level is None. */
  ruleIndex: number | null;
}

const POLICY_API_VERSIONS: readonly string[] = ['audit.k8s.io/v1', 'audit.k8s.io/v1beta1', 'audit.k8s.io/v1alpha1'];

// ---------------------------------------------------------------------------------------------
// Narrowing helpers

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAuditLevel(value: unknown): value is AuditLevel {
  return typeof value === 'string' && (AUDIT_LEVELS as readonly string[]).includes(value);
}

function isAuditStage(value: unknown): value is AuditStage {
  return typeof value === 'string' && (AUDIT_STAGES as readonly string[]).includes(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

/** `true` when the data is a kube-apiserver audit Policy (apiVersion audit.k8s.io/v1, v1beta1 or v1alpha1, kind Policy). */
export function isAuditPolicyDocument(data: unknown): boolean {
  if (!isPlainObject(data)) return false;
  const { apiVersion, kind } = data;
  return typeof apiVersion === 'string' && POLICY_API_VERSIONS.includes(apiVersion) && kind === 'Policy';
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** Reads a list of strings; a missing or null field is an empty list (as Go decodes it). */
function readStringList(
  owner: PlainObject,
  key: string,
  path: (string | number)[],
  problems: PolicyProblem[],
): string[] | undefined {
  const value = owner[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ path: [...path, key], message: `\`${key}\` must be a list of strings, found ${describe(value)}` });
    return undefined;
  }
  const out: string[] = [];
  let ok = true;
  value.forEach((item: unknown, i) => {
    if (typeof item === 'string') {
      out.push(item);
    } else {
      ok = false;
      problems.push({ path: [...path, key, i], message: `\`${key}\` entries must be strings, found ${describe(item)}` });
    }
  });
  return ok ? out : undefined;
}

function readStages(
  owner: PlainObject,
  path: (string | number)[],
  problems: PolicyProblem[],
): AuditStage[] | undefined {
  const names = readStringList(owner, 'omitStages', path, problems);
  if (names === undefined) return undefined;
  const stages: AuditStage[] = [];
  let ok = true;
  names.forEach((name, i) => {
    if (isAuditStage(name)) {
      if (!stages.includes(name)) stages.push(name);
    } else {
      ok = false;
      problems.push({
        path: [...path, 'omitStages', i],
        message: `unknown audit stage ${JSON.stringify(name)}; expected one of ${AUDIT_STAGES.join(', ')} (names are case-sensitive)`,
      });
    }
  });
  return ok ? stages : undefined;
}

function levelMessage(value: unknown): string {
  if (value === undefined) return `rule has no \`level\`; expected one of ${AUDIT_LEVELS.join(', ')}`;
  if (typeof value === 'string') {
    const sameIgnoringCase = AUDIT_LEVELS.find((level) => level.toLowerCase() === value.toLowerCase());
    const hint = sameIgnoringCase !== undefined ? ` (level names are case-sensitive: did you mean "${sameIgnoringCase}"?)` : '';
    return `unknown audit level ${JSON.stringify(value)}; expected one of ${AUDIT_LEVELS.join(', ')}${hint}`;
  }
  return `\`level\` must be a string, found ${describe(value)}`;
}

// Lower-case RFC 1123 subdomain, as kube-apiserver requires of a non-core API group.
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function readGroupResources(
  value: unknown,
  path: (string | number)[],
  problems: PolicyProblem[],
): GroupResources | undefined {
  if (!isPlainObject(value)) {
    problems.push({ path, message: `\`resources\` entries must be mappings with \`group\`, \`resources\`, \`resourceNames\`, found ${describe(value)}` });
    return undefined;
  }
  let ok = true;
  let group = '';
  const rawGroup = value['group'];
  if (rawGroup !== undefined && rawGroup !== null) {
    if (typeof rawGroup !== 'string') {
      problems.push({ path: [...path, 'group'], message: `\`group\` must be a string, found ${describe(rawGroup)}` });
      ok = false;
    } else {
      group = rawGroup;
      if (group !== '' && (group.length > 253 || !DNS_SUBDOMAIN.test(group))) {
        problems.push({
          path: [...path, 'group'],
          message: `API group ${JSON.stringify(group)} is not a lower-case DNS subdomain (use "" for the core group; do not include a version)`,
        });
        ok = false;
      }
    }
  }
  const resources = readStringList(value, 'resources', path, problems);
  const resourceNames = readStringList(value, 'resourceNames', path, problems);
  if (resources === undefined || resourceNames === undefined) return undefined;
  if (resourceNames.length > 0 && resources.length === 0) {
    problems.push({ path: [...path, 'resourceNames'], message: 'using `resourceNames` requires at least one resource' });
    ok = false;
  }
  return ok ? { group, resources, resourceNames } : undefined;
}

function readRule(value: unknown, index: number, problems: PolicyProblem[]): AuditPolicyRule | undefined {
  const path: (string | number)[] = ['rules', index];
  if (!isPlainObject(value)) {
    problems.push({ path, message: `rule must be a mapping, found ${describe(value)}` });
    return undefined;
  }
  let ok = true;

  const rawLevel = value['level'];
  const level = isAuditLevel(rawLevel) ? rawLevel : undefined;
  if (level === undefined) {
    problems.push({ path: [...path, 'level'], message: levelMessage(rawLevel) });
    ok = false;
  }

  const users = readStringList(value, 'users', path, problems);
  const userGroups = readStringList(value, 'userGroups', path, problems);
  const verbs = readStringList(value, 'verbs', path, problems);
  const namespaces = readStringList(value, 'namespaces', path, problems);
  const nonResourceURLs = readStringList(value, 'nonResourceURLs', path, problems);
  const omitStages = readStages(value, path, problems);

  let resources: GroupResources[] | undefined = [];
  const rawResources = value['resources'];
  if (rawResources !== undefined && rawResources !== null) {
    if (!Array.isArray(rawResources)) {
      problems.push({ path: [...path, 'resources'], message: `\`resources\` must be a list of group resources, found ${describe(rawResources)}` });
      resources = undefined;
    } else {
      const list: GroupResources[] = [];
      rawResources.forEach((entry: unknown, i) => {
        const parsed = readGroupResources(entry, [...path, 'resources', i], problems);
        if (parsed === undefined) ok = false;
        else list.push(parsed);
      });
      resources = list;
    }
  }

  const rawOmitManagedFields = value['omitManagedFields'];
  if (rawOmitManagedFields !== undefined && rawOmitManagedFields !== null && typeof rawOmitManagedFields !== 'boolean') {
    problems.push({ path: [...path, 'omitManagedFields'], message: `\`omitManagedFields\` must be a boolean, found ${describe(rawOmitManagedFields)}` });
    ok = false;
  }

  if (nonResourceURLs !== undefined) {
    nonResourceURLs.forEach((url, i) => {
      if (url === '*') return;
      if (!url.startsWith('/')) {
        problems.push({ path: [...path, 'nonResourceURLs', i], message: `non-resource URL ${JSON.stringify(url)} must begin with "/"` });
        ok = false;
      }
      if (url.slice(0, -1).includes('*')) {
        problems.push({ path: [...path, 'nonResourceURLs', i], message: `non-resource URL ${JSON.stringify(url)}: a "*" wildcard must be the final character` });
        ok = false;
      }
    });
    if (nonResourceURLs.length > 0 && ((resources?.length ?? 0) > 0 || (namespaces?.length ?? 0) > 0)) {
      problems.push({ path: [...path, 'nonResourceURLs'], message: 'a rule cannot apply to both resources/namespaces and non-resource URLs' });
      ok = false;
    }
  }

  if (
    !ok ||
    level === undefined ||
    users === undefined ||
    userGroups === undefined ||
    verbs === undefined ||
    namespaces === undefined ||
    nonResourceURLs === undefined ||
    omitStages === undefined ||
    resources === undefined
  ) {
    return undefined;
  }
  return { index, level, users, userGroups, verbs, resources, namespaces, nonResourceURLs, omitStages };
}

/**
 * Reads an audit Policy from plain data. Anything kube-apiserver would refuse becomes a problem
 * with a path into the data; an offending rule is left out (the others keep their original
 * `index`). Level and stage names are case-sensitive, as in Kubernetes.
 */
export function parseAuditPolicy(data: unknown): { policy: AuditPolicy; problems: PolicyProblem[] } {
  const problems: PolicyProblem[] = [];
  const policy: AuditPolicy = { rules: [], omitStages: [], omitManagedFields: false };
  if (!isPlainObject(data)) {
    problems.push({ path: [], message: `an audit Policy must be a mapping, found ${describe(data)}` });
    return { policy, problems };
  }

  const { apiVersion, kind } = data;
  if (typeof apiVersion !== 'string' || !POLICY_API_VERSIONS.includes(apiVersion)) {
    problems.push({
      path: ['apiVersion'],
      message: `apiVersion must be one of ${POLICY_API_VERSIONS.join(', ')}, found ${apiVersion === undefined ? 'none' : describe(apiVersion)}`,
    });
  }
  if (kind !== 'Policy') {
    problems.push({ path: ['kind'], message: `kind must be "Policy", found ${kind === undefined ? 'none' : describe(kind)}` });
  }

  policy.omitStages = readStages(data, [], problems) ?? [];

  const rawOmitManagedFields = data['omitManagedFields'];
  if (typeof rawOmitManagedFields === 'boolean') {
    policy.omitManagedFields = rawOmitManagedFields;
  } else if (rawOmitManagedFields !== undefined && rawOmitManagedFields !== null) {
    problems.push({ path: ['omitManagedFields'], message: `\`omitManagedFields\` must be a boolean, found ${describe(rawOmitManagedFields)}` });
  }

  const rawRules = data['rules'];
  if (rawRules !== undefined && rawRules !== null && !Array.isArray(rawRules)) {
    problems.push({ path: ['rules'], message: `\`rules\` must be a list, found ${describe(rawRules)}` });
  } else if (!Array.isArray(rawRules) || rawRules.length === 0) {
    problems.push({
      path: ['rules'],
      message: 'policy has no rules; kube-apiserver refuses to load a policy with 0 rules',
    });
  } else {
    rawRules.forEach((entry: unknown, index) => {
      const rule = readRule(entry, index, problems);
      if (rule !== undefined) policy.rules.push(rule);
    });
  }
  return { policy, problems };
}

// ---------------------------------------------------------------------------------------------
// Matching (kube-apiserver's policy checker)

function isResourceRequest(request: AuditRequest): boolean {
  return request.resource !== undefined;
}

function matchesResource(rule: AuditPolicyRule, request: AuditRequest): boolean {
  if (!isResourceRequest(request)) return false;
  const namespace = request.namespace ?? '';
  if (rule.namespaces.length > 0 && !rule.namespaces.includes(namespace)) return false;
  if (rule.resources.length === 0) return true;

  const apiGroup = request.apiGroup ?? '';
  const resource = request.resource ?? '';
  const subresource = request.subresource ?? '';
  const combined = subresource !== '' ? `${resource}/${subresource}` : resource;
  const name = request.name ?? '';

  for (const entry of rule.resources) {
    if (entry.group !== apiGroup) continue;
    if (entry.resources.length === 0) return true;
    if (entry.resourceNames.length > 0 && !entry.resourceNames.includes(name)) continue;
    for (const res of entry.resources) {
      if (res === combined || res === '*') return true;
      if (subresource !== '' && res.startsWith('*/') && res.slice(2) === subresource) return true;
      // "resource/*" matches every subresource of the resource, and the resource itself.
      if (res.endsWith('/*') && res.slice(0, -2) === resource) return true;
    }
  }
  return false;
}

function matchesNonResource(rule: AuditPolicyRule, request: AuditRequest): boolean {
  if (isResourceRequest(request) || request.path === undefined) return false;
  const path = request.path;
  return rule.nonResourceURLs.some((spec) => {
    if (spec === '*' || spec === path) return true;
    return spec.endsWith('*') && path.startsWith(spec.replace(/\*+$/, ''));
  });
}

function ruleMatches(rule: AuditPolicyRule, request: AuditRequest): boolean {
  if (rule.users.length > 0 && !rule.users.includes(request.user)) return false;
  if (rule.userGroups.length > 0 && !request.groups.some((group) => rule.userGroups.includes(group))) return false;
  if (rule.verbs.length > 0 && !rule.verbs.includes(request.verb)) return false;
  if (rule.namespaces.length > 0 || rule.resources.length > 0) return matchesResource(rule, request);
  if (rule.nonResourceURLs.length > 0) return matchesNonResource(rule, request);
  return true;
}

function unionStages(a: readonly AuditStage[], b: readonly AuditStage[]): AuditStage[] {
  return AUDIT_STAGES.filter((stage) => a.includes(stage) || b.includes(stage));
}

/** The first matching rule decides; its omitStages are unioned with the policy's. */
export function decide(policy: AuditPolicy, request: AuditRequest): Decision {
  for (const rule of policy.rules) {
    if (ruleMatches(rule, request)) {
      return { level: rule.level, omitStages: unionStages(policy.omitStages, rule.omitStages), ruleIndex: rule.index };
    }
  }
  return { level: 'None', omitStages: unionStages(policy.omitStages, []), ruleIndex: null };
}

/**
 * The level a normal request is actually recorded at: None when both RequestReceived and
 * ResponseComplete are omitted (only panics would then produce an event), else the decided level.
 */
export function effectiveLevel(decision: Decision): AuditLevel {
  if (decision.omitStages.includes('RequestReceived') && decision.omitStages.includes('ResponseComplete')) return 'None';
  return decision.level;
}

// ---------------------------------------------------------------------------------------------
// Probes

export interface Probe {
  name: string;
  description: string;
  requests: Omit<AuditRequest, 'user' | 'groups'>[];
}

export interface ProbeResult {
  /** Effective level for a generic authenticated user: the lowest over the probe's requests. */
  level: AuditLevel;
  /** Highest effective level over all principals, named namespaces and requests (what might be captured). */
  maxLevel: AuditLevel;
  /** Lowest effective level over all principals, named namespaces and requests (exemptions). */
  minLevel: AuditLevel;
  /** The rule that decided `level` (the generic user's request with the lowest level). */
  ruleIndex: number | null;
  /** The first rule found to decide `maxLevel` (null when no rule matched). */
  maxRuleIndex: number | null;
  /** The first rule found to decide `minLevel` (null when no rule matched). */
  minRuleIndex: number | null;
  /**
   * Who or where is logged below `level`, sorted: `user:NAME`, `group:NAME`, `namespace:NS`, or
   * `user:NAME in namespace:NS` (principals and namespaces the policy singles out).
   */
  exemptPrincipals: string[];
}

const PROBE_NAMESPACE = 'ztmm-probe';
const PROBE_NAME = 'ztmm-probe';
const GENERIC_USER = 'ztmm:probe-user';
const GROUP_MEMBER_USER = 'ztmm:probe-member';
const AUTHENTICATED = 'system:authenticated';

type ProbeRequest = Omit<AuditRequest, 'user' | 'groups'>;

function resourceRequests(
  verbs: readonly string[],
  apiGroup: string,
  resource: string,
  options: { subresource?: string; clusterScoped?: boolean } = {},
): ProbeRequest[] {
  return verbs.map((verb) => {
    const request: ProbeRequest = {
      verb,
      apiGroup,
      resource,
      namespace: options.clusterScoped === true ? '' : PROBE_NAMESPACE,
      name: PROBE_NAME,
    };
    if (options.subresource !== undefined) request.subresource = options.subresource;
    return request;
  });
}

const READ_VERBS = ['get', 'list', 'watch'] as const;
const WRITE_VERBS = ['create', 'update', 'patch', 'delete'] as const;
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RBAC_VERBS = [...WRITE_VERBS, 'bind', 'escalate'] as const;
const CONNECT_VERBS = ['create', 'get'] as const;

export const PROBES: readonly Probe[] = Object.freeze([
  {
    name: 'secrets',
    description: 'Reads of core Secrets (get, list, watch)',
    requests: resourceRequests(READ_VERBS, '', 'secrets'),
  },
  {
    name: 'secrets-write',
    description: 'Changes to core Secrets (create, update, patch, delete)',
    requests: resourceRequests(WRITE_VERBS, '', 'secrets'),
  },
  {
    name: 'configmaps',
    description: 'Reads and changes of core ConfigMaps',
    requests: resourceRequests([...READ_VERBS, ...WRITE_VERBS], '', 'configmaps'),
  },
  {
    name: 'tokenreviews',
    description: 'TokenReview creation (authentication.k8s.io), which carries bearer tokens',
    requests: resourceRequests(['create'], 'authentication.k8s.io', 'tokenreviews', { clusterScoped: true }),
  },
  {
    name: 'pods-exec',
    description: 'kubectl exec into pods (pods/exec)',
    requests: resourceRequests(CONNECT_VERBS, '', 'pods', { subresource: 'exec' }),
  },
  {
    name: 'pods-attach',
    description: 'kubectl attach to pods (pods/attach)',
    requests: resourceRequests(CONNECT_VERBS, '', 'pods', { subresource: 'attach' }),
  },
  {
    name: 'pods-portforward',
    description: 'kubectl port-forward to pods (pods/portforward)',
    requests: resourceRequests(CONNECT_VERBS, '', 'pods', { subresource: 'portforward' }),
  },
  {
    name: 'pods-proxy',
    description: 'API server proxy to pods (pods/proxy)',
    requests: resourceRequests(CONNECT_VERBS, '', 'pods', { subresource: 'proxy' }),
  },
  {
    name: 'services-proxy',
    description: 'API server proxy to services (services/proxy)',
    requests: resourceRequests(CONNECT_VERBS, '', 'services', { subresource: 'proxy' }),
  },
  {
    name: 'pods-write',
    description: 'Changes to core Pods (create, update, patch, delete)',
    requests: resourceRequests(WRITE_VERBS, '', 'pods'),
  },
  {
    name: 'deployments-write',
    description: 'Changes to apps Deployments (create, update, patch, delete)',
    requests: resourceRequests(WRITE_VERBS, 'apps', 'deployments'),
  },
  {
    name: 'rbac-write',
    description: 'Changes to RBAC roles and bindings, including bind and escalate',
    requests: [
      ...resourceRequests(RBAC_VERBS, RBAC_GROUP, 'roles'),
      ...resourceRequests(RBAC_VERBS, RBAC_GROUP, 'rolebindings'),
      ...resourceRequests(RBAC_VERBS, RBAC_GROUP, 'clusterroles', { clusterScoped: true }),
      ...resourceRequests(RBAC_VERBS, RBAC_GROUP, 'clusterrolebindings', { clusterScoped: true }),
    ],
  },
  {
    name: 'serviceaccount-tokens',
    description: 'TokenRequest: minting service account tokens (serviceaccounts/token)',
    requests: resourceRequests(['create'], '', 'serviceaccounts', { subresource: 'token' }),
  },
  {
    name: 'nonresource-health',
    description: 'Health checks on the non-resource path /healthz',
    requests: [{ verb: 'get', path: '/healthz' }],
  },
]);

interface Principal {
  id: string;
  user: string;
  groups: string[];
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The principals a policy singles out: every user in `users` and every group in `userGroups`. */
function namedPrincipals(policy: AuditPolicy): Principal[] {
  const users = new Set<string>();
  const groups = new Set<string>();
  for (const rule of policy.rules) {
    for (const user of rule.users) users.add(user);
    for (const group of rule.userGroups) groups.add(group);
  }
  const principals: Principal[] = [];
  for (const user of [...users].sort(compareStrings)) {
    principals.push({ id: `user:${user}`, user, groups: [AUTHENTICATED] });
  }
  for (const group of [...groups].sort(compareStrings)) {
    const memberGroups = group === AUTHENTICATED ? [AUTHENTICATED] : [group, AUTHENTICATED];
    principals.push({ id: `group:${group}`, user: GROUP_MEMBER_USER, groups: memberGroups });
  }
  return principals;
}

/** Above this many principal × namespace pairs, only pairs that some rule names together are tried. */
export const MAX_EXHAUSTIVE_PAIRS = 4096;

/**
 * The named namespaces to try for each principal ('' is the generic user). Small policies get
 * every pair; large ones (a rule per user and namespace, say) get, besides every namespace for
 * the generic user, only the namespaces named in rules that also name the principal, which keeps
 * the work linear in the number of rules instead of cubic.
 */
function namespacesByPrincipal(policy: AuditPolicy, principals: readonly Principal[], namespaces: readonly string[]): Map<string, readonly string[]> {
  const result = new Map<string, readonly string[]>([['', namespaces]]);
  if (principals.length * namespaces.length <= MAX_EXHAUSTIVE_PAIRS) {
    for (const p of principals) result.set(p.id, namespaces);
    return result;
  }
  for (const p of principals) {
    const named = new Set<string>();
    for (const rule of policy.rules) {
      const names = p.id.startsWith('user:') ? rule.users.includes(p.user) : rule.userGroups.some((g) => p.groups.includes(g));
      if (names) for (const ns of rule.namespaces) if (ns !== '') named.add(ns);
    }
    result.set(p.id, [...named].sort(compareStrings));
  }
  return result;
}

/** Every namespace a policy names: requests there may be judged differently from elsewhere. */
function namedNamespaces(policy: AuditPolicy): string[] {
  const namespaces = new Set<string>();
  for (const rule of policy.rules) for (const ns of rule.namespaces) if (ns !== '') namespaces.add(ns);
  return [...namespaces].sort(compareStrings);
}

/** The request itself, then (for namespaced requests) the same request in each named namespace. */
function namespaceVariants(request: ProbeRequest, namespaces: readonly string[]): { request: ProbeRequest; namespace: string | null }[] {
  const variants: { request: ProbeRequest; namespace: string | null }[] = [{ request, namespace: null }];
  if (request.resource !== undefined && request.namespace) {
    for (const ns of namespaces) if (ns !== request.namespace) variants.push({ request: { ...request, namespace: ns }, namespace: ns });
  }
  return variants;
}

function evaluateProbe(policy: AuditPolicy, probe: Probe, principals: readonly Principal[], namespaces: ReadonlyMap<string, readonly string[]>): ProbeResult {
  // The generic authenticated user in an ordinary namespace: the weakest coverage over the
  // probe's requests decides.
  let level: AuditLevel | undefined;
  let ruleIndex: number | null = null;
  let max: { level: AuditLevel; rule: number | null } | undefined;
  for (const request of probe.requests) {
    const decision = decide(policy, { ...request, user: GENERIC_USER, groups: [AUTHENTICATED] });
    const effective = effectiveLevel(decision);
    if (level === undefined || LEVEL_ORDER[effective] < LEVEL_ORDER[level]) {
      level = effective;
      ruleIndex = decision.ruleIndex;
    }
    if (max === undefined || LEVEL_ORDER[effective] > LEVEL_ORDER[max.level]) max = { level: effective, rule: decision.ruleIndex };
  }
  if (level === undefined) level = 'None'; // a probe without requests observes nothing
  max ??= { level: 'None', rule: null };

  let min: { level: AuditLevel; rule: number | null } = { level, rule: ruleIndex };
  const exempt = new Set<string>();
  const generic: Principal = { id: '', user: GENERIC_USER, groups: [AUTHENTICATED] };
  for (const principal of [generic, ...principals]) {
    for (const request of probe.requests) {
      for (const variant of namespaceVariants(request, namespaces.get(principal.id) ?? [])) {
        if (principal === generic && variant.namespace === null) continue; // judged above
        const decision = decide(policy, { ...variant.request, user: principal.user, groups: principal.groups });
        const effective = effectiveLevel(decision);
        if (LEVEL_ORDER[effective] > LEVEL_ORDER[max.level]) max = { level: effective, rule: decision.ruleIndex };
        if (LEVEL_ORDER[effective] < LEVEL_ORDER[min.level]) min = { level: effective, rule: decision.ruleIndex };
        if (LEVEL_ORDER[effective] < LEVEL_ORDER[level]) {
          const parts = [principal.id, variant.namespace === null ? '' : `namespace:${variant.namespace}`].filter(Boolean);
          exempt.add(parts.join(' in '));
        }
      }
    }
  }
  return {
    level,
    maxLevel: max.level,
    minLevel: min.level,
    ruleIndex,
    maxRuleIndex: max.rule,
    minRuleIndex: min.rule,
    exemptPrincipals: [...exempt].sort(compareStrings),
  };
}

/** Answers every probe in `PROBES` for the policy, keyed by probe name (in `PROBES` order). */
export function probePolicy(policy: AuditPolicy): Record<string, ProbeResult> {
  const principals = namedPrincipals(policy);
  const namespaces = namespacesByPrincipal(policy, principals, namedNamespaces(policy));
  const results: Record<string, ProbeResult> = {};
  for (const probe of PROBES) results[probe.name] = evaluateProbe(policy, probe, principals, namespaces);
  return results;
}
