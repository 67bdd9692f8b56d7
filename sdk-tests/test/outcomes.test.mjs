// Outcome control: the reserved tags emulator:outcome and emulator:failObservation decide how a run ends,
// a TIMEOUT run is ended FAILED by the 5-minute cap, and the admin clock drives that cap
// (POST /_emulator/clock/advance). The clock moves every run of a server forward, so the clock tests run on
// a server of this file's own; outcome.failureRatio is a runtime control, changed on that server too.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { pollUntil, recordStatuses, useEmulator, waitForStatus, waitForTerminal } from './support/fixtures.mjs';

const emulator = useEmulator();
// A default-configured server for this file alone: advancing its clock cannot disturb other files' runs.
const isolated = useEmulator({ env: {} });

/** Creates a published test case of `observations` observations with `Tags` in a fresh instance and starts a run. */
const startRun = (server, { observations = 3, Tags } = {}) => server.instance().startRun({ observations, Tags });

/** Waits until the run's records are exactly `expected` ([ObservationId, Status] pairs). */
async function waitForRecords(server, run, expected, timeoutMs = 10_000) {
  const { result } = await pollUntil(() => server.recordsOf(run),
    (records) => JSON.stringify(recordStatuses(records)) === JSON.stringify(expected), {
      timeoutMs,
      failure: (polls) => `records never became ${JSON.stringify(expected)}; `
        + `last: ${JSON.stringify(recordStatuses(polls.at(-1)))}`,
    });
  return result;
}

// --- emulator:outcome=FAILED ---------------------------------------------------------------------------------------

test('a run of a test case tagged outcome FAILED reports FAILED in its summary, records and the executions list', async () => {
  const run = await startRun(emulator, { observations: 3, Tags: { 'emulator:outcome': 'FAILED' } });

  const { summary } = await waitForTerminal(emulator.client, run);
  const records = await emulator.recordsOf(run);
  const { TestCaseExecutions } = await emulator.listTestCaseExecutions({
    InstanceId: run.InstanceId, TestCaseId: run.TestCaseId,
  });

  assert.equal(summary.Status, 'FAILED');
  assert.equal(records.at(-1).Status, 'FAILED', `records: ${JSON.stringify(recordStatuses(records))}`);
  assert.equal(TestCaseExecutions.length, 1);
  assert.equal(TestCaseExecutions[0].TestCaseExecutionStatus, 'FAILED');
});

test('the observation counts of a failed run agree with its records', async () => {
  const run = await startRun(emulator, { observations: 4, Tags: { 'emulator:outcome': 'FAILED' } });

  const { summary } = await waitForTerminal(emulator.client, run);
  const records = await emulator.recordsOf(run);

  const count = (status) => records.filter((record) => record.Status === status).length;
  assert.deepEqual(recordStatuses(records).map(([, status]) => status), ['PASSED', 'PASSED', 'PASSED', 'FAILED']);
  assert.deepEqual(summary.ObservationSummary, {
    TotalObservations: 4, ObservationsPassed: count('PASSED'), ObservationsFailed: count('FAILED'),
  });
});

test('a test case tagged outcome PASSED runs to PASSED', async () => {
  const run = await startRun(emulator, { observations: 2, Tags: { 'emulator:outcome': 'PASSED' } });

  const { summary } = await waitForTerminal(emulator.client, run);

  assert.equal(summary.Status, 'PASSED');
  assert.deepEqual(summary.ObservationSummary, { TotalObservations: 2, ObservationsPassed: 2, ObservationsFailed: 0 });
});

test('an unknown outcome tag value is ignored and the run passes', async () => {
  const run = await startRun(emulator, { observations: 2, Tags: { 'emulator:outcome': 'MAYBE' } });

  const { summary } = await waitForTerminal(emulator.client, run);

  assert.equal(summary.Status, 'PASSED');
});

// --- emulator:failObservation -------------------------------------------------------------------------------------

const FAILED_OBSERVATIONS = {
  'failObservation naming the second observation leaves 2 records, the second FAILED': {
    observations: 4, failObservation: 'step1', records: [['start', 'PASSED'], ['step1', 'FAILED']], passed: 1,
  },
  'failObservation naming the first observation fails the run at its first record': {
    observations: 3, failObservation: 'start', records: [['start', 'FAILED']], passed: 0,
  },
};

for (const [name, { observations, failObservation, records: expected, passed }] of Object.entries(FAILED_OBSERVATIONS)) {
  test(name, async () => {
    const run = await startRun(emulator, { observations, Tags: { 'emulator:failObservation': failObservation } });

    const { summary } = await waitForTerminal(emulator.client, run);
    const records = await emulator.recordsOf(run);

    assert.equal(summary.Status, 'FAILED');
    assert.deepEqual(recordStatuses(records), expected);
    assert.deepEqual(summary.ObservationSummary,
      { TotalObservations: observations, ObservationsPassed: passed, ObservationsFailed: 1 });
  });
}

// README: reserved tags with values the emulator does not know are ignored.
test('failObservation naming no observation of the content is ignored and the run passes', async () => {
  const run = await startRun(emulator, { observations: 2, Tags: { 'emulator:failObservation': 'nowhere' } });

  const { summary } = await waitForTerminal(emulator.client, run);

  assert.equal(summary.Status, 'PASSED');
});

