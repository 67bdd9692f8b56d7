// Transition modes chosen per test case with the tag emulator:mode: `immediate` runs reach their end at Start,
// `manual` runs move one step per timing.manualPollsPerStep summary polls (1 by default) or per
// POST /_emulator/executions/advance. The advance tests run on a server of this file's own where 1000 polls make a
// step, so that their own polls do not move the runs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { newInstanceId, recordStatuses, useEmulator } from './support/fixtures.mjs';

const emulator = useEmulator();
const pollProof = useEmulator({ env: { EMULATOR_TIMING_MANUAL_POLLS_PER_STEP: '1000' } });

/** Creates a published test case of `observations` (2) observations with `Tags` in a fresh instance and starts a run. */
const startRun = (server, { observations = 2, ...input } = {}) => server.instance().startRun({ observations, ...input });
const advance = (server, body) => server.admin('POST', '/_emulator/executions/advance', body);

// --- immediate --------------------------------------------------------------------------------------------------

test('an immediate-mode run still answers INITIATED at Start', async () => {
  const run = await startRun(emulator, { Tags: { 'emulator:mode': 'immediate' } });

  assert.equal(run.started.Status, 'INITIATED');
});

test('the first summary of an immediate-mode run is already PASSED with an EndTime', async () => {
  const run = await startRun(emulator, { observations: 3, Tags: { 'emulator:mode': 'immediate' } });

  const summary = await emulator.summaryOf(run);

  assert.equal(summary.Status, 'PASSED');
  assert.ok(summary.EndTime instanceof Date, 'EndTime is set');
  assert.deepEqual(summary.ObservationSummary, { TotalObservations: 3, ObservationsPassed: 3, ObservationsFailed: 0 });
});

test('an immediate-mode run has every record at once', async () => {
  const run = await startRun(emulator, { observations: 3, Tags: { 'emulator:mode': 'immediate' } });

  const records = await emulator.recordsOf(run);

  assert.deepEqual(recordStatuses(records), [['start', 'PASSED'], ['step1', 'PASSED'], ['greeting', 'PASSED']]);
});

test('an immediate-mode run tagged outcome FAILED is FAILED at its first summary', async () => {
  const run = await startRun(emulator, { Tags: { 'emulator:mode': 'immediate', 'emulator:outcome': 'FAILED' } });

  const summary = await emulator.summaryOf(run);

  assert.equal(summary.Status, 'FAILED');
});

// --- manual, one poll per step ------------------------------------------------------------------------------------

test('a manual-mode run that nobody polls stays INITIATED', async () => {
  const run = await startRun(emulator, { Tags: { 'emulator:mode': 'manual' } });

  await sleep(400); // the timed run of the same content would be PASSED after ~250 ms
  // Listing does not count as a poll (only GetTestCaseExecutionSummary does).
  const { TestCaseExecutions } = await emulator.listTestCaseExecutions({
    InstanceId: run.InstanceId, TestCaseId: run.TestCaseId,
  });
  const records = await emulator.recordsOf(run);

  assert.equal(run.started.Status, 'INITIATED');
  assert.equal(TestCaseExecutions[0].TestCaseExecutionStatus, 'INITIATED');
  assert.deepEqual(records, [], 'no observation is reached without polls');
});

test('each summary poll moves a manual-mode run one step until PASSED after 1 + observations polls', async () => {
  const observations = 3;
  const run = await startRun(emulator, { observations, Tags: { 'emulator:mode': 'manual' } });

  const seen = [];
  for (let poll = 0; poll < observations + 1; poll++) {
    seen.push((await emulator.summaryOf(run)).Status);
  }

  assert.deepEqual(seen, [...Array(observations).fill('IN_PROGRESS'), 'PASSED']);
});

test('a manual-mode run reaches one more observation per summary poll', async () => {
  const run = await startRun(emulator, { observations: 3, Tags: { 'emulator:mode': 'manual' } });

  const afterPolls = [];
  for (let poll = 0; poll < 4; poll++) {
    await emulator.summaryOf(run);
    afterPolls.push(recordStatuses(await emulator.recordsOf(run)));
  }

  assert.deepEqual(afterPolls, [
    [['start', 'IN_PROGRESS']],
    [['start', 'PASSED'], ['step1', 'IN_PROGRESS']],
    [['start', 'PASSED'], ['step1', 'PASSED'], ['greeting', 'IN_PROGRESS']],
    [['start', 'PASSED'], ['step1', 'PASSED'], ['greeting', 'PASSED']],
  ]);
});

