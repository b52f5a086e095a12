/**
 * Splunk `indexes.conf`: how long each index keeps its events (issue 4).
 *
 * Buckets roll hot → warm → cold → frozen; hot, warm and cold are searchable, frozen data is
 * deleted unless `coldToFrozenDir` or `coldToFrozenScript` archives it (indexes.conf.spec, Splunk
 * Enterprise 9.0). A bucket freezes once every event in it is older than `frozenTimePeriodInSecs`
 * (default 188697600 s, 6 years), or earlier when the index outgrows `maxTotalDataSizeMB` (default
 * 500000) or a volume its paths live on outgrows `maxVolumeDataSizeMB`. Settings of `[default]`
 * (and those before any stanza) apply to every index that does not set them itself.
 *
 * One file is read alone: the layering of system/default, app and local files is not resolved.
 * Internal indexes (`_internal`, `_introspection`, ...) get their own retention in Splunk's
 * system/default/indexes.conf, so without a setting in their own stanza their retention is unknown.
 */
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead } from '../model/pipeline.js';
import type { Location } from '../model/vocabulary.js';
import type { TextAdapter, TextFile } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';
import { secondsToDays } from './stores/duration.js';
import { readSplunkConf, splunkBoolean } from './stores/splunk-conf.js';
import type { ConfFile, ConfSetting, ConfStanza } from './stores/splunk-conf.js';
import { storeOutputs } from './stores/store-policy.js';
import type { StoreFacts } from './stores/store-policy.js';
import { quote } from './stores/structured.js';

export const SPLUNK_KIND = 'splunk-indexes';

/** indexes.conf.spec defaults (Splunk Enterprise 9.0). */
export const DEFAULT_FROZEN_SECONDS = 188_697_600;
export const DEFAULT_MAX_TOTAL_MB = 500_000;
/** Stanzas that are not indexes. */
const NOT_INDEX = /^(default|volume:.*|provider:.*|provider-family:.*)$/;
/** Problems listed per file before the rest are summed up. */
const MAX_PROBLEMS = 100;

export function claimsIndexesConf(path: string): boolean {
  return /(^|\/)indexes\.conf$/.test(path);
}

/** The setting an index uses: its own, else the file's `[default]` (or global) one. */
function settingOf(file: ConfFile, stanza: ConfStanza, key: string): { setting: ConfSetting; own: boolean } | null {
  const own = stanza.settings.get(key);
  if (own) return { setting: own, own: true };
  const inherited = file.stanzas.get('default')?.settings.get(key);
  return inherited ? { setting: inherited, own: false } : null;
}

function nonNegativeInteger(value: string): number | null {
  const v = value.trim();
  return /^\d{1,15}$/.test(v) ? Number(v) : null;
}

export function readIndexesConf(file: TextFile): ConfigRead {
  const read = emptyRead(SPLUNK_KIND);
  const conf = readSplunkConf(file.path, file.text);
  for (const problem of conf.problems.slice(0, MAX_PROBLEMS)) read.problems.push(problem);
  if (conf.problems.length > MAX_PROBLEMS) {
    const last = conf.problems[conf.problems.length - 1];
    if (last) read.problems.push({ at: last.at, message: `and ${conf.problems.length - MAX_PROBLEMS} more lines that do not parse` });
  }
  for (const stanza of conf.stanzas.values()) {
    if (NOT_INDEX.test(stanza.name)) continue;
    if ([...stanza.settings.keys()].some((k) => k.startsWith('vix.'))) {
      read.unknowns.push({ construct: `[${quote(stanza.name)}]`, reason: 'a virtual index (vix.*) keeps its data in an external system; its retention is not here', at: stanza.at });
      continue;
    }
    readIndex(read, conf, stanza);
  }
  if (!conf.readAny) {
    read.fatal = true;
    if (read.problems.length === 0) read.problems.push({ at: { path: file.path, line: 1, column: 1 }, message: 'no stanza or setting could be read' });
  }
  return read;
}

