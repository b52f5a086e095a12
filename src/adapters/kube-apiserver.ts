/**
 * kube-apiserver, wherever it runs in a Pod template (static pod manifests, DaemonSets, ...):
 * reads the audit flags from the container's command and args with pflag semantics (later
 * occurrences win; `--flag=value` or `--flag value`), and the volume mounts that decide whether
 * the audit log lands on the node.
 */
import { posix } from 'node:path';
import type { DocPath, StructuredDocument } from '../documents/yaml-document.js';
import type { Location } from '../model/vocabulary.js';

const WORKLOAD_POD_SPEC: Record<string, DocPath> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** The audit flags ztmm reads, by flag name → fact name under `audit`. */
export const AUDIT_FLAGS = {
  'audit-log-path': 'logPath',
  'audit-log-maxage': 'maxAge',
  'audit-log-maxbackup': 'maxBackup',
  'audit-log-maxsize': 'maxSize',
  'audit-log-format': 'logFormat',
  'audit-log-mode': 'logMode',
  'audit-policy-file': 'policyFile',
  'audit-webhook-config-file': 'webhookConfigFile',
} as const;

type AuditFact = (typeof AUDIT_FLAGS)[keyof typeof AUDIT_FLAGS];
const VALUE_FLAGS: ReadonlySet<string> = new Set(Object.keys(AUDIT_FLAGS));
const NUMERIC: ReadonlySet<AuditFact> = new Set(['maxAge', 'maxBackup', 'maxSize']);
/** kube-apiserver defaults for flags that have a meaningful one. */
const DEFAULTS: Partial<Record<AuditFact, string>> = { logFormat: 'json', logMode: 'blocking' };

export interface Mount {
  mountPath: string;
  /** The node path behind the mount (hostPath volume, plus subPath); null for other volumes. */
  hostPath: string | null;
}

export interface KubeApiserver {
  /** `Pod/kube-system/kube-apiserver` */
  id: string;
  path: string;
  container: string;
  declaredAt: Location;
  audit: Record<AuditFact, string | number | null>;
  /** Which audit facts were set explicitly (others are defaults or absent). */
  explicit: AuditFact[];
  mounts: Mount[];
  locations: Record<string, Location>;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function getAt(data: unknown, path: DocPath): unknown {
  let node = data;
  for (const seg of path) {
    if (Array.isArray(node) && typeof seg === 'number') node = node[seg];
    else {
      const rec = asRecord(node);
      if (!rec) return undefined;
      node = rec[String(seg)];
    }
  }
  return node;
}

/** Shell control operators that end one command and start another. */
const SHELL_OPERATORS = new Set([';', '&', '&&', '|', '||', '(', ')']);
/** Words after which the next word is again a program name. */
const COMMAND_PREFIXES = new Set(['exec', 'then', 'do', 'else', 'nohup', 'time', 'command']);

/**
 * Splits a shell script into words, honouring single and double quotes (no expansion). Control
 * operators (`;`, `&&`, `||`, `|`, `&`) come out as words of their own.
 */
export function shellWords(script: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  let inWord = false;
  const flush = (): void => {
    if (inWord) words.push(current);
    current = '';
    inWord = false;
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i] as string;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < script.length) current += script[++i];
      else current += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < script.length) {
      current += script[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      flush();
    } else if (ch === ';' || ch === '|' || ch === '&' || ch === '(' || ch === ')') {
      const prevIsRedirect = ch === '&' && (current.endsWith('>') || script[i + 1] === '>');
      if (prevIsRedirect) {
        current += ch;
        inWord = true;
        continue;
      }
      flush();
      const pair = script[i + 1] === ch && (ch === '&' || ch === '|') ? ch + ch : ch;
      words.push(pair);
      i += pair.length - 1;
    } else {
      current += ch;
      inWord = true;
    }
  }
  flush();
  return words;
}

function isApiserverWord(word: string): boolean {
  return posix.basename(word) === 'kube-apiserver';
}

