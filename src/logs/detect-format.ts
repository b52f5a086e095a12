/**
 * Which format a log file is in, from its first lines, and how one line that does not fit the
 * file's format is read instead (files mix formats: a JSON log with Java stack traces, syslog
 * carrying CEF). Pure.
 */
import { looksLikeAccessLog, parseAccessLine } from './formats/access-log.js';
import { looksLikeAuditd } from './formats/auditd.js';
import { parseCef } from './formats/cef.js';
import { looksLikeJsonDocument } from './formats/json-document.js';
import { parseJsonLine } from './formats/jsonl.js';
import { parseLeef } from './formats/leef.js';
import { looksLikeLogfmt, parseLogfmt } from './formats/logfmt.js';
import { looksLikeSyslog, parseSyslogLine } from './formats/syslog.js';
import type { LogFormat, ParsedEvent } from './formats/types.js';

/** Lines of the head that vote on the file's format. */
export const DETECTION_LINES = 50;

/** The format of one line on its own. */
export function detectLineFormat(line: string): LogFormat {
  const text = line.trim();
  if (text.startsWith('{') && 'record' in parseJsonLine(text)) return 'jsonl';
  if (looksLikeAuditd(text)) return 'auditd';
  if (text.startsWith('CEF:')) return 'cef';
  if (text.startsWith('LEEF:')) return 'leef';
  const syslog = looksLikeSyslog(text);
  if (syslog) return syslog;
  const access = looksLikeAccessLog(text);
  if (access) return access;
  if (looksLikeLogfmt(text)) return 'logfmt';
  return 'text';
}

/** Order in which ties between formats are broken (most specific first). */
const PRIORITY: readonly LogFormat[] = ['jsonl', 'auditd', 'cef', 'leef', 'syslog-5424', 'syslog-3164', 'access-combined', 'access-common', 'logfmt', 'text'];

/** The whole lines of a head (a head cut inside its first line: all of it). */
function completeLines(head: string): string {
  return head.endsWith('\n') ? head : head.slice(0, Math.max(head.lastIndexOf('\n'), 0));
}

/** The first DETECTION_LINES non-blank whole lines of a head. */
function headLines(head: string): string[] {
  return (completeLines(head) || head).split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '').slice(0, DETECTION_LINES);
}

/** The file's format from the head of its text: JSON document, or the most common line format. */
export function detectFormat(head: string): LogFormat {
  if (looksLikeJsonDocument(head)) return 'json-document';
  // Not one whole line in the head: an event larger than the head; JSON lines if it opens like one.
  if (completeLines(head) === '' && /^\uFEFF?\s*\{\s*"/.test(head)) return 'jsonl';
  const lines = headLines(head);
  const votes = new Map<LogFormat, number>();
  for (const line of lines) {
    const format = detectLineFormat(line);
    votes.set(format, (votes.get(format) ?? 0) + 1);
  }
  let best: LogFormat = 'text';
  let bestVotes = 0;
  for (const format of PRIORITY) {
    if (format === 'text') continue;
    const n = votes.get(format) ?? 0;
    if (n > bestVotes) {
      best = format;
      bestVotes = n;
    }
  }
  return best;
}

/**
 * Formats a declared log source can force (the configuration's `sources[].format`): a family of
 * formats that one parser reads. Syslog and access logs have variants, told apart by the head.
 */
export const FORCED_FORMATS = ['jsonl', 'json-document', 'syslog', 'cef', 'leef', 'access-log', 'logfmt', 'auditd', 'text'] as const;
export type ForcedFormat = (typeof FORCED_FORMATS)[number];

export function isForcedFormat(value: string): value is ForcedFormat {
  return (FORCED_FORMATS as readonly string[]).includes(value);
}

/** The variant most lines of the head are in, among those `classify` tells; `fallback` when none is. */
function variantOf<F extends LogFormat>(head: string, classify: (line: string) => F | null, fallback: F): F {
  const counts = new Map<F, number>();
  for (const line of headLines(head)) {
    const variant = classify(line.trim());
    if (variant !== null) counts.set(variant, (counts.get(variant) ?? 0) + 1);
  }
  let best = fallback;
  let bestCount = 0;
  for (const [variant, n] of counts) {
    if (n > bestCount) {
      best = variant;
      bestCount = n;
    }
  }
  return best;
}

/**
 * The format a file is read in: the one declared for it when there is one (only the variant of
 * syslog or access log is read from the head), else the one its head shows (`detectFormat`).
 */
export function resolveFormat(head: string, forced?: ForcedFormat): LogFormat {
  switch (forced) {
    case undefined:
      return detectFormat(head);
    case 'syslog':
      return variantOf(head, looksLikeSyslog, 'syslog-3164');
    case 'access-log':
      return variantOf(head, looksLikeAccessLog, 'access-combined');
    default:
      return forced;
  }
}

/**
 * Reads a line that the file's own parser refused, in any stateless format; null when it is
 * none of them (then it is plain text, or a broken line of the file's format).
 */
export function parseAnyLine(text: string, line: number): ParsedEvent | null {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const json = parseJsonLine(trimmed);
    if ('record' in json) return { record: json.record, schema: null, line, format: 'jsonl' };
  }
  const cefAt = trimmed.indexOf('CEF:');
  if (cefAt === 0) {
    const cef = parseCef(trimmed);
    if (cef) return { record: cef, schema: 'cef', line, format: 'cef' };
  }
  if (trimmed.startsWith('LEEF:')) {
    const leef = parseLeef(trimmed);
    if (leef) return { record: leef, schema: 'leef', line, format: 'leef' };
  }
  const syslog = parseSyslogLine(trimmed);
  if (syslog) return { record: syslog.record, schema: 'syslog', line, format: syslog.format };
  const access = parseAccessLine(trimmed);
  if (access) return { record: access.record, schema: 'access-log', line, format: access.format };
  const logfmt = looksLikeLogfmt(trimmed) ? parseLogfmt(trimmed) : null;
  if (logfmt) return { record: logfmt, schema: null, line, format: 'logfmt' };
  return null;
}
