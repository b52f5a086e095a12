/**
 * What every service reader produces: an `aws-service-logging` subject per resource whose logging
 * is judged, and a `CloudStream` when its logging is on, so that the linker can join the stream's
 * destinations to the buckets and log groups declared elsewhere.
 */
import type { CloudResource, CloudStream, IacValue } from '../../../model/cloud.js';
import type { Unknown } from '../../../model/pipeline.js';
import type { Subject } from '../../../model/subject.js';
import type { Area, Location } from '../../../model/vocabulary.js';
import { FactSheet } from '../../fact-sheet.js';
import type { DestinationKind } from './read.js';

export type Service =
  | 'eks'
  | 'rds'
  | 'aurora'
  | 'redshift'
  | 'docdb'
  | 'neptune'
  | 'opensearch'
  | 'msk'
  | 'apigateway'
  | 'elb'
  | 'cloudfront'
  | 'waf'
  | 'wafv2'
  | 'network-firewall'
  | 'step-functions';

/** Pillars by what each service's logs record. */
export const PILLARS_OF: Record<Service, Area[]> = {
  eks: ['identity', 'applications'],
  rds: ['data'],
  aurora: ['data'],
  redshift: ['data'],
  docdb: ['data'],
  neptune: ['data'],
  opensearch: ['data'],
  msk: ['data'],
  apigateway: ['applications'],
  elb: ['networks', 'applications'],
  cloudfront: ['networks', 'applications'],
  waf: ['networks', 'applications'],
  wafv2: ['networks', 'applications'],
  'network-firewall': ['networks', 'applications'],
  'step-functions': ['applications'],
};

export interface Destination {
  value: IacValue;
  at: Location;
}

export interface ServiceOutput {
  subjects: Subject[];
  streams: CloudStream[];
  unknowns: Unknown[];
}

export function emptyOutput(): ServiceOutput {
  return { subjects: [], streams: [], unknowns: [] };
}

/** A fact sheet for one service resource, with the facts every service has. */
export function serviceSheet(resource: CloudResource, service: Service): FactSheet {
  const sheet = new FactSheet(resource);
  sheet.put('service', service, resource.at);
  sheet.put('resourceType', resource.type, resource.at);
  return sheet;
}

/**
 * Log types against the audit-relevant set: `logTypes`, `requiredLogTypes`, `missingLogTypes` and
 * `auditLogTypesComplete` (every required type on). Compared case-insensitively, as AWS does.
 */
export function putLogTypes(sheet: FactSheet, logTypes: string[] | null, required: string[] | null, at: Location): void {
  if (logTypes !== null) sheet.put('logTypes', logTypes, at);
  if (required === null) return;
  sheet.put('requiredLogTypes', required, sheet.resource.at);
  if (logTypes === null) {
    const why = sheet.unknown['logTypes'] ?? 'the enabled log types are not known';
    sheet.unknownFact('missingLogTypes', why, at);
    sheet.unknownFact('auditLogTypesComplete', why, at);
    return;
  }
  const on = new Set(logTypes.map((t) => t.toLowerCase()));
  const missing = required.filter((t) => !on.has(t.toLowerCase()));
  sheet.put('missingLogTypes', missing, at);
  sheet.put('auditLogTypesComplete', missing.length === 0, at);
}

export interface Finish {
  service: Service;
  /** Whether the service writes any logs at all (null when not known). */
  enabled: boolean | null;
  enabledAt: Location;
  destinationKind?: DestinationKind | null;
  destinations: Destination[];
}

/** Adds the subject, and a stream when logging is on. */
export function finish(out: ServiceOutput, sheet: FactSheet, done: Finish): void {
  const { resource } = sheet;
  if (!Object.prototype.hasOwnProperty.call(sheet.facts, 'enabled')) {
    if (done.enabled === null) sheet.unknownFact('enabled', sheet.unknown['logTypes'] ?? 'whether logging is on is not known', done.enabledAt);
    else sheet.put('enabled', done.enabled, done.enabledAt);
  }
  if (!Object.prototype.hasOwnProperty.call(sheet.facts, 'destinationKind')) {
    if (done.enabled === false) sheet.put('destinationKind', 'none', done.enabledAt);
    else if (done.destinationKind !== undefined && done.destinationKind !== null) sheet.put('destinationKind', done.destinationKind, done.destinations[0]?.at ?? done.enabledAt);
  }
  const pillars = PILLARS_OF[done.service];
  out.subjects.push(sheet.subject('aws-service-logging', pillars));
  if (done.enabled !== true) return;
  out.streams.push(streamOf(resource, done.service, pillars, done.destinations));
}

export function streamOf(resource: CloudResource, service: Service, pillars: Area[], destinations: Destination[]): CloudStream {
  return {
    address: resource.address,
    stack: resource.stack,
    path: resource.path,
    system: `aws-${service}`,
    pillars: [...pillars],
    destinations: destinations.map((d) => d.value),
    declaredAt: resource.at,
    destinationLocations: destinations.map((d) => d.at),
  };
}
