/**
 * Managed threat detection: GuardDuty (`aws_guardduty_detector` with `datasources` and
 * `aws_guardduty_detector_feature`; `AWS::GuardDuty::Detector` with `DataSources` / `Features`)
 * and Security Hub (`aws_securityhub_account` + `aws_securityhub_standards_subscription`;
 * `AWS::SecurityHub::Hub` + `AWS::SecurityHub::Standard`). Each gives a subject and a `Detection`.
 *
 * Defaults: a GuardDuty detector is enabled (`enable` true, AWS provider 5.x; CloudFormation
 * requires `Enable`) and always analyses CloudTrail management events, VPC flow logs and DNS
 * logs; the optional protection plans are unknown when not written (their default depends on how
 * the account was enrolled). Security Hub enables its default standards (AWS Foundational
 * Security Best Practices and CIS AWS Foundations) unless `enable_default_standards` /
 * `EnableDefaultStandards` is false.
 */
import { Unresolved, isUnresolved } from '../../model/cloud.js';
import type { CloudResource, IacValue } from '../../model/cloud.js';
import type { Detection } from '../../model/estate.js';
import type { Subject } from '../../model/subject.js';
import type { Location } from '../../model/vocabulary.js';
import { ofType, targetsOf } from '../resolve.js';
import { boolOf, isObject, listOf, stringOf } from '../values.js';
import { arg, isCloudFormation, own, upper } from './arguments.js';
import { FactSheet, locate } from '../fact-sheet.js';
import { or, withDefault } from './tri.js';
import type { Tri } from './tri.js';

export const GUARDDUTY_TYPES = ['aws_guardduty_detector', 'AWS::GuardDuty::Detector'];
export const SECURITY_HUB_TYPES = ['aws_securityhub_account', 'AWS::SecurityHub::Hub'];
const FEATURE_TYPE = 'aws_guardduty_detector_feature';
const STANDARD_TYPES = ['aws_securityhub_standards_subscription', 'AWS::SecurityHub::Standard'];

/** Protection plans: the feature name, and where the legacy `datasources` block says it. */
const PLANS = [
  { fact: 's3Protection', feature: 'S3_DATA_EVENTS', terraform: ['s3_logs', 'enable'], cloudFormation: ['S3Logs', 'Enable'], covers: 's3-data-events' },
  { fact: 'eksAuditLogs', feature: 'EKS_AUDIT_LOGS', terraform: ['kubernetes', 'audit_logs', 'enable'], cloudFormation: ['Kubernetes', 'AuditLogs', 'Enable'], covers: 'eks-audit-logs' },
  { fact: 'malwareProtection', feature: 'EBS_MALWARE_PROTECTION', terraform: ['malware_protection', 'scan_ec2_instance_with_findings', 'ebs_volumes', 'enable'], cloudFormation: ['MalwareProtection', 'ScanEc2InstanceWithFindings', 'EbsVolumes'], covers: 'ebs-malware' },
  { fact: 'rdsProtection', feature: 'RDS_LOGIN_EVENTS', terraform: [], cloudFormation: [], covers: 'rds-login-events' },
  { fact: 'lambdaProtection', feature: 'LAMBDA_NETWORK_LOGS', terraform: [], cloudFormation: [], covers: 'lambda-network-logs' },
  { fact: 'runtimeMonitoring', feature: 'RUNTIME_MONITORING', terraform: [], cloudFormation: [], covers: 'runtime-monitoring' },
] as const;

