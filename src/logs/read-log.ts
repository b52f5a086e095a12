/**
 * The IO edge of the log engine: streams a file (gunzipping it when it starts with the gzip
 * magic bytes), detects its format from the head, parses lines or JSON elements, and feeds the
 * accumulator. The file is never held whole; memory is bounded by the line and element limits.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { parseAnyLine, resolveFormat } from './detect-format.js';
import type { ForcedFormat } from './detect-format.js';
import { createEventAccumulator, emptyState, mergeStates, summarize } from './event-stats.js';
import type { AccumulatorState, LogSummary } from './event-stats.js';
import type { UserAliases } from './field-aliases.js';
import type { BlockPool } from './worker-pool.js';
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
import { DEFAULT_SAMPLE_BYTES, planBlocks } from './sample-plan.js';
import type { Block } from './sample-plan.js';

export interface ReadLogOptions {
  maxLineBytes?: number;
  /** Read every byte instead of sampling large files. */
  full?: boolean;
  /** Bytes read per file when sampling (default DEFAULT_SAMPLE_BYTES). */
  sampleBytes?: number;
  /** Worker threads to read files and blocks of large files on (--jobs). */
  pool?: BlockPool;
  /** Files at least this large are split over the pool when read whole (default MIN_SPLIT_BYTES). */
  minSplitBytes?: number;
  /** Extra field names per semantic field, tried before the built-in ones for every schema. */
  aliases?: UserAliases;
  /** Read the file in this format (a declared source's) instead of detecting it. */
  format?: ForcedFormat;
}

/** What a read of a whole file or of one block needs besides the file: passed to worker threads as is. */
export interface ReadSettings {
  aliases?: UserAliases;
  format?: ForcedFormat;
}

/** The settings of the options, without undefined members (they cross to worker threads). */
function settingsOf(options: ReadLogOptions): ReadSettings {
  const settings: ReadSettings = {};
  if (options.aliases) settings.aliases = options.aliases;
  if (options.format) settings.format = options.format;
  return settings;
}

/** Files at least this large are split over the pool's workers when read whole. */
export const MIN_SPLIT_BYTES = 32 * 1024 * 1024;

