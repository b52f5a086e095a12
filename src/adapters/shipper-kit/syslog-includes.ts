/** Follows the includes of a syslog daemon config (rsyslog, syslog-ng): bounded, cycle-safe, each file merged in place. */
import type { ReadContext } from '../config-adapter.js';
import { emptyRead } from '../../model/pipeline.js';
import type { ConfigRead } from '../../model/pipeline.js';
import type { Location } from '../../model/vocabulary.js';
import { fileStart, quoteShort } from '../rsyslog/positions.js';

/** Nested includes deeper than this, or more included files than this in all, are not read. */
const MAX_INCLUDE_DEPTH = 16;
const MAX_INCLUDED_FILES = 256;

export interface IncludeFollower<T> {
  /** Statements of the files a pattern names, parsed in place; problems and unknowns go to the read. */
  include(pattern: string, from: string, at: Location, optional: boolean): T[];
  /** Parses a text embedded at `at` (unless includes are already nested too deep). */
  includeText(text: string, at: Location): T[];
  /** Paths of the files included, in the order first read. */
  readonly includes: Set<string>;
}

/**
 * `keyword` names the include in unknowns (`include`, `@include`); `parse` reads one file's text
 * (from line `firstLine`) and may include further files through the returned follower.
 */
export function followIncludes<T>(read: ConfigRead, context: ReadContext, rootPath: string, keyword: string, parse: (text: string, path: string, firstLine?: number) => T[]): IncludeFollower<T> {
  const includes = new Set<string>();
  const stack: string[] = [rootPath];
  let included = 0;
  return {
    includes,
    include(pattern: string, from: string, at: Location, optional: boolean): T[] {
      const construct = `${keyword} ${quoteShort(pattern)}`;
      if (stack.length > MAX_INCLUDE_DEPTH || included >= MAX_INCLUDED_FILES) {
        read.unknowns.push({ construct, reason: 'includes nested too deep or too many included files: not read', at });
        return [];
      }
      const result = context.include(pattern, from);
      if (result.files.length === 0) {
        if (!optional) read.unknowns.push({ construct, reason: quoteShort(result.reason ?? 'names no scanned file', 200), at });
        return [];
      }
      if (result.reason !== null) read.unknowns.push({ construct, reason: quoteShort(result.reason, 200), at });
      const out: T[] = [];
      for (const f of result.files) {
        if (stack.includes(f.path)) {
          read.problems.push({ at, message: `include cycle: ${quoteShort(f.path, 120)} includes itself` });
          continue;
        }
        if (included >= MAX_INCLUDED_FILES) break;
        included++;
        includes.add(f.path);
        stack.push(f.path);
        out.push(...parse(f.text, f.path));
        stack.pop();
      }
      return out;
    },
    includeText(text: string, at: Location): T[] {
      if (stack.length > MAX_INCLUDE_DEPTH) return [];
      stack.push(`${at.path}#text@${at.line}`);
      const out = parse(text, at.path, at.line);
      stack.pop();
      return out;
    },
  };
}

/** Runs `fill` on a fresh read of `kind`; an exception (a bug) becomes a fatal problem, never an aborted scan. */
export function guardedRead(kind: string, path: string, fill: (read: ConfigRead) => void): ConfigRead {
  const read = emptyRead(kind);
  try {
    fill(read);
  } catch (error) {
    // Never reached by design; a bug must not abort the scan.
    read.problems.push({ at: fileStart(path), message: `could not be read: ${quoteShort(error instanceof Error ? error.message : String(error), 120)}` });
    read.pipelines = [];
    read.fatal = true;
  }
  return read;
}
