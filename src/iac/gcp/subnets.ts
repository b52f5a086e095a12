/**
 * VPC flow logs on `google_compute_subnetwork`: a `log_config` block turns them on (absent, or
 * an empty list in plan JSON, means off). Google provider 5.x/6.x defaults inside the block:
 * aggregation_interval INTERVAL_5_SEC, flow_sampling 0.5, metadata INCLUDE_ALL_METADATA,
 * filter_expr "true" (every flow).
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, CloudStream } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import { blocksOf, listOf, numberOf, stringOf } from '../values.js';
import type { Read } from '../values.js';
import { FactSheet } from '../fact-sheet.js';

/** Seconds per aggregation interval value. */
const INTERVAL_SECONDS: Record<string, number> = {
  INTERVAL_5_SEC: 5,
  INTERVAL_30_SEC: 30,
  INTERVAL_1_MIN: 60,
  INTERVAL_5_MIN: 300,
  INTERVAL_10_MIN: 600,
  INTERVAL_15_MIN: 900,
};

/** Subnet purposes that carry no VM traffic and where the API refuses flow logs. */
const NO_FLOW_LOGS = new Set(['REGIONAL_MANAGED_PROXY', 'GLOBAL_MANAGED_PROXY', 'INTERNAL_HTTPS_LOAD_BALANCER', 'PRIVATE_SERVICE_CONNECT']);

export function readSubnet(resource: CloudResource): { subject: Subject; stream: CloudStream | null } | null {
  if (resource.type !== 'google_compute_subnetwork') return null;
  const sheet = new FactSheet(resource);
  sheet.set('name', stringOf(resource.values['name']), 'name');
  const purpose = stringOf(resource.values['purpose']);
  // `purpose` defaults to PRIVATE (an ordinary VM subnet).
  const effectivePurpose: Read<string> = purpose ?? 'PRIVATE';
  sheet.set('purpose', effectivePurpose, 'purpose');
  sheet.set('flowLogsApplicable', isUnresolved(effectivePurpose) ? effectivePurpose : !NO_FLOW_LOGS.has(effectivePurpose.toUpperCase()), 'purpose');

  const blocks = blocksOf(resource.values['log_config']);
  const block = isUnresolved(blocks) ? blocks : blocks[0] ?? null;
  sheet.set('flowLogs', isUnresolved(block) ? block : block !== null, 'log_config');
  if (block === null) {
    for (const fact of ['aggregationInterval', 'aggregationSeconds', 'flowSampling', 'metadata', 'allFlows']) {
      sheet.set(fact, null, 'log_config');
    }
    sheet.set('metadataFields', [], 'log_config');
  } else if (isUnresolved(block)) {
    for (const fact of ['aggregationInterval', 'aggregationSeconds', 'flowSampling', 'metadata', 'metadataFields', 'allFlows']) {
      sheet.set(fact, block, 'log_config');
    }
  } else {
    const interval = stringOf(block['aggregation_interval']) ?? 'INTERVAL_5_SEC';
    sheet.set('aggregationInterval', interval, 'log_config.aggregation_interval');
    const seconds = isUnresolved(interval) ? interval : Object.prototype.hasOwnProperty.call(INTERVAL_SECONDS, interval) ? (INTERVAL_SECONDS[interval] as number) : null;
    sheet.set('aggregationSeconds', seconds, 'log_config.aggregation_interval');
    sheet.set('flowSampling', numberOf(block['flow_sampling']) ?? 0.5, 'log_config.flow_sampling');
    sheet.set('metadata', stringOf(block['metadata']) ?? 'INCLUDE_ALL_METADATA', 'log_config.metadata');
    const fields = listOf(block['metadata_fields']);
    sheet.set('metadataFields', isUnresolved(fields) ? fields : fields.filter((f): f is string => typeof f === 'string').sort(), 'log_config.metadata_fields');
    const filter = stringOf(block['filter_expr']);
    sheet.set('allFlows', isUnresolved(filter) ? filter : filter === null || filter.trim() === '' || filter.trim() === 'true', 'log_config.filter_expr');
  }

  const subject = sheet.subject('gcp-subnet', ['networks']);
  // Flow logs go to Cloud Logging in the subnet's project (no destination is written).
  const stream: CloudStream | null =
    block !== null && !isUnresolved(block)
      ? { address: resource.address, stack: resource.stack, path: resource.path, system: 'gcp-vpc-flow-logs', pillars: ['networks'], destinations: [], declaredAt: sheet.locate('log_config'), destinationLocations: [] }
      : null;
  return { subject, stream };
}
