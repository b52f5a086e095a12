/**
 * What a diagnostic setting (or a flow log) points at: the subscription's activity log, or a
 * resource whose kind decides the pillars its logs belong to. Targets are named by reference
 * (`azurerm_key_vault.kv.id`, `data.azurerm_subscription.current.id`) or by a literal ARM id
 * (`/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>`).
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, IacValue } from '../../model/cloud.js';
import type { Area } from '../../model/vocabulary.js';
import { baseAddress, typeOfAddress } from '../resolve.js';
import { refsOf } from '../values.js';

export type TargetKind =
  | 'subscription'
  | 'entra-id'
  | 'key-vault'
  | 'nsg'
  | 'firewall'
  | 'vnet'
  | 'public-ip'
  | 'application-gateway'
  | 'aks'
  | 'sql-server'
  | 'sql-database'
  | 'storage-account'
  | 'app-service'
  | 'log-analytics-workspace';

interface KindInfo {
  pillars: Area[];
  terraform: string[];
  /** ARM resource types, lower-cased (`microsoft.keyvault/vaults`). */
  arm: string[];
}

export const TARGET_KINDS: Record<TargetKind, KindInfo> = {
  subscription: { pillars: ['identity', 'applications'], terraform: ['data.azurerm_subscription', 'azurerm_subscription'], arm: [] },
  'entra-id': { pillars: ['identity'], terraform: [], arm: [] },
  'key-vault': { pillars: ['data', 'identity'], terraform: ['azurerm_key_vault', 'azurerm_key_vault_managed_hardware_security_module'], arm: ['microsoft.keyvault/vaults', 'microsoft.keyvault/managedhsms'] },
  nsg: { pillars: ['networks'], terraform: ['azurerm_network_security_group'], arm: ['microsoft.network/networksecuritygroups'] },
  firewall: { pillars: ['networks'], terraform: ['azurerm_firewall'], arm: ['microsoft.network/azurefirewalls'] },
  vnet: { pillars: ['networks'], terraform: ['azurerm_virtual_network'], arm: ['microsoft.network/virtualnetworks'] },
  'public-ip': { pillars: ['networks'], terraform: ['azurerm_public_ip'], arm: ['microsoft.network/publicipaddresses'] },
  'application-gateway': { pillars: ['networks', 'applications'], terraform: ['azurerm_application_gateway'], arm: ['microsoft.network/applicationgateways'] },
  aks: { pillars: ['applications'], terraform: ['azurerm_kubernetes_cluster'], arm: ['microsoft.containerservice/managedclusters'] },
  'sql-server': { pillars: ['data'], terraform: ['azurerm_mssql_server', 'azurerm_sql_server'], arm: ['microsoft.sql/servers'] },
  'sql-database': { pillars: ['data'], terraform: ['azurerm_mssql_database', 'azurerm_sql_database'], arm: ['microsoft.sql/servers/databases'] },
  'storage-account': { pillars: ['data'], terraform: ['azurerm_storage_account'], arm: ['microsoft.storage/storageaccounts'] },
  'app-service': {
    pillars: ['applications'],
    terraform: ['azurerm_linux_web_app', 'azurerm_windows_web_app', 'azurerm_linux_function_app', 'azurerm_windows_function_app', 'azurerm_app_service', 'azurerm_function_app'],
    arm: ['microsoft.web/sites'],
  },
  'log-analytics-workspace': { pillars: ['visibility'], terraform: ['azurerm_log_analytics_workspace'], arm: ['microsoft.operationalinsights/workspaces'] },
};

const KIND_BY_TERRAFORM = new Map<string, TargetKind>();
const KIND_BY_ARM = new Map<string, TargetKind>();
for (const [kind, info] of Object.entries(TARGET_KINDS) as [TargetKind, KindInfo][]) {
  for (const t of info.terraform) KIND_BY_TERRAFORM.set(t, kind);
  for (const t of info.arm) KIND_BY_ARM.set(t, kind);
}

/** What a target expression names. `kind` is null when the type is not one ztmm knows; `type` then says what it is. */
export interface Target {
  kind: TargetKind | null;
  /** The Terraform type referred to (`azurerm_key_vault`) or the ARM type of a literal id (`microsoft.keyvault/vaults`). */
  type: string | null;
  /** The referenced address (`azurerm_key_vault.kv`) or the literal id. */
  name: string | null;
  /** Why the target is unknown. */
  reason: string | null;
}

