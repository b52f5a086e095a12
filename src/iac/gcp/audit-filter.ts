/**
 * Which Cloud Audit Logs a log sink exports, read off its filter and exclusions (the Logging
 * query language). This is a reading of common filter shapes, not a full query evaluator:
 * - an empty filter exports every log entry, so every audit log;
 * - a filter naming `cloudaudit.googleapis.com` (a `logName`, `log_id(...)`) or the
 *   `google.cloud.audit.AuditLog` payload type, not negated, exports the audit logs it names
 *   (`%2Factivity`, `%2Fdata_access`, `%2Fsystem_event`, `%2Fpolicy`; all four when unnamed);
 * - a filter made only of negated terms that do not name audit logs (`NOT resource.type=x`)
 *   exports everything else, so every audit log;
 * - any other filter (`resource.type="gce_instance"`, `severity>=ERROR`) is taken not to export
 *   audit logs;
 * - an exclusion (not disabled) that names audit logs removes the ones it names.
 */

export const AUDIT_LOGS = ['activity', 'data_access', 'policy', 'system_event'] as const;
export type AuditLog = (typeof AUDIT_LOGS)[number];

/** The audit logs a filter selects (sorted), by the rules above. */
export function auditLogsOfFilter(filter: string): AuditLog[] {
  const text = filter.trim();
  if (text === '') return [...AUDIT_LOGS];
  const named = namedAuditLogs(text);
  if (named.positive.length > 0) return named.positive;
  if (named.negatedAny) return [];
  return onlyNegatedTerms(text) ? [...AUDIT_LOGS] : [];
}

/** The audit logs an exclusion filter removes (sorted): only those it names positively. */
export function auditLogsOfExclusion(filter: string): AuditLog[] {
  const text = filter.trim();
  if (text === '') return [];
  return namedAuditLogs(text).positive;
}

const MARKER = /cloudaudit\.googleapis\.com((?:%2F|\/)(activity|data_access|system_event|policy))?|cloudaudit|google\.cloud\.audit\.auditlog/gi;

function namedAuditLogs(text: string): { positive: AuditLog[]; negatedAny: boolean } {
  const positive = new Set<AuditLog>();
  let negatedAny = false;
  // Bound the work on hostile input: filters are at most 20,000 characters in Cloud Logging.
  const bounded = text.slice(0, 20_000);
  for (const match of bounded.matchAll(MARKER)) {
    const index = match.index ?? 0;
    if (isNegated(bounded, index)) {
      negatedAny = true;
      continue;
    }
    const kind = match[2]?.toLowerCase() as AuditLog | undefined;
    if (kind && (AUDIT_LOGS as readonly string[]).includes(kind)) positive.add(kind);
    else for (const k of AUDIT_LOGS) positive.add(k);
  }
  return { positive: [...positive].sort(), negatedAny };
}

/**
 * Whether the term holding the character at `index` is negated: the text of the term before it
 * (back to a parenthesis, `AND`, `OR` or the start) begins with `NOT` or `-`.
 */
function isNegated(text: string, index: number, depth = 0): boolean {
  const before = text.slice(0, index);
  const open = enclosingParen(before);
  const cut = Math.max(open, lastWord(before, 'AND'), lastWord(before, 'OR'));
  const negated = /^\s*(NOT\b|-)/.test(before.slice(cut + 1));
  // Inside `NOT ( ... )` the group's negation applies too.
  if (open >= 0 && depth < 32) return negated !== isNegated(text, open, depth + 1);
  return negated;
}

/** The index of the `(` that is still open at the end of `text`, or -1. */
function enclosingParen(text: string): number {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function lastWord(text: string, word: string): number {
  const re = new RegExp(`\\b${word}\\b`, 'g');
  let last = -1;
  for (const m of text.matchAll(re)) last = (m.index ?? -1) + word.length - 1;
  return last;
}

/** Every top-level term is negated (`NOT a`, `-b`, joined by AND or juxtaposition; no OR). */
function onlyNegatedTerms(text: string): boolean {
  const tokens = topLevelTokens(text);
  if (tokens === null || tokens.length === 0) return false;
  let negated = false;
  let sawTerm = false;
  for (const token of tokens) {
    if (token === 'OR') return false;
    if (token === 'AND') continue;
    if (token === 'NOT') {
      negated = true;
      continue;
    }
    if (token.startsWith('-')) negated = true;
    if (!negated) return false;
    negated = false;
    sawTerm = true;
  }
  return sawTerm && !negated;
}

/**
 * Splits at whitespace outside quotes and parentheses (`NOT resource.type="a b"` → three tokens;
 * a parenthesised group is one token; `a = b` around comparison operators stays one term).
 * Null when quotes or parentheses do not balance.
 */
function topLevelTokens(text: string): string[] | null {
  const tokens: string[] = [];
  let current = '';
  let depth = 0;
  let quote = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      current += c;
      if (c === '\\') {
        current += text[i + 1] ?? '';
        i++;
      } else if (c === '"') quote = false;
      continue;
    }
    if (c === '"') quote = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    if (depth < 0) return null;
    if (/\s/.test(c) && depth === 0) {
      if (current !== '') tokens.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  if (quote || depth !== 0) return null;
  if (current !== '') tokens.push(current);
  // Rejoin comparisons written with spaces: `resource.type = "x"` is one term.
  const joined: string[] = [];
  for (const token of tokens) {
    const previous = joined[joined.length - 1];
    if (previous !== undefined && (/^(=|!=|:|<|>|<=|>=|=~|!~)$/.test(token) || /(=|!=|:|<|>|<=|>=|=~|!~)$/.test(previous))) {
      joined[joined.length - 1] = `${previous} ${token}`;
    } else joined.push(token);
  }
  return joined;
}