export interface LogReadResult extends LogSummary {
  compressed: boolean;
  /** Whether the file was sampled, and how much of it was read. */
  sampling: { sampled: boolean; bytesRead: number; fileBytes: number };
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

/** Bytes of a file, gunzipped when it starts with the gzip magic bytes. */
async function* fileBytesOf(path: string, compressed: { value: boolean }): AsyncGenerator<Buffer> {
  const raw = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  if (!isGzip(path)) {
    try {
      for await (const chunk of raw) yield chunk as Buffer;
    } finally {
      raw.destroy();
    }
    return;
  }
  compressed.value = true;
  const gunzip = createGunzip();
  raw.on('error', (error) => gunzip.destroy(error));
  raw.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } finally {
    raw.destroy();
    gunzip.destroy();
  }
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

/** Feeds the lines of a byte stream to the parser and the accumulator. */
async function readLines(
  chunks: AsyncIterable<Buffer>,
  format: LogFormat,
  parser: LineParser,
  acc: ReturnType<typeof createEventAccumulator>,
  maxLineBytes: number,
  position: (lineNumber: number, text: string) => { line: number | null; offset: number | null },
): Promise<void> {
  const stateful = format === 'auditd';
  for await (const line of splitLines(chunks, maxLineBytes)) {
    const where = position(line.lineNumber, line.text);
    if (line.truncated) {
      acc.line(line.text, where);
      acc.error(where, `longer than ${maxLineBytes} bytes`);
      continue;
    }
    if (line.text.trim() === '') continue;
    acc.line(line.text, where);
    const outcome = parser.push(line.text, line.lineNumber);
    if (outcome.kind === 'events') {
      for (const event of outcome.events) acc.event(event);
      continue;
    }
    // The file's parser refused the line: a broken line of the file's format, another format, or plain text.
    if (startsLike(format, line.text)) {
      acc.error(where, outcome.message);
      continue;
    }
    const other = stateful ? null : parseAnyLine(line.text, line.lineNumber);
    if (other) acc.event(other);
    else acc.event({ record: { message: line.text }, schema: null, line: line.lineNumber, format: 'text' });
  }
  for (const event of parser.end()) acc.event(event);
}

/**
 * The lines that start inside [start, end): a block that does not start the file skips the line
 * already under way at `start`, and every block reads past `end` to finish its last line. So
 * contiguous blocks together hold every line exactly once. `skipped.bytes` counts what was
 * skipped from `start - 1` to the first line.
 */
async function* blockBytes(path: string, block: Block, skipped: { bytes: number }, maxLineBytes: number): AsyncGenerator<Buffer> {
  if (block.end <= block.start) return;
  const from = block.start > 0 ? block.start - 1 : 0;
  const stream = createReadStream(path, { start: from, highWaterMark: CHUNK_BYTES });
  let position = from;
  let skipping = block.start > 0;
  try {
    for await (const raw of stream) {
      let chunk = raw as Buffer;
      let chunkStart = position;
      position += chunk.length;
      if (skipping) {
        const newline = chunk.indexOf(10);
        if (newline === -1) {
          skipped.bytes += chunk.length;
          // A line longer than the cap: never read more than that to find where it ends.
          if (skipped.bytes > maxLineBytes) return;
          continue;
        }
        skipped.bytes += newline + 1;
        chunk = chunk.subarray(newline + 1);
        chunkStart += newline + 1;
        skipping = false;
        if (chunkStart >= block.end) return; // one line spans the whole block: it belongs to the block before
      }
      if (position >= block.end) {
        const newline = chunk.indexOf(10, Math.max(0, block.end - 1 - chunkStart));
        if (newline !== -1) {
          yield chunk.subarray(0, newline + 1);
          return;
        }
        // The last line runs on: read at most the line cap past the block, then stop.
        if (position > block.end + maxLineBytes) {
          yield chunk;
          return;
        }
      }
      yield chunk;
    }
  } finally {
    stream.destroy();
  }
}

function isGzip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const magic = Buffer.alloc(2);
    return readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

function readHeadText(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return new StringDecoder('utf8').write(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a log file into sample statistics. Files larger than the sample budget are sampled
 * (head, evenly spaced blocks, tail) unless `full`; gzip files and JSON documents, which cannot
 * be entered in the middle, are always read whole, as streams.
 */
export async function readLog(path: string, options: ReadLogOptions = {}): Promise<LogReadResult> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const fileBytes = statSync(path).size;
  const budget = options.sampleBytes ?? DEFAULT_SAMPLE_BYTES;
  const pool = options.pool;
  const splittable = !isGzip(path);
  const minSplit = options.minSplitBytes ?? MIN_SPLIT_BYTES;
  const settings = settingsOf(options);
  if (splittable && ((!options.full && fileBytes > budget) || (pool && fileBytes >= minSplit))) {
    const format = resolveFormat(readHeadText(path), options.format);
    if (format !== 'json-document') {
      if (!options.full && fileBytes > budget) {
        const blocks = planBlocks(fileBytes, budget);
        const state = await readBlocks(path, blocks, format, maxLineBytes, false, pool, settings.aliases);
        const bytesRead = blocks.reduce((n, b) => n + (b.end - b.start), 0);
        return { ...summarize(state), compressed: false, sampling: { sampled: true, bytesRead, fileBytes } };
      }
      // A whole file spread over the pool: contiguous parts, merged as if read in one go. auditd
      // joins records of one event across lines, so its files are not cut.
      if (format === 'auditd' && pool) return pool.readWhole({ path, maxLineBytes, ...settings });
      const parts = Math.max(2, (pool?.size ?? 1) * 2);
      const state = await readBlocks(path, splitBlocks(fileBytes, parts), format, maxLineBytes, true, pool, settings.aliases);
      return { ...summarize(state), compressed: false, sampling: { sampled: false, bytesRead: fileBytes, fileBytes } };
    }
  }
  if (pool) return pool.readWhole({ path, maxLineBytes, ...settings });
  return readWhole(path, fileBytes, maxLineBytes, settings);
}

/** One block of a line-based file, read on its own: its accumulator state. */
export async function readBlockState(path: string, block: Block, format: LogFormat, maxLineBytes: number, aliases?: UserAliases): Promise<AccumulatorState> {
  const acc = createEventAccumulator(aliases ? { aliases } : {});
  const skipped = { bytes: 0 };
  // Line numbers are known only in a block that starts the file; elsewhere positions are byte
  // offsets (a CR before each newline is not counted, so they may fall short by one a line).
  let offset = 0;
  const known = block.start === 0;
  const from = block.start > 0 ? block.start - 1 : 0;
  await readLines(blockBytes(path, block, skipped, maxLineBytes), format, parserFor(format), acc, maxLineBytes, (lineNumber, text) => {
    if (known) return { line: lineNumber, offset: null };
    const at = from + skipped.bytes + offset;
    offset += Buffer.byteLength(text) + 1;
    return { line: null, offset: at };
  });
  return acc.state();
}

/** Reads blocks (on the pool when there is one) and merges their states in file order. */
async function readBlocks(
  path: string,
  blocks: readonly Block[],
  format: LogFormat,
  maxLineBytes: number,
  contiguous: boolean,
  pool: BlockPool | undefined,
  aliases: UserAliases | undefined,
): Promise<AccumulatorState> {
  const states = await Promise.all(
    blocks.map((block) =>
      pool ? pool.readBlock({ path, block, format, maxLineBytes, ...(aliases ? { aliases } : {}) }) : readBlockState(path, block, format, maxLineBytes, aliases),
    ),
  );
  return states.reduce((merged, next) => mergeStates(merged, next, contiguous), emptyState());
}

/** Splits a file into `parts` contiguous blocks of roughly equal size. */
export function splitBlocks(fileBytes: number, parts: number): Block[] {
  const size = Math.ceil(fileBytes / parts);
  const blocks: Block[] = [];
  for (let start = 0; start < fileBytes; start += size) blocks.push({ start, end: Math.min(fileBytes, start + size) });
  return blocks;
}

export async function readWhole(path: string, fileBytes: number, maxLineBytes: number, settings: ReadSettings = {}): Promise<LogReadResult> {
  const compressed = { value: false };
  const { head, chunks } = await withHead(fileBytes === 0 ? emptyBytes() : fileBytesOf(path, compressed));
  const format = resolveFormat(head, settings.format);
  const acc = createEventAccumulator(settings.aliases ? { aliases: settings.aliases } : {});
  const sampling = { sampled: false, bytesRead: fileBytes, fileBytes };

  if (format === 'json-document') {
    const parser = createJsonDocumentParser();
    const decoder = new StringDecoder('utf8');
    let partial = '';
    let lineNumber = 0;
    let overlong = false;
    const handle = (text: string): void => {
      // Lines of the document go to secret detection; elements go to the parser.
      const joined = partial + text;
      const parts = joined.split('\n');
      partial = parts.pop() ?? '';
      for (const part of parts) {
        acc.line(part, { line: ++lineNumber, offset: null }, !overlong);
        overlong = false;
      }
      if (partial.length > maxLineBytes) {
        // A document on one long line (CloudTrail writes whole files so): its secrets are found
        // piece by piece; excerpts are not kept, since a piece may end inside a secret.
        const keep = 1024;
        acc.secretsOnly(partial.slice(0, partial.length - keep), { line: lineNumber + 1, offset: null });
        partial = partial.slice(partial.length - keep);
        overlong = true;
      }
      for (const outcome of parser.push(text)) {
        if (outcome.kind === 'event') acc.event(outcome.event);
        else acc.error({ line: outcome.line, offset: null }, outcome.message);
      }
    };
    try {
      for await (const chunk of chunks) handle(decoder.write(chunk));
    } catch (error) {
      if (!compressed.value || (error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
      acc.error({ line: null, offset: null }, 'compressed stream is truncated or corrupt; the rest was not read');
    }
    handle(decoder.end());
    if (partial.trim() !== '') acc.line(partial, { line: ++lineNumber, offset: null }, !overlong);
    for (const outcome of parser.end()) {
      if (outcome.kind === 'event') acc.event(outcome.event);
      else acc.error({ line: outcome.line, offset: null }, outcome.message);
    }
    return { ...acc.result(), compressed: compressed.value, sampling };
  }

  try {
    await readLines(chunks, format, parserFor(format), acc, maxLineBytes, (lineNumber) => ({ line: lineNumber, offset: null }));
  } catch (error) {
    // A compressed file that is cut short or corrupt keeps what was read before the damage.
    if (!compressed.value || (error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
    acc.error({ line: null, offset: null }, 'compressed stream is truncated or corrupt; the rest was not read');
  }
  return { ...acc.result(), compressed: compressed.value, sampling };
}

async function* emptyBytes(): AsyncGenerator<Buffer> {
  // An empty file: nothing to read.
}
