/**
 * Kubernetes audit webhook configs (issue 4): the kubeconfig file that kube-apiserver's
 * `--audit-webhook-config-file` names, telling it where to POST audit events. A kubeconfig
 * (`kind: Config`) is only taken for one when it says so itself: its file or folder name
 * mentions `audit`, or so does the name of one of its clusters, users or contexts, or the path of
 * its server URL. Other kubeconfigs (admin, kubelet, authentication/authorization webhooks) are
 * left alone; the linker also matches this file through the apiserver's flag.
 *
 * Facts: the server (credentials and query removed), whether it is HTTPS, whether the peer is
 * verified (no `insecure-skip-tls-verify`; a CA file or data, else the system roots), and whether
 * the apiserver authenticates itself (client certificate, token, ...). No secret is ever copied:
 * only which kind of credential is present.
 */
import type { DocPath, StructuredDocument } from '../documents/yaml-document.js';
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead } from '../model/pipeline.js';
import type { Subject } from '../model/subject.js';
import type { Location } from '../model/vocabulary.js';
import { isRecord } from '../util/is-record.js';
import type { DocumentAdapter, ReadContext } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';
import { parseEndpoint } from './hosts/endpoint.js';
import { addUnknown, shorten } from './hosts/text.js';

interface Named {
  name: string;
  body: Record<string, unknown>;
  index: number;
}

/** Entries of a kubeconfig list (`clusters`, `users`, `contexts`): `{name, <inner>: {...}}`. */
function named(data: Record<string, unknown>, list: string, inner: string): Named[] {
  const raw = data[list];
  if (!Array.isArray(raw)) return [];
  const out: Named[] = [];
  raw.forEach((entry, index) => {
    if (isRecord(entry) && typeof entry.name === 'string' && isRecord(entry[inner])) out.push({ name: entry.name, body: entry[inner] as Record<string, unknown>, index });
  });
  return out;
}

function mentionsAudit(text: string): boolean {
  return /audit/i.test(text);
}

export function claimsAuditWebhook(path: string, data: unknown): boolean {
  if (!isRecord(data) || data.kind !== 'Config' || !Array.isArray(data.clusters)) return false;
  if (data.apiVersion !== undefined && data.apiVersion !== 'v1') return false;
  if (mentionsAudit(path)) return true;
  const names = [...named(data, 'clusters', 'cluster'), ...named(data, 'users', 'user'), ...named(data, 'contexts', 'context')].map((n) => n.name);
  if (names.some(mentionsAudit)) return true;
  return named(data, 'clusters', 'cluster').some((c) => typeof c.body.server === 'string' && mentionsAudit(parseEndpoint(c.body.server).display.replace(/^[a-z+]+:\/\/[^/]*/i, '')));
}

/** The kubeconfig's selected context: `current-context`, else the only context, else the only cluster and user. */
function select(data: Record<string, unknown>, read: ConfigRead, where: Location): { cluster: Named | null; user: Named | null; context: string | null } {
  const clusters = named(data, 'clusters', 'cluster');
  const users = named(data, 'users', 'user');
  const contexts = named(data, 'contexts', 'context');
  const current = typeof data['current-context'] === 'string' ? data['current-context'] : null;
  const ctx = current !== null ? contexts.find((c) => c.name === current) ?? null : contexts.length === 1 ? (contexts[0] as Named) : null;
  if (current !== null && !ctx) addUnknown(read, `current-context ${shorten(current, 60)}`, 'names no context in the file', where);
  if (ctx) {
    const cluster = clusters.find((c) => c.name === ctx.body.cluster) ?? null;
    const user = users.find((u) => u.name === ctx.body.user) ?? null;
    if (!cluster) addUnknown(read, `context ${shorten(ctx.name, 60)}`, 'names no cluster in the file', where);
    return { cluster, user, context: ctx.name };
  }
  if (clusters.length === 1 && users.length <= 1) return { cluster: clusters[0] as Named, user: users[0] ?? null, context: null };
  addUnknown(read, 'kubeconfig', 'no current-context and more than one cluster: which one the apiserver uses is unknown', where);
  return { cluster: null, user: null, context: null };
}

