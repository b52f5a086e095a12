/**
 * Cloud audit streams into the estate (issue 3): every extractor reads the scan's cloud
 * resources; each stream is joined to the stores its destinations name (a reference in the same
 * stack, or a literal bucket name, ARN or id anywhere) and becomes a `LogSource` that carries the
 * effective retention, immutability and encryption of those stores, with the store resource's
 * line as evidence. The stream's own subject gains the same facts under `delivery`.
 */
import { EXTRACTORS } from '../iac/extractors.js';
import { targetsOf } from '../iac/resolve.js';
import { isUnresolved } from '../model/cloud.js';
import type { CloudResource, CloudStore, CloudStream, IacValue } from '../model/cloud.js';
import type { Detection, LogSource, Route, Sink } from '../model/estate.js';
import type { Unknown } from '../model/pipeline.js';
import type { Subject } from '../model/subject.js';
import type { Location } from '../model/vocabulary.js';
import { compareStrings } from '../model/vocabulary.js';

export interface CloudLinked {
  subjects: Subject[];
  sources: LogSource[];
  /** Where each source fact was decided, by source id. */
  sourceLocations: Map<string, Record<string, Location>>;
  /** Why a source fact is unknown, by source id. */
  sourceUnknown: Map<string, Record<string, string>>;
  sinks: Sink[];
  routes: Route[];
  detections: Detection[];
  unknowns: Unknown[];
}

/** What the stores a stream lands in decide for it. */
interface Delivery {
  stores: CloudStore[];
  retentionDays: number | null;
  unbounded: boolean | null;
  hotDays: number | null;
  immutable: boolean | null;
  encrypted: boolean | null;
  locations: Record<string, Location>;
  unknown: Record<string, string>;
}

export function linkCloud(resources: readonly CloudResource[]): CloudLinked {
  const out: CloudLinked = { subjects: [], sources: [], sourceLocations: new Map(), sourceUnknown: new Map(), sinks: [], routes: [], detections: [], unknowns: [] };
  if (resources.length === 0) return out;
  const streams: CloudStream[] = [];
  const stores: CloudStore[] = [];
  for (const extractor of EXTRACTORS) {
    const extraction = extractor.extract(resources);
    out.subjects.push(...extraction.subjects);
    streams.push(...extraction.streams);
    stores.push(...extraction.stores);
    out.detections.push(...extraction.detections);
    out.unknowns.push(...extraction.unknowns);
  }
  const sinkIds = new Map<CloudStore, string>();
  for (const store of stores) {
    const id = `${store.kind}:${store.path}#${store.address}`;
    sinkIds.set(store, id);
    out.sinks.push({
      id,
      kind: store.kind,
      remote: true,
      // Cloud services deliver to their stores over the provider's own TLS APIs.
      tls: true,
      retentionDays: store.retentionDays,
      unbounded: store.unbounded,
      immutable: store.immutable,
      declaredAt: store.declaredAt,
    });
  }
  const subjectsByKey = new Map(out.subjects.map((s) => [`${s.path}\u0000${s.id}`, s]));
  for (const stream of streams) {
    const delivery = deliveryOf(stream, stores);
    const source = sourceOf(stream, delivery);
    out.sources.push(source);
    out.sourceLocations.set(source.id, { ...delivery.locations, centralized: stream.destinationLocations[0] ?? stream.declaredAt });
    out.sourceUnknown.set(source.id, { ...delivery.unknown });
    for (const store of delivery.stores) {
      const to = sinkIds.get(store) ?? '';
      out.routes.push({ id: `${source.id}->${to}`, from: source.id, to, via: stream.address, hops: [stream.path], tls: true, tlsVerify: true, durable: null });
    }
    const subject = subjectsByKey.get(`${stream.path}\u0000${stream.address}`);
    if (subject) addDelivery(subject, delivery);
  }
  out.sources.sort((a, b) => compareStrings(a.id, b.id));
  return out;
}

