/** The report formats, and the file extensions that name them. */
import { ZtmmError } from '../errors.js';

export const REPORT_FORMATS = ['text', 'json', 'markdown', 'sarif', 'junit', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Formats read by programs: nothing but the report may reach stdout when one of them goes there. */
export const MACHINE_FORMATS: readonly ReportFormat[] = ['json', 'sarif', 'junit'];

const EXTENSIONS: Record<string, ReportFormat> = {
  '.txt': 'text',
  '.json': 'json',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.sarif': 'sarif',
  '.xml': 'junit',
  '.html': 'html',
  '.htm': 'html',
};

export function parseFormat(value: string): ReportFormat {
  const lower = value.trim().toLowerCase();
  if ((REPORT_FORMATS as readonly string[]).includes(lower)) return lower as ReportFormat;
  throw new ZtmmError('E_USAGE', `--format: unknown format "${value}" (${REPORT_FORMATS.join(', ')})`);
}

/** `.sarif.json` counts as SARIF, as GitHub and most SARIF viewers name it. */
export function formatFromPath(path: string): ReportFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.sarif.json')) return 'sarif';
  const dot = lower.lastIndexOf('.');
  const slash = Math.max(lower.lastIndexOf('/'), lower.lastIndexOf('\\'));
  return dot > slash ? EXTENSIONS[lower.slice(dot)] : undefined;
}

