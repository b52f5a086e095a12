/**
 * Logging that is declared in a resource of its own (`aws_wafv2_web_acl_logging_configuration`,
 * `aws_networkfirewall_logging_configuration`, their CloudFormation equivalents) and attached to
 * the resource it logs by reference. The logged resource is the subject; a configuration whose
 * target is not among the scanned resources is a subject of its own.
 */
import type { CloudResource, IacValue } from '../../../model/cloud.js';
import { targetsOf } from '../../resolve.js';

export interface Attachment {
  /** The resource whose logging is judged (the web ACL, the firewall, or the configuration itself). */
  subject: CloudResource;
  /** The logging configuration, when there is one. */
  config: CloudResource | null;
}

export function attach(targets: readonly CloudResource[], configs: readonly CloudResource[], targetOf: (config: CloudResource) => IacValue | undefined): Attachment[] {
  const used = new Set<CloudResource>();
  const out: Attachment[] = targets.map((subject) => {
    const config = configs.find((c) => targetsOf(c, targetOf(c), [subject], () => []).length > 0) ?? null;
    if (config) used.add(config);
    return { subject, config };
  });
  for (const config of configs) if (!used.has(config)) out.push({ subject: config, config });
  return out;
}
