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
import type { AccumulatorOptions, AccumulatorState, LogSummary, Where } from './event-stats.js';
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
import type { LineParser, LogFormat, ParsedEvent } from './formats/types.js';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from './line-splitter.js';
import type { LineSink } from './line-splitter.js';
import { DEFAULT_SAMPLE_BYTES, planBlocks } from './sample-plan.js';
import type { Block } from './sample-plan.js';

export interface ReadLogOptions {
  /** Lines longer than this are not parsed: each is a parse error (--max-line-length; default DEFAULT_MAX_LINE_BYTES). */
  maxLineBytes?: number;
  /** Stop reading a file after this many events (--max-events; default: no limit). */
  maxEvents?: number;
  /** Gunzip at most this many bytes unless `full` (default DEFAULT_MAX_INFLATED_BYTES). */
  maxInflatedBytes?: number;
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
  /** Stop reading after this many events (--max-events). */
  maxEvents?: number;
  /** Stop gunzipping after this many bytes (a gzip bomb must not hold the scan); unset with --full. */
  maxInflatedBytes?: number;
}

/**
 * A gzip file cannot be sampled in the middle, so it is read from its start; without --full,
 * reading stops after this many decompressed bytes (16 times the sample budget, a few seconds of
 * gunzip), and the sample says it was sampled. A gzip bomb of any size costs no more.
 */
export const DEFAULT_MAX_INFLATED_BYTES = 1024 * 1024 * 1024;

/** The settings of the options, without undefined members (they cross to worker threads). */
function settingsOf(options: ReadLogOptions): ReadSettings {
  const settings: ReadSettings = {};
  if (options.aliases) settings.aliases = options.aliases;
  if (options.format) settings.format = options.format;
  if (options.maxEvents !== undefined) settings.maxEvents = options.maxEvents;
  if (!options.full) settings.maxInflatedBytes = options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;
  return settings;
}

/** Modification times at or before this (the DOS epoch, 1980) are placeholders, not a last write. */
const PLACEHOLDER_MTIME_MS = Date.UTC(1980, 0, 2);

/**
 * The accumulator of a read of `path`: the user's aliases, and when the file was last written
 * (for future timestamps), taken as the read starts so that lines appended to a live log while
 * the scan reached it are not in the future. A placeholder file time (0, 1970, the DOS epoch of
 * an archive) judges nothing.
 */
function accumulatorFor(path: string, aliases: UserAliases | undefined): ReturnType<typeof createEventAccumulator> {
  const options: AccumulatorOptions = aliases ? { aliases } : {};
  const mtime = statSync(path).mtimeMs;
  if (mtime > PLACEHOLDER_MTIME_MS) options.notAfterMs = Math.floor(mtime);
  return createEventAccumulator(options);
}

/** Files at least this large are split over the pool's workers when read whole. */
export const MIN_SPLIT_BYTES = 32 * 1024 * 1024;

export interface LogReadResult extends LogSummary {
  compressed: boolean;
  /**
   * Whether the file was sampled, and how much of it was read. `eventLimit` is there when the
   * read stopped at the --max-events limit (its value) before the end of what it would read.
   */
  sampling: { sampled: boolean; bytesRead: number; fileBytes: number; eventLimit?: number };
  /** Lines longer than the line limit (--max-line-length), skipped as parse errors; absent when none. */
  longLines?: number;
}

/** A byte count as the limit flags take it: `8 MiB`, `512 KiB`, `1 GiB`, else `1000 bytes`. */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

/** The parse error of a line longer than the limit: the limit is named, with the flag that sets it. */
export function longLineMessage(maxLineBytes: number): string {
  return `longer than --max-line-length (${formatSize(maxLineBytes)})`;
}

/** What reading lines saw besides events: lines over the limit, and whether the event limit cut it. */
interface LinesRead {
  longLines: number;
  cut: boolean;
}

/** A block's accumulator state and what its read saw besides events (cloned back from worker threads). */
export interface BlockState extends AccumulatorState {
  longLines?: number;
  /** Set when the event limit stopped the block early, with the bytes read until then. */
  cut?: boolean;
  bytesRead?: number;
}

const CHUNK_BYTES = 256 * 1024;
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

