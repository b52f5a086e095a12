/** Reading a Markdown report back through markdown-it's tokens: tables as cell text. */
import type { Token } from 'markdown-it';

export interface Table {
  header: string[];
  rows: string[][];
}

/** The text of an inline token: text and code spans, soft breaks as newlines. */
export function plain(inline: Token): string {
  return (inline.children ?? []).map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' ? '\n' : '')).join('');
}

/** Every table, as the text of its cells. */
export function tables(tokens: Token[]): Table[] {
  const out: Table[] = [];
  let current: Table | null = null;
  let inHead = false;
  let row: string[] = [];
  for (const t of tokens) {
    if (t.type === 'table_open') current = { header: [], rows: [] };
    else if (t.type === 'thead_open') inHead = true;
    else if (t.type === 'thead_close') inHead = false;
    else if (t.type === 'tr_open') row = [];
    else if (t.type === 'inline' && current) row.push(plain(t));
    else if (t.type === 'tr_close' && current) {
      if (inHead) current.header = row;
      else current.rows.push(row);
    } else if (t.type === 'table_close' && current) {
      out.push(current);
      current = null;
    }
  }
  return out;
}