// --- emulator:outcome=TIMEOUT and the clock -------------------------------------------------------------------------

test('a run tagged outcome TIMEOUT stays IN_PROGRESS at its last observation', async () => {
  const run = await startRun(emulator, { observations: 2, Tags: { 'emulator:outcome': 'TIMEOUT' } });

  await waitForRecords(emulator, run, [['start', 'PASSED'], ['greeting', 'IN_PROGRESS']]);
  await sleep(500); // five observation times (100 ms each): a matching observation would have passed by now

  const summary = await emulator.summaryOf(run);
  const records = await emulator.recordsOf(run);
  assert.equal(summary.Status, 'IN_PROGRESS');
  assert.equal(summary.EndTime, undefined);
  assert.deepEqual(recordStatuses(records), [['start', 'PASSED'], ['greeting', 'IN_PROGRESS']]);
});

test('advancing the clock 5 minutes ends a TIMEOUT run FAILED at the time cap', async (t) => {
  const run = await startRun(isolated, { observations: 2, Tags: { 'emulator:outcome': 'TIMEOUT' } });
  await waitForRecords(isolated, run, [['start', 'PASSED'], ['greeting', 'IN_PROGRESS']]);

  const clock = await isolated.admin('POST', '/_emulator/clock/advance', { millis: 300_000 });

  const summary = await waitForStatus(isolated.client, run, ['FAILED', 'PASSED', 'STOPPED'], { timeoutMs: 5_000 });
  const records = await isolated.recordsOf(run);
  assert.ok(clock.offsetMillis >= 300_000, `clock offset after the advance: ${JSON.stringify(clock)}`);
  assert.equal(summary.Status, 'FAILED');
  assert.deepEqual(recordStatuses(records), [['start', 'PASSED'], ['greeting', 'FAILED']]);
  assert.deepEqual(summary.ObservationSummary, { TotalObservations: 2, ObservationsPassed: 1, ObservationsFailed: 1 });
  // The cap counts from IN_PROGRESS, which follows Start after timing.initiatedMillis (50 ms).
  const ranFor = summary.EndTime.getTime() - summary.StartTime.getTime();
  t.diagnostic(`EndTime - StartTime = ${ranFor} ms`);
  assert.ok(Math.abs(ranFor - 300_050) <= 1_000, `EndTime - StartTime should be about 300 s, was ${ranFor} ms`);
});

test('the FAILED record of a run ended by the time cap says so in its Record', async () => {
  const run = await startRun(isolated, { observations: 2, Tags: { 'emulator:outcome': 'TIMEOUT' } });
  await waitForRecords(isolated, run, [['start', 'PASSED'], ['greeting', 'IN_PROGRESS']]);

  await isolated.admin('POST', '/_emulator/clock/advance', { millis: 300_000 });

  const records = await waitForRecords(isolated, run, [['start', 'PASSED'], ['greeting', 'FAILED']], 5_000);
  const detail = JSON.parse(records.at(-1).Record);
  assert.equal(detail.status, 'FAILED');
  assert.equal(typeof detail.endedAt, 'number', `endedAt: ${records.at(-1).Record}`);
  assert.equal(typeof detail.message, 'string');
  assert.ok(detail.message.length > 0);
});

test('advancing the clock less than the cap leaves a TIMEOUT run IN_PROGRESS', async () => {
  const run = await startRun(isolated, { observations: 2, Tags: { 'emulator:outcome': 'TIMEOUT' } });
  await waitForRecords(isolated, run, [['start', 'PASSED'], ['greeting', 'IN_PROGRESS']]);

  await isolated.admin('POST', '/_emulator/clock/advance', { millis: 200_000 });

  const summary = await isolated.summaryOf(run);
  assert.equal(summary.Status, 'IN_PROGRESS');
});

test('a normal run that the clock overtakes catches up and PASSES with the times it would have had', async () => {
  const run = await startRun(isolated, { observations: 3, Tags: { 'emulator:observationMillis': '60000' } });
  await waitForStatus(isolated.client, run, ['IN_PROGRESS']);

  await isolated.admin('POST', '/_emulator/clock/advance', { millis: 200_000 });

  const summary = await waitForStatus(isolated.client, run, ['PASSED', 'FAILED', 'STOPPED'], { timeoutMs: 5_000 });
  assert.equal(summary.Status, 'PASSED');
  // 50 ms INITIATED, then 3 observations of 60 s each.
  const ranFor = summary.EndTime.getTime() - summary.StartTime.getTime();
  assert.ok(Math.abs(ranFor - 180_050) <= 1_000, `EndTime - StartTime should be about 180 s, was ${ranFor} ms`);
});

test('with outcome.failureRatio 1 an untagged run fails but a run tagged outcome PASSED passes', async (t) => {
  await isolated.withControls(t, { 'outcome.failureRatio': 1 });

  const untagged = await startRun(isolated, { observations: 2 });
  const tagged = await startRun(isolated, { observations: 2, Tags: { 'emulator:outcome': 'PASSED' } });

  assert.equal((await waitForTerminal(isolated.client, untagged)).summary.Status, 'FAILED');
  assert.equal((await waitForTerminal(isolated.client, tagged)).summary.Status, 'PASSED');
});
