/**
 * Waivers and inline suppressions as GitHub-flavoured Markdown (pure): the counts, a table of
 * the config waivers (an expired one flagged: it no longer applies), and a list of the
 * `ztmm:ignore` comments (one without a reason flagged: it is not applied), each linked to where
 * it is written. Reasons and owners come from the config and the scanned files, so they are
 * escaped as the main Markdown report escapes scanned text; each list stops after MAX_LISTED
 * entries, the ones that need attention first, so the section stays small.
 */
import type { Location } from '../model/vocabulary.js';
import type { ScanResult, SuppressionStatus, WaiverStatus } from '../model/result.js';
import { locationHref, locationText } from './links.js';
import { clip, count, linkTarget, mdCode, mdText, plural } from './markdown-text.js';

/** Entries listed per list; the rest are counted. */
export const MAX_LISTED = 50;

/** Expired and unused waivers first: they are what a reader has to act on. */
const WAIVER_ORDER: readonly WaiverStatus['status'][] = ['expired', 'unused', 'active'];
const SUPPRESSION_ORDER: readonly SuppressionStatus['status'][] = ['no-reason', 'unused', 'applied'];

const REASON_MAX = 300;

/** A code span inside a table cell: GFM needs `|` escaped even there. */
function cellCode(text: string): string {
  return mdCode(text).replace(/\|/g, '\\|');
}

/** `[`path:line`](href)`, usable in a table cell too. */
function link(result: ScanResult, at: Location, linkBase: string): string {
  return `[${cellCode(clip(locationText(at), 120))}](${linkTarget(locationHref(result, at, linkBase))})`;
}

function scope(w: WaiverStatus): string {
  const parts = [w.subject !== undefined ? `subject ${cellCode(clip(w.subject, 120))}` : '', w.path !== undefined ? `path ${cellCode(clip(w.path, 120))}` : ''];
  const named = parts.filter((p) => p !== '');
  return named.length > 0 ? named.join(', ') : 'all';
}

function waiverStatus(w: WaiverStatus): string {
  if (w.status === 'expired') return '⚠ **expired**: no longer applied';
  if (w.status === 'unused') return '– unused: matched no failing finding';
  return '✔ active';
}

function sorted<T extends { status: string }>(list: readonly T[], order: readonly T['status'][]): T[] {
  return [...list].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
}

function more(n: number, what: string): string {
  return `_… and ${plural(n, what)}, not listed here. The JSON report has them all._`;
}

function waiverTable(result: ScanResult, waivers: readonly WaiverStatus[], linkBase: string): string[] {
  const shown = sorted(waivers, WAIVER_ORDER).slice(0, MAX_LISTED);
  const rows = [
    '| Rule | Scope | Reason | Owner | Expires | Status | Findings | Written at |',
    '|:---|:---|:---|:---|:---|:---|---:|:---|',
    ...shown.map(
      (w) =>
        `| ${cellCode(clip(w.rule, 100))} | ${scope(w)} | ${mdText(clip(w.reason, REASON_MAX))} | ${w.owner !== undefined ? mdText(clip(w.owner, 100)) : '—'} | ${w.expires !== undefined ? mdText(w.expires) : 'never'} | ${waiverStatus(w)} | ${count(w.findings)} | ${link(result, w.at, linkBase)} |`,
    ),
  ];
  const blocks = [`**Config waivers** (${count(waivers.length)}):`, rows.join('\n')];
  if (waivers.length > shown.length) blocks.push(more(waivers.length - shown.length, 'more waiver'));
  return blocks;
}

function suppressionLine(result: ScanResult, s: SuppressionStatus, linkBase: string): string {
  const at = link(result, { path: s.path, line: s.line, column: 1 }, linkBase);
  const rule = mdCode(clip(s.rule, 100));
  if (s.status === 'no-reason' || s.reason === null) return `- ⚠ **no reason** ${rule} ${at}: a \`ztmm:ignore\` without a reason is not applied`;
  const reason = mdText(clip(s.reason, REASON_MAX));
  if (s.status === 'unused') return `- – unused ${rule} ${at}: ${reason} (nothing to waive)`;
  return `- ✔ applied ${rule} ${at}: ${reason} · ${plural(s.findings, 'finding')} waived`;
}

function suppressionList(result: ScanResult, suppressions: readonly SuppressionStatus[], linkBase: string): string[] {
  const shown = sorted(suppressions, SUPPRESSION_ORDER).slice(0, MAX_LISTED);
  const lines = shown.map((s) => suppressionLine(result, s, linkBase));
  if (suppressions.length > shown.length) lines.push(`- ${more(suppressions.length - shown.length, 'more suppression')}`);
  return [`**Inline suppressions** (\`ztmm:ignore\`, ${count(suppressions.length)}):`, lines.join('\n')];
}

export function formatWaiversMarkdown(result: ScanResult, linkBase = ''): string {
  const waivers = result.waivers ?? [];
  const suppressions = result.suppressions ?? [];
  if (waivers.length === 0 && suppressions.length === 0) return '';
  const n = <T extends { status: string }>(list: readonly T[], status: T['status']): number => list.filter((x) => x.status === status).length;
  const waived = result.findings.filter((f) => f.outcome === 'waived').length;
  const parts: string[] = [];
  if (waivers.length > 0) parts.push(`config: ${count(n(waivers, 'active'))} active · ${count(n(waivers, 'expired'))} expired · ${count(n(waivers, 'unused'))} unused`);
  if (suppressions.length > 0) {
    parts.push(`inline: ${count(n(suppressions, 'applied'))} applied · ${count(n(suppressions, 'no-reason'))} without a reason · ${count(n(suppressions, 'unused'))} unused`);
  }
  const blocks = ['### Waivers', `${parts.join(' · ')} · **${plural(waived, 'finding')} waived** (marked under Findings; a waived finding counts as passing)`];
  const expired = n(waivers, 'expired');
  const noReason = n(suppressions, 'no-reason');
  if (expired + noReason > 0) {
    const what = [
      expired > 0 ? `${plural(expired, 'waiver')} expired and no longer ${expired === 1 ? 'applies' : 'apply'}` : '',
      noReason > 0 ? `${plural(noReason, '`ztmm:ignore` comment')} without a reason ${noReason === 1 ? 'is' : 'are'} not applied` : '',
    ].filter((t) => t !== '');
    blocks.push(`> [!WARNING]\n> ${what.join('; ')}: their findings are not waived.`);
  }
  if (waivers.length > 0) blocks.push(...waiverTable(result, waivers, linkBase));
  if (suppressions.length > 0) blocks.push(...suppressionList(result, suppressions, linkBase));
  return `${blocks.join('\n\n')}\n`;
}
