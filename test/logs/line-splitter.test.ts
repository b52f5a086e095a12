import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SplitLine } from '../../src/logs/line-splitter.js';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter, splitLines } from '../../src/logs/line-splitter.js';
import type { LineSink } from '../../src/logs/line-splitter.js';

const encoder = new TextEncoder();

async function* chunksOf(parts: ReadonlyArray<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? encoder.encode(part) : part;
}

async function collect(parts: ReadonlyArray<Uint8Array | string>, maxLineBytes = 1024): Promise<SplitLine[]> {
  const lines: SplitLine[] = [];
  for await (const line of splitLines(chunksOf(parts), maxLineBytes)) lines.push(line);
  return lines;
}

function texts(lines: readonly SplitLine[]): string[] {
  return lines.map((line) => line.text);
}

describe('splitLines', () => {
  it('splits on LF and numbers every line, empty ones included', async () => {
    const lines = await collect(['a\n\nb\n']);
    assert.deepEqual(lines, [
      { lineNumber: 1, text: 'a', truncated: false },
      { lineNumber: 2, text: '', truncated: false },
      { lineNumber: 3, text: 'b', truncated: false },
    ]);
  });

  it('drops the CR of CRLF, also when CR and LF fall in different chunks', async () => {
    assert.deepEqual(texts(await collect(['one\r\ntwo\r\n'])), ['one', 'two']);
    assert.deepEqual(texts(await collect(['one\r', '\ntwo\r', '\n'])), ['one', 'two']);
  });

  it('keeps a CR that is not followed by LF inside the line', async () => {
    assert.deepEqual(texts(await collect(['a\rb\n'])), ['a\rb']);
  });

  it('yields a last line without newline, and nothing extra after a final newline', async () => {
    assert.deepEqual(texts(await collect(['x\ny'])), ['x', 'y']);
    assert.deepEqual(texts(await collect(['x\ny\n'])), ['x', 'y']);
    assert.deepEqual(texts(await collect(['last\r\n'])), ['last']);
    assert.deepEqual(await collect([]), []);
    assert.deepEqual(await collect(['']), []);
  });

  it('joins a line spread over many chunks', async () => {
    assert.deepEqual(texts(await collect(['{"a"', ':', '1}', '\n{"b":2', '}'])), ['{"a":1}', '{"b":2}']);
  });

  it('decodes a UTF-8 character cut at any chunk boundary', async () => {
    const bytes = encoder.encode('é€😀 ok\nñ\n');
    for (let cut = 1; cut < bytes.length; cut += 1) {
      const lines = await collect([bytes.subarray(0, cut), bytes.subarray(cut)]);
      assert.deepEqual(texts(lines), ['é€😀 ok', 'ñ'], `cut at byte ${cut}`);
    }
    // One byte per chunk.
    const single = Array.from(bytes, (byte) => Uint8Array.of(byte));
    assert.deepEqual(texts(await collect(single)), ['é€😀 ok', 'ñ']);
  });

  it('skips a UTF-8 byte order mark at the start, even split across chunks, but nowhere else', async () => {
    assert.deepEqual(texts(await collect(['\uFEFF{"a":1}\n\uFEFFx\n'])), ['{"a":1}', '\uFEFFx']);
    assert.deepEqual(texts(await collect([Uint8Array.of(0xef), Uint8Array.of(0xbb, 0xbf, 0x61), '\n'])), ['a']);
    // EF BB not followed by BF is content, not a mark.
    const notBom = await collect([Uint8Array.of(0xef, 0xbb), Uint8Array.of(0x41, 0x0a)]);
    assert.equal(notBom.length, 1);
    assert.equal(notBom[0]?.text.endsWith('A'), true);
    assert.notEqual(notBom[0]?.text, 'A');
  });

  it('keeps a line of exactly maxLineBytes whole, with LF or CRLF', async () => {
    assert.deepEqual(await collect(['abcd\n', 'efgh\r\n', 'ijkl'], 4), [
      { lineNumber: 1, text: 'abcd', truncated: false },
      { lineNumber: 2, text: 'efgh', truncated: false },
      { lineNumber: 3, text: 'ijkl', truncated: false },
    ]);
  });

  it('truncates a longer line to its first maxLineBytes bytes and carries on', async () => {
    assert.deepEqual(await collect(['abcde\r\n', 'ok\n'], 4), [
      { lineNumber: 1, text: 'abcd', truncated: true },
      { lineNumber: 2, text: 'ok', truncated: false },
    ]);
    assert.deepEqual(await collect(['abcd\r\r\n'], 4), [{ lineNumber: 1, text: 'abcd', truncated: true }]);
  });

  it('does not cut a multi-byte character when truncating', async () => {
    // 'é' is 2 bytes: 3 bytes allow one whole 'é' only.
    assert.deepEqual(await collect(['ééé\n'], 3), [{ lineNumber: 1, text: 'é', truncated: true }]);
    assert.deepEqual(await collect(['aéé\n'], 3), [{ lineNumber: 1, text: 'aé', truncated: true }]);
  });

  it('does not accumulate an overlong line: 5 MB in 64 KB chunks, limit 1024', async () => {
    const chunkSize = 64 * 1024;
    const chunkCount = 80; // 5 MiB
    // One buffer reused for every chunk: what the splitter keeps must be its own copy.
    const shared = new Uint8Array(chunkSize);
    const baseline = process.memoryUsage().arrayBuffers;
    let peakGrowth = 0;
    async function* fiveMegabytes(): AsyncGenerator<Uint8Array> {
      for (let index = 0; index < chunkCount; index += 1) {
        shared.fill(index === 0 ? 0x61 : 0x62); // 'a' for the first chunk, 'b' after
        yield shared;
        peakGrowth = Math.max(peakGrowth, process.memoryUsage().arrayBuffers - baseline);
      }
      yield encoder.encode('\nnext\n');
    }
    const lines: SplitLine[] = [];
    for await (const line of splitLines(fiveMegabytes(), 1024)) lines.push(line);
    assert.equal(lines.length, 2);
    assert.equal(lines[0]?.truncated, true);
    assert.equal(lines[0]?.text.length, 1024);
    assert.equal(lines[0]?.text, 'a'.repeat(1024));
    assert.deepEqual(lines[1], { lineNumber: 2, text: 'next', truncated: false });
    // Holding the line would cost 5 MiB of buffers; a bounded splitter stays far below 1 MiB.
    assert.ok(peakGrowth < 1024 * 1024, `array buffers grew by ${peakGrowth} bytes`);
  });

  it('rejects a line limit that is not a positive integer', async () => {
    await assert.rejects(collect(['a\n'], 0), RangeError);
    await assert.rejects(collect(['a\n'], 1.5), RangeError);
  });

  it('has a 1 MiB default limit', () => {
    assert.equal(DEFAULT_MAX_LINE_BYTES, 1_048_576);
  });
});

