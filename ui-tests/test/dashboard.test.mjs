// The dashboard at /_emulator/ui/ in a real headless Chromium: live counts, the load chart, an execution's timeline,
// the controls form, phone width, keyboard use, a clean console and no request leaving the machine; then the same
// page behind admin.token. Each test starts its own emulator from the jar (127.0.0.1, a free port, stopped by PID).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConnectClient, CreateTestCaseCommand, GetTestCaseExecutionSummaryCommand, ListTestCaseExecutionRecordsCommand,
  StartTestCaseExecutionCommand,
} from '@aws-sdk/client-connect';
import { startEmulator } from './support/emulator.mjs';
import { launchBrowser, watchedPage } from './support/browser.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const SCREENSHOTS = fileURLToPath(new URL('../../target/ui-tests/', import.meta.url));
const PASSING_RUNS = 12;
const FAILING_RUNS = 2;

let browser;

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** Calls `check` until it returns a truthy value, or fails naming `what` after `timeoutMs`. */
async function until(what, check, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > deadline) assert.fail(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
    await sleep(50);
  }
}

function content(observations) {
  const ids = Array.from({ length: observations }, (_, i) => `step-${i + 1}`);
  return JSON.stringify({
    Version: '2025-06-21',
    Observations: ids.map((id, i) => ({
      Identifier: id,
      Event: { Type: i === 0 ? 'TestInitiated' : 'MessageReceived' },
      Actions: [],
      ...(i + 1 < ids.length ? { Transitions: { NextObservations: [ids[i + 1]] } } : {}),
    })),
  });
}

async function admin(endpoint, method, path, body, token) {
  const response = await fetch(endpoint + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, errorType: response.headers.get('x-amzn-ErrorType'), text: await response.text() };
}

