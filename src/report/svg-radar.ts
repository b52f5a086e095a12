/**
 * The radar chart of the HTML report as inline SVG (pure): one axis per pillar and capability,
 * one ring per stage, and a polygon joining the stage each area reached. Computed here rather
 * than by a charting library so the report stays one self-contained, script-free file.
 */
import type { AreaResult } from '../model/result.js';
import { AREAS, AREA_TITLES, STAGES, STAGE_TITLES, stageIndex } from '../model/vocabulary.js';
import type { Stage } from '../model/vocabulary.js';
import { esc } from './html-escape.js';

const WIDTH = 500;
const HEIGHT = 340;
const CX = WIDTH / 2;
const CY = HEIGHT / 2;
/** Radius of the outer (Optimal) ring; leaves room for the axis labels. */
const RADIUS = 118;

/** One decimal is finer than a pixel and keeps the markup short and stable. */
function num(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/**
 * The point `radius` out along axis `axis` (a fraction falls between two axes). Axis 0 points to
 * 12 o'clock and the rest follow clockwise, so Identity sits on top.
 */
function point(axis: number, radius: number): [number, number] {
  const angle = -Math.PI / 2 + (axis * 2 * Math.PI) / AREAS.length;
  return [CX + radius * Math.cos(angle), CY + radius * Math.sin(angle)];
}

/** Traditional is the innermost ring, not the centre: a Traditional area still has a visible vertex. */
function stageRadius(stage: Stage): number {
  return (RADIUS * (stageIndex(stage) + 1)) / STAGES.length;
}

function points(radii: readonly number[]): string {
  return radii.map((r, i) => point(i, r).map(num).join(',')).join(' ');
}

/** Anchors a label on the side of the axis end that points away from the chart. */
function labelPosition(axis: number): { x: string; y: string; anchor: string } {
  const [x, y] = point(axis, RADIUS + 14);
  const dx = x - CX;
  const anchor = Math.abs(dx) < 1 ? 'middle' : dx > 0 ? 'start' : 'end';
  // Labels are two lines: above the centre they grow upwards, beside it they straddle the axis.
  const dy = y < CY - 1 ? -14 : Math.abs(y - CY) < 1 ? -4 : 6;
  return { x: num(x), y: num(y + dy), anchor };
}

export function radarSvg(areas: readonly AreaResult[]): string {
  const byId = new Map(areas.map((a) => [a.id, a]));
  const rows = AREAS.map((id) => {
    const area = byId.get(id);
    return { id, stage: area?.stage ?? ('traditional' as Stage), score: area?.score ?? 0, kind: area?.kind ?? 'pillar' };
  });
  const summary = rows.map((r) => `${AREA_TITLES[r.id]}: ${STAGE_TITLES[r.stage]}`).join(', ');
  const out: string[] = [];
  out.push(
    `<svg class="radar" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="radar-title radar-desc" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="radar-title">Stage reached per pillar and capability</title>`,
    `<desc id="radar-desc">${esc(summary)}</desc>`,
  );
  out.push('<g class="radar-rings">');
  for (const stage of STAGES) {
    const r = stageRadius(stage);
    out.push(`<polygon class="ring ring-${stage}" points="${points(AREAS.map(() => r))}"><title>${STAGE_TITLES[stage]}</title></polygon>`);
  }
  out.push('</g><g class="radar-axes">');
  for (const [i, row] of rows.entries()) {
    const [x, y] = point(i, RADIUS);
    out.push(`<line class="axis" data-area="${row.id}" x1="${CX}" y1="${CY}" x2="${num(x)}" y2="${num(y)}"/>`);
  }
  out.push('</g>');
  out.push(`<polygon class="radar-stage" points="${points(rows.map((r) => stageRadius(r.stage)))}"/>`);
  // Ring names sit on the bisector between the first two axes, just outside their ring: no vertex
  // dot ever lies there, and a halo (see the CSS) keeps them legible where the polygon crosses.
  out.push('<g class="radar-ring-labels" aria-hidden="true">');
  for (const stage of STAGES) {
    const [x, y] = point(0.5, stageRadius(stage));
    out.push(`<text x="${num(x + 2)}" y="${num(y - 2)}">${STAGE_TITLES[stage]}</text>`);
  }
  out.push('</g>');
  out.push('<g class="radar-points">');
  for (const [i, row] of rows.entries()) {
    const [x, y] = point(i, stageRadius(row.stage));
    out.push(
      `<circle class="stage-${row.stage}" cx="${num(x)}" cy="${num(y)}" r="5"><title>${AREA_TITLES[row.id]}: ${STAGE_TITLES[row.stage]}, score ${row.score}</title></circle>`,
    );
  }
  out.push('</g><g class="radar-labels">');
  for (const [i, row] of rows.entries()) {
    const { x, y, anchor } = labelPosition(i);
    out.push(
      `<text class="axis-label ${row.kind}" x="${x}" y="${y}" text-anchor="${anchor}"><title>${AREA_TITLES[row.id]} (${row.kind}): ${STAGE_TITLES[row.stage]}, score ${row.score}</title>` +
        `<tspan class="area-name">${AREA_TITLES[row.id]}</tspan><tspan class="area-stage" x="${x}" dy="14">${STAGE_TITLES[row.stage]} · ${row.score}</tspan></text>`,
    );
  }
  out.push('</g></svg>');
  return out.join('\n');
}