/** Subscription ids are GUIDs; an id of the subscription itself has nothing after it. */
const SUBSCRIPTION_ID = /^\/subscriptions\/[^/]+\/?$/i;

/** The ARM type of a literal resource id, lower-cased, with child types joined (`microsoft.sql/servers/databases`). */
export function armTypeOf(id: string): string | null {
  const match = /\/providers\/([^/]+)\/(.+)$/i.exec(id.trim());
  if (!match) return null;
  const segments = (match[2] ?? '').split('/').filter((s) => s !== '');
  const types: string[] = [];
  for (let i = 0; i < segments.length; i += 2) types.push(segments[i] as string);
  return `${(match[1] ?? '').toLowerCase()}/${types.join('/').toLowerCase()}`;
}

/** The resource name at the end of a literal ARM id (the first resource, not a child such as `blobServices/default`). */
export function armNameOf(id: string): string | null {
  const match = /\/providers\/[^/]+\/[^/]+\/([^/]+)/i.exec(id.trim());
  return match ? (match[1] ?? null) : null;
}

export function targetOf(value: IacValue | undefined): Target {
  if (value === undefined || value === null) return { kind: null, type: null, name: null, reason: 'no target is written' };
  const refs = refsOf(value);
  if (refs.length > 0) {
    // The first reference that names a known kind decides (`"${azurerm_storage_account.a.id}/blobServices/default"`).
    for (const ref of refs) {
      const type = typeOfAddress(ref);
      const kind = KIND_BY_TERRAFORM.get(type);
      if (kind) return { kind, type, name: baseAddress(ref), reason: null };
    }
    const first = refs[0] as string;
    return { kind: null, type: typeOfAddress(first), name: baseAddress(first), reason: null };
  }
  if (isUnresolved(value)) {
    // A template such as "/subscriptions/${var.id}" keeps its text in the reason when the front end says so.
    if (/data\.azurerm_subscription\b/.test(value.reason)) return { kind: 'subscription', type: 'data.azurerm_subscription', name: null, reason: null };
    return { kind: null, type: null, name: null, reason: value.reason };
  }
  if (typeof value !== 'string') return { kind: null, type: null, name: null, reason: 'the target is not a resource id' };
  if (SUBSCRIPTION_ID.test(value.trim())) return { kind: 'subscription', type: 'subscription', name: value, reason: null };
  const arm = armTypeOf(value);
  if (arm === null) return { kind: null, type: null, name: value, reason: `${value} is not an Azure resource id` };
  // A storage account's blob, queue, table or file service logs under the account.
  const base = arm.startsWith('microsoft.storage/storageaccounts') ? 'microsoft.storage/storageaccounts' : arm;
  return { kind: KIND_BY_ARM.get(base) ?? null, type: arm, name: value, reason: null };
}

export function pillarsOf(kind: TargetKind | null): Area[] {
  return kind ? [...TARGET_KINDS[kind].pillars] : ['visibility'];
}

/**
 * Whether a target expression names this resource: a reference to its address (any instance when
 * the reference has no key) in the same stack, or a literal ARM id whose type and name match.
 */
export function namesResource(from: { stack: string }, value: IacValue | undefined, resource: CloudResource): boolean {
  if (value === undefined || value === null) return false;
  const refs = refsOf(value);
  if (refs.length > 0) {
    if (from.stack !== resource.stack) return false;
    return refs.some((r) => r === resource.address || r === baseAddress(resource.address) || baseAddress(r) === resource.address);
  }
  if (typeof value !== 'string') return false;
  const arm = armTypeOf(value);
  const kind = KIND_BY_TERRAFORM.get(resource.type);
  if (arm === null || kind === undefined) return false;
  const armBase = arm.startsWith('microsoft.storage/storageaccounts') ? 'microsoft.storage/storageaccounts' : arm;
  if (KIND_BY_ARM.get(armBase) !== kind) return false;
  const name = resource.values.name;
  return typeof name === 'string' && (armNameOf(value) ?? '').toLowerCase() === name.toLowerCase();
}
