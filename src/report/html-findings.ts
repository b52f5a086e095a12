/**
 * The findings section of the HTML report: every finding in one table, and the filter bar the
 * inline script brings to life. Rows carry their outcome, pillars and severity as data-*
 * attributes, so the script filters on markup alone and never sees scanned text as code.
 * Without JavaScript the bar stays hidden and every finding is listed.
 */
import type { Finding, ScanResult } from '../model/result.js';
import { AREAS, AREA_TITLES, OUTCOMES, SEVERITIES, STAGE_TITLES } from '../model/vocabulary.js';
import { esc, escBreakable, token } from './html-escape.js';
import { OUTCOME_TITLES, locationLink, locationLinks, outcomeBadge } from './html-parts.js';
import { isBlocking, rankBlockers } from './text.js';

function option(value: string, text: string): string {
  return `<option value="${value}">${text}</option>`;
}

function filterBar(): string {
  const outcomes = OUTCOMES.map((o) => option(o, OUTCOME_TITLES[o])).join('');
  const pillars = AREAS.map((a) => option(a, AREA_TITLES[a])).join('');
  const severities = [...SEVERITIES].reverse().map((s) => option(s, s)).join('');
  return `<div class="filters" id="filters" role="search" aria-label="Filter findings" hidden>
<label>Search <input type="search" id="filter-text" placeholder="rule id, file, message…" autocomplete="off"></label>
<label>Outcome <select id="filter-outcome">${option('', 'all')}${outcomes}</select></label>
<label>Pillar <select id="filter-pillar">${option('', 'all')}${pillars}</select></label>
<label>Severity <select id="filter-severity">${option('', 'all')}${severities}</select></label>
<button type="button" id="filter-reset">Clear filters</button>
</div>`;
}

/** Why a waived finding is waived, what it was, and where the waiver is written. */
function waiverNote(result: ScanResult, f: Finding, linkBase: string): string {
  const w = f.waiver;
  if (!w) return '';
  const by = w.source === 'config' ? 'config waiver' : '<code>ztmm:ignore</code>';
  const extra = [w.owner !== undefined ? `owner ${esc(w.owner)}` : '', w.expires !== undefined ? `until ${esc(w.expires)}` : ''].filter((t) => t !== '');
  return `<span class="waiver-note"><strong>Waived:</strong> ${esc(w.reason)} <span class="was">(was ${OUTCOME_TITLES[w.outcome]})</span> · ${by} ${locationLink(result, w.at, linkBase)}${extra.length > 0 ? ` · ${extra.join(' · ')}` : ''}</span>`;
}

function row(result: ScanResult, f: Finding, linkBase: string): string {
  const pillars = f.pillars.map(token).join(' ');
  // A passing finding's message is usually the rule title; say it once.
  const title = f.title === f.message ? '' : `<span class="rule-title">${esc(f.title)}</span>`;
  return `<tr data-outcome="${token(f.outcome)}" data-severity="${token(f.severity)}" data-pillars="${esc(pillars)}" data-rule="${esc(f.ruleId)}">
<td class="outcome">${outcomeBadge(f.outcome)}</td>
<td class="rule"><code>${esc(f.ruleId)}</code>${title}</td>
<td class="severity"><span class="sev sev-${token(f.severity)}">${esc(f.severity)}</span><span class="stage-name">${STAGE_TITLES[f.stage]}</span></td>
<td class="pillars">${f.pillars.map((p) => AREA_TITLES[p]).join(', ')}</td>
<td class="message">${esc(f.message)}<span class="subject">${escBreakable(f.subject)}</span>${waiverNote(result, f, linkBase)}</td>
<td class="locations">${locationLinks(result, f.locations, linkBase)}</td>
</tr>`;
}

export function findingsSection(result: ScanResult, linkBase: string): string {
  const total = result.findings.length;
  // What needs work first (the same order as the text report's blockers), then everything else
  // in the result's order.
  const blocking = rankBlockers(result.findings);
  const rest = result.findings.filter((f) => !isBlocking(f));
  const rows = [...blocking, ...rest].map((f) => row(result, f, linkBase));
  return `<section id="findings" aria-labelledby="findings-h">
<h2 id="findings-h">Findings</h2>
${filterBar()}
<noscript><p class="muted">Filtering needs JavaScript; every finding is listed below.</p></noscript>
<p class="findings-count" id="findings-count" aria-live="polite">${total} of ${total} findings shown</p>
<div class="table-wrap">
<table class="findings" id="findings-table">
<caption class="vh">All findings, one per rule and subject</caption>
<thead><tr><th scope="col">Outcome</th><th scope="col">Rule</th><th scope="col">Severity · stage</th><th scope="col">Pillars</th><th scope="col">Finding · subject</th><th scope="col">Location</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>
<p class="muted" id="findings-empty"${total === 0 ? '' : ' hidden'}>${total === 0 ? 'No rule was evaluated.' : 'No finding matches the filters.'}</p>
</section>`;
}
