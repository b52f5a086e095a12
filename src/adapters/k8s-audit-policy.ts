/**
 * Kubernetes audit Policy documents (audit.k8s.io), recognised by content wherever they live.
 * Evaluates the policy with the API server's first-match semantics (src/k8s/audit-policy.ts) and
 * exposes, per probe (secrets, pods/exec, ...), the level that is logged and by which rule.
 */
import { posix } from 'node:path';
import type { StructuredDocument } from '../documents/yaml-document.js';
import { isAuditPolicyDocument, parseAuditPolicy, probePolicy } from '../k8s/audit-policy.js';
import type { AuditPolicy, ProbeResult } from '../k8s/audit-policy.js';
import type { Location } from '../model/vocabulary.js';

export interface AuditPolicyDoc {
  /** `Policy/<metadata.name>`, or `Policy/<file stem>` for unnamed policies. */
  id: string;
  path: string;
  declaredAt: Location;
  policy: AuditPolicy;
  probes: Record<string, ProbeResult>;
  problems: { message: string; at: Location }[];
  locations: Record<string, Location>;
  facts: Record<string, unknown>;
}

export { isAuditPolicyDocument };

export function readAuditPolicy(doc: StructuredDocument): AuditPolicyDoc {
  const data = doc.data as { metadata?: { name?: unknown } };
  const name = typeof data.metadata?.name === 'string' ? data.metadata.name : posix.basename(doc.path).replace(/\.[^.]*$/, '');
  const { policy, problems } = parseAuditPolicy(doc.data);
  const probes = probePolicy(policy);
  const rulesAt = doc.locate(['rules']);
  const locations: Record<string, Location> = { ruleCount: rulesAt, loggingRuleCount: rulesAt, probes: rulesAt };
  const probeFacts: Record<string, unknown> = {};
  for (const [probe, result] of Object.entries(probes)) {
    const ruleAt = (index: number | null): Location => (index === null ? rulesAt : doc.locate(['rules', index]));
    locations[`probes.${probe}`] = ruleAt(result.ruleIndex);
    locations[`probes.${probe}.maxLevel`] = ruleAt(result.maxRuleIndex);
    locations[`probes.${probe}.minLevel`] = ruleAt(result.minRuleIndex);
    probeFacts[probe] = {
      level: result.level,
      maxLevel: result.maxLevel,
      minLevel: result.minLevel,
      rule: result.ruleIndex === null ? null : result.ruleIndex + 1,
      exemptPrincipals: result.exemptPrincipals,
    };
  }
  const facts = {
    ruleCount: policy.rules.length,
    loggingRuleCount: policy.rules.filter((r) => r.level !== 'None').length,
    omitStages: policy.omitStages,
    problems: problems.length,
    probes: probeFacts,
  };
  return {
    id: `Policy/${name}`,
    path: doc.path,
    declaredAt: doc.locate([]),
    policy,
    probes,
    problems: problems.map((p) => ({ message: p.message, at: doc.locate(p.path) })),
    locations,
    facts,
  };
}
