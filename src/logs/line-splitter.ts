/**
 * Splits a byte stream into text lines with bounded memory. Lines end at LF; a CR right before the
 * LF is dropped. Bytes beyond `maxLineBytes` are counted but never kept, so an endless line costs
 * at most `maxLineBytes + 1` bytes. Splitting happens on bytes and decoding per line, so a UTF-8
 * character cut between two chunks is decoded whole (LF never occurs inside a multi-byte sequence).
 */

/** One physical line of a file. `lineNumber` is 1-based and counts every line, empty ones too. */
export interface SplitLine {
  lineNumber: number;
  /** The line without its terminator; when truncated, its first `maxLineBytes` bytes (cut back to a whole character). */
  text: string;
  /** True when the line was longer than `maxLineBytes` bytes. */
  truncated: boolean;
}

/** The default line limit of the log readers: 1 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const INITIAL_CAPACITY = 4096;
const BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Keeps the first bytes of the current line, up to a fixed capacity; counts the rest. */
class LineBuffer {
  private bytes: Uint8Array;
  private kept = 0;
  /** All bytes of the current line seen so far, kept or not. */
  private total = 0;
  private lastByte = -1;

  constructor(private readonly capacity: number) {
    this.bytes = new Uint8Array(Math.min(INITIAL_CAPACITY, capacity));
  }

  append(chunk: Uint8Array, start: number, end: number): void {
    if (end <= start) return;
    this.total += end - start;
    this.lastByte = chunk[end - 1] ?? -1;
    const room = this.capacity - this.kept;
    if (room <= 0) return;
    const take = Math.min(room, end - start);
    this.ensure(this.kept + take);
    this.bytes.set(chunk.subarray(start, start + take), this.kept);
    this.kept += take;
  }

  get isEmpty(): boolean {
    return this.total === 0;
  }

  /** Ends the current line and returns it; the buffer is then ready for the next line. */
  take(lineNumber: number, maxLineBytes: number): SplitLine {
    const endsWithCr = this.lastByte === CR;
    const length = endsWithCr ? this.total - 1 : this.total;
    const truncated = length > maxLineBytes;
    let end = Math.min(this.kept, length, maxLineBytes);
    if (truncated) {
      // Do not cut a multi-byte character: back off while the first dropped byte is a continuation byte.
      while (end > 0 && ((this.bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
    }
    const text = decoder.decode(this.bytes.subarray(0, end));
    this.kept = 0;
    this.total = 0;
    this.lastByte = -1;
    return { lineNumber, text, truncated };
  }

  private ensure(size: number): void {
    if (size <= this.bytes.length) return;
    let next = this.bytes.length * 2;
    while (next < size) next *= 2;
    const grown = new Uint8Array(Math.min(next, this.capacity));
    grown.set(this.bytes.subarray(0, this.kept));
    this.bytes = grown;
  }
}

/**
 * Buffer's own UTF-8 decoder of a range, as `toString('utf8', start, end)` calls it after checking
 * its arguments (which, per line, cost as much as the decoding); `toString` where it is missing.
 */
const utf8Slice: (this: Buffer, start: number, end: number) => string =
  (Buffer.prototype as unknown as { utf8Slice?: (this: Buffer, start: number, end: number) => string }).utf8Slice ??
  function (this: Buffer, start: number, end: number): string {
    return this.toString('utf8', start, end);
  };

/** Receives one line; returns false to stop the split (the rest of the stream is not read). */
export type LineSink = (text: string, lineNumber: number, byteStart: number, truncated: boolean) => boolean;

/**
 * Splits chunks pushed one after the other into lines, synchronously: lines that lie inside one
 * chunk are decoded straight from it, only a line that spans chunks is copied (up to the limit).
 * `byteStart` is where the line starts among the bytes pushed (a UTF-8 byte order mark at the very
 * start is skipped but counted). `maxLineBytes` (a positive integer) bounds the bytes kept per
 * line, excluding the terminator.
 */
export class LineSplitter {
  private readonly line: LineBuffer;
  private lineNumber = 0;
  private bomPending = true;
  private bomSeen = 0;
  /** Bytes pushed before the current chunk, and where the current (unfinished) line started. */
  private pushed = 0;
  private lineStart = 0;

  constructor(private readonly maxLineBytes: number) {
    if (!Number.isInteger(maxLineBytes) || maxLineBytes < 1) {
      throw new RangeError(`maxLineBytes must be a positive integer, got ${String(maxLineBytes)}`);
    }
    // One extra byte, so a CR right at the limit can still be recognised and dropped.
    this.line = new LineBuffer(maxLineBytes + 1);
  }

  /** Splits one chunk; false when the sink stopped the split. */
  push(chunk: Uint8Array, sink: LineSink): boolean {
    let start = 0;
    if (this.bomPending) {
      // The BOM (EF BB BF) may itself be split across chunks.
      while (this.bomPending && start < chunk.length) {
        if (chunk[start] === BOM[this.bomSeen]) {
          this.bomSeen += 1;
          start += 1;
          if (this.bomSeen === 3) {
            this.bomPending = false;
            this.lineStart = 3;
          }
        } else {
          this.bomPending = false;
          // Not a BOM after all: give back the bytes consumed so far.
          if (this.bomSeen > 0) this.line.append(BOM, 0, this.bomSeen);
        }
      }
    }
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const max = this.maxLineBytes;
    try {
      while (start < buffer.length) {
        const newline = buffer.indexOf(LF, start);
        if (newline === -1) {
          this.line.append(buffer, start, buffer.length);
          break;
        }
        this.lineNumber += 1;
        const lineStart = this.lineStart;
        this.lineStart = this.pushed + newline + 1;
        let go: boolean;
        // A line wholly in this chunk and within the limit is decoded in place; any other goes
        // through the line buffer, which joins the chunks and cuts at the limit.
        const end = newline > start && buffer[newline - 1] === CR ? newline - 1 : newline;
        if (this.line.isEmpty && end - start <= max) go = sink(utf8Slice.call(buffer, start, end), this.lineNumber, lineStart, false);
        else {
          this.line.append(buffer, start, newline);
          const taken = this.line.take(this.lineNumber, max);
          go = sink(taken.text, this.lineNumber, lineStart, taken.truncated);
        }
        start = newline + 1;
        if (!go) return false;
      }
      return true;
    } finally {
      this.pushed += buffer.length;
    }
  }

  /** The end of the stream: the last line when it has no terminator. */
  end(sink: LineSink): void {
    if (this.bomPending && this.bomSeen > 0) this.line.append(BOM, 0, this.bomSeen);
    this.bomPending = false;
    if (this.line.isEmpty) return;
    this.lineNumber += 1;
    const taken = this.line.take(this.lineNumber, this.maxLineBytes);
    sink(taken.text, this.lineNumber, this.lineStart, taken.truncated);
  }
}

/**
 * Yields the lines of a stream of chunks. A UTF-8 byte order mark at the very start is skipped.
 * `maxLineBytes` (a positive integer) bounds the bytes kept per line, excluding the terminator.
 */
export async function* splitLines(
  chunks: AsyncIterable<Uint8Array>,
  maxLineBytes: number,
): AsyncGenerator<SplitLine, void, undefined> {
  const splitter = new LineSplitter(maxLineBytes);
  const lines: SplitLine[] = [];
  const collect: LineSink = (text, lineNumber, _byteStart, truncated) => {
    lines.push({ lineNumber, text, truncated });
    return true;
  };
  for await (const chunk of chunks) {
    splitter.push(chunk, collect);
    yield* lines;
    lines.length = 0;
  }
  splitter.end(collect);
  yield* lines;
}
