/** One entry point from a format name to its formatter; every formatter is pure (result → string). */
import type { ReportFormat } from './formats.js';
import type { ScanResult } from '../model/result.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatComparisonMarkdown } from './comparison-markdown.js';
import { formatComparisonText } from './comparison-text.js';
import { formatCrosswalkMarkdown } from './crosswalk-markdown.js';
import { formatCrosswalkText } from './crosswalk-text.js';
import { MARKDOWN_LIMIT, formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';
import { formatWaiversMarkdown } from './waivers-markdown.js';
import type { GateLine } from './text.js';
import { printableDeep } from '../util/printable.js';

export interface RenderContext {
  /** Colour codes in the text report. */
  color: boolean;
  gate: GateLine[];
  /** Prefix for file links in Markdown and HTML (for example a GitHub blob URL). */
  linkBase?: string;
}

/**
 * Sections after the main report, for the text and Markdown views: in Markdown the waivers and
 * inline suppressions first (the text report has them in its body), then one per framework
 * crosswalk, then the comparison with a baseline.
 * The Markdown report is given the room they take, so the whole stays under its limit.
 */
function appendix(result: ScanResult, format: 'text' | 'markdown', color: boolean, linkBase?: string): string {
  const crosswalks = result.crosswalks ?? [];
  const comparison = result.comparison;
  if (format === 'text') {
    return crosswalks.map((c) => `\n${formatCrosswalkText(c, color)}`).join('') + (comparison ? `\n${formatComparisonText(comparison, color)}` : '');
  }
  const waivers = formatWaiversMarkdown(result, linkBase);
  return (
    (waivers ? `\n${waivers}` : '') +
    crosswalks.map((c) => `\n${formatCrosswalkMarkdown(c)}`).join('') +
    (comparison ? `\n${formatComparisonMarkdown(comparison)}` : '')
  );
}

export function renderReport(format: ReportFormat, result: ScanResult, context: RenderContext): string {
  const links = context.linkBase === undefined ? {} : { linkBase: context.linkBase };
  switch (format) {
    case 'text': {
      // Scanned names and text reach a terminal here: control characters become visible escapes.
      const safe = printableDeep(result);
      return formatText(safe, { color: context.color, gate: context.gate }) + appendix(safe, 'text', context.color);
    }
    case 'json':
      return formatJson(result);
    case 'markdown': {
      const extra = appendix(result, 'markdown', false, context.linkBase);
      return formatMarkdown(result, { gate: context.gate, ...links, maxChars: MARKDOWN_LIMIT - extra.length }) + extra;
    }
    case 'sarif':
      return formatSarif(result);
    case 'junit':
      return formatJunit(result);
    case 'html':
      return formatHtml(result, { gate: context.gate, ...links });
  }
}