/** The kind of credential the apiserver presents; never its value. */
function clientAuthMethod(user: Record<string, unknown> | null): string | null {
  if (!user) return null;
  if (user['client-certificate'] !== undefined || user['client-certificate-data'] !== undefined) return 'client-certificate';
  if (user.token !== undefined) return 'token';
  if (user.tokenFile !== undefined) return 'token-file';
  if (user.username !== undefined || user.password !== undefined) return 'basic';
  if (user.exec !== undefined) return 'exec';
  if (user['auth-provider'] !== undefined) return 'auth-provider';
  return null;
}

export function readAuditWebhook(doc: StructuredDocument, _context: ReadContext): ConfigRead {
  const read = emptyRead('audit-webhook');
  try {
    const data = doc.data;
    const root = doc.locate([]);
    if (!isRecord(data)) {
      read.problems.push({ at: root, message: 'an audit webhook kubeconfig must be a YAML object' });
      read.fatal = true;
      return read;
    }
    const chosen = select(data, read, root);
    const clusterPath: DocPath = chosen.cluster ? ['clusters', chosen.cluster.index, 'cluster'] : ['clusters'];
    const userPath: DocPath = chosen.user ? ['users', chosen.user.index, 'user'] : ['users'];
    const cluster = chosen.cluster?.body ?? null;
    const rawServer = cluster && typeof cluster.server === 'string' ? cluster.server : null;
    const ep = rawServer === null ? null : parseEndpoint(rawServer);
    const tls = ep === null ? null : ep.scheme === 'https';
    if (ep && ep.scheme !== 'https' && ep.scheme !== 'http') addUnknown(read, 'server', `scheme ${shorten(String(ep.scheme), 20)} is not http or https`, doc.locate([...clusterPath, 'server']));
    const insecure = cluster ? cluster['insecure-skip-tls-verify'] === true || cluster['insecure-skip-tls-verify'] === 'true' : false;
    const caSource = !cluster ? null : cluster['certificate-authority-data'] !== undefined ? 'data' : cluster['certificate-authority'] !== undefined ? 'file' : 'system';
    const tlsVerify = tls === null ? null : tls && !insecure;
    const method = clientAuthMethod(chosen.user?.body ?? null);
    const serverAt = cluster && rawServer !== null ? doc.locate([...clusterPath, 'server']) : doc.locate(clusterPath);
    const verifyAt = cluster && Object.hasOwn(cluster, 'insecure-skip-tls-verify') ? doc.locate([...clusterPath, 'insecure-skip-tls-verify']) : serverAt;
    const subject: Subject = {
      kind: 'audit-webhook',
      id: `audit-webhook:${doc.path}${doc.index > 0 ? `#${doc.index}` : ''}`,
      path: doc.path,
      pillars: ['identity', 'applications', 'data'],
      facts: {
        server: ep ? ep.display : null,
        host: ep?.host ?? null,
        remote: ep ? !ep.local : null,
        tls,
        tlsVerify,
        insecureSkipTlsVerify: insecure,
        caSource,
        clientAuth: chosen.user ? method !== null : cluster ? false : null,
        clientAuthMethod: method,
        cluster: chosen.cluster?.name ?? null,
        user: chosen.user?.name ?? null,
        context: chosen.context,
      },
      locations: {
        server: serverAt,
        host: serverAt,
        remote: serverAt,
        tls: serverAt,
        tlsVerify: verifyAt,
        insecureSkipTlsVerify: verifyAt,
        caSource: serverAt,
        clientAuth: doc.locate(userPath),
        clientAuthMethod: doc.locate(userPath),
      },
      unreadable: {},
      declaredAt: root,
    };
    read.subjects.push(subject);
  } catch (error) {
    read.problems.push({ at: { path: doc.path, line: 1, column: 1 }, message: `could not be read as an audit webhook kubeconfig (${error instanceof Error ? error.name : 'error'})` });
    read.fatal = true;
  }
  return read;
}

export const AUDIT_WEBHOOK_DOCUMENT: DocumentAdapter = {
  kind: 'audit-webhook',
  claims: claimsAuditWebhook,
  read: readAuditWebhook,
};

export const ADAPTERS: ConfigAdapters = { text: [], documents: [AUDIT_WEBHOOK_DOCUMENT] };
