// Debian's Chromium, headless, driven by playwright-core. CHROMIUM_PATH names another binary.
// Every page records its console errors, page errors and requests that leave the loopback address, for the tests
// to assert on: the dashboard must work offline and keep its console clean.

import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'];

export async function launchBrowser() {
  const executablePath = CANDIDATES.find((path) => path && existsSync(path));
  if (!executablePath) {
    throw new Error('No Chromium found: install Debian\'s chromium (apt-get install chromium) or set CHROMIUM_PATH.');
  }
  return chromium.launch({ executablePath, headless: true });
}

/**
 * A page that collects what must not happen: `problems` lists console errors, uncaught page errors and requests to
 * any host but 127.0.0.1. `allowFailedResponse(urlSuffix, status)` allows the one console line Chromium itself
 * logs for a response the test provokes on purpose ("Failed to load resource: ... status of 400"), once.
 */
export async function watchedPage(browser, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = [];
  const allowed = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    const url = message.location().url || '';
    const index = allowed.findIndex((allow) => url.endsWith(allow.suffix)
      && text === `Failed to load resource: the server responded with a status of ${allow.status} (${allow.reason})`);
    if (index >= 0) {
      allowed.splice(index, 1);
      return;
    }
    problems.push(`console error: ${text} (${url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.hostname !== '127.0.0.1') problems.push(`request off the machine: ${request.url()}`);
  });
  const reasons = { 400: 'Bad Request', 403: 'Forbidden' };
  return {
    page,
    context,
    problems,
    allowFailedResponse(suffix, status) {
      allowed.push({ suffix, status, reason: reasons[status] });
    },
  };
}