/** Bytes of a file, gunzipped when it starts with the gzip magic bytes; `consumed` counts the file's bytes read. */
async function* fileBytesOf(
  path: string,
  compressed: { value: boolean },
  consumed: { bytes: number },
  inflate: { limit: number; capped: boolean } = { limit: Infinity, capped: false },
): AsyncGenerator<Buffer> {
  const raw = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  if (!isGzip(path)) {
    try {
      for await (const chunk of raw) {
        consumed.bytes += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    } finally {
      raw.destroy();
    }
    return;
  }
  compressed.value = true;
  const gunzip = createGunzip();
  raw.on('data', (chunk) => {
    consumed.bytes += chunk.length;
  });
  raw.on('error', (error) => gunzip.destroy(error));
  raw.pipe(gunzip);
  let inflated = 0;
  try {
    for await (const chunk of gunzip) {
      const bytes = chunk as Buffer;
      if (inflated + bytes.length > inflate.limit) {
        // Up to the end of a line: the last one within the limit, or (when the limit falls inside
        // the first line of this chunk) the end of that line; the rest is not read.
        const room = inflate.limit - inflated;
        const within = bytes.subarray(0, room).lastIndexOf(0x0a);
        const cut = within >= 0 ? within : bytes.indexOf(0x0a);
        inflate.capped = true;
        if (cut >= 0) yield bytes.subarray(0, cut + 1);
        return;
      }
      inflated += bytes.length;
      yield bytes;
    }
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
  // A small damaged gzip fails while its head is read: the failure comes after the bytes read
  // before it, where readWhole keeps those and reports the damage (as for a larger file).
  let failure: { error: unknown } | null = null;
  while (size < HEAD_BYTES) {
    let next: IteratorResult<Buffer>;
    try {
      next = await source.next();
    } catch (error) {
      failure = { error };
      break;
    }
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
    if (failure) throw failure.error;
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

/** Whether a line is blank (`trim()` would leave nothing), without trimming the common line. */
function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return text.trim() === '';
}

/**
 * Where a line is reported: by its line number when the read started at the file's start, else
 * (`offsetBase` set: a block in the middle of a file) by its byte offset, `offsetBase()` plus where
 * the line starts among the bytes read.
 */
type OffsetBase = (() => number) | null;

/**
 * Feeds the lines of a byte stream to the parser and the accumulator, until `maxEvents` events
 * are in: a line (or an event) beyond them stops the read, which is then `cut`. Lines are split
 * and handled synchronously, chunk by chunk.
 */
async function readLines(
  chunks: AsyncIterable<Buffer>,
  format: LogFormat,
  parser: LineParser,
  acc: ReturnType<typeof createEventAccumulator>,
  maxLineBytes: number,
  offsetBase: OffsetBase,
  maxEvents = Infinity,
  read: LinesRead = { longLines: 0, cut: false },
): Promise<LinesRead> {
  const stateful = format === 'auditd';
  let events = 0;
  /** Takes one event unless the limit is reached; false once it is (the read is then cut). */
  const take = (event: ParsedEvent): boolean => {
    if (events >= maxEvents) {
      read.cut = true;
      return false;
    }
    events += 1;
    acc.event(event);
    return true;
  };
  // One position, updated per line: the accumulator copies what it keeps.
  const where: Where = { line: null, offset: null };
  const onLine: LineSink = (text, lineNumber, byteStart, truncated) => {
    if (events >= maxEvents && (truncated || !isBlank(text))) {
      read.cut = true;
      return false;
    }
    if (offsetBase === null) where.line = lineNumber;
    else where.offset = offsetBase() + byteStart;
    if (truncated) {
      acc.line(text, where);
      acc.error(where, longLineMessage(maxLineBytes));
      read.longLines += 1;
      return true;
    }
    if (isBlank(text)) return true;
    acc.line(text, where);
    const outcome = parser.push(text, lineNumber);
    if (outcome.kind === 'events') {
      const parsed = outcome.events;
      for (let i = 0; i < parsed.length; i++) if (!take(parsed[i] as ParsedEvent)) break;
      return !read.cut;
    }
    // The file's parser refused the line: a broken line of the file's format, another format, or plain text.
    if (startsLike(format, text)) {
      acc.error(where, outcome.message);
      return true;
    }
    const other = stateful ? null : parseAnyLine(text, lineNumber);
    take(other ?? { record: { message: text }, schema: null, line: lineNumber, format: 'text' });
    return !read.cut;
  };
  const splitter = new LineSplitter(maxLineBytes);
  // A damaged stream (a cut gzip) ends the loop; the events the parser still holds (auditd) were
  // read before the damage and are taken before the failure goes on to the caller.
  let failure: { error: unknown } | null = null;
  try {
    for await (const chunk of chunks) if (!splitter.push(chunk, onLine)) break;
  } catch (error) {
    failure = { error };
  }
  if (failure === null && !read.cut) splitter.end(onLine);
  if (!read.cut) for (const event of parser.end()) if (!take(event)) break;
  if (failure !== null) throw failure.error;
  return read;
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
        const read = await readBlocks(path, blocks, format, maxLineBytes, false, pool, settings.aliases, settings.maxEvents);
        return withLimits({ ...summarize(read.state), compressed: false, sampling: { sampled: true, bytesRead: read.bytesRead, fileBytes } }, read, settings.maxEvents);
      }
      // A whole file spread over the pool: contiguous parts, merged as if read in one go. auditd
      // joins records of one event across lines, so its files are not cut; nor is a file read up
      // to an event limit, which is read from its start until the limit.
      if ((format === 'auditd' || settings.maxEvents !== undefined) && pool) return pool.readWhole({ path, maxLineBytes, ...settings });
      const parts = Math.max(2, (pool?.size ?? 1) * 2);
      const read = await readBlocks(path, splitBlocks(fileBytes, parts), format, maxLineBytes, true, pool, settings.aliases, settings.maxEvents);
      const bytesRead = read.cut ? read.bytesRead : fileBytes;
      return withLimits({ ...summarize(read.state), compressed: false, sampling: { sampled: false, bytesRead, fileBytes } }, read, settings.maxEvents);
    }
  }
  if (pool) return pool.readWhole({ path, maxLineBytes, ...settings });
  return readWhole(path, fileBytes, maxLineBytes, settings);
}

