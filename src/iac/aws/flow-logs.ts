/**
 * VPC flow logs (`aws_flow_log`, `AWS::EC2::FlowLog`): a subject of kind `aws-flow-log`, the
 * network audit stream to its destination, and which VPCs they cover.
 *
 * Defaults (AWS provider 5.x, EC2 CreateFlowLogs): `log_destination_type` `cloud-watch-logs`,
 * `max_aggregation_interval` 600 seconds, the default log format (version 2 fields). Terraform
 * `log_group_name` is the deprecated spelling of a CloudWatch destination.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, CloudStream, IacValue, Unresolved } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import type { Location } from '../../model/vocabulary.js';
import { numberOf, stringOf } from '../values.js';
import { arg, isCloudFormation, isSet, upper } from './arguments.js';
import { FactSheet, locate } from '../fact-sheet.js';
import type { Tri } from './tri.js';

export const FLOW_LOG_TYPES = ['aws_flow_log', 'AWS::EC2::FlowLog'];

/** Fields an investigation needs from every flow record: who talked to whom, when, and the verdict. */
export const CORE_FLOW_FIELDS = ['srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'start', 'end', 'action'];

/** The fields of the default (version 2) format. */
const DEFAULT_FIELDS = ['version', 'account-id', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end', 'action', 'log-status'];

export interface FlowLogRead {
  subject: Subject;
  stream: CloudStream;
  /** The VPC argument (Terraform `vpc_id`, CloudFormation `ResourceId` with `ResourceType: VPC`), or undefined for a subnet/ENI/gateway flow log. */
  vpc: IacValue | undefined;
  traffic: string | null | Unresolved;
}

export function readFlowLog(flowLog: CloudResource): FlowLogRead {
  const sheet = new FactSheet(flowLog);
  const cfn = isCloudFormation(flowLog);

  const traffic = arg(flowLog, 'traffic_type', 'TrafficType');
  const trafficType = upper(traffic.value);
  sheet.set('trafficType', trafficType, traffic.attr);

  const type = arg(flowLog, 'log_destination_type', 'LogDestinationType');
  const destinationType = stringOf(type.value) ?? 'cloud-watch-logs';
  sheet.set('destinationType', destinationType, type.attr);

  const interval = arg(flowLog, 'max_aggregation_interval', 'MaxAggregationInterval');
  sheet.set('maxAggregationInterval', numberOf(interval.value) ?? 600, interval.attr);

  const format = arg(flowLog, 'log_format', 'LogFormat');
  const formatText = stringOf(format.value);
  sheet.set('logFormat', formatText, format.attr);
  sheet.set('customFormat', isUnresolved(formatText) ? formatText : formatText !== null && formatText !== '', format.attr);
  const fields = isUnresolved(formatText) ? formatText : formatText === null || formatText === '' ? DEFAULT_FIELDS : formatFields(formatText);
  sheet.set('formatFields', fields, format.attr);
  const missing = isUnresolved(fields) ? fields : CORE_FLOW_FIELDS.filter((f) => !fields.includes(f));
  sheet.set('missingCoreFields', missing, format.attr);
  sheet.set('missingCoreFieldCount', isUnresolved(missing) ? missing : missing.length, format.attr);

  // What the flow log is attached to.
  let resourceType: string | null | Unresolved;
  let vpc: IacValue | undefined;
  let resourceAttr: string;
  if (cfn) {
    const kind = arg(flowLog, 'resource_type', 'ResourceType');
    const kindValue = upper(kind.value);
    resourceType = isUnresolved(kindValue) || kindValue === null ? kindValue : kindValue.toLowerCase();
    resourceAttr = 'ResourceId';
    if (kindValue === 'VPC') vpc = arg(flowLog, 'vpc_id', 'ResourceId').value;
    else if (isUnresolved(kindValue)) vpc = kindValue;
  } else {
    resourceType = null;
    resourceAttr = 'vpc_id';
    for (const [attribute, kind] of [['vpc_id', 'vpc'], ['subnet_id', 'subnet'], ['eni_id', 'network-interface'], ['transit_gateway_id', 'transit-gateway'], ['transit_gateway_attachment_id', 'transit-gateway-attachment']] as const) {
      const value = arg(flowLog, attribute, attribute).value;
      if (value === undefined || value === null) continue;
      resourceType = kind;
      resourceAttr = attribute;
      if (kind === 'vpc') vpc = value;
      break;
    }
  }
  sheet.set('resourceType', resourceType, resourceAttr);

  const destination = destinationOf(flowLog);
  sheet.set('destinationSet', destination ? isSet(destination.value) : false, destination?.at ?? flowLog.at);

  const stream: CloudStream = {
    address: flowLog.address,
    stack: flowLog.stack,
    path: flowLog.path,
    system: 'aws-vpc-flow-logs',
    pillars: ['networks'],
    destinations: destination && isSet(destination.value) !== false ? [destination.value] : [],
    declaredAt: flowLog.at,
    destinationLocations: destination && isSet(destination.value) !== false ? [destination.at] : [],
  };
  return { subject: sheet.subject('aws-flow-log', ['networks'], { unknownWhenMaybeAbsent: true }), stream, vpc, traffic: trafficType };
}

function destinationOf(flowLog: CloudResource): { value: IacValue; at: Location } | null {
  for (const [terraform, cloudFormation] of [['log_destination', 'LogDestination'], ['log_group_name', 'LogGroupName']] as const) {
    const found = arg(flowLog, terraform, cloudFormation);
    if (found.value !== undefined && found.value !== null && found.value !== '') return { value: found.value, at: locate(flowLog, found.attr) };
  }
  return null;
}

/** `${srcaddr} ${dstaddr} ...` → the field names. */
function formatFields(format: string): string[] {
  const fields: string[] = [];
  for (const match of format.slice(0, 10_000).matchAll(/\$\{([A-Za-z0-9-]+)\}/g)) if (match[1]) fields.push(match[1]);
  return fields;
}

/** Whether a flow log of this traffic type counts for CIS AWS 3.7 (ALL, or at least REJECT). */
export function coversTraffic(traffic: string | null | Unresolved): Tri {
  if (isUnresolved(traffic)) return traffic;
  return traffic === 'ALL' || traffic === 'REJECT';
}
