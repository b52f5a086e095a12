/**
 * Which report goes where (pure). `-f` and `-o` may each be given several times, in order:
 * `-f sarif -o ztmm.sarif -f markdown -o summary.md -f text`. Each `-o` takes the `-f` just
 * before it; a `-f` with no `-o` after it goes to stdout; an `-o` with no `-f` of its own takes
 * its format from the file extension (text when it names none). One `-f` and one `-o` pair whatever their order, as they
 * always have (`-o ztmm.json -f json`).
 */
import { ZtmmError } from '../errors.js';
import { formatFromPath, parseFormat } from '../report/formats.js';
import type { ReportFormat } from '../report/formats.js';

export type OutputEvent = { kind: 'format'; value: string } | { kind: 'output'; value: string };

export interface PlannedOutput {
  format: ReportFormat;
  /** As given on the command line; null for stdout. */
  path: string | null;
}

/**
 * An extension that names another format than the -f paired with it is a slip (`-o a.sarif -f
 * sarif -o b.json -f json` pairs a.sarif with nothing and b.json with sarif), so it is refused
 * rather than writing SARIF into b.json. (`x.sarif.json` names SARIF.)
 */
function checkExtension(format: ReportFormat, path: string): void {
  const named = formatFromPath(path);
  if (named === undefined || named === format) return;
  throw new ZtmmError('E_USAGE', `--output ${path} would hold the ${format} report (the -f before it), but its extension says ${named}; put each -o after its own -f`);
}

/**
 * `resolvePath` maps an output to the file it names, so `a.json` and `./a.json` are seen as the
 * same file.
 */
export function planOutputs(events: readonly OutputEvent[], resolvePath: (path: string) => string = (p) => p): PlannedOutput[] {
  const formats = events.filter((e) => e.kind === 'format');
  const outputs = events.filter((e) => e.kind === 'output');
  let plan: PlannedOutput[];
  if (formats.length <= 1 && outputs.length <= 1) {
    const format = formats[0] ? parseFormat(formats[0].value) : outputs[0] ? (formatFromPath(outputs[0].value) ?? 'text') : 'text';
    plan = [{ format, path: outputs[0]?.value ?? null }];
  } else {
    plan = [];
    let pending: ReportFormat | null = null;
    for (const event of events) {
      if (event.kind === 'format') {
        if (pending !== null) plan.push({ format: pending, path: null });
        pending = parseFormat(event.value);
      } else {
        plan.push({ format: pending ?? formatFromPath(event.value) ?? 'text', path: event.value });
        pending = null;
      }
    }
    if (pending !== null) plan.push({ format: pending, path: null });
  }
  const toStdout = plan.filter((p) => p.path === null);
  if (toStdout.length > 1) {
    throw new ZtmmError('E_USAGE', `only one report can go to stdout, but ${toStdout.map((p) => p.format).join(' and ')} have no --output`);
  }
  const seen = new Set<string>();
  for (const p of plan) {
    if (p.path === null) continue;
    checkExtension(p.format, p.path);
    const file = resolvePath(p.path);
    if (seen.has(file)) throw new ZtmmError('E_USAGE', `--output ${p.path} names a file that is already written by another -o`);
    seen.add(file);
  }
  return plan;
}