/** Counts the bytes a stream of chunks yields. */
async function* counting(chunks: AsyncGenerator<Buffer>, counter: { bytes: number }): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    counter.bytes += chunk.length;
    yield chunk;
  }
}

/**
 * One block of a line-based file, read on its own: its accumulator state, with the lines over the
 * limit and, when `maxEvents` stopped it early, the bytes it read.
 */
export async function readBlockState(path: string, block: Block, format: LogFormat, maxLineBytes: number, aliases?: UserAliases, maxEvents = Infinity): Promise<BlockState> {
  const acc = accumulatorFor(path, aliases);
  const skipped = { bytes: 0 };
  const yielded = { bytes: 0 };
  // Line numbers are known only in a block that starts the file; elsewhere positions are byte
  // offsets: where the first line read starts (after the skipped part of a line) plus where the
  // line starts among the bytes read.
  const from = block.start > 0 ? block.start - 1 : 0;
  const read = await readLines(
    counting(blockBytes(path, block, skipped, maxLineBytes), yielded),
    format,
    parserFor(format),
    acc,
    maxLineBytes,
    block.start === 0 ? null : () => from + skipped.bytes,
    maxEvents,
  );
  const state: BlockState = acc.state();
  if (read.longLines > 0) state.longLines = read.longLines;
  if (read.cut) {
    state.cut = true;
    state.bytesRead = Math.min(block.end - block.start, skipped.bytes + yielded.bytes);
  }
  return state;
}

/** Blocks read and merged: the state, lines over the limit, bytes read, and whether the event limit cut the read. */
interface BlocksRead extends LinesRead {
  state: AccumulatorState;
  bytesRead: number;
}

/**
 * Reads blocks (on the pool when there is one) and merges their states in file order. With an
 * event limit, blocks are read one after the other in this thread, each up to the events still
 * wanted, and the read stops at the limit.
 */