/** The stores a stream's destinations name, and what they decide for its events. */
function deliveryOf(stream: CloudStream, stores: readonly CloudStore[]): Delivery {
  const matched = new Set<CloudStore>();
  const unmatched: string[] = [];
  // Destinations outside the scan whose kind can never be write-once (a CloudWatch log group).
  let unmatchedMutable = 0;
  stream.destinations.forEach((destination, index) => {
    const found = targetsOf(stream, destination, stores, (s) => s.keys);
    if (found.length === 0) {
      unmatched.push(describe(destination, stream.destinationLocations[index] ?? stream.declaredAt));
      if (stream.destinationKinds?.[index] === 'cloudwatch-logs') unmatchedMutable++;
    }
    for (const store of found) matched.add(store);
  });
  const list = [...matched].sort((a, b) => compareStrings(`${a.path}#${a.address}`, `${b.path}#${b.address}`));
  const locations: Record<string, Location> = {};
  const unknown: Record<string, string> = {};
  const notScanned = unmatched.length > 0 ? `the destination is not among the scanned stores: ${unmatched.join('; ')}` : 'the stream names no destination';
  // A destination that is not scanned may keep the events longer, or write-once: what the
  // scanned stores show is then only known when it settles the fact on its own.
  const open = unmatched.length > 0;
  // Retention: the longest-keeping store; a store that never deletes keeps the events longest.
  const forever = list.find((s) => s.unbounded === true);
  const longest = list.filter((s) => s.retentionDays !== null).sort((a, b) => (b.retentionDays ?? 0) - (a.retentionDays ?? 0))[0];
  let retentionDays: number | null = null;
  let unbounded: boolean | null = null;
  if (forever) {
    unbounded = true;
    locations.retentionDays = forever.locations.unbounded ?? forever.locations.retentionDays ?? forever.declaredAt;
  } else if (longest && !open && list.every((s) => s.retentionDays !== null)) {
    retentionDays = longest.retentionDays;
    unbounded = list.every((s) => s.unbounded === false) ? false : null;
    locations.retentionDays = longest.locations.retentionDays ?? longest.declaredAt;
  } else {
    // A store whose retention is unknown may keep the events longest: the answer is unknown.
    unknown.retentionDays = list.length > 0 && !open ? firstReason(list.filter((x) => x.retentionDays === null), 'retentionDays') : notScanned;
    unknown.unbounded = unknown.retentionDays;
  }
  if (locations.retentionDays) locations.unbounded = locations.retentionDays;
  const hot = list.map((s) => s.hotDays ?? null).filter((d): d is number => d !== null);
  const immutableOpen = unmatched.length > unmatchedMutable || stream.destinations.length === 0;
  const immutable = anyTrue(list, 'immutable', locations, unknown, notScanned, immutableOpen, stream.destinationLocations[0] ?? stream.declaredAt);
  const encrypted = allTrue(list, 'encrypted', locations, unknown, notScanned, open);
  return { stores: list, retentionDays, unbounded, hotDays: hot.length > 0 ? Math.max(...hot) : null, immutable, encrypted, locations, unknown };
}

/** True when some store is write-once (one immutable copy is evidence); false when every store is known not to be. */
function anyTrue(list: readonly CloudStore[], fact: 'immutable', locations: Record<string, Location>, unknown: Record<string, string>, none: string, open: boolean, fallback: Location): boolean | null {
  const yes = list.find((s) => s[fact] === true);
  if (yes) {
    locations[fact] = yes.locations[fact] ?? yes.declaredAt;
    return true;
  }
  // Every destination is known not to be: a scanned store that says so, or one whose kind never is.
  if (!open && list.every((s) => s[fact] === false)) {
    const first = list[0];
    locations[fact] = first ? (first.locations[fact] ?? first.declaredAt) : fallback;
    return false;
  }
  unknown[fact] = list.some((s) => s[fact] === null) ? firstReason(list, fact) : none;
  return null;
}

/** True when every store is known to be; false as soon as one is known not to be. */
function allTrue(list: readonly CloudStore[], fact: 'encrypted', locations: Record<string, Location>, unknown: Record<string, string>, none: string, open: boolean): boolean | null {
  const no = list.find((s) => s[fact] === false);
  if (no) {
    locations[fact] = no.locations[fact] ?? no.declaredAt;
    return false;
  }
  if (!open && list.length > 0 && list.every((s) => s[fact] === true)) {
    const first = list[0] as CloudStore;
    locations[fact] = first.locations[fact] ?? first.declaredAt;
    return true;
  }
  unknown[fact] = list.length > 0 && !open ? firstReason(list, fact) : none;
  return null;
}

function firstReason(list: readonly CloudStore[], fact: string): string {
  for (const store of list) {
    const reason = store.unknown[fact];
    if (reason) return `${store.address}: ${reason}`;
  }
  return `${list.map((s) => s.address).join(', ')} does not say`;
}

/**
 * A destination as a message names it: where it is written, or why its value is unknown. Never
 * the value itself, which may come from a secret (a NoEcho parameter, a sensitive variable).
 */
function describe(value: IacValue, at: Location): string {
  if (isUnresolved(value)) return value.reason;
  return `the one written at ${at.path}:${at.line}`;
}

function sourceOf(stream: CloudStream, delivery: Delivery): LogSource {
  return {
    id: `${stream.system}:${stream.path}#${stream.address}`,
    system: stream.system,
    pillars: [...stream.pillars],
    paths: [],
    declaredAt: stream.declaredAt,
    // The provider delivers a cloud audit stream off the producing resource by construction.
    centralized: true,
    localOnly: false,
    retentionDays: delivery.retentionDays,
    immutable: delivery.immutable,
    encrypted: delivery.encrypted,
    routes: delivery.stores.length,
    tls: true,
    tlsVerify: true,
    durable: null,
    localRetentionDays: null,
    centralRetentionDays: delivery.retentionDays,
    centralUnbounded: delivery.unbounded,
    localUnbounded: null,
    evidence: { ...delivery.locations },
  };
}

/** The delivery facts on the stream's own subject, so rules on a trail can read where it lands. */
function addDelivery(subject: Subject, delivery: Delivery): void {
  subject.facts.delivery = {
    stores: delivery.stores.length,
    storeAddresses: delivery.stores.map((s) => s.address),
    retentionDays: delivery.retentionDays,
    unbounded: delivery.unbounded,
    retentionUnbounded: delivery.unbounded === true,
    hotDays: delivery.hotDays,
    immutable: delivery.immutable,
    encrypted: delivery.encrypted,
  };
  for (const [fact, at] of Object.entries(delivery.locations)) subject.locations[`delivery.${fact}`] = at;
  const unknown = { ...(subject.unknown ?? {}) };
  for (const [fact, reason] of Object.entries(delivery.unknown)) unknown[`delivery.${fact}`] = reason;
  subject.unknown = unknown;
}
