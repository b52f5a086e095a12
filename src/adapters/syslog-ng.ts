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
import type { ConfigRead } from '../model/pipeline.js';
import { compareStrings } from '../model/vocabulary.js';
import { neverThrowingTextAdapter } from './shipper-kit/adapter.js';
import { followIncludes, guardedRead } from './shipper-kit/syslog-includes.js';
import { buildSyslogNgPipeline } from './syslog-ng/build.js';
import { parseSyslogNg } from './syslog-ng/parse.js';
import type { NgSink } from './syslog-ng/parse.js';

export const SYSLOG_NG_KIND = 'syslog-ng';

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
  return guardedRead(SYSLOG_NG_KIND, file.path, (read) => {
    const follower = followIncludes(read, context, file.path, '@include', (text, path) => parseSyslogNg(text, path, sink));
    const sink: NgSink = {
      problems: read.problems,
      unknowns: read.unknowns,
      statements: 0,
      defines: new Map(),
      include: (pattern, from, at) => (LIBRARY_INCLUDES.test(pattern) ? [] : follower.include(pattern, from, at, false)),
    };
    const top = parseSyslogNg(file.text, file.path, sink);
    read.pipelines.push(buildSyslogNgPipeline(file.path, top, read));
    read.includes = [...follower.includes].sort(compareStrings);
    read.fatal = read.problems.length > 0 && sink.statements === 0;
  });
}

const SYSLOG_NG: TextAdapter = neverThrowingTextAdapter(SYSLOG_NG_KIND, claimsSyslogNg, readSyslogNg);

export const ADAPTERS: ConfigAdapters = { text: [SYSLOG_NG], documents: [] };
