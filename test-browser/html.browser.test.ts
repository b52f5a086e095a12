/**
 * The HTML report in a real browser (Chromium through playwright-core): it renders without an
 * error and without a single network request, the charts have a size, the filter works, and it
 * reads without JavaScript. Leaves a full-page screenshot in build/screenshots/report.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { scan } from '../src/scan.js';
import { loadRules } from '../src/rules/load-packs.js';
import { estateGraph } from '../src/report/estate-graph.js';
import { formatHtml } from '../src/report/html.js';
import { DEMO, REPO } from '../test/helpers.js';
import { launchChromium, watchPage } from './browser.js';

const { result } = await scan({ roots: [DEMO], rules: loadRules({ extra: [] }), cwd: REPO });
const total = result.findings.length;
const SCREENSHOT = join(REPO, 'build', 'screenshots', 'report.png');

describe('html report in Chromium', () => {
  let browser: Browser;
  let dir: string;
  let url: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ztmm-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, formatHtml(result, { gate: [{ label: '--fail-under 40', ok: true }] }));
    url = pathToFileURL(file).href;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(javaScriptEnabled = true): Promise<{ page: Page; watch: ReturnType<typeof watchPage> }> {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(url, { waitUntil: 'load' });
    return { page, watch };
  }

  const visibleRows = (page: Page) => page.locator('#findings-table tbody tr:visible');
  const counter = (page: Page) => page.locator('#findings-count');

  test('renders with no error and no request but the file itself, charts and tables in place', async () => {
    const { page, watch } = await open();
    try {
      const radar = page.locator('svg.radar');
      const radarBox = await radar.boundingBox();
      assert.ok(radarBox && radarBox.width > 100 && radarBox.height > 100, `radar box ${JSON.stringify(radarBox)}`);
      assert.equal(await radar.locator('line.axis').count(), 8);
      const points = (await radar.locator('polygon.radar-stage').getAttribute('points')) ?? '';
      assert.equal(points.trim().split(/\s+/).length, 8);
      const polygonBox = await radar.locator('polygon.radar-stage').boundingBox();
      assert.ok(polygonBox && polygonBox.width > 0 && polygonBox.height > 0);

      const estate = page.locator('svg.estate');
      const estateBox = await estate.boundingBox();
      assert.ok(estateBox && estateBox.width > 100 && estateBox.height > 50);
      assert.equal(await estate.locator('g.node').count(), estateGraph(result).nodes.length);
      assert.equal(await estate.locator('g.edge').count(), estateGraph(result).edges.length);

      assert.equal(await page.locator('table.heatmap tbody tr').count(), 8);
      assert.equal(await page.locator('#filters').isVisible(), true);
      assert.equal(await visibleRows(page).count(), total);
      assert.equal(await counter(page).textContent(), `${total} of ${total} findings shown`);

      mkdirSync(join(REPO, 'build', 'screenshots'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      assert.ok(statSync(SCREENSHOT).size > 10_000);

      assert.deepEqual(watch.errors, []);
      assert.deepEqual(watch.requests, [url]);
    } finally {
      await page.context().close();
    }
  });

  test('screen readers hear "to" for the roadmap arrow, and the legends are introduced in words', async () => {
    const { page, watch } = await open();
    try {
      const heading = page.locator('#road-identity');
      assert.equal(await heading.count(), 1);
      const snapshot = await heading.ariaSnapshot();
      assert.match(snapshot, /heading "Identity Initial to \w+" \[level=3\]/, snapshot);
      assert.doesNotMatch(snapshot, /→/);
      assert.equal(await page.getByRole('heading', { name: /^Identity Initial to \w+$/ }).count(), 1);
      // The arrow is what the eye sees; the word takes no space on screen.
      assert.equal(await heading.locator('.to').isVisible(), true);
      const word = await heading.locator('.vh').boundingBox();
      assert.ok(word && word.width <= 1 && word.height <= 1, JSON.stringify(word));
      const others = await page.locator('#roadmap ul.others').ariaSnapshot();
      assert.doesNotMatch(others, /→/);

      const estate = await page.locator('#estate').ariaSnapshot();
      assert.match(estate, /Legend of the diagram:[\s\S]*- list:/, estate);
      const matrix = await page.locator('#matrix').ariaSnapshot();
      assert.match(matrix, /Stage colours:[\s\S]*- list:/, matrix);
      assert.deepEqual(watch.errors, []);
    } finally {
      await page.context().close();
    }
  });

  test('the filter narrows the findings and clears back to all', async () => {
    const { page, watch } = await open();
    try {
      const rule = result.findings.find((f) => f.outcome === 'fail')?.ruleId;
      assert.ok(rule);
      await page.locator('#filter-text').fill(rule);
      const byRule = await visibleRows(page).count();
      assert.ok(byRule > 0 && byRule < total, `${byRule} rows for ${rule}`);
      assert.equal(await counter(page).textContent(), `${byRule} of ${total} findings shown`);
      for (const row of await visibleRows(page).all()) assert.equal(await row.getAttribute('data-rule'), rule);

      await page.locator('#filter-text').fill('');
      await page.locator('#filter-outcome').selectOption('fail');
      const fails = result.summary.counts.fail;
      assert.equal(await visibleRows(page).count(), fails);
      assert.equal(await counter(page).textContent(), `${fails} of ${total} findings shown`);
      for (const row of await visibleRows(page).all()) assert.equal(await row.getAttribute('data-outcome'), 'fail');

      // Filters combine; nothing left shows the empty message.
      await page.locator('#filter-text').fill('no finding says this');
      assert.equal(await visibleRows(page).count(), 0);
      assert.equal(await page.locator('#findings-empty').isVisible(), true);

      await page.locator('#filter-pillar').selectOption('identity');
      await page.locator('#filter-reset').click();
      assert.equal(await page.locator('#filter-text').inputValue(), '');
      assert.equal(await page.locator('#filter-outcome').inputValue(), '');
      assert.equal(await visibleRows(page).count(), total);
      assert.equal(await counter(page).textContent(), `${total} of ${total} findings shown`);
      assert.equal(await page.locator('#findings-empty').isVisible(), false);

      await page.locator('#filter-severity').selectOption('high');
      const high = result.findings.filter((f) => f.severity === 'high').length;
      assert.equal(await visibleRows(page).count(), high);

      assert.deepEqual(watch.errors, []);
      assert.deepEqual(watch.requests, [url]);
    } finally {
      await page.context().close();
    }
  });

  test('without JavaScript everything but the filter is there', async () => {
    const { page, watch } = await open(false);
    try {
      assert.equal(await page.locator('#filters').isVisible(), false);
      assert.equal(await visibleRows(page).count(), total);
      assert.equal(await counter(page).textContent(), `${total} of ${total} findings shown`);
      const radarBox = await page.locator('svg.radar').boundingBox();
      assert.ok(radarBox && radarBox.width > 100);
      assert.equal(await page.locator('svg.estate g.node').count(), estateGraph(result).nodes.length);
      assert.deepEqual(watch.errors, []);
      assert.deepEqual(watch.requests, [url]);
    } finally {
      await page.context().close();
    }
  });
});
