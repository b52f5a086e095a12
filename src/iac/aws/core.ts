/**
 * The AWS core audit extractor: CloudTrail, the stores audit streams land in (S3 buckets,
 * CloudWatch Logs groups) and their keys, VPC flow logs and VPC coverage, Route 53 resolver query
 * logging, AWS Config, GuardDuty, Security Hub, and the CIS AWS 4.x metric filters with alarms.
 * Each reader lives in its own module of this folder; this one runs them over the resources of a
 * scan and joins what crosses resources (which streams write to which store, which VPCs are
 * covered, one account summary per stack).
 */
import { emptyExtraction } from '../../model/cloud.js';
import type { CloudExtraction, CloudExtractor, CloudResource, CloudStore, CloudStream } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import { ofType, targetsOf } from '../resolve.js';
import { readAccounts } from './account.js';
import type { TrailFacts } from './account.js';
import { arg } from './arguments.js';
import { TRAIL_TYPES, readTrail } from './cloudtrail.js';
import { RECORDER_TYPES, readRecorder } from './config-recorder.js';
import type { Attachment } from './coverage.js';
import { DNS_CONFIG_TYPES, associationsOf, readDnsQueryLogging } from './dns-query-logs.js';
import { locate } from '../fact-sheet.js';
import { FLOW_LOG_TYPES, coversTraffic, readFlowLog } from './flow-logs.js';
import { KMS_KEY_TYPES, readKmsKey } from './kms-keys.js';
import { LOG_GROUP_TYPES, logGroupKeys, readLogGroup } from './log-groups.js';
import { readMetricFilters } from './metric-alarms.js';
import { readBucket } from './s3-buckets.js';
import { bucketKeys, joinBucketParts } from './s3-parts.js';
import { GUARDDUTY_TYPES, SECURITY_HUB_TYPES, readGuardDuty, readSecurityHub } from './threat-detection.js';
import { VPC_TYPES, readVpc } from './vpcs.js';

export const AWS_CORE: CloudExtractor = {
  provider: 'aws',
  name: 'aws-core',
  extract: (resources) => extractAwsCore(resources),
};

