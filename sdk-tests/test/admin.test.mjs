// The admin API under /_emulator/: the effective configuration, the runtime controls (changed without a restart and
// restored after each test), statistics, the clock and reset. Plain JSON with fetch; errors have the AWS shape.
// Reset and the clock affect a whole server, so those tests use a server of this file's own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResourceNotFoundException, ServiceQuotaExceededException } from '@aws-sdk/client-connect';
import {
  SLOW_TAGS, assertAwsError, expectServiceError, uniqueName, useEmulator, waitForStatus, waitForTerminal,
} from './support/fixtures.mjs';

const emulator = useEmulator();
const isolated = useEmulator({ env: {} });

// --- configuration and controls -------------------------------------------------------------------------------

test('GET /_emulator/config shows the profile aws and the effective values of its keys', async () => {
  const config = await emulator.admin('GET', '/_emulator/config');

  assert.equal(config.profile, 'aws');
  assert.equal(String(config.values['quota.maxRunningPerInstance']), '5');
  assert.equal(String(config.values['quota.maxQueuedPerInstance']), '100');
  assert.equal(String(config.values['timing.maxRunMillis']), '300000');
  assert.equal(String(config.values['admin.enabled']), 'true');
});

test('GET /_emulator/controls lists the runtime controls and the profile, and no start-only keys', async () => {
  const controls = await emulator.admin('GET', '/_emulator/controls');

  for (const key of ['profile', 'quota.maxRunningPerInstance', 'quota.maxQueuedPerInstance', 'timing.mode',
    'timing.observationMillis', 'throttle.requestsPerSecond', 'faults.probability', 'outcome.failureRatio']) {
    assert.ok(key in controls, `${key} is a runtime control: ${JSON.stringify(controls)}`);
  }
  for (const key of ['http.port', 'owners.count', 'ids.seed', 'seed.file', 'admin.enabled']) {
    assert.ok(!(key in controls), `${key} is not a runtime control`);
  }
});

test('PUT /_emulator/controls answers the new values and GET shows them', async (t) => {
  const answered = await emulator.withControls(t, { 'quota.maxQueuedPerInstance': 42 });

  const shown = await emulator.admin('GET', '/_emulator/controls');

  assert.equal(String(answered['quota.maxQueuedPerInstance']), '42');
  assert.equal(String(shown['quota.maxQueuedPerInstance']), '42');
});

test('after PUT quota.maxQueuedPerInstance 2 the 3rd start on a fresh instance gets ServiceQuotaExceededException (402)', async (t) => {
  await emulator.withControls(t, { 'quota.maxQueuedPerInstance': 2 });
  const runner = await emulator.runner(t, { Tags: SLOW_TAGS });
  const runs = await runner.startMany(2);

  await expectServiceError(runner.start(), ServiceQuotaExceededException, 402);

  assert.deepEqual(runs.map((run) => run.started.Status), ['INITIATED', 'INITIATED']);
});

test('raising quota.maxRunningPerInstance at runtime lets a waiting run start', async (t) => {
  await emulator.withControls(t, { 'quota.maxRunningPerInstance': 1 });
  const runner = await emulator.runner(t, { Tags: SLOW_TAGS });
  const runs = await runner.startMany(2);
  await waitForStatus(emulator.client, runs[0], ['IN_PROGRESS']);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const waiting = await emulator.summaryOf(runs[1]);

  await emulator.admin('PUT', '/_emulator/controls', { 'quota.maxRunningPerInstance': 2 });

  assert.equal(waiting.Status, 'INITIATED', 'the second run waits while one may run');
  await waitForStatus(emulator.client, runs[1], ['IN_PROGRESS'], { timeoutMs: 1_000 });
});

test('setting timing.mode immediate at runtime makes new runs end at Start', async (t) => {
  await emulator.withControls(t, { 'timing.mode': 'immediate' });

  const run = await emulator.instance().startRun();
  const summary = await emulator.summaryOf(run);

  assert.equal(summary.Status, 'PASSED');
});

test('PUT /_emulator/controls with an unknown key fails with InvalidParameterException (400)', async () => {
  const before = await emulator.admin('GET', '/_emulator/controls');

  const response = await emulator.request('PUT', '/_emulator/controls', { body: { 'quota.noSuchKey': 1 } });

  assertAwsError(response, 400, 'InvalidParameterException');
  assert.deepEqual(await emulator.admin('GET', '/_emulator/controls'), before, 'nothing changed');
});

