/**
 * Every config adapter of issue 4, in the order they are tried: the first that claims a file (or
 * a document) reads it. Shippers first, then hosts, services and stores.
 */
import type { AsyncTextAdapter, DocumentAdapter, TextAdapter } from './config-adapter.js';
import { ADAPTERS as fluentBit } from './fluent-bit.js';
import { ADAPTERS as filebeat } from './filebeat.js';
import { ADAPTERS as vector } from './vector.js';
import { ADAPTERS as otelCollector } from './otel-collector.js';
import { ADAPTERS as journalUpload } from './journal-upload.js';
import { ADAPTERS as rsyslog } from './rsyslog.js';
import { ADAPTERS as syslogNg } from './syslog-ng.js';
import { ADAPTERS as auditdConf } from './auditd-conf.js';
import { ADAPTERS as auditRules } from './audit-rules.js';
import { ADAPTERS as audispRemote } from './audisp-remote.js';
import { ADAPTERS as journald } from './journald.js';
import { ADAPTERS as logrotate } from './logrotate.js';
import { ADAPTERS as sshd } from './sshd.js';
import { ADAPTERS as timeSync } from './time-sync.js';
import { ADAPTERS as dockerDaemon } from './docker-daemon.js';
import { ADAPTERS as vaultAudit } from './vault-audit.js';
import { ADAPTERS as auditWebhook } from './audit-webhook.js';
import { ADAPTERS as postgresql } from './postgresql.js';
import { ADAPTERS as nginx } from './nginx.js';
import { ADAPTERS as apache } from './apache.js';
import { ADAPTERS as elasticsearchIlm } from './elasticsearch-ilm.js';
import { ADAPTERS as opensearchIsm } from './opensearch-ism.js';
import { ADAPTERS as loki } from './loki.js';
import { ADAPTERS as splunkIndexes } from './splunk-indexes.js';
import { ADAPTERS as terraform } from './terraform.js';
import { ADAPTERS as terraformPlan } from './terraform-plan.js';
import { ADAPTERS as cloudformation } from './cloudformation.js';

export interface ConfigAdapters {
  text: TextAdapter[];
  documents: DocumentAdapter[];
  /** Adapters whose parser is asynchronous (Terraform HCL). */
  asyncText?: AsyncTextAdapter[];
}

const MODULES: readonly ConfigAdapters[] = [
  fluentBit,
  filebeat,
  vector,
  otelCollector,
  journalUpload,
  rsyslog,
  syslogNg,
  auditdConf,
  auditRules,
  audispRemote,
  journald,
  logrotate,
  sshd,
  timeSync,
  dockerDaemon,
  vaultAudit,
  auditWebhook,
  postgresql,
  nginx,
  apache,
  elasticsearchIlm,
  opensearchIsm,
  loki,
  splunkIndexes,
  // Cloud infrastructure as code (issue 3). CloudFormation claims its templates by a sniff before
  // the scan parses YAML (its short tags `!Ref`, `!Sub` need their own schema).
  cloudformation,
  terraform,
  terraformPlan,
];

export const TEXT_ADAPTERS: readonly TextAdapter[] = MODULES.flatMap((m) => m.text);
export const ASYNC_TEXT_ADAPTERS: readonly AsyncTextAdapter[] = MODULES.flatMap((m) => m.asyncText ?? []);
export const DOCUMENT_ADAPTERS: readonly DocumentAdapter[] = MODULES.flatMap((m) => m.documents);
