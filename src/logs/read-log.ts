/**
 * The IO edge of the log engine: streams a file (gunzipping it when it starts with the gzip
 * magic bytes), detects its format from the head, parses lines or JSON elements, and feeds the
 * accumulator. The file is never held whole; memory is bounded by the line and element limits.
 */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { detectFormat, parseAnyLine } from './detect-format.js';
import { createEventAccumulator } from './event-stats.js';
import type { LogSummary } from './event-stats.js';
import { createAccessLogParser } from './formats/access-log.js';
import { createAuditdParser } from './formats/auditd.js';
import { createCefParser } from './formats/cef.js';
import { createJsonDocumentParser } from './formats/json-document.js';
import { createJsonlParser } from './formats/jsonl.js';
import { createLeefParser } from './formats/leef.js';
import { createLogfmtParser } from './formats/logfmt.js';
import { createSyslogParser } from './formats/syslog.js';
import { createTextParser } from './formats/text.js';
import type { LineParser, LogFormat } from './formats/types.js';
import { DEFAULT_MAX_LINE_BYTES, splitLines } from './line-splitter.js';

export interface ReadLogOptions {
  maxLineBytes?: number;
}

export interface LogReadResult extends LogSummary {
  compressed: boolean;
}

const CHUNK_BYTES = 64 * 1024;
const HEAD_BYTES = 64 * 1024;

function parserFor(format: LogFormat): LineParser {
  switch (format) {
    case 'jsonl':
      return createJsonlParser();
    case 'syslog-5424':
    case 'syslog-3164':
      return createSyslogParser();
    case 'cef':
      return createCefParser();
    case 'leef':
      return createLeefParser();
    case 'access-combined':
    case 'access-common':
      return createAccessLogParser();
    case 'logfmt':
      return createLogfmtParser();
    case 'auditd':
      return createAuditdParser();
    case 'json-document':
    case 'text':
      return createTextParser();
  }
}

/** Bytes of a file, gunzipped when it is gzip; the first chunk is peeked to decide. */
async function* fileBytes(path: string, compressed: { value: boolean }): AsyncGenerator<Buffer> {
  const raw = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const iterator = raw[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = first.value as Buffer;
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    compressed.value = true;
    const gunzip = createGunzip();
    // Feed the peeked chunk, then the rest of the file, into the gunzip stream.
    const feed = (async (): Promise<void> => {
      try {
        if (!gunzip.write(head)) await new Promise((r) => gunzip.once('drain', r));
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
          if (!gunzip.write(next.value as Buffer)) await new Promise((r) => gunzip.once('drain', r));
        }
        gunzip.end();
      } catch (error) {
        gunzip.destroy(error as Error);
      }
    })();
    try {
      for await (const chunk of gunzip) yield chunk as Buffer;
    } finally {
      raw.destroy();
      await feed.catch(() => undefined);
    }
    return;
  }
  yield head;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value as Buffer;
}

/** Reads enough of the stream to detect the format, then yields everything (head included). */
async function withHead(source: AsyncGenerator<Buffer>): Promise<{ head: string; chunks: AsyncGenerator<Buffer> }> {
  const buffered: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < HEAD_BYTES) {
    const next = await source.next();
    if (next.done) {
      done = true;
      break;
    }
    buffered.push(next.value);
    size += next.value.length;
  }
  const head = new StringDecoder('utf8').write(Buffer.concat(buffered).subarray(0, HEAD_BYTES));
  async function* all(): AsyncGenerator<Buffer> {
    yield* buffered;
    if (!done) yield* source;
  }
  return { head, chunks: all() };
}

/** A line that begins the way the file's format does, so its failure to parse is a parse error. */
function startsLike(format: LogFormat, text: string): boolean {
  const t = text.trimStart();
  switch (format) {
    case 'jsonl':
      return t.startsWith('{');
    case 'auditd':
      return /^(node=\S+ )?type=[A-Z_]+ msg=audit\(/.test(t);
    case 'cef':
      return t.startsWith('CEF:');
    case 'leef':
      return t.startsWith('LEEF:');
    case 'syslog-5424':
      return /^<\d{1,3}>1 /.test(t);
    default:
      return false;
  }
}

export async function readLog(path: string, options: ReadLogOptions = {}): Promise<LogReadResult> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const compressed = { value: false };
  const { head, chunks } = await withHead(fileBytes(path, compressed));
  const format = detectFormat(head);
  const acc = createEventAccumulator();

  if (format === 'json-document') {
    const parser = createJsonDocumentParser();
    const decoder = new StringDecoder('utf8');
    let partial = '';
    let lineNumber = 0;
    const handle = (text: string): void => {
      // Lines of the document go to secret detection; elements go to the parser.
      const joined = partial + text;
      const parts = joined.split('\n');
      partial = parts.pop() ?? '';
      if (partial.length > maxLineBytes) partial = partial.slice(-maxLineBytes);
      for (const part of parts) acc.line(part, ++lineNumber);
      for (const outcome of parser.push(text)) {
        if (outcome.kind === 'event') acc.event(outcome.event);
        else acc.error(outcome.line, outcome.message);
      }
    };
    for await (const chunk of chunks) handle(decoder.write(chunk));
    handle(decoder.end());
    if (partial.trim() !== '') acc.line(partial, ++lineNumber);
    for (const outcome of parser.end()) {
      if (outcome.kind === 'event') acc.event(outcome.event);
      else acc.error(outcome.line, outcome.message);
    }
    return { ...acc.result(), compressed: compressed.value };
  }

  const parser = parserFor(format);
  const stateful = format === 'auditd';
  for await (const line of splitLines(chunks, maxLineBytes)) {
    if (line.truncated) {
      acc.line(line.text, line.lineNumber);
      acc.error(line.lineNumber, `longer than ${maxLineBytes} bytes`);
      continue;
    }
    if (line.text.trim() === '') continue;
    acc.line(line.text, line.lineNumber);
    const outcome = parser.push(line.text, line.lineNumber);
    if (outcome.kind === 'events') {
      for (const event of outcome.events) acc.event(event);
      continue;
    }
    // The file's parser refused the line: a broken line of the file's format, another format, or plain text.
    if (startsLike(format, line.text)) {
      acc.error(line.lineNumber, outcome.message);
      continue;
    }
    const other = stateful ? null : parseAnyLine(line.text, line.lineNumber);
    if (other) acc.event(other);
    else acc.event({ record: { message: line.text }, schema: null, line: line.lineNumber, format: 'text' });
  }
  for (const event of parser.end()) acc.event(event);
  return { ...acc.result(), compressed: compressed.value };
}
