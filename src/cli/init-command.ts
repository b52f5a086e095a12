/**
 * `ztmm init [PATH]`: scans PATH (default `.`) with the built-in rules and writes PATH/.ztmm.yaml,
 * a commented starting point: every key of schema/config.schema.json explained, most commented out
 * with an example; the profile; the log sources and samples the scan found; log-like files it could
 * not recognise (and samples no source claims) as `sources:` examples; and `waivers: []`. An
 * existing config (.ztmm.yaml or .ztmm.yml) is never overwritten. The text depends on the scanned
 * files only: no dates, no absolute paths.
 */
import { statSync, writeFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { loadProfile, listProfiles } from '../assess/profiles.js';
import type { Profile } from '../assess/profiles.js';
import { CONFIG_NAMES } from '../config/load-config.js';
import { ZtmmError } from '../errors.js';
import type { ScanResult } from '../model/result.js';
import { STAGE_TITLES } from '../model/vocabulary.js';
import { rankBlockers } from '../report/text.js';
import { loadRules } from '../rules/load-packs.js';
import { scan } from '../scan.js';
import type { CliIo } from './io.js';
import { printable } from '../util/printable.js';

/** Entries listed per group in the comments; the rest are counted. */
export const MAX_LISTED = 40;
const WIDTH = 98;

/** Names that look like log files though ztmm did not read them as logs. */
const LOG_LIKE_NAME = /(\.(log|logs|out|err|trace|audit|evt|jsonl|ndjson)|[._-]log)(\.\d+|\.old|\.bak|-\d{8})?$/i;
/** Files in a log folder with an extension logs are often written with. */
const LOG_FOLDER_FILE = /(^|\/)(logs?|audit)\/(.+\/)?[^/]+\.(txt|json|csv|out|err)(\.\d+)?$/i;

export function isLogLike(path: string): boolean {
  return LOG_LIKE_NAME.test(path) || LOG_FOLDER_FILE.test(path);
}

/**
 * Text safe inside a YAML comment: a line break (YAML 1.1 and 1.2 ones) or another control
 * character in a file name would end the comment and turn the rest of the name into config.
 */
function safe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A double-quoted YAML scalar (JSON is valid YAML), on one line whatever the text holds. */
function quoted(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A file name as a glob that matches only itself. */
function literalGlob(path: string): string {
  return path.replace(/[\\*?[\]{}()!+@]/g, '\\$&');
}

/** Words wrapped into `# ` comment lines of at most WIDTH characters. */
function wrap(text: string, indent = '', hang = indent): string[] {
  const lines: string[] = [];
  let line = '';
  const prefix = (): string => `# ${lines.length === 0 ? indent : hang}`;
  for (const word of safe(text).split(/\s+/).filter(Boolean)) {
    if (line !== '' && `${prefix()}${line} ${word}`.length > WIDTH) {
      lines.push(`${prefix()}${line}`);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(`${prefix()}${line}`);
  return lines;
}

function capped(lines: string[], indent: string): string[] {
  return lines.length <= MAX_LISTED ? lines : [...lines.slice(0, MAX_LISTED), `# ${indent}… and ${lines.length - MAX_LISTED} more`];
}

/** A system name for a log file: its folder's name unless that is a generic one, else its stem. */
export function systemName(path: string): string {
  const parts = path.split('/');
  const file = parts[parts.length - 1] ?? '';
  const folder = parts.length > 1 ? (parts[parts.length - 2] ?? '') : '';
  const generic = new Set(['', '.', 'log', 'logs', 'var', 'audit', 'tmp', 'data']);
  const raw = generic.has(folder.toLowerCase()) ? file.replace(/\..*$/, '') : folder;
  const name = raw.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return name === '' ? 'my-app' : name;
}

export interface InitFound {
  /** `system  path:line  writes …` */
  sources: string[];
  samples: string[];
  /** Files to declare under `sources:`: samples no source claims, log-like files not recognised. */
  unlinked: string[];
  unrecognised: string[];
  /** Paths that suggest payment data (PCI DSS), for the profile hint. */
  payments: string[];
}

/** What the scan found, in the order the result lists it (which is deterministic). */
export function initFindings(result: ScanResult): InitFound {
  const systems = new Map(result.estate.sources.map((s) => [s.id, s.system]));
  const sources = result.estate.sources.map((s) => {
    const writes = s.paths.length > 0 ? `  writes ${s.paths.map(safe).join(', ')}` : '';
    return `${safe(s.system)}  ${safe(s.declaredAt.path)}:${s.declaredAt.line}${writes}`;
  });
  const samples = result.estate.samples.map((s) => {
    const system = s.source !== null ? (systems.get(s.source) ?? s.source) : s.declared !== null ? s.declared.system : null;
    const kind = `(${safe(s.format)}, ${safe(s.schema)})`;
    return system === null ? `${safe(s.path)}  ${kind}  no log source claims it` : `${safe(s.path)}  ${kind}  evidence for ${safe(system)}`;
  });
  const unlinked = result.estate.samples.filter((s) => s.source === null && s.declared === null).map((s) => s.path);
  const unrecognised = result.inventory.filter((e) => e.status === 'skipped' && (e.reason ?? '').startsWith('not recognised') && isLogLike(e.path)).map((e) => e.path);
  const payments = [...result.estate.samples.map((s) => s.path), ...result.estate.sources.map((s) => s.system)].filter((p) => /payment|card|pci|checkout|billing/i.test(p));
  return { sources, samples, unlinked, unrecognised, payments };
}

/** A `sources:` entry for a file, as YAML lines without the comment mark. */
function sourceEntry(path: string): string[] {
  return [`  - path: ${quoted(literalGlob(path))}`, `    system: ${quoted(systemName(path))}`, '    pillars: [applications]'];
}

export interface InitSection {
  /** The top-level key the section is about. */
  key: string;
  /** Explanation, as `# ` comment lines. */
  comment: string[];
  /** An example, as YAML text without comment marks (each is a valid config on its own). */
  example: string[];
  /** The key as written live, or null when it stays commented out. */
  live: string[] | null;
}

/** The sections of the file, one per key of the config schema, in the schema's order. */
export function initSections(result: ScanResult, profiles: readonly Profile[]): InitSection[] {
  const found = initFindings(result);
  const profileComment = [
    ...wrap('profile: the assessment profile. It sets rule parameters (retention floors, required field ratios), the default gate, and the framework crosswalks shown. --profile overrides it. The shipped profiles:'),
    ...profiles.flatMap((p) => wrap(`${p.id} — ${p.title}: ${p.description}`, '  ', '    ')),
    ...wrap('Suggested from the scan: ztmm, the default, which judges the estate on the ZTMM stage ladder alone and sets no gate.'),
    ...(found.payments.length > 0
      ? wrap(`Logs that look like payment data were found (${found.payments.slice(0, 3).join(', ')}${found.payments.length > 3 ? ', …' : ''}): if they hold cardholder data, pci-dss-4 may fit better.`)
      : []),
  ];
  const firstBlocker = rankBlockers(result.findings)[0];
  const waiverExample = firstBlocker
    ? [
        'waivers:',
        `  - rule: ${quoted(firstBlocker.ruleId)}`,
        `    subject: ${quoted(firstBlocker.subject)}`,
        ...(firstBlocker.locations[0] ? [`    path: ${quoted(literalGlob(firstBlocker.locations[0].path))}`] : []),
        '    reason: "why the finding is accepted, and until when (ticket)"',
        '    owner: "platform-team"',
        '    expires: "2030-01-31"',
      ]
    : ['waivers:', '  - rule: "COV-006"', '    reason: "why the finding is accepted, and until when (ticket)"', '    owner: "platform-team"', '    expires: "2030-01-31"'];
  const declare = [...found.unrecognised, ...found.unlinked];
  const sourcesComment = [
    ...wrap('sources: log files ztmm cannot recognise by name or content, or that no configured log source claims, declared with what writes them (system) and the pillars their events belong to (identity, devices, networks, applications, data, visibility, automation, governance). path is a glob on report paths; format (jsonl, json-document, syslog, cef, leef, access-log, logfmt, auditd, text) forces a format instead of detecting it.'),
    ...(found.unrecognised.length > 0
      ? ['# Log-like files the scan skipped as not recognised:', ...capped(found.unrecognised.map((p) => `#   ${safe(p)}`), '  ')]
      : ['# The scan skipped no log-like file as not recognised.']),
    ...(found.unlinked.length > 0 ? ['# Log samples no log source claims (declaring them sets their system and pillars):', ...capped(found.unlinked.map((p) => `#   ${safe(p)}`), '  ')] : []),
  ];
  const sourcesExample =
    declare.length > 0
      ? ['sources:', ...declare.slice(0, MAX_LISTED).flatMap(sourceEntry), '    # format: jsonl']
      : ['sources:', '  - path: "var/log/myapp/*.log"', '    system: "myapp"', '    pillars: [applications]', '    # format: jsonl'];

  return [
    { key: 'profile', comment: profileComment, example: [], live: ['profile: ztmm'] },
    {
      key: 'include',
      comment: wrap('include: only files whose report path (relative to the scanned folder) matches one of these globs are assessed; the others are listed in the inventory as skipped.'),
      example: ['include:', '  - "etc/kubernetes/**"', '  - "var/log/**"'],
      live: null,
    },
    {
      key: 'exclude',
      comment: wrap('exclude: files whose report path matches one of these globs are skipped (listed in the inventory with the reason).'),
      example: ['exclude:', '  - "**/testdata/**"'],
      live: null,
    },
    {
      key: 'rules',
      comment: wrap('rules: extra rule pack folders or files, relative to this file, evaluated with the built-in packs (see rules/rule-pack.schema.json).'),
      example: ['rules:', '  - "./ztmm-rules"'],
      live: null,
    },
    {
      key: 'params',
      comment: wrap("params: rule parameters by rule id, over the packs' and the profile's defaults. `ztmm rules show ID` lists a rule's parameters."),
      example: ['params:', '  RET-001: { minDays: 90 }', '  RET-004: { minDays: 365 }'],
      live: null,
    },
    {
      key: 'severity',
      comment: wrap('severity: severity overrides by rule id (low, medium, high, critical); they change the weights of the score.'),
      example: ['severity:', '  FMT-004: low'],
      live: null,
    },
    {
      key: 'disable',
      comment: wrap('disable: rule ids or slugs not to evaluate (prefer a waiver with a reason and an expiry date for one finding).'),
      example: ['disable:', '  - "MET-011"'],
      live: null,
    },
    { key: 'sources', comment: sourcesComment, example: sourcesExample, live: null },
    {
      key: 'aliases',
      comment: wrap('aliases: extra field names per semantic field, tried before the built-in ones; dotted names reach into objects. Fields: timestamp, actor, sourceAddress, action, target, outcome, severity, eventId, correlationId, host, geo, category.'),
      example: ['aliases:', '  actor: [principal, user.login]', '  correlationId: [trace.id]'],
      live: null,
    },
    {
      key: 'gate',
      comment: [
        ...wrap('gate: when ztmm scan exits 1. Options on the command line (--fail-under, --min-stage, --max-drop) override it, and it overrides the profile\'s gate.'),
        ...wrap('failUnder: the overall score (0-100) below which the gate fails.', '  ', '    '),
        ...wrap('minStage: a stage for the overall result (traditional, initial, advanced, optimal), or a stage per pillar and capability (and overall).', '  ', '    '),
        ...wrap('maxDrop: with --baseline, how many points the score may fall before the gate fails (default 0). With --baseline only regressions and explicit --fail-under/--min-stage gate the run.', '  ', '    '),
      ],
      example: ['gate:', '  failUnder: 60', '  minStage: { overall: initial, identity: advanced }', '  maxDrop: 2'],
      live: null,
    },
    {
      key: 'waivers',
      comment: [
        ...wrap('waivers: accepted findings. A waived finding stays in every report, marked waived and counted, and no longer blocks a stage or the gate; after its expiry date it applies no more. rule (id or slug) and reason are required; subject (exact) and path (a glob) narrow it to some findings; owner and expires (YYYY-MM-DD, through that day, UTC) say who accepted it and until when.'),
        ...(firstBlocker ? wrap(`For example, for the first blocker of this scan (${firstBlocker.ruleId}: ${firstBlocker.message}):`) : []),
      ],
      example: waiverExample,
      live: ['waivers: []'],
    },
  ];
}

/** The whole file. */
export function initConfigText(result: ScanResult, profiles: readonly Profile[]): string {
  const found = initFindings(result);
  const inv = result.inventory;
  const n = (status: string): number => inv.filter((e) => e.status === status).length;
  const out: string[] = [
    '# ztmm configuration, written by `ztmm init` from a scan of this folder.',
    ...wrap('ztmm scan finds this file from the scanned folder upward (or takes --config FILE); options on the command line override it. Every key is optional: uncomment what you need. schema/config.schema.json in the ztmm package describes every key.'),
    '#',
    `# What the scan found (${inv.length} files: ${n('assessed')} assessed, ${n('skipped')} skipped, ${n('error')} errors; paths relative to this folder):`,
    '#   Log sources (what produces audit events, where it is configured, where it writes them):',
    ...(found.sources.length > 0 ? capped(found.sources.map((s) => `#     ${s}`), '    ') : ['#     none']),
    '#   Log samples (log files read as evidence):',
    ...(found.samples.length > 0 ? capped(found.samples.map((s) => `#     ${s}`), '    ') : ['#     none']),
    `#   Overall at this scan: ${STAGE_TITLES[result.summary.stage]}, score ${result.summary.score}/100 (ztmm scan shows why).`,
  ];
  for (const section of initSections(result, profiles)) {
    out.push('');
    out.push(...section.comment);
    out.push(...section.example.map((line) => `# ${line}`));
    if (section.live) out.push(...section.live);
  }
  return `${out.join('\n')}\n`;
}

/** Runs `ztmm init`; returns the exit code. A config already there is a ZtmmError (exit 2). */
export async function runInit(path: string, io: CliIo, options: { quiet?: boolean } = {}): Promise<number> {
  const folder = resolve(io.cwd, path);
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    throw new ZtmmError('E_USAGE', `${path}: no such folder`);
  }
  if (!isFolder) throw new ZtmmError('E_USAGE', `${path} is not a folder`);
  const shownFile = (name: string): string => posix.join(path.split('\\').join('/'), name);
  const refuse = (name: string): never => {
    throw new ZtmmError('E_OUTPUT', `${shownFile(name)} already exists; not overwriting`);
  };
  for (const name of CONFIG_NAMES) {
    try {
      statSync(join(folder, name));
      refuse(name);
    } catch (error) {
      if (error instanceof ZtmmError) throw error;
    }
  }
  const { result, problems } = await scan({ roots: [folder], rules: loadRules(), cwd: io.cwd });
  if (!options.quiet) for (const problem of problems) io.stderr(`ztmm: warning: ${printable(problem)}\n`);
  const text = initConfigText(result, listProfiles().map(loadProfile));
  const name = CONFIG_NAMES[0];
  try {
    // `wx`: never replace a file that appeared while the scan ran.
    writeFileSync(join(folder, name), text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') refuse(name);
    throw new ZtmmError('E_OUTPUT', `${shownFile(name)}: cannot write the config (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  if (!options.quiet) {
    const found = initFindings(result);
    const count = (k: number, one: string): string => `${k} ${k === 1 ? one : `${one}s`}`;
    io.stdout(
      `wrote ${shownFile(name)}: profile ztmm; found ${count(found.sources.length, 'log source')} and ${count(found.samples.length, 'log sample')}; ${count(found.unrecognised.length + found.unlinked.length, 'file')} to declare under sources\n`,
    );
  }
  return 0;
}
