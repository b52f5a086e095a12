/**
 * The GCP extractor (Google provider 5.x/6.x): IAM audit configs, log sinks and where they
 * deliver (log buckets, Cloud Storage, BigQuery, Pub/Sub), subnet flow logs, GKE cluster logging
 * and Cloud SQL audit flags. Each resource becomes a subject; sinks, flow logs, GKE and Cloud SQL
 * logging become streams; the destinations become stores the linker joins them to.
 */
import { emptyExtraction } from '../../model/cloud.js';
import type { CloudExtraction, CloudExtractor, CloudResource } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import { compareStrings } from '../../model/vocabulary.js';
import { targetsOf } from '../resolve.js';
import { valueAt } from '../values.js';
import { readAuditConfig } from './audit-config.js';
import type { AuditConfigRead } from './audit-config.js';
import { readSqlInstance } from './cloud-sql.js';
import { readCluster } from './gke.js';
import { projectSubjects } from './project-summary.js';
import { readSink } from './sinks.js';
import type { SinkRead } from './sinks.js';
import { readDataset, readLogBucket, readStorageBucket, readTopic, settleBucketRetention } from './stores.js';
import type { StoreRead } from './stores.js';
import { readSubnet } from './subnets.js';

export const GCP: CloudExtractor = {
  provider: 'gcp',
  name: 'gcp',
  extract: (resources) => {
    try {
      return extractGcp(resources);
    } catch {
      // Extractors never throw; a bug here must not lose the rest of the scan.
      return emptyExtraction();
    }
  },
};

export function extractGcp(resources: readonly CloudResource[]): CloudExtraction {
  const out = emptyExtraction();
  const google = resources.filter((r) => r.type.startsWith('google_'));
  const configs: AuditConfigRead[] = [];
  const sinks: SinkRead[] = [];
  const stores: StoreRead[] = [];
  for (const resource of google) {
    const config = readAuditConfig(resource, google);
    if (config) {
      configs.push(config);
      continue;
    }
    const sink = readSink(resource, google);
    if (sink) {
      sinks.push(sink);
      continue;
    }
    const store = readLogBucket(resource, google) ?? readStorageBucket(resource) ?? readDataset(resource, google) ?? readTopic(resource, google);
    if (store) {
      stores.push(store);
      continue;
    }
    const other = readSubnet(resource) ?? readCluster(resource) ?? readSqlInstance(resource);
    if (other) {
      out.subjects.push(other.subject);
      if (other.stream) out.streams.push(other.stream);
    }
  }

  markLogDestinations(sinks, stores);
  for (const c of configs) out.subjects.push(c.subject);
  for (const s of sinks) {
    out.subjects.push(s.subject);
    if (s.stream) out.streams.push(s.stream);
  }
  for (const s of stores) {
    out.stores.push(s.store);
    if (s.sheet && s.kind) out.subjects.push(s.sheet.subject(s.kind, s.kind === 'gcp-log-bucket' ? ['identity', 'applications', 'data'] : ['data']));
  }
  out.subjects.push(...projectSubjects(configs, sinks));

  out.subjects.sort(bySubject);
  out.streams.sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.address, b.address));
  out.stores.sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.address, b.address));
  return out;
}

/**
 * `logDestination` on bucket subjects: some sink in the scan delivers to it, or (storage
 * buckets) another bucket writes its access logs there. Rules about log buckets apply to these.
 * A storage bucket's retention is then settled for the objects its writers create.
 */
function markLogDestinations(sinks: readonly SinkRead[], stores: readonly StoreRead[]): void {
  const candidates = stores.map((s) => ({ address: s.store.address, stack: s.store.stack, read: s }));
  const keysOf = (c: (typeof candidates)[number]) => c.read.store.keys;
  const receivers = new Map<StoreRead, (readonly string[] | null)[]>();
  const mark = (from: CloudResource, value: CloudResource['values'][string] | undefined, prefixes: readonly string[] | null): void => {
    for (const target of targetsOf(from, value, candidates, keysOf)) {
      const list = receivers.get(target.read) ?? [];
      list.push(prefixes);
      receivers.set(target.read, list);
    }
  };
  for (const sink of sinks) if (sink.enabled !== false) mark(sink.resource, sink.resource.values['destination'], sink.objectPrefixes);
  // Access logs are named after the source bucket (`<prefix>_usage_...`): any name.
  for (const s of stores) if (s.kind === 'gcp-storage-bucket' && s.sheet) mark(s.sheet.resource, valueAt(s.sheet.resource.values, 'logging.log_bucket'), null);
  for (const s of stores) {
    if (!s.sheet) continue;
    const writers = receivers.get(s) ?? [];
    s.sheet.set('logDestination', writers.length > 0);
    s.sheet.set('senders', writers.length);
    if (s.kind === 'gcp-storage-bucket') settleBucketRetention(s, writers);
  }
}

function bySubject(a: Subject, b: Subject): number {
  return compareStrings(a.path, b.path) || compareStrings(a.kind, b.kind) || compareStrings(a.id, b.id);
}