/**
 * Programs that run another program: how many positional arguments come before it
 * (`flock LOCKFILE cmd`, `timeout 30 cmd`); their own flags are skipped.
 */
const WRAPPERS: Record<string, number> = {
  'go-runner': 0,
  tini: 0,
  'dumb-init': 0,
  env: 0,
  nohup: 0,
  setsid: 0,
  flock: 1,
  timeout: 1,
  chroot: 1,
  'su-exec': 1,
  gosu: 1,
};

/** Marks the program a wrapper runs as a program name too (`flock --exclusive LOCK /hyperkube apiserver`). */
function markWrapped(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const program = posix.basename(token.text);
    const positionals = token.commandStart && Object.hasOwn(WRAPPERS, program) ? WRAPPERS[program] : undefined;
    if (positionals === undefined) continue;
    let skip = positionals;
    for (let j = i + 1; j < tokens.length; j++) {
      const next = tokens[j] as Token;
      if (next.operator) break;
      if (next.text.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(next.text)) continue;
      if (skip > 0) {
        skip--;
        continue;
      }
      next.commandStart = true;
      break;
    }
  }
}

/**
 * Where kube-apiserver's own arguments start: after `kube-apiserver`, or after `hyperkube
 * apiserver` (the all-in-one binary of older releases). -1 when no program name says so.
 */
function apiserverStart(tokens: readonly Token[]): number {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (!token.commandStart) continue;
    if (isApiserverWord(token.text)) return i;
    const next = tokens[i + 1];
    if (posix.basename(token.text) === 'hyperkube' && next && (next.text === 'apiserver' || next.text === 'kube-apiserver')) return i + 1;
  }
  return -1;
}

/** `registry.k8s.io/kube-apiserver:v1.30.2`, `k8s.gcr.io/kube-apiserver-amd64:v1.21.0`, digests too. */
export function isApiserverImage(image: string): boolean {
  const name = posix.basename(image.split('@')[0]?.split(':')[0] ?? '');
  return /^kube-apiserver(-(amd64|arm64|arm|ppc64le|s390x))?$/.test(name);
}

interface Token {
  text: string;
  at: DocPath;
  /** The word stands where a program name goes (first word, or after a shell operator or `exec`). */
  commandStart: boolean;
  /** A shell control operator. */
  operator: boolean;
}

function scriptTokens(script: string, at: DocPath): Token[] {
  const tokens: Token[] = [];
  let expectCommand = true;
  for (const word of shellWords(script)) {
    const operator = SHELL_OPERATORS.has(word);
    tokens.push({ text: word, at, commandStart: !operator && expectCommand, operator });
    expectCommand = operator || (expectCommand && (COMMAND_PREFIXES.has(word) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(word)));
  }
  return tokens;
}

/**
 * The words of a container's command and args. `sh -c SCRIPT` and single items holding a whole
 * command line are split like a shell would; the first word of command (or of args when command
 * is absent) is a program name.
 */
function containerTokens(container: Record<string, unknown>, at: DocPath): Token[] {
  const tokens: Token[] = [];
  const hasCommand = Array.isArray(container.command) && container.command.length > 0;
  for (const key of ['command', 'args'] as const) {
    const list = container[key];
    if (!Array.isArray(list)) continue;
    const shell = key === 'command' && typeof list[0] === 'string' && /(^|\/)(ba|da|z|a)?sh$/.test(list[0]) && list.includes('-c');
    list.forEach((item, i) => {
      if (typeof item !== 'string' && typeof item !== 'number') return;
      const text = String(item);
      const itemAt: DocPath = [...at, key, i];
      const first = i === 0 && (key === 'command' || !hasCommand);
      if ((shell && i > 0 && text !== '-c') || (/\s/.test(text.trim()) && /kube-apiserver/.test(text))) {
        const words = scriptTokens(text, itemAt);
        if (!shell && !first) for (const w of words) w.commandStart = false;
        tokens.push(...words);
      } else tokens.push({ text, at: itemAt, commandStart: first && !shell, operator: false });
    });
  }
  // Flags first in args with no command: the image's entrypoint is a wrapper (go-runner) and the
  // first word that is not a flag is the program it runs.
  if (!hasCommand) {
    const program = tokens.find((t) => !t.text.startsWith('-'));
    if (program && tokens[0]?.text.startsWith('-')) program.commandStart = true;
  }
  markWrapped(tokens);
  return tokens;
}

