/**
 * Reads one scanned file (IO edge): sniffs its head, then streams a log or parses a structured
 * file and hands its documents to the adapters. Never throws: a file that cannot be read or
 * parsed comes back as an inventory error with its reason and a one-line problem.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import picomatch from 'picomatch';
import { isAuditPolicyDocument, readAuditPolicy } from '../adapters/k8s-audit-policy.js';
import type { AuditPolicyDoc } from '../adapters/k8s-audit-policy.js';
import { isKubeApiserverDocument, readKubeApiservers } from '../adapters/kube-apiserver.js';
import type { KubeApiserver } from '../adapters/kube-apiserver.js';
import { NO_INCLUDES } from '../adapters/config-adapter.js';
import type { AsyncTextAdapter, ReadContext, TextAdapter } from '../adapters/config-adapter.js';
import { ASYNC_TEXT_ADAPTERS, DOCUMENT_ADAPTERS, TEXT_ADAPTERS } from '../adapters/registry.js';
import { findSuppressions } from '../assess/suppressions.js';
import type { ConfigRead } from '../model/pipeline.js';
import type { InlineSuppression } from '../assess/suppressions.js';
import { parseStructured } from '../documents/yaml-document.js';
import type { DeclaredSource } from '../config/types.js';
import type { SampleInput } from '../estate/link.js';
import { isForcedFormat } from '../logs/detect-format.js';
import type { UserAliases } from '../logs/field-aliases.js';
import { WRAPPER_KEYS } from '../logs/formats/json-document.js';
import { formatSize, readLog } from '../logs/read-log.js';
import { redactSecrets } from '../logs/secrets.js';
import type { ReadLogOptions } from '../logs/read-log.js';
import type { BlockPool } from '../logs/worker-pool.js';
import type { InventoryEntry } from '../model/result.js';
import { compareStrings } from '../model/vocabulary.js';
import { DEFAULT_MAX_LINE_BYTES } from '../logs/line-splitter.js';
import { MAX_STRUCTURED_BYTES, SNIFF_BYTES, classifyDeclared, classifyFile, tooLargeReason } from './classify.js';
import type { FoundFile } from './walk.js';
import { isRecord } from '../util/is-record.js';

export interface FileOutcome {
  entry: InventoryEntry;
  /** One line each: `path:line:col: message` or `path: reason`. */
  problems: string[];
  sample: SampleInput | null;
  policies: AuditPolicyDoc[];
  apiservers: KubeApiserver[];
  /** What config adapters (shippers, hosts, services, stores) read from the file. */
  configs: ConfigRead[];
  /** `ztmm:ignore` comments of an assessed configuration file (never of a log sample). */
  suppressions: InlineSuppression[];
}

function readHead(absolute: string): { bytes: Buffer; size: number } {
  const size = statSync(absolute).size;
  const fd = openSync(absolute, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(SNIFF_BYTES, size));
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return { bytes: buffer.subarray(0, read), size };
  } finally {
    closeSync(fd);
  }
}

function errnoReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES') return 'permission denied';
  if (code) return `cannot read (${code})`;
  // Not an IO error: the file was read but could not be processed; keep the scan going.
  return `could not be processed (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
}

function outcome(entry: InventoryEntry, extra: Partial<Omit<FileOutcome, 'entry'>> = {}): FileOutcome {
  return { entry, problems: [], sample: null, policies: [], apiservers: [], configs: [], suppressions: [], ...extra };
}

function unreadable(path: string, error: unknown): FileOutcome {
  const reason = errnoReason(error);
  return outcome({ path, status: 'error', reason }, { problems: [`${path}: ${reason}`] });
}

export interface ReadOptions {
  /** Read whole log files instead of sampling large ones. */
  full: boolean;
  /** Structured files (YAML, JSON documents) larger than this are skipped (--max-file-size; default MAX_STRUCTURED_BYTES). */
  maxFileBytes?: number;
  /** Log lines longer than this are parse errors (--max-line-length; default DEFAULT_MAX_LINE_BYTES). */
  maxLineBytes?: number;
  /** Stop reading a log file after this many events (--max-events; default: no limit). */
  maxEvents?: number;
  /** Worker threads for log files (--jobs > 1). */
  pool?: BlockPool;
  /** Extra field names per semantic field (the configuration's `aliases`), tried first. */
  aliases?: UserAliases;
  /**
   * Log sources declared in the configuration: a file whose report path matches one's glob is
   * read as a log of that source (its format forced when declared). The first match wins.
   */
  declaredSources?: readonly DeclaredSource[];
  /** Resolves includes of shipper configs inside the scanned tree (none resolve without it). */
  includes?: ReadContext;
}

/** Glob matchers of declared sources, compiled once per list. */
const declaredMatchers = new WeakMap<readonly DeclaredSource[], ((path: string) => boolean)[]>();

/** The first declared source whose glob matches a report path, or null. */
export function declaredSourceFor(path: string, sources: readonly DeclaredSource[]): DeclaredSource | null {
  let matchers = declaredMatchers.get(sources);
  if (!matchers) {
    matchers = sources.map((source) => picomatch(source.path, { dot: true }));
    declaredMatchers.set(sources, matchers);
  }
  const index = matchers.findIndex((matches) => matches(path));
  return index === -1 ? null : (sources[index] ?? null);
}

async function readSample(file: FoundFile, options: ReadOptions, declared: DeclaredSource | null): Promise<FileOutcome> {
  const logOptions: ReadLogOptions = { full: options.full };
  if (options.pool) logOptions.pool = options.pool;
  if (options.aliases) logOptions.aliases = options.aliases;
  if (options.maxLineBytes !== undefined) logOptions.maxLineBytes = options.maxLineBytes;
  if (options.maxEvents !== undefined) logOptions.maxEvents = options.maxEvents;
  if (declared?.format !== undefined && isForcedFormat(declared.format)) logOptions.format = declared.format;
  const summary = await readLog(file.absolute, logOptions);
  if (summary.lines === 0) return outcome({ path: file.path, status: 'skipped', reason: 'empty log file' });
  const kind = `log:${summary.format}${summary.compressed ? '+gzip' : ''}`;
  const sample: SampleInput = { path: file.path, summary, declared: declared ? { system: declared.system, pillars: [...declared.pillars] } : null };
  // What a limit left out is said in the inventory, with the limit named.
  const notes: string[] = [];
  if (summary.longLines) notes.push(longLinesNote(summary.longLines, options));
  if (summary.sampling.eventLimit !== undefined) notes.push(`stopped after --max-events (${summary.sampling.eventLimit}) events`);
  return outcome({ path: file.path, status: 'assessed', kind, ...(notes.length > 0 ? { reason: notes.join('; ') } : {}) }, { sample });
}

function longLinesNote(count: number, options: ReadOptions): string {
  return `lines longer than --max-line-length (${formatSize(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES)}) skipped: ${count}`;
}


/**
 * A JSON document that holds log events rather than configuration: an array of objects, or an
 * object whose first member is such an array under a wrapper key (CloudTrail's `Records`).
 */
export function isEventDocument(data: unknown): boolean {
  const isEvents = (value: unknown): boolean => Array.isArray(value) && value.length > 0 && value.every(isRecord);
  if (isEvents(data)) return true;
  if (!isRecord(data)) return false;
  const first = Object.keys(data)[0];
  return first !== undefined && WRAPPER_KEYS.has(first) && isEvents(data[first]);
}

async function readDocuments(file: FoundFile, text: string, options: ReadOptions, declared: DeclaredSource | null): Promise<FileOutcome> {
  const parsed = parseStructured(file.path, text);
  const firstError = parsed.errors[0];
  // A declared log that does not parse as a document is read as the log it is declared to be.
  if (firstError && declared) return readSample(file, options, declared);
  if (firstError) {
    const reason = `${firstError.line}:${firstError.column}: ${firstError.message}`;
    return outcome({ path: file.path, status: 'error', reason }, { problems: [`${file.path}:${reason}`] });
  }
  const kinds = new Set<string>();
  const configs: ConfigRead[] = [];
  const policies: AuditPolicyDoc[] = [];
  const apiservers: KubeApiserver[] = [];
  const problems: string[] = [];
  for (const doc of parsed.documents) {
    if (isAuditPolicyDocument(doc.data)) {
      const policy = readAuditPolicy(doc);
      policies.push(policy);
      kinds.add('k8s-audit-policy');
      for (const problem of policy.problems) problems.push(`${problem.at.path}:${problem.at.line}:${problem.at.column}: ${problem.message}`);
    } else if (isKubeApiserverDocument(doc.data)) {
      apiservers.push(...readKubeApiservers(doc));
      kinds.add('kube-apiserver');
    } else {
      const adapter = DOCUMENT_ADAPTERS.find((a) => a.claims(file.path, doc.data));
      if (!adapter) continue;
      const read = adapter.read(doc, options.includes ?? NO_INCLUDES);
      configs.push(read);
      kinds.add(read.kind);
      problems.push(...configProblems(read));
    }
  }
  const fatal = configs.find((c) => c.fatal);
  if (fatal && configs.length === parsed.documents.length) return configError(file.path, fatal);
  if (kinds.size === 0) {
    if (declared) return readSample(file, options, declared);
    // A JSON (or YAML) document of log events, such as a CloudTrail file: read it as a log sample.
    if (/\.json$/i.test(file.path) && parsed.documents.length === 1 && isEventDocument(parsed.documents[0]?.data)) return readSample(file, options, null);
    return outcome({ path: file.path, status: 'skipped', reason: 'not recognised (no known document kind)' });
  }
  const notes = configNotes(configs);
  return outcome(
    { path: file.path, status: 'assessed', kind: [...kinds].sort(compareStrings).join('+'), ...(notes ? { reason: notes } : {}) },
    { problems, policies, apiservers, configs, suppressions: findSuppressions(file.path, text) },
  );
}

/** At most this many constructs not understood are named in an inventory entry. */
const UNKNOWNS_LISTED = 5;

/** The inventory note of a config read: constructs not understood, with where and why. */
function configNotes(reads: readonly ConfigRead[]): string | null {
  const unknowns = reads.flatMap((r) => r.unknowns);
  if (unknowns.length === 0) return null;
  const listed = unknowns.slice(0, UNKNOWNS_LISTED).map((u) => `${u.construct} (line ${u.at.line}): ${u.reason}`);
  const more = unknowns.length > UNKNOWNS_LISTED ? `; and ${unknowns.length - UNKNOWNS_LISTED} more` : '';
  return `not understood: ${listed.join('; ')}${more}`;
}

function configProblems(read: ConfigRead): string[] {
  return read.problems.map((p) => `${p.at.path}:${p.at.line}:${p.at.column}: ${p.message}`);
}

function configError(path: string, read: ConfigRead): FileOutcome {
  const first = read.problems[0];
  const reason = first ? `${first.at.line}:${first.at.column}: ${first.message}` : `could not be read as ${read.kind}`;
  return outcome({ path, status: 'error', reason }, { problems: first ? configProblems(read) : [`${path}: ${reason}`] });
}

/** Reads a file a text adapter claims: whole (configs are bounded by --max-file-size), then parsed by the adapter. */
async function readTextConfig(file: FoundFile, adapter: TextAdapter | AsyncTextAdapter, options: ReadOptions): Promise<FileOutcome> {
  const text = await readFile(file.absolute, 'utf8');
  const read = await adapter.read({ path: file.path, text }, options.includes ?? NO_INCLUDES);
  if (read.fatal) return configError(file.path, read);
  const notes = configNotes([read]);
  return outcome(
    { path: file.path, status: 'assessed', kind: read.kind, ...(notes ? { reason: notes } : {}) },
    { problems: configProblems(read), configs: [read], suppressions: findSuppressions(file.path, text) },
  );
}

/** The text adapter that claims a file, unless it is compressed, an archive, binary or a log by name. */
export function textAdapterFor(path: string, head: Buffer): TextAdapter | AsyncTextAdapter | null {
  if (/\.(gz|zst|bz2|xz|zip|tgz|7z)$/i.test(path) || head.includes(0)) return null;
  const text = head.toString('utf8');
  return TEXT_ADAPTERS.find((a) => a.claims(path, text)) ?? ASYNC_TEXT_ADAPTERS.find((a) => a.claims(path, text)) ?? null;
}

/**
 * Reads one scanned file. Its problems and inventory reason may quote the file (a policy field's
 * value, an exception's message): any secret in them is redacted before they can be shown.
 */
export async function readScannedFile(file: FoundFile, options: ReadOptions = { full: false }): Promise<FileOutcome> {
  const read = await readFileOutcome(file, options);
  read.problems = read.problems.map(redactSecrets);
  if (read.entry.reason !== undefined) read.entry.reason = redactSecrets(read.entry.reason);
  return read;
}

async function readFileOutcome(file: FoundFile, options: ReadOptions): Promise<FileOutcome> {
  let head;
  try {
    head = readHead(file.absolute);
  } catch (error) {
    return unreadable(file.path, error);
  }
  const declared = options.declaredSources && options.declaredSources.length > 0 ? declaredSourceFor(file.path, options.declaredSources) : null;
  const maxFileBytes = options.maxFileBytes ?? MAX_STRUCTURED_BYTES;
  const adapter = declared ? null : textAdapterFor(file.path, head.bytes);
  if (adapter) {
    if (head.size > maxFileBytes) return outcome({ path: file.path, status: 'skipped', reason: tooLargeReason(maxFileBytes) });
    try {
      return await readTextConfig(file, adapter, options);
    } catch (error) {
      return unreadable(file.path, error);
    }
  }
  const decision = declared ? classifyDeclared(file.path, head, maxFileBytes) : classifyFile(file.path, head, maxFileBytes);
  if (decision.read === 'skip') return outcome({ path: file.path, status: 'skipped', reason: decision.reason });
  try {
    if (decision.read === 'log') return await readSample(file, options, declared);
    return await readDocuments(file, await readFile(file.absolute, 'utf8'), options, declared);
  } catch (error) {
    return unreadable(file.path, error);
  }
}