test('the dashboard follows executions live, draws the load, shows a timeline and changes controls', async (t) => {
  const emulator = await startEmulator();
  t.after(() => emulator.stop());
  const { page, problems, allowFailedResponse } = await watchedPage(browser);
  const connect = new ConnectClient({
    endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const InstanceId = randomUUID();

  await page.goto(`${emulator.endpoint}/_emulator/ui/`);
  await until('the feed is live', async () => (await page.getByTestId('connection').textContent()) === 'live');

  const { TestCaseId: passing } = await connect.send(new CreateTestCaseCommand({
    InstanceId, Name: 'three-steps', Content: content(3) }));
  const { TestCaseId: failing } = await connect.send(new CreateTestCaseCommand({
    InstanceId, Name: 'fails', Content: content(2), Tags: { 'emulator:outcome': 'FAILED' } }));
  const runs = [];
  for (let i = 0; i < PASSING_RUNS; i++) {
    runs.push({ TestCaseId: passing, ...(await connect.send(new StartTestCaseExecutionCommand({ InstanceId, TestCaseId: passing }))) });
  }
  for (let i = 0; i < FAILING_RUNS; i++) {
    runs.push({ TestCaseId: failing, ...(await connect.send(new StartTestCaseExecutionCommand({ InstanceId, TestCaseId: failing }))) });
  }

  // Counts: within 2 s of the last run ending, as the SDK sees it.
  await until('every run ends', async () => {
    for (const run of runs) {
      const { Status } = await connect.send(new GetTestCaseExecutionSummaryCommand({ InstanceId, ...run }));
      if (Status === 'INITIATED' || Status === 'IN_PROGRESS') return false;
    }
    return true;
  }, 30_000);
  const ended = Date.now();
  await until('count-PASSED and count-FAILED show every run', async () =>
    (await page.getByTestId('count-PASSED').textContent()) === String(PASSING_RUNS)
      && (await page.getByTestId('count-FAILED').textContent()) === String(FAILING_RUNS), 2_000);
  t.diagnostic(`count-PASSED reached ${PASSING_RUNS} ${Date.now() - ended} ms after the runs ended`);
  assert.equal(await page.getByTestId('count-running').textContent(), '0');
  assert.equal(await page.getByTestId('count-queued').textContent(), '0');

  // The chart: drawn, with the Starts among its series and points above zero.
  const chart = page.getByTestId('load-chart');
  await until('the load chart has points above zero', async () => Number(await chart.getAttribute('data-points')) > 0);
  assert.ok(await chart.locator('canvas').count() >= 1, 'the chart is drawn on a canvas');
  assert.match(await chart.textContent(), /StartTestCaseExecution/);
  assert.match(await page.getByTestId('latency').textContent(), /StartTestCaseExecution/);
  assert.match(await page.getByTestId('instances').textContent(), new RegExp(InstanceId));

  // Executions of the instance; a row chosen with the keyboard shows one bar per record.
  await page.locator('[data-testid=execution-filters] select[name=instanceId]').selectOption(InstanceId);
  await page.locator('[data-testid=execution-filters] button[type=submit]').click();
  const chosen = runs[0];
  const row = page.getByTestId(`execution-${chosen.TestCaseExecutionId}`);
  await until('the run is listed', async () => (await row.count()) === 1);
  const { ExecutionRecords: records } = await connect.send(new ListTestCaseExecutionRecordsCommand({
    InstanceId, TestCaseId: chosen.TestCaseId, TestCaseExecutionId: chosen.TestCaseExecutionId }));
  await row.locator('button').focus();
  await page.keyboard.press('Enter');
  const bars = page.locator('[data-testid=timeline] .timeline-bar');
  await until('one bar per record', async () => (await bars.count()) === records.length);
  assert.equal(records.length, 3);
  assert.equal(await page.locator('[data-testid=timeline] .bar-PASSED').count(), 3);
  assert.match(await page.getByTestId('timeline').textContent(), /Observed event/);

  // Controls: a change applied and read back through the admin API; an invalid value refused with its message.
  const form = page.getByTestId('controls');
  await form.locator('input[name="quota.maxRunningPerInstance"]').fill('7');
  await form.locator('button[type=submit]').click();
  await until('the change is applied', async () => /Applied/.test(await page.getByTestId('controls-status').textContent()));
  assert.equal(JSON.parse((await admin(emulator.endpoint, 'GET', '/_emulator/controls')).text)['quota.maxRunningPerInstance'], '7');

  allowFailedResponse('/_emulator/controls', 400); // Chromium logs the refused PUT's status itself
  await form.locator('input[name="outcome.failureRatio"]').fill('2');
  await form.locator('button[type=submit]').click();
  await until('the refusal is shown', async () => /failureRatio must be between 0.0 and 1.0/.test(
    await page.getByTestId('controls-error').textContent()));
  assert.equal(JSON.parse((await admin(emulator.endpoint, 'GET', '/_emulator/controls')).text)['outcome.failureRatio'], '0');
  await form.locator('button[data-action=revert]').click();

  // Reset waits for a confirmation: cancelled, nothing is forgotten.
  await page.getByTestId('reset').click();
  const dialog = page.getByTestId('confirm');
  assert.ok(await dialog.isVisible(), 'reset asks first');
  await page.keyboard.press('Escape');
  await sleep(1_200);
  assert.equal(await page.getByTestId('count-PASSED').textContent(), String(PASSING_RUNS));
  // The clock moves once confirmed.
  await page.getByTestId('clock-form').locator('input[name=millis]').fill('1000');
  await page.getByTestId('clock-form').locator('button').click();
  await dialog.locator('button[value=confirm]').click();
  await until('the clock moved', async () => /offset 1000 ms/.test(await page.getByTestId('danger-status').textContent()));

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOTS}dashboard.png` });

  // A phone's width: everything fits (tables scroll inside their own box), nothing overflows the page.
  await page.setViewportSize({ width: 390, height: 844 });
  await sleep(1_200);
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  assert.ok(widths.page <= widths.viewport, `no horizontal overflow at 390 px: ${JSON.stringify(widths)}`);
  await page.screenshot({ path: `${SCREENSHOTS}dashboard-phone.png`, fullPage: true });

  // Every control can be reached with the keyboard.
  const unreachable = await page.evaluate(() => [...document.querySelectorAll('main button, main input, main select')]
    .filter((element) => element.tabIndex < 0 || element.disabled).map((element) => element.outerHTML));
  assert.deepEqual(unreachable, []);

  await page.close();
  assert.deepEqual(problems, []);
});

test('with admin.token the page asks for the token, and nothing under /_emulator/ui/ answers data without it', async (t) => {
  const token = 's3cret-token';
  const emulator = await startEmulator({ EMULATOR_ADMIN_TOKEN: token });
  t.after(() => emulator.stop());
  const InstanceId = randomUUID();
  const connect = new ConnectClient({
    endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const { TestCaseId } = await connect.send(new CreateTestCaseCommand({ InstanceId, Name: 'secret', Content: content(2) }));
  const { TestCaseExecutionId } = await connect.send(new StartTestCaseExecutionCommand({ InstanceId, TestCaseId }));

  // Plain HTTP: the data paths refuse a missing or wrong token with the AWS error; the page's files hold no data.
  const dataPaths = ['/_emulator/ui/api/feed', `/_emulator/ui/api/executions?instanceId=${InstanceId}`,
    `/_emulator/ui/api/records?instanceId=${InstanceId}&testCaseId=${TestCaseId}&executionId=${TestCaseExecutionId}`,
    '/_emulator/ui/api/nothing-here', '/_emulator/ui/../stats', '/_emulator/stats', '/_emulator/controls'];
  for (const path of dataPaths) {
    for (const given of [undefined, 'wrong']) {
      const reply = await admin(emulator.endpoint, 'GET', path, undefined, given);
      assert.equal(reply.status, 403, `${path} with token ${given}: ${reply.text}`);
      assert.equal(reply.errorType, 'AccessDeniedException');
      assert.ok(!reply.text.includes(InstanceId) && !reply.text.includes(TestCaseId));
    }
  }
  for (const path of ['/_emulator/ui/', '/_emulator/ui/dashboard.js', '/_emulator/ui/dashboard.css',
    '/_emulator/ui/vendor/uPlot.iife.min.js', '/_emulator/ui/vendor/uPlot.min.css', '/_emulator/ui/access']) {
    const reply = await admin(emulator.endpoint, 'GET', path);
    assert.equal(reply.status, 200, path);
    for (const secret of [InstanceId, TestCaseId, TestCaseExecutionId, token]) {
      assert.ok(!reply.text.includes(secret), `${path} shows ${secret} without the token`);
    }
  }
  assert.deepEqual(JSON.parse((await admin(emulator.endpoint, 'GET', '/_emulator/ui/access')).text),
    { tokenRequired: true, tokenAccepted: false });

  // The browser: asked for the token; a wrong one is refused; the right one opens the dashboard.
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${emulator.endpoint}/_emulator/ui/`);
  const tokenForm = page.getByTestId('token-form');
  await until('the token is asked for', () => tokenForm.isVisible());
  assert.equal(await page.locator('main').isVisible(), false, 'nothing shows before the token');
  await tokenForm.locator('input').fill('wrong');
  await tokenForm.locator('button').click();
  await until('a wrong token is refused', async () => /not the admin token/.test(await page.getByTestId('token-error').textContent()));
  await tokenForm.locator('input').fill(token);
  await tokenForm.locator('input').press('Enter');
  await until('the dashboard opens with the token', async () =>
    (await page.getByTestId('connection').textContent()) === 'live'
      && (await page.getByTestId('count-test-cases').textContent()) === '1');
  await page.close();
  assert.deepEqual(problems, []);
});
