/**
 * Audit rules (audit.rules(7), auditctl(8)): /etc/audit/audit.rules and the files of
 * /etc/audit/rules.d that augenrules(8) merges into it. One `audit-rules` subject per rule set:
 * audit.rules on its own, a rules.d folder as one (the file that sorts first in natural order
 * reads its siblings and carries the subject; every file reports its own problems). When the
 * rules.d beside an audit.rules holds rules, augenrules regenerates audit.rules from it at
 * start-up (auditd.service runs augenrules --load), so rules.d carries the subject. Any other
 * `*.rules` file is a fragment (a sample or a file to be installed): judged on its own, with
 * `complete: false`.
 */
import type { ReadContext, TextAdapter, TextFile } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead } from '../model/pipeline.js';
import type { Subject } from '../model/subject.js';
import { AUDITD_PILLARS } from './auditd-conf.js';
import { lexRules } from './auditd/audit-rules-lexer.js';
import type { RulesLine } from './auditd/audit-rules-lexer.js';
import { applyRules, augenrulesOrder } from './auditd/audit-rules-model.js';
import { rulesetFacts } from './auditd/audit-rules-facts.js';
import { at, baseName, dirName, limitReported, naturalCompare, splitLines, splitWords } from './auditd/text.js';

const SHORT = new Set(['a', 'A', 'd', 'b', 'e', 'f', 'r', 'C', 'F', 'k', 'p', 'S', 'w', 'W', 'q', 'm', 'R', 'D', 'c', 'i', 'l', 's', 'v', 't', 'h']);
const LONG = new Set(['backlog_wait_time', 'signal', 'loginuid-immutable', 'reset-lost', 'reset_backlog_wait_time_actual']);

function isAuditctlWord(word: string): boolean {
  if (word.startsWith('--')) {
    const eq = word.indexOf('=');
    return LONG.has(word.slice(2, eq === -1 ? undefined : eq));
  }
  return word.length >= 2 && word[0] === '-' && SHORT.has(word[1] as string);
}

/**
 * Every significant line starts with an auditctl option (udev and polkit `.rules` files do not).
 * A file of comments only is audit rules when a comment holds a disabled rule (`#-e 2`) or the
 * file lives under an `audit` folder.
 */
export function isAuditRulesText(path: string, head: string): boolean {
  let significant = 0;
  let commentedRule = false;
  for (const line of splitLines(head)) {
    const first = splitWords(line.text)[0];
    if (!first) continue;
    if (first.text.startsWith('#')) {
      const inner = line.text.trim().replace(/^#+\s*/, '');
      commentedRule ||= isAuditctlWord(splitWords(inner)[0]?.text ?? '');
      continue;
    }
    if (!isAuditctlWord(first.text)) return false;
    if (++significant >= 400) break;
  }
  return significant > 0 || commentedRule || path.split('/').includes('audit');
}

function inRulesD(path: string): boolean {
  return baseName(dirName(path)) === 'rules.d';
}

function lexFile(file: TextFile): { lines: RulesLine[]; lexed: ReturnType<typeof lexRules> } {
  const lexed = lexRules(file.text);
  const lines = lexed.lines.map((l) => ({ ...l, path: file.path }));
  return { lines, lexed };
}

export function readAuditRules(file: TextFile, context: ReadContext): ConfigRead {
  const read = emptyRead('audit-rules');
  const own = lexFile(file);
  for (const p of own.lexed.problems) read.problems.push({ at: at(file.path, p.line, p.column), message: p.message });
  for (const u of own.lexed.unknowns) read.unknowns.push({ construct: u.message, reason: u.reason, at: at(file.path, u.line, u.column) });
  if (own.lexed.significant > 0 && own.lines.every((l) => l.options.length === 0)) {
    read.fatal = true;
    if (read.problems.length === 0) read.problems.push({ at: read.unknowns[0]?.at ?? at(file.path, 1), message: 'no auditctl option ztmm knows could be read' });
    limitReported(read);
    return read;
  }
  // The file's own lines, applied alone, report its own bad values once (the rule set may span files).
  const alone = applyRules(own.lines);
  for (const p of alone.problems) read.problems.push({ at: p.at, message: p.message });
  for (const u of alone.unknowns) read.unknowns.push({ construct: u.message, reason: u.reason, at: u.at });

  const start = at(file.path, 1);
  let subject: Subject | null;
  if (inRulesD(file.path)) {
    subject = folderSubject(file, own.lines, context, read);
  } else if (baseName(file.path) === 'audit.rules' && generatedFromRulesD(file.path, context)) {
    subject = null;
  } else {
    const complete = baseName(file.path) === 'audit.rules';
    const computed = rulesetFacts(alone, { complete, augenrules: false, start, files: [file.path] });
    read.problems.push(...computed.problems);
    subject = makeSubject(`audit-rules:${file.path}`, file.path, computed.facts, computed.locations);
  }
  if (subject) read.subjects.push(subject);
  limitReported(read);
  return read;
}

function generatedFromRulesD(path: string, context: ReadContext): boolean {
  return context.include('rules.d/*.rules', path).files.some((f) => isAuditRulesText(f.path, f.text.slice(0, 65536)));
}

/** The rules.d folder as augenrules merges it, carried by the file that sorts first; null for the others. */
function folderSubject(file: TextFile, ownLines: RulesLine[], context: ReadContext, read: ConfigRead): Subject | null {
  const folder = dirName(file.path);
  const siblings = context
    .include('*.rules', file.path)
    .files.filter((f) => dirName(f.path) === folder && f.path !== file.path && isAuditRulesText(f.path, f.text.slice(0, 65536)));
  const group = [file, ...siblings].sort((a, b) => naturalCompare(baseName(a.path), baseName(b.path)));
  if (group[0]?.path !== file.path) return null;
  const lines = group.flatMap((f) => (f.path === file.path ? ownLines : lexFile(f).lines));
  read.includes.push(...siblings.map((s) => s.path).sort((a, b) => naturalCompare(baseName(a), baseName(b))));
  const ruleset = applyRules(augenrulesOrder(lines));
  const computed = rulesetFacts(ruleset, { complete: true, augenrules: true, start: at(file.path, 1), files: group.map((f) => f.path) });
  return makeSubject(`audit-rules:${folder}/`, file.path, computed.facts, computed.locations);
}

function makeSubject(id: string, path: string, facts: Record<string, unknown>, locations: Subject['locations']): Subject {
  return { kind: 'audit-rules', id, path, pillars: AUDITD_PILLARS, facts, locations, unreadable: {}, declaredAt: at(path, 1) };
}

export const auditRulesAdapter: TextAdapter = {
  kind: 'audit-rules',
  claims: (path, head) => /\.rules$/.test(baseName(path)) && isAuditRulesText(path, head),
  read: readAuditRules,
};

export const ADAPTERS: ConfigAdapters = { text: [auditRulesAdapter], documents: [] };
