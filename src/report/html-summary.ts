/** The summary section of the HTML report: overall stage and score, gate, counts, top blockers, radar. */
import type { ScanResult } from '../model/result.js';
import { OUTCOMES, STAGE_TITLES } from '../model/vocabulary.js';
import { esc } from './html-escape.js';
import { OUTCOME_TITLES, locationLink, outcomeBadge } from './html-parts.js';
import { radarSvg } from './svg-radar.js';
import { inventoryLine, rankBlockers } from './text.js';
import type { GateLine } from './text.js';

const TOP_BLOCKERS = 5;

/** The score as a bar; an SVG rect, since a sized div would need a style attribute the CSP forbids. */
function scoreBar(score: number): string {
  const width = Math.max(0, Math.min(100, score)) * 2;
  return `<svg class="score-bar" viewBox="0 0 200 10" width="200" height="10" aria-hidden="true" xmlns="http://www.w3.org/2000/svg"><rect class="track" width="200" height="10" rx="5"/><rect class="fill" width="${width}" height="10" rx="5"/></svg>`;
}

function gateList(gate: readonly GateLine[]): string {
  if (gate.length === 0) return '';
  const items = gate.map(
    (g) =>
      `<li class="${g.ok ? 'gate-ok' : 'gate-fail'}"><span aria-hidden="true">${g.ok ? '✔' : '✘'} </span><code>${esc(g.label)}</code> <span>${g.ok ? 'met' : 'not met'}</span></li>`,
  );
  return `<h3>Gate</h3><ul class="gate">${items.join('')}</ul>`;
}

function counts(result: ScanResult): string {
  const items = OUTCOMES.map((o) => `<li class="count outcome-${o}"><span class="n">${result.summary.counts[o]}</span> ${OUTCOME_TITLES[o]}</li>`);
  // Named by the "Findings" heading above it: aria-label is not for a plain list.
  return `<ul class="counts">${items.join('')}</ul>`;
}

function topBlockers(result: ScanResult, linkBase: string): string {
  const blockers = rankBlockers(result.findings);
  if (blockers.length === 0) return '<h3>Top blockers</h3><p class="muted">Nothing blocks the next stage.</p>';
  const items = blockers.slice(0, TOP_BLOCKERS).map((f) => {
    const loc = f.locations[0];
    return `<li>${outcomeBadge(f.outcome)} <code>${esc(f.ruleId)}</code> ${esc(f.message)}${loc ? ` <span class="at">${locationLink(result, loc, linkBase)}</span>` : ''}</li>`;
  });
  const more = blockers.length > TOP_BLOCKERS ? `<p class="muted">${blockers.length - TOP_BLOCKERS} more in the findings below.</p>` : '';
  return `<h3>Top blockers</h3><ol class="blockers">${items.join('')}</ol>${more}`;
}

export function summarySection(result: ScanResult, gate: readonly GateLine[], linkBase: string): string {
  const { stage, score, profile } = result.summary;
  return `<section id="summary" aria-labelledby="summary-h">
<h2 id="summary-h">Summary</h2>
<div class="summary-grid">
<div class="summary-text">
<div class="overall">
<div class="overall-stage stage-${stage}"><span class="label">Overall stage</span><span class="value">${STAGE_TITLES[stage]}</span></div>
<div class="overall-score"><span class="label">Score</span><span class="value">${score}<small>/100</small></span>${scoreBar(score)}</div>
</div>
<p class="muted">Profile <strong>${esc(profile)}</strong>. The overall stage is that of the weakest of the five pillars; the score is the mean of the five pillar scores.</p>
${gateList(gate)}
<h3>Findings</h3>
${counts(result)}
<p class="files">${esc(inventoryLine(result))}</p>
${topBlockers(result, linkBase)}
</div>
<figure class="radar-figure">
${radarSvg(result.pillars)}
<figcaption>Stage per pillar and capability: each ring is a stage, from Traditional (inside) to Optimal (outside).</figcaption>
</figure>
</div>
</section>`;
}