/** Go's strconv.ParseInt(s, 0, 64), which pflag uses for int flags: 0x1e, 0o36, 036, 0b11110, 1_000. */
export function parseGoInt(text: string): number | null {
  const m = /^([+-]?)(0[xX][0-9a-fA-F](?:_?[0-9a-fA-F])*|0[oO][0-7](?:_?[0-7])*|0[bB][01](?:_?[01])*|0(?:_?[0-7])*|[1-9](?:_?[0-9])*)$/.exec(text);
  if (!m) return null;
  const body = (m[2] as string).replace(/_/g, '');
  let value: number;
  if (/^0[xX]/.test(body)) value = parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) value = parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) value = parseInt(body.slice(2), 2);
  else if (body.length > 1 && body.startsWith('0')) value = parseInt(body.slice(1), 8);
  else value = parseInt(body, 10);
  if (!Number.isSafeInteger(value)) return null;
  return m[1] === '-' ? -value : value;
}

function readFlags(tokens: Token[]): Map<string, { value: string; at: DocPath }> {
  const flags = new Map<string, { value: string; at: DocPath }>();
  const start = apiserverStart(tokens);
  for (let i = start + 1; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.operator) break; // the apiserver's command line ends here
    const match = /^--?([A-Za-z0-9_-]+)(?:=(.*))?$/s.exec(token.text);
    if (!match) continue;
    // kube-apiserver normalises `_` to `-` in flag names (--audit_log_path is --audit-log-path).
    const name = (match[1] as string).replace(/_/g, '-');
    let value = match[2];
    if (value === undefined) {
      const next = tokens[i + 1];
      // pflag: a flag that takes a value always consumes the next word (`--audit-log-path -`).
      if (next && !next.operator && (VALUE_FLAGS.has(name) || !next.text.startsWith('-'))) {
        value = next.text;
        i++;
      } else value = 'true';
    }
    flags.set(name, { value, at: token.at });
  }
  return flags;
}

function readMounts(podSpec: Record<string, unknown>, container: Record<string, unknown>): Mount[] {
  const hostPaths = new Map<string, string>();
  const volumes = podSpec.volumes;
  if (Array.isArray(volumes)) {
    for (const v of volumes) {
      const rec = asRecord(v);
      const hostPath = asRecord(rec?.hostPath);
      if (rec && typeof rec.name === 'string' && hostPath && typeof hostPath.path === 'string') hostPaths.set(rec.name, hostPath.path);
    }
  }
  const mounts: Mount[] = [];
  const list = container.volumeMounts;
  if (Array.isArray(list)) {
    for (const m of list) {
      const rec = asRecord(m);
      if (!rec || typeof rec.mountPath !== 'string') continue;
      const name = typeof rec.name === 'string' ? rec.name : '';
      const volumePath = hostPaths.get(name) ?? null;
      // subPath mounts a folder (or file) inside the volume; subPathExpr depends on the
      // environment at run time, so where it lands on the node is not known.
      let hostPath = volumePath;
      if (volumePath !== null && typeof rec.subPathExpr === 'string' && rec.subPathExpr !== '') hostPath = null;
      else if (volumePath !== null && typeof rec.subPath === 'string' && rec.subPath !== '') hostPath = posix.join(volumePath, rec.subPath);
      mounts.push({ mountPath: rec.mountPath, hostPath });
    }
  }
  return mounts;
}

