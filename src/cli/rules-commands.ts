/** `ztmm rules list` and `ztmm rules show ID` (pure formatting of loaded rules). */
import { ZtmmError } from '../errors.js';
import type { Rule } from '../rules/types.js';

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text + ' '.repeat(width - text.length);
}

export function formatRuleList(rules: readonly Rule[]): string {
  const header = ['ID', 'SLUG', 'DIMENSION', 'PILLARS', 'STAGE', 'SEVERITY'];
  const rows = rules.map((r) => [r.id, r.slug, r.dimension, r.pillars.join(','), r.stage, r.severity]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)) + 2);
  const line = (cells: string[]): string => cells.map((cell, i) => (i === cells.length - 1 ? cell : pad(cell, widths[i] ?? 0))).join('').trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n${rules.length} rules\n`;
}

export function findRule(rules: readonly Rule[], key: string): Rule {
  const rule = rules.find((r) => r.id.toLowerCase() === key.toLowerCase() || r.slug === key);
  if (!rule) throw new ZtmmError('E_UNKNOWN_RULE', `unknown rule "${key}" (see ztmm rules list)`);
  return rule;
}

export function formatRule(rule: Rule): string {
  const params = Object.entries(rule.params);
  const lines = [
    `${rule.id} ${rule.slug}`,
    rule.title,
    '',
    `Dimension:   ${rule.dimension}`,
    `Pillars:     ${rule.pillars.join(', ')}`,
    `Stage:       ${rule.stage}`,
    `Severity:    ${rule.severity}`,
    `Applies to:  ${rule.target.kind}`,
    `Pack:        ${rule.pack} (${rule.declaredAt.path}:${rule.declaredAt.line})`,
  ];
  if (params.length > 0) lines.push(`Parameters:  ${params.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}`);
  lines.push('', 'Rationale', `  ${rule.rationale.trim()}`, '', 'Remediation', `  ${rule.remediation.trim()}`, '', 'References');
  for (const ref of rule.references) lines.push(`  - ${ref.framework} ${ref.id}${ref.note ? ` — ${ref.note}` : ''}`);
  return `${lines.join('\n')}\n`;
}
