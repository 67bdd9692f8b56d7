// ListTestCaseExecutionRecords: one record per observation reached, in run order, with a JSON
// Record; outcome tags decide where a run fails.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { InvalidParameterException, ResourceNotFoundException } from '@aws-sdk/client-connect';
import { assertHasRequestId, expectServiceError, recordStatuses, runIds, useEmulator } from './support/fixtures.mjs';

const emulator = useEmulator();

/** The observation Identifiers of contentWithObservations(3), in run order. */
const THREE_IDS = ['start', 'step1', 'greeting'];
const EVENT_TYPES = { start: 'TestInitiated', step1: 'MessageReceived', greeting: 'MessageReceived' };

/** A run of a new test case of 3 observations unless `observations` says otherwise; finishedRun waits for its end. */
const startRun = ({ observations = 3, Tags } = {}) => emulator.startRun({ observations, Tags });
const finishedRun = ({ observations = 3, Tags } = {}) => emulator.finishedRun({ observations, Tags });
const listRecords = (run, input) => emulator.listTestCaseExecutionRecords({ ...runIds(run), ...input });

test('a PASSED run of 3 observations has 3 PASSED records in run order', async () => {
  const run = await finishedRun();

  const response = await listRecords(run);

  assertHasRequestId(response);
  assert.equal(run.summary.Status, 'PASSED');
  assert.deepEqual(recordStatuses(response.ExecutionRecords), THREE_IDS.map((id) => [id, 'PASSED']));
  assert.equal(response.NextToken, undefined);
});

test('each record holds an observation id, a status, a timestamp and a Record', async () => {
  const run = await finishedRun();

  const { ExecutionRecords } = await listRecords(run);

  for (const record of ExecutionRecords) {
    assert.deepEqual(Object.keys(record).sort(), ['ObservationId', 'Record', 'Status', 'Timestamp']);
    assert.ok(record.Timestamp instanceof Date, `Timestamp should be a Date, got ${record.Timestamp}`);
    assert.equal(typeof record.Record, 'string');
  }
});

test('record timestamps lie within the run and follow the run order', async () => {
  const run = await finishedRun();

  const { ExecutionRecords } = await listRecords(run);

  const times = ExecutionRecords.map((record) => record.Timestamp.getTime());
  assert.deepEqual(times, [...times].sort((a, b) => a - b), 'timestamps never go back');
  assert.ok(times[0] >= run.summary.StartTime.getTime(), 'the first record is not before StartTime');
  assert.ok(times.at(-1) <= run.summary.EndTime.getTime(), 'the last record is not after EndTime');
});

test('a finished record\'s Record is a JSON object describing the step', async () => {
  const run = await finishedRun();

  const { ExecutionRecords } = await listRecords(run);

  for (const record of ExecutionRecords) {
    const detail = JSON.parse(record.Record);
    assert.equal(typeof detail, 'object');
    assert.ok(detail !== null && !Array.isArray(detail), `Record should be a JSON object: ${record.Record}`);
    assert.equal(detail.observationId, record.ObservationId);
    assert.equal(detail.status, record.Status);
    assert.equal(detail.eventType, EVENT_TYPES[record.ObservationId]);
    assert.equal(typeof detail.startedAt, 'number', `startedAt: ${record.Record}`);
    assert.equal(typeof detail.endedAt, 'number', `endedAt: ${record.Record}`);
    assert.ok(detail.endedAt >= detail.startedAt, `endedAt is not before startedAt: ${record.Record}`);
    assert.ok(Array.isArray(detail.actions), `actions should be an array: ${record.Record}`);
    assert.equal(typeof detail.message, 'string');
    assert.ok(detail.message.length > 0, 'message is not empty');
  }
});

test('a PASSED record lists the types of the actions that ran', async () => {
  const run = await finishedRun();

  const { ExecutionRecords } = await listRecords(run);

  const actions = Object.fromEntries(ExecutionRecords.map((record) => [record.ObservationId, JSON.parse(record.Record).actions]));
  assert.deepEqual(actions, { start: [], step1: [], greeting: ['TestControl'] });
});

test('an IN_PROGRESS record has no endedAt yet', async () => {
  const run = await startRun({ observations: 5 });
  const open = await emulator.waitForRecord(run, 'IN_PROGRESS');

  const detail = JSON.parse(open.Record);

  assert.equal(detail.status, 'IN_PROGRESS');
  assert.equal(detail.observationId, open.ObservationId);
  assert.equal(typeof detail.startedAt, 'number');
  assert.equal(typeof detail.message, 'string');
  assert.equal(detail.endedAt, undefined);
});

