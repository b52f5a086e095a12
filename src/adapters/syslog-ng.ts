/**
 * syslog-ng configs (issue 4): `syslog-ng.conf`, `.conf` files under a `syslog-ng/` folder, and
 * `.conf` files whose head has `@version:` or a `source`/`destination` statement. Merges
 * `@include`d files in place (the SCL library `scl.conf` is known and skipped) and returns one
 * pipeline: source drivers as inputs, destination drivers as outputs, and the edges `log`
 * statements make between them.
 */
import { posix } from 'node:path';
import type { ReadContext, TextAdapter, TextFile } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead } from '../model/pipeline.js';
import { compareStrings } from '../model/vocabulary.js';
import type { Location } from '../model/vocabulary.js';
import { fileStart, quoteShort } from './rsyslog/positions.js';
import { buildSyslogNgPipeline } from './syslog-ng/build.js';
import { parseSyslogNg } from './syslog-ng/parse.js';
import type { NgSink, NgTop } from './syslog-ng/parse.js';

export const SYSLOG_NG_KIND = 'syslog-ng';

const MAX_INCLUDE_DEPTH = 16;
const MAX_INCLUDED_FILES = 256;

/** The syslog-ng configuration library shipped with syslog-ng (drivers defined as blocks); not a site config. */
const LIBRARY_INCLUDES = /^(scl\.conf|scl\/.*|.*\/share\/syslog-ng\/include\/.*)$/;

const SYSLOG_NG_SNIFFS: readonly RegExp[] = [/^[ \t]*@version:\s*\d/m, /^[ \t]*(source|destination)\s+[A-Za-z_][\w.-]*\s*\{/m];

export function claimsSyslogNg(path: string, head: string): boolean {
  const name = posix.basename(path).toLowerCase();
  if (name.endsWith('.log')) return false;
  if (name === 'syslog-ng.conf') return true;
  if (!name.endsWith('.conf')) return false;
  // The SCL library under /usr/share/syslog-ng defines drivers as blocks; it is not a site config.
  if (/(^|\/)share\/syslog-ng\//.test(path)) return false;
  if (/(^|\/)syslog-ng\//.test(path)) return true;
  return SYSLOG_NG_SNIFFS.some((re) => re.test(head));
}

export function readSyslogNg(file: TextFile, context: ReadContext): ConfigRead {
  const read = emptyRead(SYSLOG_NG_KIND);
  try {
    const includes = new Set<string>();
    const stack: string[] = [file.path];
    let included = 0;
    const sink: NgSink = {
      problems: read.problems,
      unknowns: read.unknowns,
      statements: 0,
      defines: new Map(),
      include(pattern: string, from: string, at: Location): NgTop[] {
        if (LIBRARY_INCLUDES.test(pattern)) return [];
        if (stack.length > MAX_INCLUDE_DEPTH || included >= MAX_INCLUDED_FILES) {
          read.unknowns.push({ construct: `@include ${quoteShort(pattern)}`, reason: 'includes nested too deep or too many included files: not read', at });
          return [];
        }
        const result = context.include(pattern, from);
        if (result.files.length === 0) {
          read.unknowns.push({ construct: `@include ${quoteShort(pattern)}`, reason: quoteShort(result.reason ?? 'names no scanned file', 200), at });
          return [];
        }
        if (result.reason !== null) read.unknowns.push({ construct: `@include ${quoteShort(pattern)}`, reason: quoteShort(result.reason, 200), at });
        const out: NgTop[] = [];
        for (const f of result.files) {
          if (stack.includes(f.path)) {
            read.problems.push({ at, message: `include cycle: ${quoteShort(f.path, 120)} includes itself` });
            continue;
          }
          if (included >= MAX_INCLUDED_FILES) break;
          included++;
          includes.add(f.path);
          stack.push(f.path);
          out.push(...parseSyslogNg(f.text, f.path, sink));
          stack.pop();
        }
        return out;
      },
    };
    const top = parseSyslogNg(file.text, file.path, sink);
    read.pipelines.push(buildSyslogNgPipeline(file.path, top, read));
    read.includes = [...includes].sort(compareStrings);
    read.fatal = read.problems.length > 0 && sink.statements === 0;
  } catch (error) {
    // Never reached by design; a bug must not abort the scan.
    read.problems.push({ at: fileStart(file.path), message: `could not be read: ${quoteShort(error instanceof Error ? error.message : String(error), 120)}` });
    read.pipelines = [];
    read.fatal = true;
  }
  return read;
}

const SYSLOG_NG: TextAdapter = {
  kind: SYSLOG_NG_KIND,
  claims: (path, head) => {
    try {
      return claimsSyslogNg(path, head);
    } catch {
      return false;
    }
  },
  read: readSyslogNg,
};

export const ADAPTERS: ConfigAdapters = { text: [SYSLOG_NG], documents: [] };