function readIndex(read: ConfigRead, conf: ConfFile, stanza: ConfStanza): void {
  const name = stanza.name;
  const internal = name.startsWith('_');
  const locations: Record<string, Location> = {};
  const problem = (at: Location, message: string): void => void read.problems.push({ at, message });

  const frozen = settingOf(conf, stanza, 'frozenTimePeriodInSecs');
  // An internal index's own stanza in system/default beats any [default] of this file.
  const frozenApplies = frozen !== null && (frozen.own || !internal);
  let frozenSeconds: number | null = frozenApplies ? null : internal ? null : DEFAULT_FROZEN_SECONDS;
  if (frozen && frozenApplies) {
    frozenSeconds = nonNegativeInteger(frozen.setting.value);
    if (frozenSeconds === null) problem(frozen.setting.at, `frozenTimePeriodInSecs ${quote(frozen.setting.value)} is not a whole number of seconds`);
  }
  if (!frozenApplies && internal) {
    read.unknowns.push({ construct: `[${quote(name)}] frozenTimePeriodInSecs`, reason: "an internal index's retention is set in Splunk's system/default/indexes.conf, not in this file", at: stanza.at });
  }
  const frozenAt = frozen && frozenApplies ? frozen.setting.at : stanza.at;
  const frozenDays = frozenSeconds === null ? null : secondsToDays(frozenSeconds);

  const archiveDir = settingOf(conf, stanza, 'coldToFrozenDir');
  const archiveScript = settingOf(conf, stanza, 'coldToFrozenScript');
  // coldToFrozenDir wins when both are set (indexes.conf.spec).
  const archive = [archiveDir, archiveScript].find((s) => s !== null && s.setting.value !== '') ?? null;
  if (archive) {
    const kind = archive === archiveDir ? 'coldToFrozenDir' : 'coldToFrozenScript';
    read.unknowns.push({ construct: `[${quote(name)}] ${kind}`, reason: 'frozen buckets are archived, not deleted; how long the archive keeps them is not in this file', at: archive.setting.at });
  }

  const totalSize = settingOf(conf, stanza, 'maxTotalDataSizeMB');
  const maxTotalDataSizeMB = totalSize ? nonNegativeInteger(totalSize.setting.value) : DEFAULT_MAX_TOTAL_MB;
  if (totalSize && maxTotalDataSizeMB === null) problem(totalSize.setting.at, `maxTotalDataSizeMB ${quote(totalSize.setting.value)} is not a whole number`);
  const globalSize = settingOf(conf, stanza, 'maxGlobalDataSizeMB');

  const integrity = settingOf(conf, stanza, 'enableDataIntegrityControl');
  const integrityValue = integrity ? splunkBoolean(integrity.setting.value) : false;
  if (integrity && integrityValue === null) problem(integrity.setting.at, `enableDataIntegrityControl ${quote(integrity.setting.value)} is not a boolean`);
  const disabled = settingOf(conf, stanza, 'disabled');

  const retentionDays = archive ? null : frozenDays;
  const unbounded = archive ? null : frozenDays === null ? null : false;
  for (const key of ['retentionDays', 'minRetentionDays', 'explicit', 'hotDays', 'hotUnbounded', 'frozenTimePeriodInSecs']) locations[key] = frozenAt;
  locations.unbounded = archive ? archive.setting.at : frozenAt;
  locations.archive = locations.unbounded;
  locations.maxTotalDataSizeMB = totalSize?.setting.at ?? stanza.at;
  locations.enableDataIntegrityControl = integrity?.setting.at ?? stanza.at;
  locations.readOnlyAfterDays = stanza.at;

  const facts: StoreFacts = {
    store: 'splunk',
    name,
    indexPatterns: [name],
    retentionDays,
    unbounded,
    // Warm and cold buckets are not written again, but Splunk has no write block to check here.
    readOnlyAfterDays: null,
    explicit: frozenApplies,
    minRetentionDays: frozenDays,
    // Hot, warm and cold buckets are searchable; frozen ones are not.
    hotDays: frozenDays,
    hotUnbounded: frozenDays === null ? null : false,
  };
  const extra = {
    frozenTimePeriodInSecs: frozenSeconds,
    archive: archive ? { kind: archive === archiveDir ? 'dir' : 'script', target: archive.setting.value } : null,
    maxTotalDataSizeMB,
    maxGlobalDataSizeMB: globalSize ? nonNegativeInteger(globalSize.setting.value) : null,
    /** Volumes the index paths live on, with their size limit (a full volume freezes the oldest buckets early). */
    volumes: volumesOf(conf, stanza),
    remoteStorage: settingOf(conf, stanza, 'remotePath') !== null,
    enableDataIntegrityControl: integrityValue,
    disabled: disabled ? splunkBoolean(disabled.setting.value) : false,
    datatype: settingOf(conf, stanza, 'datatype')?.setting.value ?? 'event',
    internal,
  };
  const out = storeOutputs(stanza.at.path, facts, extra, stanza.at, locations);
  read.policies.push(out.policy);
  read.subjects.push(out.subject);
}

interface VolumeFact {
  name: string;
  maxVolumeDataSizeMB: number | null;
}

/** The `volume:NAME/...` references of an index's paths, with each volume's size limit. */
function volumesOf(conf: ConfFile, stanza: ConfStanza): VolumeFact[] {
  const names = new Set<string>();
  for (const key of ['homePath', 'coldPath', 'thawedPath', 'remotePath']) {
    const value = settingOf(conf, stanza, key)?.setting.value ?? '';
    const match = /^volume:([^/\\]+)/.exec(value.trim());
    if (match?.[1]) names.add(match[1]);
  }
  return [...names].sort().map((name) => {
    const limit = conf.stanzas.get(`volume:${name}`)?.settings.get('maxVolumeDataSizeMB');
    return { name, maxVolumeDataSizeMB: limit ? nonNegativeInteger(limit.value) : null };
  });
}

const adapter: TextAdapter = {
  kind: SPLUNK_KIND,
  claims: (path) => claimsIndexesConf(path),
  read: (file) => readIndexesConf(file),
};

export const ADAPTERS: ConfigAdapters = { text: [adapter], documents: [] };
