/**
 * The waivers section of the HTML report: the counts, the config waivers and the inline
 * `ztmm:ignore` comments, each linked to where it is written. An expired waiver (no longer
 * applied) and a comment without a reason (not applied) are flagged in words as well as colour.
 * Reasons and owners come from the config and the scanned files: every one passes through esc.
 * Empty when the run had neither waivers nor suppressions.
 */
import type { ScanResult, SuppressionStatus, WaiverStatus } from '../model/result.js';
import { esc, escBreakable, token } from './html-escape.js';
import { locationLink } from './html-parts.js';

/** Expired and unused first: they are what a reader has to act on. */
const WAIVER_ORDER: readonly WaiverStatus['status'][] = ['expired', 'unused', 'active'];
const SUPPRESSION_ORDER: readonly SuppressionStatus['status'][] = ['no-reason', 'unused', 'applied'];

function sorted<T extends { status: string }>(list: readonly T[], order: readonly T['status'][]): T[] {
  return [...list].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
}

/** A status badge: the mark is for the eye, the word says it without colour. */
function badge(status: WaiverStatus['status'] | SuppressionStatus['status'], mark: string, word: string): string {
  return `<span class="badge waiver-${token(status)}"><span aria-hidden="true">${mark} </span>${word}</span>`;
}

function waiverStatus(w: WaiverStatus): string {
  if (w.status === 'expired') return `${badge('expired', '⚠', 'expired')} <span class="status-note">no longer applied</span>`;
  if (w.status === 'unused') return `${badge('unused', '–', 'unused')} <span class="status-note">matched no failing finding</span>`;
  return badge('active', '✔', 'active');
}

function scope(w: WaiverStatus): string {
  const parts: string[] = [];
  if (w.subject !== undefined) parts.push(`subject <code>${escBreakable(w.subject)}</code>`);
  if (w.path !== undefined) parts.push(`path <code>${escBreakable(w.path)}</code>`);
  return parts.length > 0 ? parts.join('<br>') : '<span class="muted">all</span>';
}

function waiverRow(result: ScanResult, w: WaiverStatus, linkBase: string): string {
  const flagged = w.status === 'expired' ? ' class="flagged"' : '';
  return `<tr data-status="${token(w.status)}"${flagged}>
<td class="rule"><code>${esc(w.rule)}</code></td>
<td class="scope">${scope(w)}</td>
<td class="reason">${esc(w.reason)}</td>
<td>${w.owner !== undefined ? esc(w.owner) : '<span class="muted">—</span>'}</td>
<td class="date">${w.expires !== undefined ? esc(w.expires) : '<span class="muted">never</span>'}</td>
<td class="status">${waiverStatus(w)}</td>
<td class="n">${w.findings}</td>
<td class="locations">${locationLink(result, w.at, linkBase)}</td>
</tr>`;
}

function suppressionRow(result: ScanResult, s: SuppressionStatus, linkBase: string): string {
  const noReason = s.status === 'no-reason' || s.reason === null;
  const reason = s.reason === null ? '<span class="muted">none given</span>' : esc(s.reason);
  const status = noReason
    ? `${badge('no-reason', '⚠', 'no reason')} <span class="status-note">not applied: a reason is required</span>`
    : s.status === 'unused'
      ? `${badge('unused', '–', 'unused')} <span class="status-note">nothing to waive</span>`
      : badge('applied', '✔', 'applied');
  return `<tr data-status="${token(s.status)}"${noReason ? ' class="flagged"' : ''}>
<td class="rule"><code>${esc(s.rule)}</code></td>
<td class="reason">${reason}</td>
<td class="status">${status}</td>
<td class="n">${s.findings}</td>
<td class="locations">${locationLink(result, { path: s.path, line: s.line, column: 1 }, linkBase)}</td>
</tr>`;
}

function table(caption: string, head: readonly string[], rows: readonly string[]): string {
  return `<div class="table-wrap">
<table class="waivers">
<caption class="vh">${caption}</caption>
<thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function waiversSection(result: ScanResult, linkBase: string): string {
  const waivers = result.waivers ?? [];
  const suppressions = result.suppressions ?? [];
  if (waivers.length === 0 && suppressions.length === 0) return '';
  const n = <T extends { status: string }>(list: readonly T[], status: T['status']): number => list.filter((x) => x.status === status).length;
  const waived = result.findings.filter((f) => f.outcome === 'waived').length;
  const parts: string[] = [];
  if (waivers.length > 0) parts.push(`config: ${n(waivers, 'active')} active · ${n(waivers, 'expired')} expired · ${n(waivers, 'unused')} unused`);
  if (suppressions.length > 0) parts.push(`inline: ${n(suppressions, 'applied')} applied · ${n(suppressions, 'no-reason')} without a reason · ${n(suppressions, 'unused')} unused`);
  const expired = n(waivers, 'expired');
  const noReason = n(suppressions, 'no-reason');
  const warnings = [
    expired > 0 ? `${plural(expired, 'waiver')} expired and no longer ${expired === 1 ? 'applies' : 'apply'}` : '',
    noReason > 0 ? `${plural(noReason, '<code>ztmm:ignore</code> comment')} without a reason ${noReason === 1 ? 'is' : 'are'} not applied` : '',
  ].filter((t) => t !== '');
  const blocks = [
    `<p class="waiver-counts">${parts.join(' · ')} · <strong>${plural(waived, 'finding')} waived</strong> <span class="muted">(marked in the findings below; a waived finding counts as passing)</span></p>`,
  ];
  if (warnings.length > 0) blocks.push(`<p class="waiver-warning"><span aria-hidden="true">⚠ </span><strong>Warning:</strong> ${warnings.join('; ')}: their findings are not waived.</p>`);
  if (waivers.length > 0) {
    blocks.push(
      `<h3>Config waivers</h3>`,
      table(
        'Waivers from the configuration',
        ['Rule', 'Scope', 'Reason', 'Owner', 'Expires', 'Status', 'Findings', 'Written at'],
        sorted(waivers, WAIVER_ORDER).map((w) => waiverRow(result, w, linkBase)),
      ),
    );
  }
  if (suppressions.length > 0) {
    blocks.push(
      `<h3>Inline suppressions (<code>ztmm:ignore</code>)</h3>`,
      table(
        'ztmm:ignore comments in the scanned files',
        ['Rule', 'Reason', 'Status', 'Findings', 'Written at'],
        sorted(suppressions, SUPPRESSION_ORDER).map((s) => suppressionRow(result, s, linkBase)),
      ),
    );
  }
  return `<section id="waivers" aria-labelledby="waivers-h">
<h2 id="waivers-h">Waivers</h2>
${blocks.join('\n')}
</section>`;
}
