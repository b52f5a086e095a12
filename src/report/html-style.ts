/**
 * The stylesheet of the HTML report, inlined so the file needs nothing from the network. System
 * fonts only. Stage colours are pale fills under dark text (contrast stays above 4.5:1) and every
 * coloured thing also carries words. The SVG charts are styled here too, by class, because the CSP
 * admits this one stylesheet by hash and no style attributes.
 */
export const STYLE = `
:root {
  color-scheme: light;
  --ink: #1d2433;
  --muted: #5b6475;
  --line: #d9dee7;
  --paper: #ffffff;
  --page: #f3f5f8;
  --accent: #2456c7;
  --trad-bg: #f8d2ce; --trad-ink: #8c1d13; --trad-dot: #c63a2d;
  --init-bg: #fbe7b0; --init-ink: #6e4b00; --init-dot: #d08c00;
  --adv-bg: #cfe4f7;  --adv-ink: #0f4c81;  --adv-dot: #2b7bc0;
  --opt-bg: #cdeed4;  --opt-ink: #1b5e2b;  --opt-dot: #2e9a4a;
  --bad: #b3261e;
  --warn: #a35d00;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--page);
  color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif;
}
code, .path, .loc, .subject { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 0.92em; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid #8fb0f0; outline-offset: 2px; }
h1, h2, h3 { line-height: 1.25; margin: 0 0 0.5em; }
h1 { font-size: 1.6rem; }
h2 { font-size: 1.25rem; padding-bottom: 0.35em; border-bottom: 1px solid var(--line); margin-bottom: 0.8em; }
h3 { font-size: 1rem; margin-top: 1.1em; }
p { margin: 0.4em 0; }
.muted { color: var(--muted); }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

/* Page frame */
.page-header { background: #18233a; color: #fff; padding: 22px 0 0; }
.page-header .inner, main, .page-footer { max-width: 1240px; margin: 0 auto; padding: 0 24px; }
.page-header p { color: #c4cde0; margin: 0.2em 0 0; }
.page-header nav { margin-top: 16px; }
.page-header nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 2px; }
.page-header nav a { display: block; padding: 8px 14px; color: #dfe6f5; text-decoration: none; border-radius: 6px 6px 0 0; }
.page-header nav a:hover { background: #26334f; color: #fff; }
main { padding-top: 22px; padding-bottom: 24px; }
section { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 20px 24px; margin-bottom: 22px; box-shadow: 0 1px 2px rgba(20, 30, 50, 0.05); }
.page-footer { color: var(--muted); font-size: 0.85rem; padding-bottom: 32px; }

/* Badges */
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 0.8rem; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.stage-traditional { background: var(--trad-bg); color: var(--trad-ink); }
.stage-initial { background: var(--init-bg); color: var(--init-ink); }
.stage-advanced { background: var(--adv-bg); color: var(--adv-ink); }
.stage-optimal { background: var(--opt-bg); color: var(--opt-ink); }
.outcome-pass { background: #e3f4e7; color: #1b5e2b; }
.outcome-fail { background: #fbe1de; color: #8c1d13; }
.outcome-no-evidence { background: #fdf0cf; color: #6e4b00; }
.outcome-error { background: #f3dcf5; color: #6b1f73; }
.outcome-not-applicable, .outcome-waived { background: #eceff3; color: #4a5263; }
.status-assessed { background: #e3f4e7; color: #1b5e2b; }
.status-skipped { background: #eceff3; color: #4a5263; }
.status-error { background: #fbe1de; color: #8c1d13; }
.sev { font-size: 0.8rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; }
.sev-critical { color: #8c1d13; }
.sev-high { color: #b3261e; }
.sev-medium { color: #8a5a00; }
.sev-low { color: var(--muted); }
.warn { color: var(--bad); }

/* Summary */
.summary-grid { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 24px; align-items: start; }
.overall { display: flex; flex-wrap: wrap; gap: 14px; margin-bottom: 10px; }
.overall > div { border-radius: 10px; padding: 12px 18px; min-width: 180px; }
.overall .label { display: block; font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; opacity: 0.85; }
.overall .value { display: block; font-size: 1.9rem; font-weight: 700; line-height: 1.2; }
.overall .value small { font-size: 1rem; font-weight: 500; color: var(--muted); }
.overall-score { background: #eef2f8; }
.score-bar { display: block; margin-top: 6px; }
.score-bar .track { fill: #d6dce7; }
.score-bar .fill { fill: var(--accent); }
.counts { list-style: none; padding: 0; margin: 0.4em 0; display: flex; flex-wrap: wrap; gap: 8px; }
.count { padding: 4px 12px; border-radius: 8px; }
.count .n { font-weight: 700; font-size: 1.05rem; }
.files { color: var(--muted); }
.gate { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 8px; }
.gate li { padding: 4px 12px; border-radius: 8px; font-weight: 600; }
.gate-ok { background: #e3f4e7; color: #1b5e2b; }
.gate-fail { background: #fbe1de; color: #8c1d13; }
.blockers { padding-left: 1.4em; margin: 0.3em 0; }
.blockers li { margin: 0.35em 0; }
.at { display: block; color: var(--muted); font-size: 0.9em; }
.radar-figure { margin: 0; text-align: center; }
.radar-figure figcaption { color: var(--muted); font-size: 0.85rem; max-width: 420px; margin: 4px auto 0; }

/* Radar chart */
svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; }
.radar .ring { fill: none; stroke: #cfd6e2; stroke-width: 1; }
.radar .ring-traditional { fill: #fbf3f2; }
.radar .ring-optimal { stroke: #aab4c5; }
.radar .axis { stroke: #cfd6e2; stroke-width: 1; }
.radar-ring-labels text { font-size: 9.5px; fill: #7b8497; paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
.radar-stage { fill: rgba(36, 86, 199, 0.16); stroke: var(--accent); stroke-width: 2; stroke-linejoin: round; }
.radar-points circle { stroke: #fff; stroke-width: 1.5; }
.radar-points .stage-traditional { fill: var(--trad-dot); }
.radar-points .stage-initial { fill: var(--init-dot); }
.radar-points .stage-advanced { fill: var(--adv-dot); }
.radar-points .stage-optimal { fill: var(--opt-dot); }
.axis-label { font-size: 12.5px; fill: var(--ink); }
.axis-label .area-name { font-weight: 600; }
.axis-label.capability .area-name { font-style: italic; }
.axis-label .area-stage { font-size: 11px; fill: var(--muted); }

/* Heat map */
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--line); }
thead th { font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); border-bottom: 2px solid var(--line); white-space: nowrap; }
.heatmap { border-collapse: separate; border-spacing: 3px; }
.heatmap th, .heatmap td { border: 0; }
.heatmap tbody th { white-space: nowrap; font-weight: 600; padding-right: 16px; }
.heatmap .kind { display: block; font-weight: 400; font-size: 0.75rem; color: var(--muted); }
.heatmap .cell { border-radius: 6px; text-align: center; vertical-align: middle; min-width: 92px; padding: 8px 6px; }
.heatmap .cell-stage { font-weight: 600; }
.heatmap .cell-score { display: block; font-size: 0.78rem; opacity: 0.85; }
.heatmap .cell.none { background: #f4f6f9; color: #a1a9b8; }
.heatmap .cell.area-total { box-shadow: inset 0 0 0 2px rgba(29, 36, 51, 0.35); }
.heatmap tr.first-capability th, .heatmap tr.first-capability td { border-top: 2px solid var(--line); }
.heatmap tr.first-capability > * { padding-top: 12px; }
.stage-legend, .legend { list-style: none; padding: 0; margin: 12px 0 0; display: flex; flex-wrap: wrap; gap: 6px 18px; color: var(--muted); font-size: 0.85rem; }
.stage-legend li, .legend li { display: flex; align-items: center; gap: 6px; }
.stage-legend .key { display: inline-block; width: 14px; height: 14px; border-radius: 3px; }
.stage-legend .key.none { background: #f4f6f9; border: 1px solid var(--line); }

/* Roadmap */
.step { border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 8px; padding: 12px 16px; margin: 0 0 14px; }
.step h3 { margin-top: 0; display: flex; align-items: center; flex-wrap: wrap; gap: 8px; }
.to { color: var(--muted); }
.fixes { margin: 0; padding-left: 1.3em; }
.fixes > li { margin: 0.6em 0; }
.fixes .rule { margin: 0; }
.remediation { background: #f5f8fd; border-radius: 6px; padding: 6px 10px; }
.remediation .label { font-weight: 700; font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--accent); margin-right: 6px; }
.evidence { margin: 0.3em 0 0; padding-left: 1.1em; color: var(--ink); }
.evidence li { margin: 0.25em 0; }
.others { list-style: none; padding: 0; margin: 0; }
.others li { padding: 6px 0; border-bottom: 1px solid var(--line); }
.others li:last-child { border-bottom: 0; }

/* Estate diagram */
.diagram-wrap { overflow-x: auto; }
svg.estate { max-width: 100%; height: auto; }
.estate .column-titles text { font-size: 12px; font-weight: 700; fill: var(--muted); letter-spacing: 0.06em; text-transform: uppercase; }
.node rect { stroke: #9aa6ba; stroke-width: 1.2; }
.node.source rect { fill: #eef3fd; }
.node.shipper rect { fill: #f3f0fb; }
.node.store rect { fill: #edf7f0; }
.node.unrouted rect { stroke: var(--bad); stroke-width: 2.2; }
.node.short-retention rect { stroke: var(--warn); stroke-width: 2.2; stroke-dasharray: 5 3; }
.node-label { font-size: 13px; font-weight: 600; fill: var(--ink); }
.node-detail { font-size: 11px; fill: var(--muted); }
.node-flag { font-size: 11px; font-weight: 600; fill: var(--bad); }
.edge path { fill: none; stroke: #7a879c; stroke-width: 1.6; }
.edge.plaintext path { stroke: var(--bad); stroke-width: 2; stroke-dasharray: 7 4; }
.edge-label { font-size: 11px; font-weight: 700; fill: var(--bad); paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
.arrow path { fill: #7a879c; }
.arrow.bad path { fill: var(--bad); }
.legend .swatch { flex: none; }
.empty-estate { padding: 14px 16px; background: #f5f7fa; border: 1px dashed var(--line); border-radius: 8px; }
.estate-text { margin-top: 12px; }
.estate-text summary { cursor: pointer; color: var(--accent); }
.estate-text h3 { font-size: 0.9rem; }

/* Findings */
.filters { display: flex; flex-wrap: wrap; align-items: end; gap: 10px 16px; padding: 12px 14px; background: #f5f7fa; border: 1px solid var(--line); border-radius: 8px; }
.filters[hidden] { display: none; }
.filters label { display: flex; flex-direction: column; font-size: 0.78rem; font-weight: 600; color: var(--muted); gap: 3px; }
.filters input, .filters select, .filters button { font: inherit; font-size: 0.9rem; height: 34px; padding: 0 8px; border: 1px solid #b9c2d1; border-radius: 6px; background: #fff; color: var(--ink); }
.filters input { min-width: 260px; }
.filters button { cursor: pointer; background: #e9eef7; padding: 0 14px; }
.filters button:hover { background: #dde5f3; }
.findings-count { font-weight: 600; margin: 12px 0 6px; }
.findings td { font-size: 0.9rem; }
.findings tbody tr:hover { background: #f8fafc; }
.findings .outcome, .findings .severity { white-space: nowrap; width: 1%; }
.findings .rule { width: 17%; }
.findings .rule code { font-weight: 700; white-space: nowrap; }
.findings .rule-title { display: block; color: var(--muted); font-size: 0.85em; }
.findings .stage-name { display: block; color: var(--muted); font-size: 0.85em; }
.findings .pillars { font-size: 0.85em; color: var(--muted); width: 10%; }
.findings .subject { display: block; color: var(--muted); font-size: 0.8em; margin-top: 2px; }
.findings .locations { width: 19%; font-size: 0.85em; }
tr[hidden] { display: none; }
.inventory td { vertical-align: middle; }
.findings .waiver-note { display: block; font-size: 0.85em; margin-top: 4px; padding: 3px 8px; border-left: 3px solid #aab4c5; background: #f5f7fa; }
.findings .waiver-note .was { color: var(--muted); }

/* Waivers */
.waiver-counts { margin-bottom: 0.6em; }
.waiver-warning { color: var(--bad); background: #fdf1ef; border: 1px solid #f1c4be; border-radius: 8px; padding: 8px 12px; }
.waivers td { font-size: 0.9rem; }
.waivers .rule code { font-weight: 700; white-space: nowrap; }
.waivers .reason { min-width: 16em; }
.waivers .date, .waivers .status { white-space: nowrap; }
.waivers .n { text-align: right; }
.waivers .status-note { display: block; color: var(--muted); font-size: 0.85em; white-space: normal; }
.waivers tr.flagged td { background: #fdf3f2; }
.waivers tr.flagged td:first-child { box-shadow: inset 4px 0 0 var(--bad); }
.waiver-active, .waiver-applied { background: #e3f4e7; color: #1b5e2b; }
.waiver-expired, .waiver-no-reason { background: #fbe1de; color: #8c1d13; }
.waiver-unused { background: #eceff3; color: #4a5263; }


@media (max-width: 900px) {
  .summary-grid { grid-template-columns: 1fr; }
  .filters input { min-width: 0; }
}

@media print {
  @page { margin: 14mm; }
  body { background: #fff; font-size: 10.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .page-header { background: none; color: var(--ink); padding-top: 0; }
  .page-header p { color: var(--muted); }
  .page-header nav, .filters, .estate-text, noscript { display: none; }
  .page-header .inner, main, .page-footer { max-width: none; padding: 0; }
  section { border: 0; box-shadow: none; padding: 0; margin-bottom: 18pt; }
  h2 { break-after: avoid; }
  .step, tr, .radar-figure, .diagram-wrap { break-inside: avoid; }
  thead { display: table-header-group; }
  .table-wrap, .diagram-wrap { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
`;
