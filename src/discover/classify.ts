/**
 * Decides how a file is read, from its name and a sniff of its head (pure). Structured files
 * (YAML/JSON) are parsed whole and handed to the document adapters; log files are streamed.
 */
export type FileClass =
  | { read: 'structured' }
  | { read: 'log' }
  | { read: 'skip'; reason: string };

import { detectFormat } from '../logs/detect-format.js';
import { looksLikeJsonDocument } from '../logs/formats/json-document.js';
import { formatSize } from '../logs/read-log.js';

/** Config files above this size are skipped by default (--max-file-size); logs are streamed at any size. */
export const MAX_STRUCTURED_BYTES = 8 * 1024 * 1024;
export const SNIFF_BYTES = 64 * 1024;

const STRUCTURED_EXT = /\.(ya?ml|json)$/i;
const ARCHIVE = /\.(zst|bz2|xz|zip|tgz|7z)$/i;
const LOG_NAME = /(\.(log|jsonl|ndjson)(\.\d+)?|\.log-\d+)$/i;

export interface Head {
  /** The first bytes of the file. */
  bytes: Buffer;
  size: number;
}

/** Why a structured file above the limit is skipped: the limit is named, with the flag that sets it. */
export function tooLargeReason(maxStructuredBytes: number): string {
  return `too large for a config file: larger than --max-file-size (${formatSize(maxStructuredBytes)})`;
}

export function isBinary(head: Buffer): boolean {
  return head.includes(0);
}

function firstObjectLines(text: string): number {
  let count = 0;
  for (const raw of text.split('\n').slice(0, 3)) {
    const line = raw.trim();
    if (line === '') continue;
    if (!line.startsWith('{') || !line.endsWith('}')) return count;
    try {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return count;
      count++;
    } catch {
      return count;
    }
  }
  return count;
}

/** Files under these names are logs whatever their content (syslog and auditd defaults). */
const LOG_FILE_NAMES = /(^|\/)(messages|secure|syslog|auth\.log|kern\.log|daemon\.log|maillog|cron|audit\.log|access_log|error_log)(\.\d+|-\d{8})?$/;
/** Configuration files that other adapters (or later versions) read: never sniffed as logs. */
const CONFIG_EXT = /\.(conf|cfg|ini|env|properties|toml|tf|tfvars|hcl|rules|md|txt|rst|sh|py|js|ts|go|java|rb|xml|html|csv|lock)$/i;
/** Line formats that make a file a log when sniffed by content. */
const SNIFFED_LOG_FORMATS: ReadonlySet<string> = new Set(['jsonl', 'syslog-5424', 'syslog-3164', 'cef', 'leef', 'access-combined', 'access-common', 'auditd']);

/** `maxStructuredBytes` (--max-file-size) bounds the files read whole and parsed as documents. */
export function classifyFile(path: string, head: Head, maxStructuredBytes: number = MAX_STRUCTURED_BYTES): FileClass {
  if (/\.gz$/i.test(path)) {
    // Compressed logs are read transparently; the head is compressed, so the name decides.
    const inner = path.slice(0, -3);
    if (LOG_NAME.test(inner) || LOG_FILE_NAMES.test(inner) || /\.json$/i.test(inner)) return { read: 'log' };
    return { read: 'skip', reason: 'compressed file of unknown kind' };
  }
  if (ARCHIVE.test(path)) return { read: 'skip', reason: 'archive or compression not read' };
  if (isBinary(head.bytes)) return { read: 'skip', reason: 'binary file' };
  const text = head.bytes.toString('utf8');
  if (LOG_NAME.test(path) || LOG_FILE_NAMES.test(path)) return { read: 'log' };
  if (STRUCTURED_EXT.test(path)) {
    // A .json file holding one JSON object per line is a log, not a document.
    if (/\.json$/i.test(path) && firstObjectLines(text) >= 2) return { read: 'log' };
    // One JSON object per line, the first longer than the head: JSON lines with large events.
    if (/\.json$/i.test(path) && !text.includes('\n') && head.size > text.length && /^\s*\{\s*"/.test(text) && !looksLikeJsonDocument(text)) return { read: 'log' };
    if (head.size > maxStructuredBytes) {
      // A large JSON file of events (CloudTrail `{"Records": [...`, an array) is streamed as a log.
      if (/\.json$/i.test(path) && /^\s*(\[\s*\{|\{\s*"(Records|records|events|items|logs|entries)"\s*:\s*\[)/.test(text)) return { read: 'log' };
      return { read: 'skip', reason: tooLargeReason(maxStructuredBytes) };
    }
    return { read: 'structured' };
  }
  if (CONFIG_EXT.test(path)) return { read: 'skip', reason: 'not recognised' };
  if (firstObjectLines(text) >= 1) return { read: 'log' };
  const yamlObject = /^apiVersion:\s*\S/m.test(text) && /^kind:\s*\S/m.test(text);
  const jsonObject = /^\s*\{/.test(text) && /"apiVersion"\s*:/.test(text) && /"kind"\s*:/.test(text);
  if ((yamlObject || jsonObject) && head.size <= maxStructuredBytes) return { read: 'structured' };
  if (SNIFFED_LOG_FORMATS.has(detectFormat(text))) return { read: 'log' };
  // A manifest-like file above the limit (and not a log) is skipped for its size.
  return { read: 'skip', reason: yamlObject || jsonObject ? tooLargeReason(maxStructuredBytes) : 'not recognised' };
}

/**
 * How a file that a declared log source claims (the configuration's `sources`) is read: as a log
 * whatever its name or content, unless it cannot be read as text (an archive, a binary file). A
 * structured file is still read for documents first: a declared glob does not turn a manifest
 * into a log; one of no known kind is then read as the declared log (see read-scanned-file.ts).
 */
export function classifyDeclared(path: string, head: Head, maxStructuredBytes: number = MAX_STRUCTURED_BYTES): FileClass {
  if (/\.gz$/i.test(path)) return { read: 'log' };
  if (ARCHIVE.test(path)) return { read: 'skip', reason: 'archive or compression not read' };
  if (isBinary(head.bytes)) return { read: 'skip', reason: 'binary file' };
  return classifyFile(path, head, maxStructuredBytes).read === 'structured' ? { read: 'structured' } : { read: 'log' };
}
