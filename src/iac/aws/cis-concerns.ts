/**
 * Recognises which CIS AWS Foundations 4.x monitoring concerns a CloudWatch Logs metric filter
 * pattern watches, from what the pattern tests (`$.eventName = CreateTrail`,
 * `$.errorCode = "AccessDenied*"`, `$.additionalEventData.MFAUsed != "Yes"`), not from the
 * filter's name. A concern counts when the pattern tests every event the benchmark lists for it;
 * a value with `*` wildcards covers the events it matches. The boolean structure (`&&`, `||`) is
 * not evaluated: a term that is tested counts.
 */
import { matchesWildcard } from './s3-policy.js';

export interface Concern {
  id: string;
  cis: string;
  title: string;
  group: 'identity' | 'network' | 'control';
}

interface Requirement extends Concern {
  /** Positive tests (field = value) that must all appear. */
  equals?: [string, string][];
  /** Negative tests (field != value) that must all appear. */
  notEquals?: [string, string][];
  /** Event names that must all be tested. */
  events?: string[];
}

const REQUIREMENTS: Requirement[] = [
  { id: 'unauthorized-api-calls', cis: '4.1', title: 'unauthorized API calls', group: 'identity', equals: [['errorCode', '*UnauthorizedOperation'], ['errorCode', 'AccessDenied*']] },
  { id: 'console-signin-without-mfa', cis: '4.2', title: 'console sign-in without MFA', group: 'identity', equals: [['eventName', 'ConsoleLogin']], notEquals: [['additionalEventData.MFAUsed', 'Yes']] },
  { id: 'root-usage', cis: '4.3', title: 'use of the root account', group: 'identity', equals: [['userIdentity.type', 'Root']] },
  {
    id: 'iam-policy-changes', cis: '4.4', title: 'IAM policy changes', group: 'identity',
    events: ['DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy', 'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy'],
  },
  { id: 'cloudtrail-config-changes', cis: '4.5', title: 'CloudTrail configuration changes', group: 'control', events: ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'] },
  { id: 'console-auth-failures', cis: '4.6', title: 'console authentication failures', group: 'identity', equals: [['eventName', 'ConsoleLogin'], ['errorMessage', 'Failed authentication']] },
  { id: 'cmk-disable-or-deletion', cis: '4.7', title: 'disabling or scheduled deletion of customer-managed keys', group: 'control', events: ['DisableKey', 'ScheduleKeyDeletion'] },
  {
    id: 's3-bucket-policy-changes', cis: '4.8', title: 'S3 bucket policy changes', group: 'control',
    events: ['PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication', 'DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication'],
  },
  { id: 'config-changes', cis: '4.9', title: 'AWS Config configuration changes', group: 'control', events: ['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder'] },
  {
    id: 'security-group-changes', cis: '4.10', title: 'security group changes', group: 'network',
    events: ['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup'],
  },
  { id: 'nacl-changes', cis: '4.11', title: 'network ACL changes', group: 'network', events: ['CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation'] },
  { id: 'network-gateway-changes', cis: '4.12', title: 'network gateway changes', group: 'network', events: ['CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway'] },
  { id: 'route-table-changes', cis: '4.13', title: 'route table changes', group: 'network', events: ['CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable'] },
  // The ClassicLink events of the benchmark's list are not required: ClassicLink was retired in 2022.
  { id: 'vpc-changes', cis: '4.14', title: 'VPC changes', group: 'network', events: ['CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection', 'DeleteVpcPeeringConnection', 'RejectVpcPeeringConnection'] },
  // Organizations event names (CreatePolicy, ...) overlap IAM's, so the event source is what tells.
  { id: 'organizations-changes', cis: '4.15', title: 'AWS Organizations changes', group: 'control', equals: [['eventSource', 'organizations.amazonaws.com']] },
];

export const CONCERNS: readonly Concern[] = REQUIREMENTS.map(({ id, cis, title, group }) => ({ id, cis, title, group }));

interface Term {
  field: string;
  negated: boolean;
  value: string;
}

const MAX_PATTERN_CHARS = 20_000;

/** The `$.field = value` and `$.field != value` tests of a JSON filter pattern. */
export function patternTerms(pattern: string): Term[] {
  const terms: Term[] = [];
  const text = pattern.slice(0, MAX_PATTERN_CHARS);
  for (const match of text.matchAll(/\$\.([A-Za-z0-9_.[\]-]+)\s*(!=|=)\s*(?:"([^"]*)"|([^\s)&|}]+))/g)) {
    const field = match[1];
    const value = match[3] ?? match[4];
    if (field === undefined || value === undefined) continue;
    terms.push({ field: field.toLowerCase(), negated: match[2] === '!=', value });
  }
  return terms;
}

/** The concern ids a pattern watches, in benchmark order. */
export function concernsOf(pattern: string): string[] {
  const terms = patternTerms(pattern);
  return REQUIREMENTS.filter((requirement) => satisfies(requirement, terms)).map((r) => r.id);
}

function satisfies(requirement: Requirement, terms: readonly Term[]): boolean {
  const tests = (negated: boolean, field: string, wanted: string): boolean =>
    terms.some((t) => t.negated === negated && t.field === field.toLowerCase() && (t.value === wanted || matchesWildcard(t.value, wanted)));
  for (const [field, value] of requirement.equals ?? []) if (!tests(false, field, value)) return false;
  for (const [field, value] of requirement.notEquals ?? []) if (!tests(true, field, value)) return false;
  for (const event of requirement.events ?? []) if (!tests(false, 'eventName', event)) return false;
  return true;
}