test('a run of a test case tagged emulator:outcome=FAILED ends with a FAILED last record', async () => {
  const run = await finishedRun({ Tags: { 'emulator:outcome': 'FAILED' } });

  const { ExecutionRecords } = await listRecords(run);

  assert.equal(run.summary.Status, 'FAILED');
  assert.deepEqual(recordStatuses(ExecutionRecords), [['start', 'PASSED'], ['step1', 'PASSED'], ['greeting', 'FAILED']]);
});

test('a FAILED record says so in its Record', async () => {
  const run = await finishedRun({ Tags: { 'emulator:outcome': 'FAILED' } });

  const { ExecutionRecords } = await listRecords(run);

  const detail = JSON.parse(ExecutionRecords.at(-1).Record);
  assert.equal(detail.status, 'FAILED');
  assert.equal(typeof detail.endedAt, 'number');
  assert.ok(detail.message.length > 0);
});

test('a run tagged emulator:failObservation fails at that observation and reaches no further', async () => {
  const run = await finishedRun({ Tags: { 'emulator:failObservation': 'step1' } });

  const { ExecutionRecords } = await listRecords(run);

  assert.equal(run.summary.Status, 'FAILED');
  assert.deepEqual(recordStatuses(ExecutionRecords), [['start', 'PASSED'], ['step1', 'FAILED']]);
  assert.deepEqual(run.summary.ObservationSummary, { TotalObservations: 3, ObservationsPassed: 1, ObservationsFailed: 1 });
});

test('the Status filter keeps only records in that status', async () => {
  const run = await finishedRun({ Tags: { 'emulator:failObservation': 'step1' } });

  const passed = await listRecords(run, { Status: 'PASSED' });
  const failed = await listRecords(run, { Status: 'FAILED' });

  assert.deepEqual(recordStatuses(passed.ExecutionRecords), [['start', 'PASSED']]);
  assert.deepEqual(recordStatuses(failed.ExecutionRecords), [['step1', 'FAILED']]);
});

test('the Status filter INITIATED returns an empty list', async () => {
  const run = await finishedRun();

  const { ExecutionRecords } = await listRecords(run, { Status: 'INITIATED' });

  assert.deepEqual(ExecutionRecords, []);
});

test('a run that has not reached any observation has an empty list of records', async () => {
  const run = await startRun();

  const { ExecutionRecords } = await listRecords(run);

  // Start answered INITIATED a moment ago; no observation is reached before ~50 ms.
  assert.deepEqual(ExecutionRecords, []);
});

test('paging by hand with MaxResults 1 visits each record once, in run order', async () => {
  const run = await finishedRun();

  const pages = [];
  let NextToken;
  do {
    const page = await listRecords(run, { MaxResults: 1, NextToken });
    pages.push(page);
    NextToken = page.NextToken;
  } while (NextToken && pages.length < 10);

  assert.deepEqual(pages.map((page) => page.ExecutionRecords.length), [1, 1, 1]);
  assert.deepEqual(pages.flatMap((page) => page.ExecutionRecords.map((record) => record.ObservationId)), THREE_IDS);
  assert.equal(pages.at(-1).NextToken, undefined);
});

test('a records NextToken used with another Status filter fails with InvalidParameterException', async () => {
  const run = await finishedRun();
  const first = await listRecords(run, { MaxResults: 1 });

  await expectServiceError(listRecords(run, { MaxResults: 1, Status: 'PASSED', NextToken: first.NextToken }),
    InvalidParameterException, 400);
});

test('a records NextToken from one run used on another run fails with InvalidParameterException', async () => {
  const run = await finishedRun();
  const other = await finishedRun();
  const first = await listRecords(run, { MaxResults: 1 });

  await expectServiceError(listRecords(other, { MaxResults: 1, NextToken: first.NextToken }), InvalidParameterException, 400);
});

for (const MaxResults of [0, 101]) {
  test(`listing records with MaxResults ${MaxResults} fails with InvalidParameterException`, async () => {
    const run = await finishedRun({ observations: 1 });

    await expectServiceError(listRecords(run, { MaxResults }), InvalidParameterException, 400);
  });
}

test('the records of an unknown execution fail with ResourceNotFoundException', async () => {
  const { TestCaseId } = await emulator.createTestCase({ observations: 3 });

  await expectServiceError(listRecords({ TestCaseId, TestCaseExecutionId: randomUUID() }),
    ResourceNotFoundException, 404);
});

test('the records of an execution cannot be read under another test case id', async () => {
  const run = await finishedRun();
  const { TestCaseId: otherTestCase } = await emulator.createTestCase({ observations: 3 });

  await expectServiceError(listRecords({ ...run, TestCaseId: otherTestCase }), ResourceNotFoundException, 404);
});
