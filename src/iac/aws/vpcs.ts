/**
 * VPCs (`aws_vpc`, `aws_default_vpc`, `AWS::EC2::VPC`) → subject `aws-vpc`: whether a flow log of
 * ALL or REJECT traffic covers it (CIS AWS 3.7) and whether Route 53 resolver query logging is
 * associated with it.
 */
import type { CloudResource } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import { coverageOf } from './coverage.js';
import type { Attachment } from './coverage.js';
import { FactSheet } from '../fact-sheet.js';

export const VPC_TYPES = ['aws_vpc', 'aws_default_vpc', 'AWS::EC2::VPC'];

export function readVpc(vpc: CloudResource, vpcs: readonly CloudResource[], flowLogs: readonly Attachment[], dnsAssociations: readonly Attachment[]): Subject {
  const sheet = new FactSheet(vpc);
  const flows = coverageOf(vpc, vpcs, flowLogs);
  sheet.set('flowLogs', flows.covered, flows.at ?? vpc.at);
  sheet.set('flowLogsBy', flows.by, flows.at ?? vpc.at);
  const dns = coverageOf(vpc, vpcs, dnsAssociations);
  sheet.set('dnsQueryLogging', dns.covered, dns.at ?? vpc.at);
  sheet.set('default', vpc.type === 'aws_default_vpc', vpc.at);
  return sheet.subject('aws-vpc', ['networks'], { unknownWhenMaybeAbsent: true });
}
