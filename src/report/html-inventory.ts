/** The inventory section of the HTML report: every file the scan met, and what became of it. */
import type { ScanResult } from '../model/result.js';
import { esc, escBreakable, token } from './html-escape.js';
import { inventoryLine } from './text.js';

export function inventorySection(result: ScanResult): string {
  const rows = result.inventory.map(
    (e) =>
      `<tr data-status="${token(e.status)}"><td class="path">${escBreakable(e.path)}</td><td><span class="badge status-${token(e.status)}">${esc(e.status)}</span></td><td>${esc(e.kind ?? '')}</td><td>${esc(e.reason ?? '')}</td></tr>`,
  );
  return `<section id="inventory" aria-labelledby="inventory-h">
<h2 id="inventory-h">Inventory</h2>
<p class="muted">${esc(inventoryLine(result))}</p>
${
  rows.length === 0
    ? '<p class="muted">No files were scanned.</p>'
    : `<div class="table-wrap">
<table class="inventory">
<caption class="vh">Scanned files</caption>
<thead><tr><th scope="col">Path</th><th scope="col">Status</th><th scope="col">Kind</th><th scope="col">Reason</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>`
}
</section>`;
}
