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

export function renderMessage(template: string, context: MessageContext): string {
  return template.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_.@$-]*)\s*\}\}/g, (whole, name: string) => {
    if (name.startsWith('params.')) {
      const key = name.slice('params.'.length);
      return key in context.params ? formatValue(context.params[key]) : whole;
    }
    if (name.startsWith('facts.')) return formatValue(getFact(context.facts, name.slice('facts.'.length)));
    return name in context.data ? formatValue(context.data[name]) : whole;
  });
}
