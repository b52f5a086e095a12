/**
 * The contract every log format parser meets. A parser turns lines (or, for JSON documents,
 * elements) into events: plain records in the vocabulary of their own format, with the schema
 * they follow when the format fixes it. Parsers are pure and keep no more state than a
 * multi-line event needs (auditd joins records by serial).
 */

/** Formats ztmm recognises. */
export const LOG_FORMATS = [
  'jsonl',
  'json-document',
  'syslog-5424',
  'syslog-3164',
  'cef',
  'leef',
  'access-combined',
  'access-common',
  'logfmt',
  'auditd',
  'text',
] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** One parsed event. `record` holds the format's own field names (see field-aliases.ts). */
export interface ParsedEvent {
  record: Record<string, unknown>;
  /** The schema the record follows when the format decides it (`syslog`, `cef`, `auditd`, ...). */
  schema: string | null;
  /** 1-based line of the event's first line. */
  line: number;
  /** How the line was actually structured: e.g. a CEF message inside syslog reports `cef`. */
  format: LogFormat;
}

export type ParseOutcome =
  | { kind: 'events'; events: ParsedEvent[] }
  | { kind: 'error'; line: number; message: string };

export interface LineParser {
  /** Feed one line (without its line end). Returns the events it completes, or an error. */
  push(text: string, line: number): ParseOutcome;
  /** End of input: returns events still held (auditd's last event). */
  end(): ParsedEvent[];
}
