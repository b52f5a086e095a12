/** The JSON report (pure): the versioned contract of DESIGN.md, two-space indented, stable order. */
import type { ScanResult } from '../model/result.js';

export function formatJson(result: ScanResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
