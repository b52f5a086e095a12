/**
 * Properties of readLog, the IO edge of the log engine, on temporary files of arbitrary bytes:
 * mutated real logs, random bytes, invalid UTF-8, gzip files whole, damaged and cut, and files
 * that only look compressed; detected and forced formats, small line limits and sampling. The read
 * always resolves with a well-formed summary, never quotes a planted secret, and stays within the
 * time bound; a gzip cut short keeps every event read before the cut.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { FORCED_FORMATS } from '../../src/logs/detect-format.js';
import type { ForcedFormat } from '../../src/logs/detect-format.js';
import { LOG_FORMATS } from '../../src/logs/formats/types.js';
import { readLog } from '../../src/logs/read-log.js';
import type { LogReadResult, ReadLogOptions } from '../../src/logs/read-log.js';
import {
  CANARY_LINES,
  assertNoPollution,
  assertOneLine,
  containsCanary,
  fileBytes,
  fixtureTexts,
  mutatedText,
  prototypeKeys,
  runs,
  timedAsync,
  withCanary,
} from './support.js';

const baseline = prototypeKeys();
const dir = mkdtempSync(join(tmpdir(), 'ztmm-property-logs-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
  assertNoPollution(baseline);
});

let files = 0;
function writeTemp(name: string, bytes: Buffer): string {
  const path = join(dir, `${files++}-${name}`);
  writeFileSync(path, bytes);
  return path;
}

/** Real logs of every format, cut to 16 KiB so that a run stays quick. */
const LOGS = [
  ...fixtureTexts(/(\.log(\.\d+)?|\.jsonl|\.ndjson|\/messages|access_log)$/).map((t) => t.slice(0, 16 * 1024)),
  '[\n  {"eventVersion": "1.08", "eventSource": "iam.amazonaws.com", "eventName": "CreateUser"},\n  {"eventVersion": "1.08", "eventSource": "s3.amazonaws.com", "eventName": "GetObject"}\n]\n',
  '{"Records": [{"eventVersion": "1.08", "eventName": "ConsoleLogin", "userIdentity": {"type": "IAMUser"}}]}',
  'type=SYSCALL msg=audit(1700000000.123:42): syscall=59 auid=1000 uid=0 comm="cat"\ntype=EOE msg=audit(1700000000.123:42): \n',
];

const options: fc.Arbitrary<ReadLogOptions> = fc
  .record(
    {
      format: fc.constantFrom<ForcedFormat>(...FORCED_FORMATS),
      maxLineBytes: fc.integer({ min: 16, max: 4096 }),
      sampleBytes: fc.integer({ min: 512, max: 8192 }),
      full: fc.boolean(),
    },
    { requiredKeys: [] },
  )
  .map((o) => {
    const out: ReadLogOptions = {};
    if (o.format !== undefined) out.format = o.format;
    if (o.maxLineBytes !== undefined) out.maxLineBytes = o.maxLineBytes;
    if (o.sampleBytes !== undefined) out.sampleBytes = o.sampleBytes;
    if (o.full !== undefined) out.full = o.full;
    return out;
  });

function checkSummary(result: LogReadResult, label: string): void {
  assert.ok((LOG_FORMATS as readonly string[]).includes(result.format), `${label}: format ${result.format}`);
  for (const count of [result.lines, result.events, result.parseErrors, result.secrets.total]) assert.ok(Number.isInteger(count) && count >= 0, `${label}: count ${count}`);
  assert.ok(result.structuredRatio >= 0 && result.structuredRatio <= 1, `${label}: ratio ${result.structuredRatio}`);
  if (result.firstError) assertOneLine(result.firstError.message, `${label} firstError`);
  assert.equal(result.firstError === null, result.parseErrors === 0, `${label}: firstError iff parse errors`);
  for (const example of result.secrets.examples) assertOneLine(example.excerpt, `${label} secret excerpt`);
  assert.ok(result.sampling.bytesRead >= 0 && result.sampling.fileBytes >= 0);
}

describe('readLog on arbitrary files', () => {
  test('any bytes, plain or gzip (whole, damaged, or only the magic bytes): the read resolves with a well-formed summary', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes(LOGS), options, fc.constantFrom('a.log', 'b.log.gz', 'c.json', 'messages'), async ({ bytes, packing }, opts, name) => {
        const path = writeTemp(name, bytes);
        const result = await timedAsync(`readLog (${packing}, ${bytes.length} bytes)`, () => readLog(path, opts));
        checkSummary(result, packing);
        assert.equal(result.compressed, bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b, 'compressed exactly when the file starts with the gzip magic bytes');
        assert.equal(result.sampling.fileBytes, bytes.length);
      }),
      runs(300),
    );
  });

  test('a secret planted in a log is counted and never quoted', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedText(LOGS, 3), withCanary(), fc.option(fc.constantFrom<ForcedFormat>(...FORCED_FORMATS), { nil: undefined }), fc.boolean(), async (text, plant, format, gzip) => {
        const planted = plant(text);
        fc.pre(CANARY_LINES.some((line) => planted.split('\n').includes(line)));
        const plain = Buffer.from(planted, 'utf8');
        const path = writeTemp(gzip ? 'p.log.gz' : 'p.log', gzip ? gzipSync(plain) : plain);
        const result = await timedAsync('readLog', () => readLog(path, format === undefined ? {} : { format }));
        checkSummary(result, 'planted');
        assert.ok(!containsCanary(JSON.stringify(result)), `a planted secret is quoted in the summary (format ${result.format})`);
      }),
      runs(200),
    );
  });

  test('a gzip cut short keeps every event before the cut and reports the damage once', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedText(LOGS, 2), fc.integer({ min: 1, max: 8 }), async (text, cut) => {
        const plain = Buffer.from(text.endsWith('\n') ? text : `${text}\n`, 'utf8');
        fc.pre(plain.length > 0);
        const whole = await readLog(writeTemp('whole.log', plain));
        // Cut inside the 8-byte trailer (CRC and size): every byte of the text was already inflated.
        const gz = gzipSync(plain);
        const result = await timedAsync('readLog (cut gzip)', () => readLog(writeTemp('cut.log.gz', gz.subarray(0, gz.length - cut))));
        checkSummary(result, 'cut gzip');
        assert.equal(result.compressed, true);
        assert.equal(result.events, whole.events, 'events before the cut are kept');
        assert.equal(result.parseErrors, whole.parseErrors + 1, 'the damage is one parse error');
      }),
      runs(150),
    );
  });
});