async function readBlocks(
  path: string,
  blocks: readonly Block[],
  format: LogFormat,
  maxLineBytes: number,
  contiguous: boolean,
  pool: BlockPool | undefined,
  aliases: UserAliases | undefined,
  maxEvents: number | undefined,
): Promise<BlocksRead> {
  const size = (b: Block): number => b.end - b.start;
  if (maxEvents === undefined) {
    const states = await Promise.all(
      blocks.map(
        (block): Promise<BlockState> =>
          pool ? pool.readBlock({ path, block, format, maxLineBytes, ...(aliases ? { aliases } : {}) }) : readBlockState(path, block, format, maxLineBytes, aliases),
      ),
    );
    const longLines = states.reduce((n, st) => n + (st.longLines ?? 0), 0);
    const state = states.reduce<AccumulatorState>((merged, next) => mergeStates(merged, next, contiguous), emptyState());
    return { state, longLines, cut: false, bytesRead: blocks.reduce((n, b) => n + size(b), 0) };
  }
  const read: BlocksRead = { state: emptyState(), longLines: 0, cut: false, bytesRead: 0 };
  for (const block of blocks) {
    if (size(block) <= 0) continue;
    if (read.state.events >= maxEvents) {
      read.cut = true;
      break;
    }
    const state = await readBlockState(path, block, format, maxLineBytes, aliases, maxEvents - read.state.events);
    read.state = mergeStates(read.state, state, contiguous);
    read.longLines += state.longLines ?? 0;
    read.bytesRead += state.bytesRead ?? size(block);
    if (state.cut) {
      read.cut = true;
      break;
    }
  }
  return read;
}

/** A read's result with what the limits did to it: lines over the line limit, a cut at the event limit. */
function withLimits(result: LogReadResult, read: LinesRead, maxEvents: number | undefined): LogReadResult {
  if (read.longLines > 0) result.longLines = read.longLines;
  if (read.cut && maxEvents !== undefined) result.sampling.eventLimit = maxEvents;
  return result;
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
  const consumed = { bytes: 0 };
  const inflate = { limit: settings.maxInflatedBytes ?? Infinity, capped: false };
  const { head, chunks } = await withHead(fileBytes === 0 ? emptyBytes() : fileBytesOf(path, compressed, consumed, inflate));
  const format = resolveFormat(head, settings.format);
  const acc = accumulatorFor(path, settings.aliases);
  const maxEvents = settings.maxEvents ?? Infinity;
  /** How much was read: the whole file, or (cut at the event limit) the bytes read until then. */
  const sampling = (read: LinesRead): LogReadResult['sampling'] => {
    const partial = read.cut || inflate.capped;
    const bytesRead = partial ? Math.min(consumed.bytes, fileBytes) : fileBytes;
    return { sampled: inflate.capped, bytesRead, fileBytes };
  };

  if (format === 'json-document') {
    const parser = createJsonDocumentParser();
    const decoder = new StringDecoder('utf8');
    let partial = '';
    let lineNumber = 0;
    let overlong = false;
    let events = 0;
    const read: LinesRead = { longLines: 0, cut: false };
    /** Feeds the parser's outcomes to the accumulator, up to the event limit. */
    const take = (outcomes: ReturnType<typeof parser.push>): void => {
      for (const outcome of outcomes) {
        if (outcome.kind === 'event') {
          if (events >= maxEvents) {
            read.cut = true;
            return;
          }
          events += 1;
          acc.event(outcome.event);
        } else acc.error({ line: outcome.line, offset: null }, outcome.message);
      }
    };
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
      take(parser.push(text));
    };
    try {
      for await (const chunk of chunks) {
        handle(decoder.write(chunk));
        if (read.cut) break;
      }
    } catch (error) {
      if (!compressed.value || (error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
      acc.error({ line: null, offset: null }, 'compressed stream is truncated or corrupt; the rest was not read');
    }
    if (!read.cut) handle(decoder.end());
    if (partial.trim() !== '') acc.line(partial, { line: ++lineNumber, offset: null }, !overlong);
    // A document cut at the event limit is not ended: its unclosed brackets are not an error.
    if (!read.cut) take(parser.end());
    return withLimits({ ...acc.result(), compressed: compressed.value, sampling: sampling(read) }, read, settings.maxEvents);
  }

  // Filled as lines are read, so a damaged compressed stream keeps what was counted before it.
  const read: LinesRead = { longLines: 0, cut: false };
  try {
    await readLines(chunks, format, parserFor(format), acc, maxLineBytes, null, maxEvents, read);
  } catch (error) {
    // A compressed file that is cut short or corrupt keeps what was read before the damage.
    if (!compressed.value || (error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
    acc.error({ line: null, offset: null }, 'compressed stream is truncated or corrupt; the rest was not read');
  }
  return withLimits({ ...acc.result(), compressed: compressed.value, sampling: sampling(read) }, read, settings.maxEvents);
}

async function* emptyBytes(): AsyncGenerator<Buffer> {
  // An empty file: nothing to read.
}