export function readGuardDuty(detector: CloudResource, resources: readonly CloudResource[]): { subject: Subject; detection: Detection | null } {
  const sheet = new FactSheet(detector);
  const cfn = isCloudFormation(detector);
  const enable = arg(detector, 'enable', 'Enable');
  const enabled = withDefault(boolOf(enable.value), true);
  sheet.set('enabled', enabled, enable.attr);
  const frequency = arg(detector, 'finding_publishing_frequency', 'FindingPublishingFrequency');
  sheet.set('findingPublishingFrequency', stringOf(frequency.value), frequency.attr);

  const sources = arg(detector, 'datasources', 'DataSources');
  const features = cfn ? cfnFeatures(detector) : new Map<string, { status: Tri; at: Location }>();
  if (!cfn) {
    for (const feature of ofType(resources, FEATURE_TYPE)) {
      if (!targetsOf(feature, own(feature.values, 'detector_id'), [detector], () => []).includes(detector)) continue;
      const name = upper(own(feature.values, 'name'));
      if (typeof name !== 'string') continue;
      const status = upper(own(feature.values, 'status'));
      const on: Tri = isUnresolved(status) ? status : status === 'ENABLED';
      features.set(name, { status: feature.exists === true ? on : feature.exists, at: locate(feature, 'status') });
    }
  }
  const covers = ['cloudtrail-management-events', 'vpc-flow-logs', 'dns-logs'];
  for (const plan of PLANS) {
    const feature = features.get(plan.feature);
    const path = cfn ? plan.cloudFormation : plan.terraform;
    let value: Tri | null = null;
    let at = locate(detector, sources.attr);
    if (path.length > 0) {
      const found = dig(sources.value, path);
      if (found !== undefined) {
        value = boolOf(found) ?? null;
        at = locate(detector, [sources.attr, ...path].join('.'));
      }
    }
    if (feature) {
      value = value === null ? feature.status : or(value, feature.status);
      at = feature.at;
    }
    if (value === null) sheet.unknownFact(plan.fact, `${plan.feature} is not configured on the detector; its default depends on how the account was enrolled`, at);
    else sheet.set(plan.fact, value, at);
    if (value === true) covers.push(plan.covers);
  }
  const subject = sheet.subject('aws-guardduty', ['identity', 'networks', 'applications', 'data'], { unknownWhenMaybeAbsent: true });
  const detection: Detection | null = enabled === false ? null : { id: detector.address, kind: 'threat-detection', covers, declaredAt: detector.at };
  return { subject, detection };
}

function cfnFeatures(detector: CloudResource): Map<string, { status: Tri; at: Location }> {
  const out = new Map<string, { status: Tri; at: Location }>();
  const list = listOf(own(detector.values, 'Features'));
  if (isUnresolved(list)) return out;
  for (const feature of list) {
    if (!isObject(feature)) continue;
    const name = upper(own(feature, 'Name'));
    if (typeof name !== 'string') continue;
    const status = upper(own(feature, 'Status'));
    out.set(name, { status: isUnresolved(status) ? status : status === 'ENABLED', at: locate(detector, 'Features.Status') });
  }
  return out;
}

/** Steps into nested blocks (`datasources[0].s3_logs[0].enable`). */
function dig(value: IacValue | undefined, path: readonly string[]): IacValue | undefined {
  let current: IacValue | undefined = value;
  for (const key of path) {
    if (Array.isArray(current)) current = current[0];
    if (isUnresolved(current)) return current;
    if (!isObject(current)) return undefined;
    current = own(current, key);
  }
  if (Array.isArray(current)) return current[0];
  return current;
}

export function readSecurityHub(hub: CloudResource, resources: readonly CloudResource[]): { subject: Subject; detection: Detection } {
  const sheet = new FactSheet(hub);
  sheet.set('enabled', true, hub.at);
  const defaults = arg(hub, 'enable_default_standards', 'EnableDefaultStandards');
  const defaultStandards = withDefault(boolOf(defaults.value), true);
  sheet.set('defaultStandards', defaultStandards, defaults.attr);

  const standards: string[] = [];
  let cis: Tri = defaultStandards;
  let cisAt = locate(hub, defaults.attr);
  if (defaultStandards === true) standards.push('aws-foundational-security-best-practices', 'cis-aws-foundations-benchmark');
  for (const subscription of ofType(resources, ...STANDARD_TYPES).filter((s) => s.stack === hub.stack)) {
    const found = arg(subscription, 'standards_arn', 'StandardsArn');
    const arn = stringOf(found.value);
    const present: Tri = subscription.exists === true ? true : subscription.exists;
    if (isUnresolved(arn)) {
      cis = or(cis, new Unresolved(`${subscription.address}: the standard is not known statically: ${arn.reason}`));
      continue;
    }
    const name = arn === null ? null : standardName(arn);
    if (name === null) continue;
    if (present === true) standards.push(name);
    if (name === 'cis-aws-foundations-benchmark') {
      cis = or(cis, present);
      cisAt = locate(subscription, found.attr);
    }
  }
  const unique = [...new Set(standards)].sort();
  sheet.set('standards', unique, hub.at);
  sheet.set('cisStandard', cis, cisAt);
  const subject = sheet.subject('aws-security-hub', ['visibility'], { unknownWhenMaybeAbsent: true });
  return { subject, detection: { id: hub.address, kind: 'security-posture', covers: unique, declaredAt: hub.at } };
}

/** `arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0`, `...:standards/pci-dss/v/3.2.1` → the standard's name. */
function standardName(arn: string): string | null {
  const match = /(?:ruleset|standards)\/([A-Za-z0-9-]+)\//.exec(arn);
  return match?.[1] ?? null;
}
