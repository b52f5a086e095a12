/** Fills `{{placeholders}}` in rule messages (pure). Unknown placeholders are left visible. */
import { getFact } from '../rules/fact-path.js';

export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'unset';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(formatValue).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export interface MessageContext {
  data: Record<string, unknown>;
  params: Record<string, unknown>;
  facts: unknown;
}

/** `0.6667` → `66.7%`: ratios read better as percentages. */
export function formatPercent(value: unknown): string {
  if (typeof value !== 'number') return formatValue(value);
  const percent = Math.round(value * 1000) / 10;
  return `${percent}%`;
}

/** `probes.pods-exec.level` → `pods-exec`: the entry's name inside its group (the second segment). */
export function formatName(value: unknown): string {
  if (typeof value !== 'string') return formatValue(value);
  const parts = value.split('.');
  return parts.length >= 2 ? (parts[1] as string) : value;
}

const FILTERS: Record<string, (value: unknown) => string> = { percent: formatPercent, name: formatName };

/**
 * Placeholders: `{{value}}`, `{{expected}}`, `{{path}}`, `{{subject}}`, `{{reason}}`,
 * `{{params.x}}`, `{{facts.a.b}}`, each optionally with a filter: `|percent` (0.5 → 50%) or
 * `|name` (a fact path's entry name: `probes.pods-exec.level` → `pods-exec`).
 */
export function renderMessage(template: string, context: MessageContext): string {
  return template.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_.@$-]*)\s*(?:\|\s*(percent|name)\s*)?\}\}/g, (whole, name: string, filter?: string) => {
    const format = (filter && FILTERS[filter]) || formatValue;
    if (name.startsWith('params.')) {
      const key = name.slice('params.'.length);
      return Object.hasOwn(context.params, key) ? format(context.params[key]) : whole;
    }
    if (name.startsWith('facts.')) return format(getFact(context.facts, name.slice('facts.'.length)));
    // Own properties only: `{{constructor}}` or `{{params.toString}}` names nothing, not Object's members.
    return Object.hasOwn(context.data, name) ? format(context.data[name]) : whole;
  });
}
