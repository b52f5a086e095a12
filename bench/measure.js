// One measurement in a fresh process, so that peak RSS belongs to it alone:
//   node bench/measure.js <file> <mode: bare|full|sampled> <jobs>
// Prints one JSON line: { ms, maxRssMiB, events }.
import { createReadStream } from 'node:fs';
import { readLog } from '../dist/logs/read-log.js';
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