export function extractAwsCore(resources: readonly CloudResource[]): CloudExtraction {
  const out = emptyExtraction();
  // A reader that fails on input it did not expect loses that resource, never the scan.
  const guard = <T>(resource: CloudResource | null, read: () => T): T | null => {
    try {
      return read();
    } catch (error) {
      out.unknowns.push({
        construct: resource ? resource.address : 'aws-core',
        reason: `could not be read: ${error instanceof Error ? error.message : String(error)}`,
        at: resource?.at ?? { path: '', line: 1, column: 1 },
      });
      return null;
    }
  };

  const trails: TrailFacts[] = [];
  for (const trail of ofType(resources, ...TRAIL_TYPES)) {
    const read = guard(trail, () => readTrail(trail));
    if (!read) continue;
    out.subjects.push(read.subject);
    out.streams.push(read.stream);
    trails.push({ trail, subject: read.subject });
  }

  const flowAttachments: Attachment[] = [];
  for (const flowLog of ofType(resources, ...FLOW_LOG_TYPES)) {
    const read = guard(flowLog, () => readFlowLog(flowLog));
    if (!read) continue;
    out.subjects.push(read.subject);
    out.streams.push(read.stream);
    const attr = flowLog.source === 'cloudformation' ? 'ResourceId' : 'vpc_id';
    flowAttachments.push({ resource: flowLog, vpc: read.vpc, counts: coversTraffic(read.traffic), at: locate(flowLog, attr) });
  }

  const dnsConfigs = ofType(resources, ...DNS_CONFIG_TYPES);
  const associations = associationsOf(resources);
  for (const config of dnsConfigs) {
    const read = guard(config, () => readDnsQueryLogging(config, dnsConfigs, associations));
    if (!read) continue;
    out.subjects.push(read.subject);
    out.streams.push(read.stream);
  }
  const dnsAttachments: Attachment[] = associations.map((association) => {
    const cfn = association.source === 'cloudformation';
    return { resource: association, vpc: arg(association, 'resource_id', 'ResourceId').value, counts: true, at: locate(association, cfn ? 'ResourceId' : 'resource_id') };
  });

  for (const recorder of ofType(resources, ...RECORDER_TYPES)) {
    const read = guard(recorder, () => readRecorder(recorder, resources));
    if (!read) continue;
    out.subjects.push(read.subject);
    out.streams.push(read.stream);
  }

  // Stores, knowing which of our streams write to them.
  const joined = joinBucketParts(resources);
  const buckets = joined.map((j) => j.bucket);
  const logGroups = ofType(resources, ...LOG_GROUP_TYPES);
  const bucketReceives = receivers(out.streams, buckets, bucketKeys);
  const groupReceives = receivers(out.streams, logGroups, logGroupKeys);
  for (const parts of joined) {
    const read = guard(parts.bucket, () => readBucket(parts, bucketReceives.get(parts.bucket) ?? []));
    if (!read) continue;
    out.subjects.push(read.subject);
    out.stores.push(read.store);
  }
  for (const group of logGroups) {
    const read = guard(group, () => readLogGroup(group, groupReceives.get(group) ?? []));
    if (!read) continue;
    out.subjects.push(read.subject);
    out.stores.push(read.store);
  }
  for (const key of ofType(resources, ...KMS_KEY_TYPES)) {
    const subject = guard(key, () => readKmsKey(key));
    if (subject) out.subjects.push(subject);
  }

  const vpcs = ofType(resources, ...VPC_TYPES);
  for (const vpc of vpcs) {
    const subject = guard(vpc, () => readVpc(vpc, vpcs, flowAttachments, dnsAttachments));
    if (subject) out.subjects.push(subject);
  }

  for (const detector of ofType(resources, ...GUARDDUTY_TYPES)) {
    const read = guard(detector, () => readGuardDuty(detector, resources));
    if (!read) continue;
    out.subjects.push(read.subject);
    if (read.detection) out.detections.push(read.detection);
  }
  for (const hub of ofType(resources, ...SECURITY_HUB_TYPES)) {
    const read = guard(hub, () => readSecurityHub(hub, resources));
    if (!read) continue;
    out.subjects.push(read.subject);
    out.detections.push(read.detection);
  }

  const alarms = guard(null, () => readMetricFilters(resources));
  if (alarms) {
    out.detections.push(...alarms.detections);
    const accounts = guard(null, () => readAccounts(trails, alarms.filters, logGroups));
    if (accounts) out.subjects.push(...accounts);
  }

  out.subjects.sort(bySubject);
  out.streams.sort(byAddress);
  out.stores.sort(byAddress);
  out.detections.sort((a, b) => a.declaredAt.path.localeCompare(b.declaredAt.path) || a.declaredAt.line - b.declaredAt.line || a.id.localeCompare(b.id));
  return out;
}

/** For each store, the systems of the streams whose destinations name it. */
function receivers(streams: readonly CloudStream[], stores: readonly CloudResource[], keys: (store: CloudResource) => string[]): Map<CloudResource, string[]> {
  const found = new Map<CloudResource, string[]>();
  for (const stream of streams) {
    for (const destination of stream.destinations) {
      for (const store of targetsOf(stream, destination, stores, keys)) {
        const systems = found.get(store) ?? [];
        if (!systems.includes(stream.system)) systems.push(stream.system);
        found.set(store, systems.sort());
      }
    }
  }
  return found;
}

function bySubject(a: Subject, b: Subject): number {
  return a.path.localeCompare(b.path) || a.declaredAt.line - b.declaredAt.line || a.id.localeCompare(b.id);
}

function byAddress(a: CloudStream | CloudStore, b: CloudStream | CloudStore): number {
  return a.stack.localeCompare(b.stack) || a.path.localeCompare(b.path) || a.address.localeCompare(b.address);
}
