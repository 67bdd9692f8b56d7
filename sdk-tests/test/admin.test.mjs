// The admin API under /_emulator/: the effective configuration, the runtime controls (changed without a restart and
// restored after each test), statistics, the clock and reset. Plain JSON with fetch; errors have the AWS shape.
// Reset and the clock affect a whole server, so those tests use a server of this file's own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTestCaseCommand,
  DescribeTestCaseCommand,
  GetTestCaseExecutionSummaryCommand,
  ListTestCasesCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  StartTestCaseExecutionCommand,
  StopTestCaseExecutionCommand,
} from '@aws-sdk/client-connect';
import { useEmulator } from './support/emulator.mjs';
import {
  contentWithObservations,
  expectServiceError,
  newInstanceId,
  uniqueName,
  waitForStatus,
  waitForTerminal,
} from './support/fixtures.mjs';

const emulator = useEmulator();
const isolated = useEmulator({ env: {} });

const SLOW = { 'emulator:observationMillis': '60000' };

/** Sends an admin call and expects 200 with a JSON body; returns the body. */
async function admin(server, method, path, body) {
  const response = await server.request(method, path, { body });
  assert.equal(response.status, 200, `${method} ${path}: ${response.text}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json\b/, 'content-type');
  assert.ok(response.json, `${method} ${path} answers JSON: ${response.text}`);
  return response.json;
}

/** Changes runtime controls for the rest of the test `t`; the previous values come back when it ends. */
async function withControls(t, server, changes) {
  const previous = await admin(server, 'GET', '/_emulator/controls');
  t.after(async () => {
    const restore = Object.fromEntries(Object.keys(changes).map((key) => [key, previous[key]]));
    const response = await server.request('PUT', '/_emulator/controls', { body: restore });
    assert.equal(response.status, 200, `restoring ${JSON.stringify(restore)}: ${response.text}`);
  });
  return admin(server, 'PUT', '/_emulator/controls', changes);
}

/** Asserts a response is an AWS-shaped error of the given type. */
function assertAwsError(response, status, errorType) {
  assert.equal(response.status, status, `HTTP status; body: ${response.text}`);
  assert.equal(response.headers.get('x-amzn-errortype'), errorType);
  assert.ok(response.headers.get('x-amzn-requestid'), 'x-amzn-requestid is set');
  assert.equal(typeof response.json?.message, 'string', `body: ${response.text}`);
  assert.ok(response.json.message.length > 0, 'the message is not empty');
}

async function createTestCase(server, InstanceId, { observations = 2, Tags } = {}) {
  const { TestCaseId } = await server.client.send(new CreateTestCaseCommand({
    InstanceId, Name: uniqueName(), Content: contentWithObservations(observations), Tags,
  }));
  return { InstanceId, TestCaseId };
}

async function start(server, ids) {
  const { TestCaseExecutionId, Status } = await server.client.send(new StartTestCaseExecutionCommand(ids));
  return { ...ids, TestCaseExecutionId, Status };
}

/** Stops every run in `runs` when the test `t` ends (slow runs would otherwise hold their slots). */
function stopAfter(t, server, runs) {
  t.after(async () => {
    for (const run of runs) {
      const { Status, ...ids } = run;
      await server.client.send(new StopTestCaseExecutionCommand(ids)).catch(() => {});
    }
  });
}

// --- configuration and controls -------------------------------------------------------------------------------

test('GET /_emulator/config shows the profile aws and the effective values of its keys', async () => {
  const config = await admin(emulator, 'GET', '/_emulator/config');

  assert.equal(config.profile, 'aws');
  assert.equal(String(config.values['quota.maxRunningPerInstance']), '5');
  assert.equal(String(config.values['quota.maxQueuedPerInstance']), '100');
  assert.equal(String(config.values['timing.maxRunMillis']), '300000');
  assert.equal(String(config.values['admin.enabled']), 'true');
});

test('GET /_emulator/controls lists the runtime controls and the profile, and no start-only keys', async () => {
  const controls = await admin(emulator, 'GET', '/_emulator/controls');

  for (const key of ['profile', 'quota.maxRunningPerInstance', 'quota.maxQueuedPerInstance', 'timing.mode',
    'timing.observationMillis', 'throttle.requestsPerSecond', 'faults.probability', 'outcome.failureRatio']) {
    assert.ok(key in controls, `${key} is a runtime control: ${JSON.stringify(controls)}`);
  }
  for (const key of ['http.port', 'owners.count', 'ids.seed', 'seed.file', 'admin.enabled']) {
    assert.ok(!(key in controls), `${key} is not a runtime control`);
  }
});

test('PUT /_emulator/controls answers the new values and GET shows them', async (t) => {
  const answered = await withControls(t, emulator, { 'quota.maxQueuedPerInstance': 42 });

  const shown = await admin(emulator, 'GET', '/_emulator/controls');

  assert.equal(String(answered['quota.maxQueuedPerInstance']), '42');
  assert.equal(String(shown['quota.maxQueuedPerInstance']), '42');
});

test('after PUT quota.maxQueuedPerInstance 2 the 3rd start on a fresh instance gets ServiceQuotaExceededException (402)', async (t) => {
  await withControls(t, emulator, { 'quota.maxQueuedPerInstance': 2 });
  const ids = await createTestCase(emulator, newInstanceId(), { Tags: SLOW });
  const runs = [];
  stopAfter(t, emulator, runs);
  runs.push(await start(emulator, ids), await start(emulator, ids));

  await expectServiceError(emulator.client.send(new StartTestCaseExecutionCommand(ids)), ServiceQuotaExceededException, 402);

  assert.deepEqual(runs.map((run) => run.Status), ['INITIATED', 'INITIATED']);
});

test('raising quota.maxRunningPerInstance at runtime lets a waiting run start', async (t) => {
  await withControls(t, emulator, { 'quota.maxRunningPerInstance': 1 });
  const ids = await createTestCase(emulator, newInstanceId(), { Tags: SLOW });
  const runs = [];
  stopAfter(t, emulator, runs);
  runs.push(await start(emulator, ids), await start(emulator, ids));
  await waitForStatus(emulator.client, runs[0], ['IN_PROGRESS']);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const waiting = await emulator.client.send(new GetTestCaseExecutionSummaryCommand(runs[1]));

  await admin(emulator, 'PUT', '/_emulator/controls', { 'quota.maxRunningPerInstance': 2 });

  assert.equal(waiting.Status, 'INITIATED', 'the second run waits while one may run');
  await waitForStatus(emulator.client, runs[1], ['IN_PROGRESS'], { timeoutMs: 1_000 });
});

test('setting timing.mode immediate at runtime makes new runs end at Start', async (t) => {
  await withControls(t, emulator, { 'timing.mode': 'immediate' });
  const ids = await createTestCase(emulator, newInstanceId());

  const run = await start(emulator, ids);
  const summary = await emulator.client.send(new GetTestCaseExecutionSummaryCommand(run));

  assert.equal(summary.Status, 'PASSED');
});

test('PUT /_emulator/controls with an unknown key fails with InvalidParameterException (400)', async () => {
  const before = await admin(emulator, 'GET', '/_emulator/controls');

  const response = await emulator.request('PUT', '/_emulator/controls', { body: { 'quota.noSuchKey': 1 } });

  assertAwsError(response, 400, 'InvalidParameterException');
  assert.deepEqual(await admin(emulator, 'GET', '/_emulator/controls'), before, 'nothing changed');
});

test('PUT /_emulator/controls with a key that needs a restart fails with InvalidParameterException (400)', async () => {
  const response = await emulator.request('PUT', '/_emulator/controls', { body: { 'http.port': 1234 } });

  assertAwsError(response, 400, 'InvalidParameterException');
});

test('PUT /_emulator/controls with an invalid value fails with InvalidParameterException and changes nothing', async () => {
  const before = await admin(emulator, 'GET', '/_emulator/controls');

  const response = await emulator.request('PUT', '/_emulator/controls',
    { body: { 'quota.maxRunningPerInstance': 7, 'quota.maxQueuedPerInstance': 'many' } });

  assertAwsError(response, 400, 'InvalidParameterException');
  assert.deepEqual(await admin(emulator, 'GET', '/_emulator/controls'), before, 'no key of the request was applied');
});

test('PUT /_emulator/controls with a body that is not a JSON object fails with InvalidParameterException', async () => {
  const response = await emulator.request('PUT', '/_emulator/controls', { body: '[1, 2]' });

  assertAwsError(response, 400, 'InvalidParameterException');
});

// --- statistics ---------------------------------------------------------------------------------------------------

test('GET /_emulator/stats counts an instance\'s test cases and executions by status', async () => {
  const InstanceId = newInstanceId();
  const passing = await createTestCase(emulator, InstanceId);
  const failing = await createTestCase(emulator, InstanceId, { Tags: { 'emulator:outcome': 'FAILED' } });
  await createTestCase(emulator, InstanceId);
  const runs = [await start(emulator, passing), await start(emulator, passing), await start(emulator, failing)];
  for (const run of runs) await waitForTerminal(emulator.client, run);

  const stats = await admin(emulator, 'GET', '/_emulator/stats');

  const instance = stats.instances?.[InstanceId];
  assert.ok(instance, `stats has the instance: ${JSON.stringify(stats).slice(0, 500)}`);
  assert.equal(instance.testCases, 3);
  assert.deepEqual(instance.executions, { FAILED: 1, PASSED: 2 });
  assert.equal(instance.running, 0);
});

test('GET /_emulator/stats shows the running and waiting runs of an instance', async (t) => {
  const InstanceId = newInstanceId();
  const ids = await createTestCase(emulator, InstanceId, { Tags: SLOW });
  const runs = [];
  stopAfter(t, emulator, runs);
  for (let i = 0; i < 7; i++) runs.push(await start(emulator, ids));
  await waitForStatus(emulator.client, runs[4], ['IN_PROGRESS']);

  const instance = (await admin(emulator, 'GET', '/_emulator/stats')).instances[InstanceId];

  t.diagnostic(`stats of the instance: ${JSON.stringify(instance)}`);
  assert.equal(instance.running, 5);
  assert.deepEqual(instance.executions, { INITIATED: 2, IN_PROGRESS: 5 });
  // "queued" counts the runs the queue quota counts (running ones included) or only the waiting ones.
  assert.ok([2, 7].includes(instance.queued), `queued: ${instance.queued}`);
});

test('GET /_emulator/stats totals agree with the sum over instances', async () => {
  const InstanceId = newInstanceId();
  await createTestCase(emulator, InstanceId);

  const stats = await admin(emulator, 'GET', '/_emulator/stats');

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
  const clock = await admin(isolated, 'GET', '/_emulator/clock');

  assert.equal(typeof clock.now, 'number');
  assert.equal(typeof clock.offsetMillis, 'number');
  assert.ok(Math.abs(clock.now - clock.offsetMillis - before) < 2_000,
    `now minus the offset is close to the wall clock: ${JSON.stringify(clock)} vs ${before}`);
});

test('POST /_emulator/clock/advance moves the clock forward by millis', async () => {
  const before = await admin(isolated, 'GET', '/_emulator/clock');

  const after = await admin(isolated, 'POST', '/_emulator/clock/advance', { millis: 60_000 });

  assert.equal(after.offsetMillis - before.offsetMillis, 60_000);
  assert.ok(after.now - before.now >= 60_000, `${JSON.stringify(before)} → ${JSON.stringify(after)}`);
});

test('the clock moves StartTime: a run started after an advance starts in the emulator\'s future', async () => {
  const clock = await admin(isolated, 'POST', '/_emulator/clock/advance', { millis: 3_600_000 });
  const ids = await createTestCase(isolated, newInstanceId());

  const run = await start(isolated, ids);
  const summary = await isolated.client.send(new GetTestCaseExecutionSummaryCommand(run));

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

/** Puts every runtime control of `isolated` back as `previous` (GET /_emulator/controls) had it, profile first. */
async function restoreControls(previous) {
  const response = await isolated.request('PUT', '/_emulator/controls', { body: previous });
  assert.equal(response.status, 200, `restoring the controls: ${response.text}`);
}

test('PUT /_emulator/controls {"profile": "loadtest"} applies the loadtest profile\'s quotas and timings', async (t) => {
  const previous = await admin(isolated, 'GET', '/_emulator/controls');
  t.after(() => restoreControls(previous));

  const answered = await admin(isolated, 'PUT', '/_emulator/controls', { profile: 'loadtest' });

  const config = await admin(isolated, 'GET', '/_emulator/config');
  assert.equal(config.profile, 'loadtest');
  assert.equal(String(answered.profile), 'loadtest');
  assert.equal(String(answered['quota.maxRunningPerInstance']), '0');
  assert.equal(String(answered['quota.maxQueuedPerInstance']), '0');
  assert.equal(String(answered['timing.initiatedMillis']), '10');
  assert.equal(String(answered['timing.observationMillis']), '20');
});

test('after switching to the loadtest profile at runtime more than 5 runs of an instance go IN_PROGRESS', async (t) => {
  const previous = await admin(isolated, 'GET', '/_emulator/controls');
  t.after(() => restoreControls(previous));
  await admin(isolated, 'PUT', '/_emulator/controls', { profile: 'loadtest' });
  const ids = await createTestCase(isolated, newInstanceId(), { Tags: SLOW });
  const runs = [];
  stopAfter(t, isolated, runs);

  for (let i = 0; i < 7; i++) runs.push(await start(isolated, ids));

  for (const run of runs) await waitForStatus(isolated.client, run, ['IN_PROGRESS'], { timeoutMs: 2_000 });
});

test('switching the profile to loadtest and back to aws at runtime gives back the aws runtime controls', async (t) => {
  const previous = await admin(isolated, 'GET', '/_emulator/controls');
  t.after(() => restoreControls(previous));
  assert.equal(previous.profile, 'aws', 'this file\'s own server starts with the default profile');

  await admin(isolated, 'PUT', '/_emulator/controls', { profile: 'loadtest' });
  const back = await admin(isolated, 'PUT', '/_emulator/controls', { profile: 'aws' });

  // A server started with profile aws has timing.initiatedMillis 50 and timing.observationMillis 100.
  assert.deepEqual(back, previous);
});

test('PUT /_emulator/controls with an unknown profile fails with InvalidParameterException and changes nothing', async () => {
  const before = await admin(isolated, 'GET', '/_emulator/controls');

  const response = await isolated.request('PUT', '/_emulator/controls', { body: { profile: 'no-such-profile' } });

  assertAwsError(response, 400, 'InvalidParameterException');
  assert.deepEqual(await admin(isolated, 'GET', '/_emulator/controls'), before);
});

// --- reset and unknown paths --------------------------------------------------------------------------------------

test('after POST /_emulator/reset earlier test cases are ResourceNotFoundException', async () => {
  const ids = await createTestCase(isolated, newInstanceId());

  await admin(isolated, 'POST', '/_emulator/reset');

  await expectServiceError(isolated.client.send(new DescribeTestCaseCommand(ids)), ResourceNotFoundException, 404);
  const listed = await isolated.client.send(new ListTestCasesCommand({ InstanceId: ids.InstanceId }));
  assert.deepEqual(listed.TestCaseSummaryList, []);
});

test('after POST /_emulator/reset earlier executions are ResourceNotFoundException', async () => {
  const ids = await createTestCase(isolated, newInstanceId());
  const run = await start(isolated, ids);

  await admin(isolated, 'POST', '/_emulator/reset');

  const { Status, ...runIds } = run;
  await expectServiceError(isolated.client.send(new GetTestCaseExecutionSummaryCommand(runIds)), ResourceNotFoundException, 404);
});

test('after POST /_emulator/reset the stats are empty and a name can be used again', async () => {
  const InstanceId = newInstanceId();
  const Name = uniqueName();
  await isolated.client.send(new CreateTestCaseCommand({ InstanceId, Name, Content: contentWithObservations(2) }));

  await admin(isolated, 'POST', '/_emulator/reset');

  const stats = await admin(isolated, 'GET', '/_emulator/stats');
  assert.equal(stats.testCases, 0);
  const again = await isolated.client.send(new CreateTestCaseCommand({ InstanceId, Name, Content: contentWithObservations(2) }));
  assert.equal(again.$metadata.httpStatusCode, 200);
});

test('an unknown path under /_emulator/ fails with UnknownOperationException (404)', async () => {
  const response = await emulator.request('GET', '/_emulator/no-such-call');

  assertAwsError(response, 404, 'UnknownOperationException');
});
