/** Renders docs/rules.md from the loaded rules (pure). `npm run docs:rules` writes it; a test keeps it fresh. */
import { AREA_TITLES, STAGE_TITLES, isArea } from '../model/vocabulary.js';
import type { Rule } from '../rules/types.js';

function pillarNames(rule: Rule): string {
  return rule.pillars.map((p) => (isArea(p) ? AREA_TITLES[p] : 'pillars of the judged subject')).join(', ');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function renderRuleReference(rules: readonly Rule[]): string {
  const out: string[] = [
    '# Rule reference',
    '',
    '<!-- Generated from rules/*.yaml by `npm run docs:rules`. Do not edit by hand: a test fails when this file is stale. -->',
    '',
    `${rules.length} rules. Each rule's logic is in its pack (\`rules/<dimension>.yaml\`), its passing and failing`,
    'fixtures in `fixtures/rules/<ID>/`, and `ztmm rules show <ID>` prints the same text as below.',
    '',
    '| ID | Slug | Dimension | Pillars | Stage | Severity |',
    '|---|---|---|---|---|---|',
  ];
  for (const rule of rules) {
    out.push(`| [${rule.id}](#${rule.id.toLowerCase()}) | ${rule.slug} | ${rule.dimension} | ${rule.pillars.join(', ')} | ${rule.stage} | ${rule.severity} |`);
  }
  for (const rule of rules) {
    out.push('', `## ${rule.id}`, '', `**${rule.title}** (\`${rule.slug}\`)`, '');
    out.push(`- Dimension: ${rule.dimension}`);
    out.push(`- Pillars: ${pillarNames(rule)}`);
    out.push(`- Stage: ${STAGE_TITLES[rule.stage]} (needed to reach it and every stage above)`);
    out.push(`- Severity: ${rule.severity}`);
    out.push(`- Applies to: \`${rule.target.kind}\`${rule.target.where ? ' (with a filter)' : ''}`);
    const params = Object.entries(rule.params);
    if (params.length > 0) out.push(`- Parameters: ${params.map(([k, v]) => `\`${k}\` = \`${JSON.stringify(v)}\``).join(', ')}`);
    if (rule.whenMissing !== 'fail') out.push(`- When the fact is unknown: ${rule.whenMissing}`);
    out.push(`- Pack: \`${rule.declaredAt.path}\` line ${rule.declaredAt.line}; fixtures: \`fixtures/rules/${rule.id}/\``);
    out.push('', `Why: ${oneLine(rule.rationale)}`, '', `Fix: ${oneLine(rule.remediation)}`, '', 'References:');
    for (const ref of rule.references) out.push(`- ${ref.framework} ${ref.id}${ref.note ? `: ${ref.note}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}