test('PUT /_emulator/controls with a key that needs a restart fails with InvalidParameterException (400)', async () => {
  const response = await emulator.request('PUT', '/_emulator/controls', { body: { 'http.port': 1234 } });

  assertAwsError(response, 400, 'InvalidParameterException');
});

test('PUT /_emulator/controls with an invalid value fails with InvalidParameterException and changes nothing', async () => {
  const before = await emulator.admin('GET', '/_emulator/controls');

  const response = await emulator.request('PUT', '/_emulator/controls',
    { body: { 'quota.maxRunningPerInstance': 7, 'quota.maxQueuedPerInstance': 'many' } });

  assertAwsError(response, 400, 'InvalidParameterException');
  assert.deepEqual(await emulator.admin('GET', '/_emulator/controls'), before, 'no key of the request was applied');
});

test('PUT /_emulator/controls with a body that is not a JSON object fails with InvalidParameterException', async () => {
  const response = await emulator.request('PUT', '/_emulator/controls', { body: '[1, 2]' });

  assertAwsError(response, 400, 'InvalidParameterException');
});

// --- statistics ---------------------------------------------------------------------------------------------------

test('GET /_emulator/stats counts an instance\'s test cases and executions by status', async () => {
  const instance = emulator.instance();
  const { TestCaseId: passing } = await instance.createTestCase();
  const { TestCaseId: failing } = await instance.createTestCase({ Tags: { 'emulator:outcome': 'FAILED' } });
  await instance.createTestCase();
  const runs = [await instance.start(passing), await instance.start(passing), await instance.start(failing)];
  for (const run of runs) await waitForTerminal(emulator.client, run);

  const stats = await emulator.admin('GET', '/_emulator/stats');

  const counts = stats.instances?.[instance.instanceId];
  assert.ok(counts, `stats has the instance: ${JSON.stringify(stats).slice(0, 500)}`);
  assert.equal(counts.testCases, 3);
  assert.deepEqual(counts.executions, { FAILED: 1, PASSED: 2 });
  assert.equal(counts.running, 0);
});

test('GET /_emulator/stats shows the running and waiting runs of an instance', async (t) => {
  const runner = await emulator.runner(t, { Tags: SLOW_TAGS });
  const runs = await runner.startMany(7);
  await waitForStatus(emulator.client, runs[4], ['IN_PROGRESS']);

  const instance = (await emulator.admin('GET', '/_emulator/stats')).instances[runner.InstanceId];

  t.diagnostic(`stats of the instance: ${JSON.stringify(instance)}`);
  assert.equal(instance.running, 5);
  assert.deepEqual(instance.executions, { INITIATED: 2, IN_PROGRESS: 5 });
  // "queued" counts the runs the queue quota counts (running ones included) or only the waiting ones.
  assert.ok([2, 7].includes(instance.queued), `queued: ${instance.queued}`);
});

test('GET /_emulator/stats totals agree with the sum over instances', async () => {
  await emulator.instance().createTestCase();

  const stats = await emulator.admin('GET', '/_emulator/stats');

  const instances = Object.values(stats.instances);
  assert.equal(stats.testCases, instances.reduce((sum, instance) => sum + instance.testCases, 0));
  const byStatus = {};
  for (const instance of instances) {
    for (const [status, count] of Object.entries(instance.executions)) byStatus[status] = (byStatus[status] ?? 0) + count;
  }
  assert.deepEqual(stats.executions, byStatus);
});

// --- clock --------------------------------------------------------------------------------------------------------

test('GET /_emulator/clock shows the emulator\'s time', async () => {
  const before = Date.now();
  const clock = await isolated.admin('GET', '/_emulator/clock');

  assert.equal(typeof clock.now, 'number');
  assert.equal(typeof clock.offsetMillis, 'number');
  assert.ok(Math.abs(clock.now - clock.offsetMillis - before) < 2_000,
    `now minus the offset is close to the wall clock: ${JSON.stringify(clock)} vs ${before}`);
});

test('POST /_emulator/clock/advance moves the clock forward by millis', async () => {
  const before = await isolated.admin('GET', '/_emulator/clock');

  const after = await isolated.admin('POST', '/_emulator/clock/advance', { millis: 60_000 });

  assert.equal(after.offsetMillis - before.offsetMillis, 60_000);
  assert.ok(after.now - before.now >= 60_000, `${JSON.stringify(before)} → ${JSON.stringify(after)}`);
});