test('listing the records of a manual-mode run does not move it', async () => {
  const run = await startRun(emulator, { Tags: { 'emulator:mode': 'manual' } });

  for (let i = 0; i < 5; i++) await emulator.recordsOf(run);
  const records = await emulator.recordsOf(run);

  assert.deepEqual(records, []);
});

test('a manual-mode run can be stopped between polls', async () => {
  const run = await startRun(emulator, { observations: 3, Tags: { 'emulator:mode': 'manual' } });
  await emulator.summaryOf(run);

  await emulator.stop(run);

  const summary = await emulator.summaryOf(run);
  assert.equal(summary.Status, 'STOPPED');
});

// --- manual, moved by the admin API -------------------------------------------------------------------------------

test('with 1000 polls per step, polling a manual-mode run does not move it', async () => {
  const run = await startRun(pollProof, { Tags: { 'emulator:mode': 'manual' } });

  const seen = [];
  for (let poll = 0; poll < 5; poll++) seen.push((await pollProof.summaryOf(run)).Status);

  assert.deepEqual(seen, Array(5).fill('INITIATED'));
});

test('advancing a manual-mode run 10 steps takes it to PASSED', async () => {
  const run = await startRun(pollProof, { observations: 3, Tags: { 'emulator:mode': 'manual' } });

  const advanced = await advance(pollProof, { executionId: run.TestCaseExecutionId, steps: 10 });

  const summary = await pollProof.summaryOf(run);
  const records = await pollProof.recordsOf(run);
  assert.equal(advanced.runsAdvanced, 1);
  assert.equal(summary.Status, 'PASSED');
  assert.ok(summary.EndTime instanceof Date, 'EndTime is set');
  assert.deepEqual(recordStatuses(records), [['start', 'PASSED'], ['step1', 'PASSED'], ['greeting', 'PASSED']]);
});

test('advancing a manual-mode run one step at a time moves it INITIATED, IN_PROGRESS, then PASSED', async () => {
  const run = await startRun(pollProof, { observations: 2, Tags: { 'emulator:mode': 'manual' } });

  const seen = [(await pollProof.summaryOf(run)).Status];
  for (let step = 0; step < 3; step++) {
    await advance(pollProof, { executionId: run.TestCaseExecutionId });
    seen.push((await pollProof.summaryOf(run)).Status);
  }

  assert.deepEqual(seen, ['INITIATED', 'IN_PROGRESS', 'IN_PROGRESS', 'PASSED']);
});

test('advancing by instance moves every manual-mode run of that instance and no other', async () => {
  const InstanceId = newInstanceId();
  const first = await startRun(pollProof, { InstanceId, Tags: { 'emulator:mode': 'manual' } });
  const second = await startRun(pollProof, { InstanceId, Tags: { 'emulator:mode': 'manual' } });
  const elsewhere = await startRun(pollProof, { Tags: { 'emulator:mode': 'manual' } });

  const advanced = await advance(pollProof, { instanceId: InstanceId, steps: 10 });

  assert.equal(advanced.runsAdvanced, 2);
  assert.equal((await pollProof.summaryOf(first)).Status, 'PASSED');
  assert.equal((await pollProof.summaryOf(second)).Status, 'PASSED');
  assert.equal((await pollProof.summaryOf(elsewhere)).Status, 'INITIATED');
});

test('advancing a finished manual-mode run moves nothing', async () => {
  const run = await startRun(pollProof, { Tags: { 'emulator:mode': 'manual' } });
  await advance(pollProof, { executionId: run.TestCaseExecutionId, steps: 10 });

  const again = await advance(pollProof, { executionId: run.TestCaseExecutionId, steps: 10 });

  assert.equal(again.runsAdvanced, 0);
  assert.equal((await pollProof.summaryOf(run)).Status, 'PASSED');
});

test('a negative step count for executions/advance fails with InvalidParameterException', async () => {
  const response = await pollProof.request('POST', '/_emulator/executions/advance', { body: { steps: -1 } });

  assert.equal(response.status, 400, response.text);
  assert.equal(response.headers.get('x-amzn-errortype'), 'InvalidParameterException');
});
