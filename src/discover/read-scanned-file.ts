/**
 * Reads one scanned file (IO edge): sniffs its head, then streams a log or parses a structured
 * file and hands its documents to the adapters. Never throws: a file that cannot be read or
 * parsed comes back as an inventory error with its reason and a one-line problem.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAuditPolicyDocument, readAuditPolicy } from '../adapters/k8s-audit-policy.js';
import type { AuditPolicyDoc } from '../adapters/k8s-audit-policy.js';
import { isKubeApiserverDocument, readKubeApiservers } from '../adapters/kube-apiserver.js';
import type { KubeApiserver } from '../adapters/kube-apiserver.js';
import { parseStructured } from '../documents/yaml-document.js';
import type { SampleInput } from '../estate/link.js';
import { WRAPPER_KEYS } from '../logs/formats/json-document.js';
import { readLog } from '../logs/read-log.js';
import type { BlockPool } from '../logs/worker-pool.js';
import type { InventoryEntry } from '../model/result.js';
import { compareStrings } from '../model/vocabulary.js';
import { SNIFF_BYTES, classifyFile } from './classify.js';
import type { FoundFile } from './walk.js';
import { isRecord } from '../util/is-record.js';

export interface FileOutcome {
  entry: InventoryEntry;
  /** One line each: `path:line:col: message` or `path: reason`. */
  problems: string[];
  sample: SampleInput | null;
  policies: AuditPolicyDoc[];
  apiservers: KubeApiserver[];
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
  return { entry, problems: [], sample: null, policies: [], apiservers: [], ...extra };
}

function unreadable(path: string, error: unknown): FileOutcome {
  const reason = errnoReason(error);
  return outcome({ path, status: 'error', reason }, { problems: [`${path}: ${reason}`] });
}

export interface ReadOptions {
  /** Read whole log files instead of sampling large ones. */
  full: boolean;
  /** Worker threads for log files (--jobs > 1). */
  pool?: BlockPool;
}

async function readSample(file: FoundFile, options: ReadOptions): Promise<FileOutcome> {
  const summary = await readLog(file.absolute, options.pool ? { full: options.full, pool: options.pool } : { full: options.full });
  if (summary.lines === 0) return outcome({ path: file.path, status: 'skipped', reason: 'empty log file' });
  const kind = `log:${summary.format}${summary.compressed ? '+gzip' : ''}`;
  return outcome({ path: file.path, status: 'assessed', kind }, { sample: { path: file.path, summary } });
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

async function readDocuments(file: FoundFile, text: string, options: ReadOptions): Promise<FileOutcome> {
  const parsed = parseStructured(file.path, text);
  const firstError = parsed.errors[0];
  if (firstError) {
    const reason = `${firstError.line}:${firstError.column}: ${firstError.message}`;
    return outcome({ path: file.path, status: 'error', reason }, { problems: [`${file.path}:${reason}`] });
  }
  const kinds = new Set<string>();
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
    }
  }
  if (kinds.size === 0) {
    // A JSON (or YAML) document of log events, such as a CloudTrail file: read it as a log sample.
    if (/\.json$/i.test(file.path) && parsed.documents.length === 1 && isEventDocument(parsed.documents[0]?.data)) return readSample(file, options);
    return outcome({ path: file.path, status: 'skipped', reason: 'not recognised (no known document kind)' });
  }
  return outcome({ path: file.path, status: 'assessed', kind: [...kinds].sort(compareStrings).join('+') }, { problems, policies, apiservers });
}

export async function readScannedFile(file: FoundFile, options: ReadOptions = { full: false }): Promise<FileOutcome> {
  let head;
  try {
    head = readHead(file.absolute);
  } catch (error) {
    return unreadable(file.path, error);
  }
  const decision = classifyFile(file.path, head);
  if (decision.read === 'skip') return outcome({ path: file.path, status: 'skipped', reason: decision.reason });
  try {
    if (decision.read === 'log') return await readSample(file, options);
    return await readDocuments(file, await readFile(file.absolute, 'utf8'), options);
  } catch (error) {
    return unreadable(file.path, error);
  }
}
