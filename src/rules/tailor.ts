/**
 * The config file's say over the rules (pure): severity overrides and disabled rules. A rule id or
 * slug the packs do not have is a config error at the key that names it, so a typo never silently
 * leaves a rule on.
 */
import { ZtmmError } from '../errors.js';
import type { Location, Severity } from '../model/vocabulary.js';
import type { Rule } from './types.js';

export interface Tailoring {
  severity: Readonly<Record<string, Severity>>;
  disable: readonly string[];
  /** Where a key path is in the config file, for errors. */
  locate(path: readonly (string | number)[]): Location;
}

function findRule(rules: readonly Rule[], idOrSlug: string): Rule | undefined {
  const lower = idOrSlug.toLowerCase();
  return rules.find((r) => r.id.toLowerCase() === lower || r.slug === idOrSlug);
}

function configError(t: Tailoring, path: (string | number)[], message: string): ZtmmError {
  const at = t.locate(path);
  return new ZtmmError('E_CONFIG', `${at.path}:${at.line}:${at.column}: ${message}`);
}

export function tailorRules(rules: readonly Rule[], t: Tailoring): Rule[] {
  const disabled = new Set<string>();
  t.disable.forEach((name, i) => {
    const rule = findRule(rules, name);
    if (!rule) throw configError(t, ['disable', i], `disable: unknown rule "${name}" (see ztmm rules list)`);
    disabled.add(rule.id);
  });
  const severity = new Map<string, Severity>();
  for (const [name, level] of Object.entries(t.severity)) {
    const rule = findRule(rules, name);
    if (!rule) throw configError(t, ['severity', name], `severity: unknown rule "${name}" (see ztmm rules list)`);
    severity.set(rule.id, level);
  }
  return rules.filter((r) => !disabled.has(r.id)).map((r) => (severity.has(r.id) ? { ...r, severity: severity.get(r.id) as Severity } : r));
}
