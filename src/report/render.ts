/** One entry point from a format name to its formatter; every formatter is pure (result → string). */
import type { ReportFormat } from './formats.js';
import type { ScanResult } from '../model/result.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';
import type { GateLine } from './text.js';

export interface RenderContext {
  /** Colour codes in the text report. */
  color: boolean;
  gate: GateLine[];
  /** Prefix for file links in Markdown and HTML (for example a GitHub blob URL). */
  linkBase?: string;
}

export function renderReport(format: ReportFormat, result: ScanResult, context: RenderContext): string {
  const links = context.linkBase === undefined ? {} : { linkBase: context.linkBase };
  switch (format) {
    case 'text':
      return formatText(result, { color: context.color, gate: context.gate });
    case 'json':
      return formatJson(result);
    case 'markdown':
      return formatMarkdown(result, { gate: context.gate, ...links });
    case 'sarif':
      return formatSarif(result);
    case 'junit':
      return formatJunit(result);
    case 'html':
      return formatHtml(result, { gate: context.gate, ...links });
  }
}
