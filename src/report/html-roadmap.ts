/**
 * The roadmap section of the HTML report: for each pillar and capability, what stands between it
 * and the next stage — each blocking rule with its title, how to fix it, and the findings that
 * show the gap, with their files.
 */
import type { AreaResult, Finding, RuleInfo, ScanResult } from '../model/result.js';
import { AREA_TITLES, STAGE_TITLES } from '../model/vocabulary.js';
import { esc } from './html-escape.js';
import { locationLinks, outcomeBadge, stageBadge } from './html-parts.js';
import { isBlocking } from './text.js';

/**
 * The arrow between two stages: drawn for the eye, read as "to". A plain span cannot be named
 * (aria-label on it is ignored or misread), so the word is visually hidden text instead.
 */
const TO = '<span class="to" aria-hidden="true">→</span><span class="vh">to</span>';

/** Why an area has no blockers to list, in the words of the terminal report. */
function noBlockerReason(area: AreaResult): string {
  if (!area.next) return 'Top stage reached.';
  if (area.evidence === 0) {
    return area.kind === 'pillar' ? 'No log source for this pillar in the scanned inputs.' : 'No log source in the scanned inputs.';
  }
  return `No rule yet evidences ${STAGE_TITLES[area.next.stage]}.`;
}

function blockerItem(ruleId: string, area: AreaResult, result: ScanResult, rule: RuleInfo | undefined, linkBase: string): string {
  const blocking = result.findings.filter((f) => f.ruleId === ruleId && isBlocking(f));
  const here = blocking.filter((f) => f.pillars.includes(area.id));
  const shown: Finding[] = here.length > 0 ? here : blocking;
  const title = rule?.title ?? shown[0]?.title ?? '';
  const evidence = shown.map(
    (f) => `<li>${outcomeBadge(f.outcome)} ${esc(f.message)}${f.locations.length > 0 ? ` <span class="at">${locationLinks(result, f.locations, linkBase)}</span>` : ''}</li>`,
  );
  return `<li>
<p class="rule"><code>${esc(ruleId)}</code> <strong>${esc(title)}</strong>${rule ? ` <span class="sev sev-${rule.severity}">${rule.severity}</span>` : ''}</p>
${rule ? `<p class="remediation"><span class="label">How to fix</span> ${esc(rule.remediation)}</p>` : ''}
${evidence.length > 0 ? `<ul class="evidence">${evidence.join('')}</ul>` : ''}
</li>`;
}

export function roadmapSection(result: ScanResult, linkBase: string): string {
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  const blocked = result.pillars.filter((a) => a.next && a.next.blockers.length > 0);
  const others = result.pillars.filter((a) => !blocked.includes(a));
  const cards = blocked.map((area) => {
    const next = area.next;
    if (!next) return '';
    const items = next.blockers.map((id) => blockerItem(id, area, result, rules.get(id), linkBase));
    return `<article class="step" data-area="${area.id}" aria-labelledby="road-${area.id}">
<h3 id="road-${area.id}">${AREA_TITLES[area.id]} ${stageBadge(area.stage)} ${TO} ${stageBadge(next.stage)}</h3>
<ol class="fixes">${items.join('\n')}</ol>
</article>`;
  });
  const rest = others.map(
    (area) =>
      `<li><strong>${AREA_TITLES[area.id]}</strong> ${stageBadge(area.stage)}${area.next ? ` ${TO} ${stageBadge(area.next.stage)}` : ''} <span class="muted">${noBlockerReason(area)}</span></li>`,
  );
  return `<section id="roadmap" aria-labelledby="roadmap-h">
<h2 id="roadmap-h">Roadmap to the next stage</h2>
${cards.length > 0 ? cards.join('\n') : '<p class="muted">No rule blocks the next stage of any pillar or capability.</p>'}
${rest.length > 0 ? `<h3>Other pillars and capabilities</h3><ul class="others">${rest.join('')}</ul>` : ''}
</section>`;
}
