/**
 * `ztmm diff BEFORE.json AFTER.json [-f text|json|markdown] [-o FILE] [--max-drop N]`: compares two
 * saved JSON results (ztmm scan -f json) and prints stage, score and finding changes. Exit 0 when
 * nothing regressed, 1 when something did (the same regressions `scan --baseline` gates on), 2 when
 * an input is not a ztmm result or the options are wrong. --max-drop defaults to 0: the verdict
 * depends on the two files and the options only, never on a config file.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compareResults } from '../assess/compare.js';
import { ZtmmError } from '../errors.js';
import type { Comparison } from '../model/assessment.js';
import { formatComparisonMarkdown } from '../report/comparison-markdown.js';
import { formatComparisonJson, formatComparisonText } from '../report/comparison-text.js';
import { formatFromPath } from '../report/formats.js';
import { parseMaxDrop } from './baseline.js';
import { useColor } from './color.js';
import type { CliIo } from './io.js';
import { loadResult } from './load-result.js';

export const DIFF_FORMATS = ['text', 'json', 'markdown'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffFlags {
  format?: string;
  output?: string;
  maxDrop?: string;
  /** false with --no-color. */
  color: boolean;
}

function isDiffFormat(value: string): value is DiffFormat {
  return (DIFF_FORMATS as readonly string[]).includes(value);
}

/** The format: -f, else the -o extension, else text. An -o extension naming another format is a slip. */
export function diffFormat(flags: Pick<DiffFlags, 'format' | 'output'>): DiffFormat {
  const named = flags.output === undefined ? undefined : formatFromPath(flags.output);
  if (flags.format !== undefined) {
    const format = flags.format.trim().toLowerCase();
    if (!isDiffFormat(format)) throw new ZtmmError('E_USAGE', `--format: ztmm diff writes ${DIFF_FORMATS.join(', ')}, not "${flags.format}"`);
    if (named !== undefined && named !== format) throw new ZtmmError('E_USAGE', `--output ${flags.output ?? ''} would hold the ${format} comparison, but its extension says ${named}`);
    return format;
  }
  if (named === undefined) return 'text';
  if (!isDiffFormat(named)) throw new ZtmmError('E_USAGE', `--output ${flags.output ?? ''}: ztmm diff writes ${DIFF_FORMATS.join(', ')}, not ${named}`);
  return named;
}

export function renderComparison(c: Comparison, format: DiffFormat, color: boolean): string {
  if (format === 'json') return formatComparisonJson(c);
  if (format === 'markdown') return formatComparisonMarkdown(c);
  return formatComparisonText(c, color);
}

/** Runs `ztmm diff`; returns the exit code. Bad input throws a ZtmmError (exit 2). */
export function runDiff(before: string, after: string, flags: DiffFlags, io: CliIo): number {
  const format = diffFormat(flags);
  const maxDrop = flags.maxDrop === undefined ? 0 : parseMaxDrop(flags.maxDrop);
  const comparison = compareResults(loadResult(resolve(io.cwd, before), before), loadResult(resolve(io.cwd, after), after), maxDrop);
  const toFile = flags.output !== undefined;
  const color = format === 'text' && useColor({ flag: flags.color, env: io.env, toTerminal: !toFile && io.stdoutIsTTY, toFile });
  const text = renderComparison(comparison, format, color);
  if (flags.output !== undefined) {
    try {
      writeFileSync(resolve(io.cwd, flags.output), text);
    } catch (error) {
      throw new ZtmmError('E_OUTPUT', `${flags.output}: cannot write the comparison (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
    }
  } else io.stdout(text);
  return comparison.regressions.length === 0 ? 0 : 1;
}