test('the clock moves StartTime: a run started after an advance starts in the emulator\'s future', async () => {
  const clock = await isolated.admin('POST', '/_emulator/clock/advance', { millis: 3_600_000 });

  const run = await isolated.instance().startRun();
  const summary = await isolated.summaryOf(run);

  const expected = Date.now() + clock.offsetMillis;
  assert.ok(Math.abs(summary.StartTime.getTime() - expected) < 2_000,
    `StartTime ${summary.StartTime.toISOString()} should be near ${new Date(expected).toISOString()}`);
});

test('POST /_emulator/clock/advance with negative millis fails with InvalidParameterException', async () => {
  const response = await isolated.request('POST', '/_emulator/clock/advance', { body: { millis: -1 } });

  assertAwsError(response, 400, 'InvalidParameterException');
});

test('POST /_emulator/clock/advance without millis fails with InvalidParameterException', async () => {
  const response = await isolated.request('POST', '/_emulator/clock/advance', { body: {} });

  assertAwsError(response, 400, 'InvalidParameterException');
});

// --- switching the profile at runtime (on this file's own server) ----------------------------------------------

test('PUT /_emulator/controls {"profile": "loadtest"} applies the loadtest profile\'s quotas and timings', async (t) => {
  const answered = await isolated.withControls(t, { profile: 'loadtest' });

  const config = await isolated.admin('GET', '/_emulator/config');
  assert.equal(config.profile, 'loadtest');
  assert.equal(String(answered.profile), 'loadtest');
  assert.equal(String(answered['quota.maxRunningPerInstance']), '0');
  assert.equal(String(answered['quota.maxQueuedPerInstance']), '0');
  assert.equal(String(answered['timing.initiatedMillis']), '10');
  assert.equal(String(answered['timing.observationMillis']), '20');
});

test('after switching to the loadtest profile at runtime more than 5 runs of an instance go IN_PROGRESS', async (t) => {
  await isolated.withControls(t, { profile: 'loadtest' });
  const runner = await isolated.runner(t, { Tags: SLOW_TAGS });

  const runs = await runner.startMany(7);

  for (const run of runs) await waitForStatus(isolated.client, run, ['IN_PROGRESS'], { timeoutMs: 2_000 });
});

test('switching the profile to loadtest and back to aws at runtime gives back the aws runtime controls', async (t) => {
  const previous = await isolated.admin('GET', '/_emulator/controls');
  assert.equal(previous.profile, 'aws', 'this file\'s own server starts with the default profile');

  await isolated.withControls(t, { profile: 'loadtest' });
  const back = await isolated.admin('PUT', '/_emulator/controls', { profile: 'aws' });

  // A server started with profile aws has timing.initiatedMillis 50 and timing.observationMillis 100.
  assert.deepEqual(back, previous);
});

test('PUT /_emulator/controls with an unknown profile fails with InvalidParameterException and changes nothing', async () => {
  const before = await isolated.admin('GET', '/_emulator/controls');

  const response = await isolated.request('PUT', '/_emulator/controls', { body: { profile: 'no-such-profile' } });

  assertAwsError(response, 400, 'InvalidParameterException');
  assert.deepEqual(await isolated.admin('GET', '/_emulator/controls'), before);
});

// --- reset and unknown paths --------------------------------------------------------------------------------------

test('after POST /_emulator/reset earlier test cases are ResourceNotFoundException', async () => {
  const instance = isolated.instance();
  const { TestCaseId } = await instance.createTestCase();

  await isolated.admin('POST', '/_emulator/reset');

  await expectServiceError(instance.describeTestCase({ TestCaseId }), ResourceNotFoundException, 404);
  const listed = await instance.listTestCases();
  assert.deepEqual(listed.TestCaseSummaryList, []);
});

test('after POST /_emulator/reset earlier executions are ResourceNotFoundException', async () => {
  const run = await isolated.instance().startRun();

  await isolated.admin('POST', '/_emulator/reset');

  await expectServiceError(isolated.summaryOf(run), ResourceNotFoundException, 404);
});

test('after POST /_emulator/reset the stats are empty and a name can be used again', async () => {
  const instance = isolated.instance();
  const Name = uniqueName();
  await instance.createTestCase({ Name });

  await isolated.admin('POST', '/_emulator/reset');

  const stats = await isolated.admin('GET', '/_emulator/stats');
  assert.equal(stats.testCases, 0);
  const again = await instance.createTestCase({ Name });
  assert.equal(again.$metadata.httpStatusCode, 200);
});

test('an unknown path under /_emulator/ fails with UnknownOperationException (404)', async () => {
  const response = await emulator.request('GET', '/_emulator/no-such-call');

  assertAwsError(response, 404, 'UnknownOperationException');
});
