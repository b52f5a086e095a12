/**
 * The area × dimension heat map of the HTML report: one row per pillar and capability, one
 * column per dimension, each cell coloured by stage and also naming it, for readers who cannot
 * tell the colours apart and for print.
 */
import type { ScanResult, StageScore } from '../model/result.js';
import { AREAS, AREA_TITLES, DIMENSIONS, DIMENSION_TITLES, STAGES, STAGE_TITLES } from '../model/vocabulary.js';


function cell(value: StageScore | undefined, extraClass = ''): string {
  if (!value) return '<td class="cell none"><span aria-hidden="true">—</span><span class="vh">not assessed</span></td>';
  return `<td class="cell${extraClass} stage-${value.stage}"><span class="cell-stage">${STAGE_TITLES[value.stage]}</span> <span class="cell-score">${value.score}</span></td>`;
}

export function matrixSection(result: ScanResult): string {
  const byId = new Map(result.pillars.map((a) => [a.id, a]));
  const head = DIMENSIONS.map((d) => `<th scope="col">${DIMENSION_TITLES[d]}</th>`).join('');
  const rows = AREAS.map((id) => {
    const area = byId.get(id);
    const kind = area?.kind ?? 'pillar';
    // A thicker rule above the first capability separates the pillars from the capabilities.
    const cls = id === 'visibility' ? ' class="first-capability"' : '';
    const cells = DIMENSIONS.map((d) => cell(area?.dimensions[d])).join('');
    const overall = area ? cell({ stage: area.stage, score: area.score }, ' area-total') : cell(undefined);
    return `<tr${cls} data-area="${id}"><th scope="row">${AREA_TITLES[id]} <span class="kind">${kind}</span></th>${cells}${overall}</tr>`;
  });
  const legend = STAGES.map((s) => `<li><span class="key stage-${s}" aria-hidden="true"></span>${STAGE_TITLES[s]}</li>`).join('');
  return `<section id="matrix" aria-labelledby="matrix-h">
<h2 id="matrix-h">Stage by dimension</h2>
<p class="muted">Each cell is the stage (and score) a pillar or capability reached on one dimension of audit logging; a dash means no rule assessed it.</p>
<div class="table-wrap">
<table class="heatmap">
<caption class="vh">Stage and score per pillar or capability and dimension</caption>
<thead><tr><th scope="col">Pillar / capability</th>${head}<th scope="col">Area stage</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>
<p class="vh">Stage colours:</p>
<ul class="stage-legend">${legend}<li><span class="key none" aria-hidden="true"></span>not assessed</li></ul>
</section>`;
}
