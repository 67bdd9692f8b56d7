// Profiles: `loadtest` drops the quotas, speeds the runs up (10 ms to IN_PROGRESS, 20 ms per observation) and keeps
// up to a million finished runs for 10 minutes; every key a profile sets can still be overridden, and an invalid
// value stops the start. Servers of this file's own, started with EMULATOR_PROFILE=loadtest.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ServiceQuotaExceededException } from '@aws-sdk/client-connect';
import { SLOW_TAGS, expectServiceError, launchEmulator, pollUntil, useEmulator, waitForTerminal } from './support/fixtures.mjs';

const loadtest = useEmulator({ env: { EMULATOR_PROFILE: 'loadtest' } });
const overridden = useEmulator({ env: { EMULATOR_PROFILE: 'loadtest', EMULATOR_QUOTA_MAX_QUEUED_PER_INSTANCE: '3' } });

const config = (server) => server.admin('GET', '/_emulator/config');

test('GET /_emulator/config of a server started with EMULATOR_PROFILE=loadtest shows profile loadtest', async () => {
  const { profile, values } = await config(loadtest);

  assert.equal(profile, 'loadtest');
  assert.equal(String(values.profile), 'loadtest');
});

test('the loadtest profile has no quotas and fast timings', async () => {
  const { values } = await config(loadtest);

  assert.equal(String(values['quota.maxRunningPerInstance']), '0');
  assert.equal(String(values['quota.maxQueuedPerInstance']), '0');
  assert.equal(String(values['timing.initiatedMillis']), '10');
  assert.equal(String(values['timing.observationMillis']), '20');
  assert.equal(String(values['retention.maxFinishedExecutions']), '200000');
  assert.equal(String(values['retention.finishedTtlMillis']), '600000');
});

test('with the loadtest profile 150 starts on one instance are all accepted', async (t) => {
  const runner = await loadtest.runner(t, { Tags: SLOW_TAGS });

  const started = await runner.startMany(150);

  assert.equal(started.length, 150);
  assert.ok(started.every((run) => run.started.Status === 'INITIATED'));
  assert.equal(new Set(started.map((run) => run.TestCaseExecutionId)).size, 150, 'every start is a new execution');
});

test('with the loadtest profile more than 5 runs of one instance are IN_PROGRESS at once', async (t) => {
  const runner = await loadtest.runner(t, { Tags: SLOW_TAGS });
  await runner.startMany(10);

  const listedStatuses = async () => (await loadtest.listTestCaseExecutions({ InstanceId: runner.InstanceId }))
    .TestCaseExecutions.map((execution) => execution.TestCaseExecutionStatus);
  const everyRunInProgress = (statuses) => statuses.every((status) => status === 'IN_PROGRESS');
  const { result: statuses } = await pollUntil(listedStatuses, everyRunInProgress, {
    intervalMs: 20, timeoutMs: 5_000, failure: (polls) => `statuses: ${polls.at(-1).join(', ')}`,
  });
  assert.deepEqual(statuses, Array(10).fill('IN_PROGRESS'));
});

test('a run on the loadtest profile passes within a fraction of a second', async () => {
  const { InstanceId, TestCaseId } = await loadtest.instance().newTestCase({ observations: 3 });

  const startedAt = Date.now();
  const run = await loadtest.start(TestCaseId, { InstanceId });
  const { summary } = await waitForTerminal(loadtest.client, run, { intervalMs: 5 });

  assert.equal(summary.Status, 'PASSED');
  // 10 ms + 3 × 20 ms; the aws profile's timings would take 350 ms.
  const ranFor = summary.EndTime.getTime() - summary.StartTime.getTime();
  assert.ok(ranFor < 300, `EndTime - StartTime: ${ranFor} ms`);
  assert.ok(Date.now() - startedAt < 2_000);
});

test('an environment variable overrides a key the loadtest profile sets', async () => {
  const { profile, values } = await config(overridden);

  assert.equal(profile, 'loadtest');
  assert.equal(String(values['quota.maxQueuedPerInstance']), '3');
  assert.equal(String(values['timing.observationMillis']), '20', 'the profile\'s other keys still apply');
});

test('with the loadtest profile and quota.maxQueuedPerInstance 3 the 4th start gets ServiceQuotaExceededException', async (t) => {
  const runner = await overridden.runner(t, { Tags: SLOW_TAGS });
  await runner.startMany(3);

  await expectServiceError(runner.start(), ServiceQuotaExceededException, 402);
});

// README, Configuration: "Environment beats file beats the profile beats defaults", at runtime too.
test('switching the profile at runtime keeps a key set by an environment variable', async (t) => {
  const switched = await overridden.withControls(t, { profile: 'aws' });

  assert.equal(switched.profile, 'aws');
  assert.equal(String(switched['quota.maxRunningPerInstance']), '5', 'the aws profile\'s own key applies');
  assert.equal(String(switched['quota.maxQueuedPerInstance']), '3', 'the environment still wins');
});

test('an unknown profile stops the server at start with a message', async (t) => {
  const server = launchEmulator({ EMULATOR_PROFILE: 'no-such-profile' });
  t.after(() => server.stop());

  await assert.rejects(server.endpoint, (err) => {
    assert.match(err.message, /exited before listening/);
    const output = err.message.split('--- emulator output so far ---')[1] ?? '';
    assert.match(output, /profile.*no-such-profile/, `the server's output names the problem: ${output}`);
    return true;
  });
});
