/**
 * Launching the system Chromium for the browser tests, and watching a page for anything that
 * went wrong in it: console errors (a CSP violation is one), uncaught exceptions, and requests.
 */
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

/** Nothing that would reach out on its own: no updates, sync, QUIC probes or first-run pages. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface PageWatch {
  errors: string[];
  requests: string[];
}

/** Starts recording before the page loads anything, so the first request is seen too. */
export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { errors: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') watch.errors.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => watch.errors.push(`page error: ${error.message}`));
  page.on('request', (request) => watch.requests.push(request.url()));
  return watch;
}
