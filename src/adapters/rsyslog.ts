/**
 * rsyslog configs (issue 4): `rsyslog.conf`, files under `rsyslog.d/`, and `.conf` files whose
 * head holds rsyslog-only constructs. Reads RainerScript and the legacy syntax (both may be mixed
 * in one file), merges `$IncludeConfig` / `include()` files in place, and returns one pipeline:
 * inputs (module loads, `input()`, legacy listeners and file monitors), outputs (actions) and the
 * edges between them after rulesets, filters, `stop` and `call`.
 */
import { posix } from 'node:path';
import type { ReadContext, TextAdapter, TextFile } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead } from '../model/pipeline.js';
import { compareStrings } from '../model/vocabulary.js';
import type { Location } from '../model/vocabulary.js';
import { buildPipeline } from './rsyslog/build.js';
import { parseRsyslog } from './rsyslog/parse.js';
import type { ParseSink, RsStatement } from './rsyslog/parse.js';
import { fileStart, quoteShort } from './rsyslog/positions.js';

export const RSYSLOG_KIND = 'rsyslog';

/** Nested includes deeper than this, or more included files than this in all, are not read. */
const MAX_INCLUDE_DEPTH = 16;
const MAX_INCLUDED_FILES = 256;

/** Constructs only rsyslog writes (legacy directives, RainerScript objects, selector lines with an action). */
const RSYSLOG_SNIFFS: readonly RegExp[] = [
  /^[ \t]*\$(ModLoad|IncludeConfig|WorkDirectory|ActionQueue\w*|ActionSend\w*|DefaultNetstreamDriver\w*|InputTCPServer\w*|UDPServer\w*|InputUDPServer\w*|InputFile\w*|RuleSet|ActionFileDefaultTemplate|RepeatedMsgReduction|PrivDropTo\w+|FileOwner|FileGroup|FileCreateMode|DirCreateMode|OmitLocalLogging|MainMsgQueue\w*|template)\b/im,
  /\bmodule\s*\(\s*load\s*=/i,
  /\baction\s*\(\s*type\s*=/i,
  /\binput\s*\(\s*type\s*=\s*["']?im[a-z0-9]+/i,
  /^[ \t]*ruleset\s*\(\s*name\s*=/im,
  /^[ \t]*[*a-z][a-z0-9*]*(,[a-z0-9*]+)*\.[!=]*[*a-z]+(;\S*)?[ \t]+(-?\/[^*\s]|@@?[\w.[(]|:om[a-z]+:|~[ \t]*$|\*[ \t]*$|\||stop\b|action\s*\()/im,
];

function inRsyslogD(path: string): boolean {
  return /(^|\/)rsyslog\.d\//.test(path);
}

export function claimsRsyslog(path: string, head: string): boolean {
  const name = posix.basename(path).toLowerCase();
  if (name.endsWith('.log')) return false;
  if (name === 'rsyslog.conf') return true;
  if (inRsyslogD(path) && name.endsWith('.conf')) return true;
  if (!name.endsWith('.conf') && !inRsyslogD(path)) return false;
  return RSYSLOG_SNIFFS.some((re) => re.test(head));
}

export function readRsyslog(file: TextFile, context: ReadContext): ConfigRead {
  const read = emptyRead(RSYSLOG_KIND);
  try {
    const includes = new Set<string>();
    const stack: string[] = [file.path];
    let included = 0;
    const sink: ParseSink = {
      problems: read.problems,
      unknowns: read.unknowns,
      statements: 0,
      include(pattern: string, from: string, at: Location, optional: boolean): RsStatement[] {
        if (stack.length > MAX_INCLUDE_DEPTH || included >= MAX_INCLUDED_FILES) {
          read.unknowns.push({ construct: `include ${quoteShort(pattern)}`, reason: 'includes nested too deep or too many included files: not read', at });
          return [];
        }
        const result = context.include(pattern, from);
        if (result.files.length === 0) {
          if (!optional) read.unknowns.push({ construct: `include ${quoteShort(pattern)}`, reason: quoteShort(result.reason ?? 'names no scanned file', 200), at });
          return [];
        }
        if (result.reason !== null) read.unknowns.push({ construct: `include ${quoteShort(pattern)}`, reason: quoteShort(result.reason, 200), at });
        const out: RsStatement[] = [];
        for (const f of result.files) {
          if (stack.includes(f.path)) {
            read.problems.push({ at, message: `include cycle: ${quoteShort(f.path, 120)} includes itself` });
            continue;
          }
          if (included >= MAX_INCLUDED_FILES) break;
          included++;
          includes.add(f.path);
          stack.push(f.path);
          out.push(...parseRsyslog(f.text, f.path, sink));
          stack.pop();
        }
        return out;
      },
      includeText(text: string, at: Location): RsStatement[] {
        if (stack.length > MAX_INCLUDE_DEPTH) return [];
        stack.push(`${at.path}#text@${at.line}`);
        const out = parseRsyslog(text, at.path, sink, at.line);
        stack.pop();
        return out;
      },
    };
    const statements = parseRsyslog(file.text, file.path, sink);
    const { pipeline } = buildPipeline(file.path, statements, read.unknowns);
    read.pipelines.push(pipeline);
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

const RSYSLOG: TextAdapter = {
  kind: RSYSLOG_KIND,
  claims: (path, head) => {
    try {
      return claimsRsyslog(path, head);
    } catch {
      return false;
    }
  },
  read: readRsyslog,
};

export const ADAPTERS: ConfigAdapters = { text: [RSYSLOG], documents: [] };
