/**
 * The one inline script of the HTML report: the findings filter. It is a constant — no scanned
 * text is ever spliced into it — so its CSP hash is fixed per release; it reads what it filters
 * from the table's data-* attributes and text.
 */
export const FILTER_SCRIPT = `(function () {
  'use strict';
  var bar = document.getElementById('filters');
  var table = document.getElementById('findings-table');
  if (!bar || !table || !table.tBodies[0]) return;
  var text = document.getElementById('filter-text');
  var outcome = document.getElementById('filter-outcome');
  var pillar = document.getElementById('filter-pillar');
  var severity = document.getElementById('filter-severity');
  var reset = document.getElementById('filter-reset');
  var count = document.getElementById('findings-count');
  var empty = document.getElementById('findings-empty');
  // Lower-cased row text once, not on every key stroke.
  var rows = Array.prototype.map.call(table.tBodies[0].rows, function (row) {
    return { row: row, text: row.textContent.replace(/\\s+/g, ' ').toLowerCase() };
  });

  function apply() {
    var terms = text.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var o = outcome.value, p = pillar.value, s = severity.value;
    var shown = 0;
    rows.forEach(function (r) {
      var d = r.row.dataset;
      var match = (!o || d.outcome === o) &&
        (!s || d.severity === s) &&
        (!p || (' ' + d.pillars + ' ').indexOf(' ' + p + ' ') !== -1) &&
        terms.every(function (t) { return r.text.indexOf(t) !== -1; });
      r.row.hidden = !match;
      if (match) shown += 1;
    });
    count.textContent = shown + ' of ' + rows.length + ' findings shown';
    if (rows.length > 0) empty.hidden = shown !== 0;
  }

  text.addEventListener('input', apply);
  [outcome, pillar, severity].forEach(function (el) { el.addEventListener('change', apply); });
  reset.addEventListener('click', function () {
    text.value = '';
    outcome.value = pillar.value = severity.value = '';
    apply();
    text.focus();
  });
  bar.hidden = false;
  // A browser may restore form values on reload; show rows that match them.
  apply();
})();
`;
