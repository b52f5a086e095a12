/**
 * Where in a storage account each kind of Azure log lands, so that lifecycle rules and container
 * immutability policies are read for the blobs that hold logs, not for the whole account:
 * - diagnostic settings write append blobs to one container per category,
 *   `insights-logs-<category, lower case>`, and the subscription activity log to
 *   `insights-activity-logs` (Azure Monitor "Archive resource logs to a storage account");
 *   with a category group (`allLogs`, `audit`) the categories depend on the resource type, so any
 *   `insights-logs-*` container;
 * - NSG and VNet flow logs write block blobs to `insights-logs-networksecuritygroupflowevent` or
 *   `insights-logs-flowlogflowevent` (taken as any `insights-logs-*` container);
 * - SQL auditing writes to the `sqldbauditlogs` container;
 * - anything else (a legacy log profile, an unknown writer): any blob of the account.
 */
import type { CloudStream } from '../../model/cloud.js';
import type { DiagnosticRead } from './diagnostics.js';

export interface LogSite {
  /** The container name, or (pattern) the start of it; '' with pattern: any blob of the account. */
  container: string;
  pattern: boolean;
  /** The blob type written, when known. */
  blobType: 'appendBlob' | 'blockBlob' | null;
}

export const ANY_BLOB: LogSite = { container: '', pattern: true, blobType: null };

export function sitesOfStream(stream: CloudStream, diagnostics: readonly DiagnosticRead[]): LogSite[] {
  if (stream.system === 'azure-activity-log' || stream.system === 'azure-diagnostics') {
    const read = diagnostics.find((d) => d.stream === stream);
    if (!read) return [ANY_BLOB];
    if (stream.system === 'azure-activity-log') return [{ container: 'insights-activity-logs', pattern: false, blobType: 'appendBlob' }];
    const sites: LogSite[] = read.categories.categories.map((c) => ({ container: `insights-logs-${c.toLowerCase()}`, pattern: false, blobType: 'appendBlob' }));
    if (read.categories.groups.length > 0 || read.categories.unknown !== null) sites.push({ container: 'insights-logs-', pattern: true, blobType: 'appendBlob' });
    return sites;
  }
  if (stream.system === 'azure-flow-logs') return [{ container: 'insights-logs-', pattern: true, blobType: 'blockBlob' }];
  if (stream.system === 'azure-sql-auditing') return [{ container: 'sqldbauditlogs', pattern: false, blobType: null }];
  return [ANY_BLOB];
}

/** Whether a blob-name prefix (`container/path`) takes every blob of the site, some, or none. */
export function prefixCovers(prefix: string, site: LogSite): 'all' | 'some' | 'none' {
  const start = site.pattern ? site.container : `${site.container}/`;
  if (start.startsWith(prefix)) return 'all';
  if (prefix.startsWith(start)) return 'some';
  return 'none';
}

export function describeSite(site: LogSite): string {
  if (site.container === '') return 'the blobs of the account';
  return site.pattern ? `the ${site.container}* containers` : `the ${site.container} container`;
}
