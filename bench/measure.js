// One measurement in a fresh process, so that peak RSS belongs to it alone:
//   node bench/measure.js <file> <mode: bare|parse|parse-secrets|full|sampled> <jobs>
// Prints one JSON line: { ms, maxRssMiB, events }.
// `parse` and `parse-secrets` are floors, not ztmm: ztmm's own line splitter and reads with
// JSON.parse of each line, then also secret detection; what the full read adds to them is the
// per-event analysis (schema, semantic fields, categories, timestamps, counters).
import { createReadStream } from 'node:fs';
import { LineSplitter } from '../dist/logs/line-splitter.js';
import { readLog } from '../dist/logs/read-log.js';
import { findSecrets } from '../dist/logs/secrets.js';
import { createBlockPool } from '../dist/logs/worker-pool.js';

const [file, mode, jobsText] = process.argv.slice(2);
const jobs = Number(jobsText ?? '1');
const start = process.hrtime.bigint();
let events = 0;
if (mode === 'bare') {
  // The bare loop ztmm is compared with: read, split lines, JSON.parse each.
  let rest = '';
  for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) {
      if (line) {
        JSON.parse(line);
        events++;
      }
    }
  }
} else if (mode === 'parse' || mode === 'parse-secrets') {
  const secrets = mode === 'parse-secrets';
  const splitter = new LineSplitter(1024 * 1024);
  const sink = (text) => {
    if (text) {
      try {
        JSON.parse(text);
        events++;
      } catch {
        // a broken line costs its parse, as in the full read
      }
      if (secrets) findSecrets(text);
    }
    return true;
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) splitter.push(chunk, sink);
  splitter.end(sink);
} else {
  const pool = jobs > 1 ? createBlockPool(jobs) : undefined;
  try {
    const result = await readLog(file, { full: mode === 'full', ...(pool ? { pool } : {}) });
    events = result.events;
  } finally {
    await pool?.close();
  }
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const maxRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ ms: Math.round(ms), maxRssMiB: Math.round(maxRssMiB), events })}\n`);
