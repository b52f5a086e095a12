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
import type { ConfigRead } from '../model/pipeline.js';
import { compareStrings } from '../model/vocabulary.js';
import { buildPipeline } from './rsyslog/build.js';
import { parseRsyslog } from './rsyslog/parse.js';
import type { ParseSink } from './rsyslog/parse.js';
import { neverThrowingTextAdapter } from './shipper-kit/adapter.js';
import { followIncludes, guardedRead } from './shipper-kit/syslog-includes.js';

export const RSYSLOG_KIND = 'rsyslog';

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
  return guardedRead(RSYSLOG_KIND, file.path, (read) => {
    const follower = followIncludes(read, context, file.path, 'include', (text, path, firstLine) => parseRsyslog(text, path, sink, firstLine));
    const sink: ParseSink = { problems: read.problems, unknowns: read.unknowns, statements: 0, include: follower.include, includeText: follower.includeText };
    const statements = parseRsyslog(file.text, file.path, sink);
    const { pipeline } = buildPipeline(file.path, statements, read.unknowns);
    read.pipelines.push(pipeline);
    read.includes = [...follower.includes].sort(compareStrings);
    read.fatal = read.problems.length > 0 && sink.statements === 0;
  });
}

const RSYSLOG: TextAdapter = neverThrowingTextAdapter(RSYSLOG_KIND, claimsRsyslog, readRsyslog);

export const ADAPTERS: ConfigAdapters = { text: [RSYSLOG], documents: [] };
