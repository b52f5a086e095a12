/**
 * The HTML report (pure): one self-contained file — styles, charts and the filter script are
 * inline, and nothing is fetched from the network. A Content-Security-Policy admits exactly the
 * one stylesheet and the one script by their hashes, so even a scanned string that escaped its
 * escaping could not run or load anything. No dates and no random ids: the same result gives the
 * same bytes.
 */
import { createHash } from 'node:crypto';
import type { ScanResult } from '../model/result.js';
import { STAGE_TITLES } from '../model/vocabulary.js';
import { esc } from './html-escape.js';
import { estateSection } from './html-estate.js';
import { findingsSection } from './html-findings.js';
import { inventorySection } from './html-inventory.js';
import { matrixSection } from './html-matrix.js';
import { roadmapSection } from './html-roadmap.js';
import { FILTER_SCRIPT } from './html-script.js';
import { STYLE } from './html-style.js';
import { summarySection } from './html-summary.js';
import { waiversSection } from './html-waivers.js';
import type { GateLine } from './text.js';

export interface HtmlOptions {
  gate?: GateLine[];
  /** Prefix for file links, e.g. `https://github.com/OWNER/REPO/blob/SHA/`; links are repository-relative without it. */
  linkBase?: string;
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * `default-src 'none'` blocks every fetch; the hashes admit the inline stylesheet and script;
 * `img-src data:` allows the empty data: icon that stops a browser asking for /favicon.ico.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${sha256(STYLE)}`,
  `script-src ${sha256(FILTER_SCRIPT)}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const SECTIONS: readonly [string, string][] = [
  ['summary', 'Summary'],
  ['matrix', 'Stage by dimension'],
  ['roadmap', 'Roadmap'],
  ['waivers', 'Waivers'],
  ['estate', 'Estate'],
  ['findings', 'Findings'],
  ['inventory', 'Inventory'],
];

export function formatHtml(result: ScanResult, options: HtmlOptions = {}): string {
  const linkBase = options.linkBase ?? '';
  const { stage, score } = result.summary;
  const version = esc(result.tool.version);
  // Only when the run had waivers or suppressions.
  const waivers = waiversSection(result, linkBase);
  const nav = SECTIONS.filter(([id]) => id !== 'waivers' || waivers !== '')
    .map(([id, title]) => `<li><a href="#${id}">${title}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ztmm ${version}">
<title>ztmm report: ${STAGE_TITLES[stage]}, ${score}/100</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header class="page-header">
<div class="inner">
<h1>Audit logging maturity</h1>
<p>Measured against the CISA Zero Trust Maturity Model v2.0 · ztmm ${version} · profile ${esc(result.summary.profile)}</p>
<nav aria-label="Sections"><ul>${nav}</ul></nav>
</div>
</header>
<main>
${summarySection(result, options.gate ?? [], linkBase)}
${matrixSection(result)}
${roadmapSection(result, linkBase)}
${waivers === '' ? '' : `${waivers}\n`}${estateSection(result)}
${findingsSection(result, linkBase)}
${inventorySection(result)}
</main>
<footer class="page-footer"><p>Made by ztmm ${version} from the files on disk. This page is self-contained: it loads nothing from the network.</p></footer>
<script>${FILTER_SCRIPT}</script>
</body>
</html>
`;
}
