/**
 * GKE cluster logging (`google_container_cluster`): `logging_service` (Google provider 5.x/6.x
 * default `logging.googleapis.com/kubernetes`; `none` turns Cloud Logging off) and
 * `logging_config.enable_components`. Without a `logging_config` block GKE collects
 * SYSTEM_COMPONENTS and WORKLOADS; an empty component list turns all logging off. Control-plane
 * component logs (APISERVER, SCHEDULER, CONTROLLER_MANAGER) are collected only when listed.
 * (Kubernetes API audit logs are Cloud Audit Logs, governed by the project's audit config.)
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, CloudStream, Unresolved } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import { blocksOf, boolOf, listOf, stringOf } from '../values.js';
import type { Read } from '../values.js';
import { FactSheet } from '../fact-sheet.js';

const DEFAULT_COMPONENTS = ['SYSTEM_COMPONENTS', 'WORKLOADS'];

export function readCluster(resource: CloudResource): { subject: Subject; stream: CloudStream | null } | null {
  if (resource.type !== 'google_container_cluster') return null;
  const sheet = new FactSheet(resource);
  sheet.set('name', stringOf(resource.values['name']), 'name');
  sheet.set('autopilot', boolOf(resource.values['enable_autopilot']) ?? false, 'enable_autopilot');

  const service: string | Unresolved = stringOf(resource.values['logging_service']) ?? 'logging.googleapis.com/kubernetes';
  sheet.set('loggingService', service, 'logging_service');
  const serviceOn: Read<boolean> = isUnresolved(service) ? service : service.trim() !== 'none';

  const components = enabledComponents(resource);
  const componentsAttribute = resource.values['logging_config'] === undefined ? 'logging_service' : 'logging_config.enable_components';
  const effective: string[] | Unresolved = serviceOn === false ? [] : components;
  sheet.set('components', effective, componentsAttribute);
  const enabled: Read<boolean> = serviceOn === false ? false : isUnresolved(effective) ? effective : isUnresolved(serviceOn) ? serviceOn : effective.length > 0;
  sheet.set('loggingEnabled', enabled, serviceOn === false ? 'logging_service' : componentsAttribute);
  const has = (name: string): Read<boolean> => (isUnresolved(effective) ? effective : isUnresolved(serviceOn) ? serviceOn : effective.includes(name));
  sheet.set('systemComponents', has('SYSTEM_COMPONENTS'), componentsAttribute);
  sheet.set('workloads', has('WORKLOADS'), componentsAttribute);
  sheet.set('apiServer', has('APISERVER'), componentsAttribute);
  sheet.set('scheduler', has('SCHEDULER'), componentsAttribute);
  sheet.set('controllerManager', has('CONTROLLER_MANAGER'), componentsAttribute);

  const subject = sheet.subject('gcp-gke-cluster', ['applications']);
  const stream: CloudStream | null =
    enabled === true
      ? { address: resource.address, stack: resource.stack, path: resource.path, system: 'gcp-gke-logs', pillars: ['applications'], destinations: [], declaredAt: resource.at, destinationLocations: [] }
      : null;
  return { subject, stream };
}

function enabledComponents(resource: CloudResource): string[] | Unresolved {
  const blocks = blocksOf(resource.values['logging_config']);
  if (isUnresolved(blocks)) return blocks;
  const block = blocks[0];
  if (!block) return [...DEFAULT_COMPONENTS];
  const list = listOf(block['enable_components']);
  if (isUnresolved(list)) return list;
  const out = new Set<string>();
  for (const item of list) {
    const name = stringOf(item);
    if (isUnresolved(name)) return name;
    if (name !== null) out.add(name.trim().toUpperCase());
  }
  return [...out].sort();
}
