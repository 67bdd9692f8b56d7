// Keeps one dashboard page open in headless Chromium for a while, as a person watching would, then prints what its
// feed carried: `node open-dashboard.mjs http://127.0.0.1:8080 30` prints
// {"seconds":30,"snapshots":30,"feedBytes":31000,...}. Used by bench/dashboard-cost.sh; any page error fails it.

import { launchBrowser, watchedPage } from './test/support/browser.mjs';

const [endpoint, seconds = '30'] = process.argv.slice(2);
if (!endpoint) {
  console.error('usage: node open-dashboard.mjs ENDPOINT [SECONDS]');
  process.exit(2);
}
const browser = await launchBrowser();
try {
  const { page, problems } = await watchedPage(browser);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  let feedRequest;
  let feedBytes = 0;
  cdp.on('Network.requestWillBeSent', (event) => {
    if (event.request.url.endsWith('/_emulator/ui/api/feed')) feedRequest = event.requestId;
  });
  cdp.on('Network.dataReceived', (event) => {
    if (event.requestId === feedRequest) feedBytes += event.dataLength;
  });
  await page.goto(`${endpoint}/_emulator/ui/`);
  const from = Date.now();
  await page.waitForTimeout(Number(seconds) * 1000);
  const elapsed = (Date.now() - from) / 1000;
  const snapshots = Number(await page.getByTestId('connection').getAttribute('data-snapshots'));
  console.log(JSON.stringify({
    seconds: elapsed,
    snapshots,
    snapshotsPerSecond: Math.round((snapshots / elapsed) * 100) / 100,
    feedBytes,
    feedBytesPerSecond: Math.round(feedBytes / elapsed),
    problems,
  }));
  if (problems.length) process.exitCode = 1;
} finally {
  await browser.close();
}
