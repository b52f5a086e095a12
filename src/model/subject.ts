/**
 * A subject is one thing a rule judges: a parsed document of a known kind, an estate entity or a
 * log sample. Adapters and the linker build subjects; the engine only reads them.
 */
import type { Area, Location } from './vocabulary.js';

export const SUBJECT_KINDS = [
  'k8s-audit-policy',
  'kube-apiserver',
  'source',
  'sample',
  // Built by the linker from pipelines (every shipper alike) and store retention policies.
  'shipper',
  'shipper-output',
  'log-store',
  // Host and service settings, one kind per config kind (src/adapters/).
  'auditd',
  'audit-rules',
  'audisp-remote',
  'journald',
  'logrotate',
  'sshd',
  'time-sync',
  'docker-daemon',
  'vault-audit',
  'audit-webhook',
  'postgresql',
  'web-server',
  // Cloud resources read from Terraform, plan JSON and CloudFormation (src/iac/), one kind per concept.
  'aws-cloudtrail', 'aws-log-group', 'aws-s3-bucket', 'aws-vpc', 'aws-flow-log', 'aws-dns-query-logging', 'aws-config-recorder', 'aws-guardduty', 'aws-security-hub', 'aws-account', 'aws-kms-key', 'aws-service-logging', 'aws-db-parameters',
  'gcp-audit-config', 'gcp-log-sink', 'gcp-log-bucket', 'gcp-storage-bucket', 'gcp-subnet', 'gcp-gke-cluster', 'gcp-sql-instance', 'gcp-project',
  'azure-diagnostic-setting', 'azure-log-workspace', 'azure-flow-log', 'azure-storage-account', 'azure-sql-auditing', 'azure-app-service', 'azure-log-profile', 'azure-subscription', 'azure-aks', 'azure-key-vault',
] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export interface Subject {
  kind: SubjectKind;
  /** Stable name: `Policy/audit-policy`, `Pod/kube-system/kube-apiserver`, `source:...`, a path. */
  id: string;
  /** The file the subject was read from (posix, relative to the scan root). */
  path: string;
  /** Pillars the subject's events belong to; rules that say `pillars: [subject]` inherit them. */
  pillars: Area[];
  /** Plain data the rule conditions read, by dotted path. */
  facts: Record<string, unknown>;
  /** Where a fact is declared; falls back to the closest ancestor, then to `declaredAt`. */
  locations: Record<string, Location>;
  /** Fact paths whose input could not be read, with the reason; rules reading them yield `error`. */
  unreadable: Record<string, string>;
  /** Why a fact that is null is unknown (a construct not understood, no shipper scanned on the host); shown with no-evidence. */
  unknown?: Record<string, string>;
  declaredAt: Location;
}

/** Location of a fact path: the path itself, else its closest ancestor, else where the subject is declared. */
export function locateFact(subject: Subject, factPath: string): Location {
  const parts = factPath.split('.');
  while (parts.length > 0) {
    const found = subject.locations[parts.join('.')];
    if (found) return found;
    parts.pop();
  }
  return subject.declaredAt;
}