/** Maps a path inside the container to the node's path through hostPath mounts, or null. */
export function hostPathOf(containerPath: string, mounts: readonly Mount[]): string | null {
  let best: { mount: Mount; length: number } | null = null;
  for (const mount of mounts) {
    const mp = mount.mountPath.replace(/\/+$/, '') || '/';
    const inside = containerPath === mp || containerPath.startsWith(mp === '/' ? '/' : `${mp}/`);
    if (inside && (!best || mp.length > best.length)) best = { mount, length: mp.length };
  }
  if (!best || best.mount.hostPath === null) return null;
  const rest = containerPath.slice(best.length).replace(/^\/+/, '');
  return rest ? posix.join(best.mount.hostPath, rest) : best.mount.hostPath;
}

export function isKubeApiserverDocument(data: unknown): boolean {
  return findApiservers(data).length > 0;
}

function findApiservers(data: unknown): { podSpecAt: DocPath; containerAt: DocPath }[] {
  const rec = asRecord(data);
  if (!rec || typeof rec.kind !== 'string') return [];
  // Own keys only: a `kind` such as `toString` or `__proto__` names nothing here.
  const specAt = Object.hasOwn(WORKLOAD_POD_SPEC, rec.kind) ? WORKLOAD_POD_SPEC[rec.kind] : undefined;
  if (!specAt) return [];
  const containers = getAt(data, [...specAt, 'containers']);
  if (!Array.isArray(containers)) return [];
  const found: { podSpecAt: DocPath; containerAt: DocPath }[] = [];
  containers.forEach((c, i) => {
    const container = asRecord(c);
    if (!container) return;
    const at: DocPath = [...specAt, 'containers', i];
    // The binary named in command/args, or the upstream image run with flags in args only.
    const image = typeof container.image === 'string' ? container.image : '';
    if (apiserverStart(containerTokens(container, at)) !== -1 || isApiserverImage(image)) {
      found.push({ podSpecAt: specAt, containerAt: at });
    }
  });
  return found;
}

export function readKubeApiservers(doc: StructuredDocument): KubeApiserver[] {
  const rec = asRecord(doc.data) ?? {};
  const metadata = asRecord(rec.metadata) ?? {};
  const kind = String(rec.kind);
  const name = typeof metadata.name === 'string' ? metadata.name : null;
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : null;
  const found = findApiservers(doc.data);
  return found.map(({ podSpecAt, containerAt }) => {
    const container = asRecord(getAt(doc.data, containerAt)) ?? {};
    const podSpec = asRecord(getAt(doc.data, podSpecAt)) ?? {};
    const containerName = typeof container.name === 'string' ? container.name : 'kube-apiserver';
    const tokens = containerTokens(container, containerAt);
    const flags = readFlags(tokens);
    const listKey = Array.isArray(container.args) && (container.args as unknown[]).some((a) => typeof a === 'string' && a.startsWith('--')) ? 'args' : 'command';
    const flagsAt = Array.isArray(container[listKey]) ? [...containerAt, listKey] : containerAt;
    const locations: Record<string, Location> = { audit: doc.locate(flagsAt) };
    const audit = {} as Record<AuditFact, string | number | null>;
    const explicit: AuditFact[] = [];
    for (const [flag, fact] of Object.entries(AUDIT_FLAGS) as [string, AuditFact][]) {
      const found = flags.get(flag);
      if (found) {
        explicit.push(fact);
        audit[fact] = NUMERIC.has(fact) ? parseGoInt(found.value) ?? found.value : found.value;
        locations[`audit.${fact}`] = doc.locate(found.at);
      } else audit[fact] = DEFAULTS[fact] ?? null;
    }
    const base = [kind, namespace, name ?? containerName].filter((part) => part !== null).join('/');
    const id = found.length > 1 ? `${base}:${containerName}` : base;
    return {
      id,
      path: doc.path,
      container: containerName,
      declaredAt: doc.locate(containerAt),
      audit,
      explicit,
      mounts: readMounts(podSpec, container),
      locations,
    };
  });
}