describe('LineSplitter', () => {
  /** Pushes the parts; returns every line with where it starts among the bytes pushed. */
  function split(parts: readonly string[], stopAfter = Infinity): [string, number, number][] {
    const out: [string, number, number][] = [];
    const splitter = new LineSplitter(1024);
    const sink: LineSink = (text, lineNumber, byteStart) => {
      out.push([text, lineNumber, byteStart]);
      return out.length < stopAfter;
    };
    for (const part of parts) if (!splitter.push(encoder.encode(part), sink)) return out;
    splitter.end(sink);
    return out;
  }

  it('gives each line the byte offset where it starts, across chunks, CRLF and multi-byte text', () => {
    const expected: [string, number, number][] = [
      ['a', 1, 0],
      ['éé', 2, 3],
      ['', 3, 8],
      ['last', 4, 9],
    ];
    assert.deepEqual(split(['a\r\néé\n\nlast']), expected);
    assert.deepEqual(split(['a\r', '\n\xe9', '\xe9\n', '\nla', 'st']), expected);
  });

  it('counts a byte order mark in the offsets but not in the text', () => {
    assert.deepEqual(split(['\ufeffx\ny\n']), [
      ['x', 1, 3],
      ['y', 2, 5],
    ]);
  });

  it('stops when the sink says so, in the middle of a chunk', () => {
    assert.deepEqual(split(['1\n2\n3\n4\n'], 2), [
      ['1', 1, 0],
      ['2', 2, 2],
    ]);
  });
});
