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
 * Yields the lines of a stream of chunks. A UTF-8 byte order mark at the very start is skipped.
 * `maxLineBytes` (a positive integer) bounds the bytes kept per line, excluding the terminator.
 */
export async function* splitLines(
  chunks: AsyncIterable<Uint8Array>,
  maxLineBytes: number,
): AsyncGenerator<SplitLine, void, undefined> {
  if (!Number.isInteger(maxLineBytes) || maxLineBytes < 1) {
    throw new RangeError(`maxLineBytes must be a positive integer, got ${String(maxLineBytes)}`);
  }
  // One extra byte, so a CR right at the limit can still be recognised and dropped.
  const line = new LineBuffer(maxLineBytes + 1);
  let lineNumber = 0;
  let bomPending = true;
  let bomSeen = 0;

  for await (const chunk of chunks) {
    let start = 0;
    if (bomPending) {
      // The BOM (EF BB BF) may itself be split across chunks.
      while (bomPending && start < chunk.length) {
        if (chunk[start] === BOM[bomSeen]) {
          bomSeen += 1;
          start += 1;
          if (bomSeen === 3) bomPending = false;
        } else {
          bomPending = false;
          if (bomSeen > 0) {
            // Not a BOM after all: give back the bytes consumed so far.
            line.append(BOM, 0, bomSeen);
          }
        }
      }
    }
    while (start < chunk.length) {
      const newline = chunk.indexOf(LF, start);
      if (newline === -1) {
        line.append(chunk, start, chunk.length);
        break;
      }
      line.append(chunk, start, newline);
      lineNumber += 1;
      yield line.take(lineNumber, maxLineBytes);
      start = newline + 1;
    }
  }
  if (bomPending && bomSeen > 0) {
    line.append(BOM, 0, bomSeen);
  }
  if (!line.isEmpty) {
    lineNumber += 1;
    yield line.take(lineNumber, maxLineBytes);
  }
}
