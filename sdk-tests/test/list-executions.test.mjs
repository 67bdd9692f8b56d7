// ListTestCaseExecutions: the runs of an instance, newest first, filtered by test case id or name,
// start-time window and status, and paged by hand (the SDK has no paginator for it).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidParameterException } from '@aws-sdk/client-connect';
import {
  assertDateBetween, assertEmptyPage, expectServiceError, instanceArn, newInstanceId, uniqueName, useEmulator,
  waitForTerminal,
} from './support/fixtures.mjs';

// Listing sees a whole instance, so each test uses an instance of its own; the emulator's own instance is for the rest.
const emulator = useEmulator();

const create = async (InstanceId, input) => (await emulator.createTestCase({ ...input, InstanceId })).TestCaseId;

/** Starts a run; waits a few milliseconds afterwards so that runs started one after the other have distinct StartTimes. */
async function start(InstanceId, TestCaseId) {
  const { TestCaseExecutionId } = await emulator.start(TestCaseId, { InstanceId });
  await sleep(5);
  return TestCaseExecutionId;
}

async function finish(InstanceId, TestCaseId, TestCaseExecutionId) {
  return (await waitForTerminal(emulator.client, { InstanceId, TestCaseId, TestCaseExecutionId })).summary;
}

/** Starts `count` runs of one test case in a fresh instance, one after the other, and waits for all to end. */
async function instanceWithRuns(count, createInput = {}) {
  const InstanceId = newInstanceId();
  const TestCaseId = await create(InstanceId, createInput);
  const runs = [];
  for (let i = 0; i < count; i++) runs.push(await start(InstanceId, TestCaseId));
  for (const run of runs) await finish(InstanceId, TestCaseId, run);
  return { InstanceId, TestCaseId, runs };
}

const list = (input) => emulator.listTestCaseExecutions(input);
const listedIds = (response) => response.TestCaseExecutions.map((run) => run.TestCaseExecutionId);

test('an instance without runs lists an empty list', async () => {
  const response = await list({ InstanceId: newInstanceId() });

  assertEmptyPage(response, 'TestCaseExecutions');
});

test('a finished run is listed with its start and end times, ids and status', async () => {
  const InstanceId = newInstanceId();
  const TestCaseId = await create(InstanceId);
  const before = Date.now();
  const TestCaseExecutionId = await start(InstanceId, TestCaseId);
  const after = Date.now();
  const summary = await finish(InstanceId, TestCaseId, TestCaseExecutionId);

  const { TestCaseExecutions } = await list({ InstanceId });

  assert.equal(TestCaseExecutions.length, 1);
  const [run] = TestCaseExecutions;
  assert.deepEqual(Object.keys(run).sort(), ['EndTime', 'StartTime', 'TestCaseExecutionId', 'TestCaseExecutionStatus', 'TestCaseId']);
  assert.equal(run.TestCaseExecutionId, TestCaseExecutionId);
  assert.equal(run.TestCaseId, TestCaseId);
  assert.equal(run.TestCaseExecutionStatus, 'PASSED');
  assertDateBetween(run.StartTime, before, after, 2_000, 'StartTime');
  assert.equal(run.StartTime.getTime(), summary.StartTime.getTime());
  assert.equal(run.EndTime.getTime(), summary.EndTime.getTime());
});

test('a run still going is listed without an EndTime', async () => {
  const InstanceId = newInstanceId();
  const TestCaseId = await create(InstanceId);
  await start(InstanceId, TestCaseId);

  const [run] = (await list({ InstanceId })).TestCaseExecutions;

  assert.ok(['INITIATED', 'IN_PROGRESS'].includes(run.TestCaseExecutionStatus), `status ${run.TestCaseExecutionStatus}`);
  assert.equal(run.EndTime, undefined);
});

test('a run carries the tags of its test case', async () => {
  const Tags = { team: 'qa', env: 'test' };
  const { InstanceId } = await instanceWithRuns(1, { Tags });

  const [run] = (await list({ InstanceId })).TestCaseExecutions;

  assert.deepEqual(run.Tags, Tags);
});

test('a run of a test case without tags has no Tags', async () => {
  const { InstanceId } = await instanceWithRuns(1);

  const [run] = (await list({ InstanceId })).TestCaseExecutions;

  assert.equal(run.Tags, undefined);
});

test('a run keeps the tags its test case had when it started', async () => {
  const InstanceId = newInstanceId();
  const TestCaseId = `tc-${randomUUID()}`;
  await create(InstanceId, { TestCaseId, Tags: { version: 'first' } });
  const firstRun = await start(InstanceId, TestCaseId);
  await finish(InstanceId, TestCaseId, firstRun);
  await emulator.deleteTestCase({ InstanceId, TestCaseId });
  await create(InstanceId, { TestCaseId, Tags: { version: 'second' } });
  const secondRun = await start(InstanceId, TestCaseId);

  const { TestCaseExecutions } = await list({ InstanceId });

  assert.deepEqual(TestCaseExecutions.map((run) => [run.TestCaseExecutionId, run.Tags]),
    [[secondRun, { version: 'second' }], [firstRun, { version: 'first' }]]);
});

test('runs are listed newest first', async () => {
  const { InstanceId, runs } = await instanceWithRuns(4);

  const response = await list({ InstanceId });

  assert.deepEqual(listedIds(response), [...runs].reverse());
  const times = response.TestCaseExecutions.map((run) => run.StartTime.getTime());
  assert.deepEqual(times, [...times].sort((a, b) => b - a), 'StartTime descending');
});

test('runs of every test case in the instance are listed together', async () => {
  const InstanceId = newInstanceId();
  const first = await create(InstanceId);
  const second = await create(InstanceId);
  const firstRun = await start(InstanceId, first);
  const secondRun = await start(InstanceId, second);

  const response = await list({ InstanceId });

  assert.deepEqual(response.TestCaseExecutions.map((run) => [run.TestCaseExecutionId, run.TestCaseId]),
    [[secondRun, second], [firstRun, first]]);
});

test('runs of other instances are not listed', async () => {
  const { InstanceId, runs } = await instanceWithRuns(1);
  await instanceWithRuns(1);

  assert.deepEqual(listedIds(await list({ InstanceId })), runs);
});

test('runs can be listed through the instance ARN', async () => {
  const { InstanceId, runs } = await instanceWithRuns(1);

  assert.deepEqual(listedIds(await list({ InstanceId: instanceArn(InstanceId) })), runs);
});

/** The filters that match one value exactly: a test case created with `createInput(value)` has that value. */
const EXACT_FILTERS = [
  { filter: 'TestCaseId', of: 'test case', newValue: () => `run-${randomUUID()}`, createInput: (TestCaseId) => ({ TestCaseId }) },
  { filter: 'TestCaseName', of: 'name', newValue: () => uniqueName('alpha'), createInput: (Name) => ({ Name }) },
];

for (const { filter, of, newValue, createInput } of EXACT_FILTERS) {
  test(`the ${filter} filter keeps only runs of exactly that ${of}`, async () => {
    const InstanceId = newInstanceId();
    const value = newValue();
    const exact = await create(InstanceId, createInput(value));
    const longer = await create(InstanceId, createInput(`${value}-2`));
    const exactRun = await start(InstanceId, exact);
    await start(InstanceId, longer);

    const response = await list({ InstanceId, [filter]: value });

    assert.deepEqual(listedIds(response), [exactRun]);
  });
}

test('the TestCaseName filter matches the name a run started under, not a later one', async () => {
  const InstanceId = newInstanceId();
  const oldName = uniqueName('before rename');
  const newName = uniqueName('after rename');
  const TestCaseId = await create(InstanceId, { Name: oldName });
  const oldRun = await start(InstanceId, TestCaseId);
  await finish(InstanceId, TestCaseId, oldRun);
  await emulator.updateTestCase({ InstanceId, TestCaseId, Name: newName });
  const newRun = await start(InstanceId, TestCaseId);

  assert.deepEqual(listedIds(await list({ InstanceId, TestCaseName: oldName })), [oldRun]);
  assert.deepEqual(listedIds(await list({ InstanceId, TestCaseName: newName })), [newRun]);
});

test('the TestCaseName filter matches the published name that ran, not the name of a draft', async () => {
  const InstanceId = newInstanceId();
  const publishedName = uniqueName('published');
  const draftName = uniqueName('draft');
  const TestCaseId = await create(InstanceId, { Name: publishedName });
  await emulator.updateTestCase({ InstanceId, TestCaseId, Status: 'SAVED', Name: draftName });
  const run = await start(InstanceId, TestCaseId);

  assert.deepEqual(listedIds(await list({ InstanceId, TestCaseName: publishedName })), [run]);
  assert.deepEqual(listedIds(await list({ InstanceId, TestCaseName: draftName })), []);
});

/** Three finished runs in a fresh instance with their StartTimes in epoch ms, oldest first. */
async function threeRuns() {
  const { InstanceId, runs } = await instanceWithRuns(3);
  const listed = (await list({ InstanceId })).TestCaseExecutions.reverse();
  assert.deepEqual(listed.map((run) => run.TestCaseExecutionId), runs);
  return { InstanceId, runs, startTimes: listed.map((run) => run.StartTime.getTime()), listed };
}

test('the StartTime filter keeps runs that started at or after it', async () => {
  const { InstanceId, runs, startTimes } = await threeRuns();

  const response = await list({ InstanceId, StartTime: startTimes[1] });

  assert.deepEqual(listedIds(response), [runs[2], runs[1]]);
});

test('the StartTime filter drops a run that started one millisecond before it', async () => {
  const { InstanceId, runs, startTimes } = await threeRuns();

  const response = await list({ InstanceId, StartTime: startTimes[1] + 1 });

  assert.deepEqual(listedIds(response), [runs[2]]);
});

test('the EndTime filter keeps runs that started before it, excluding a run that started exactly then', async () => {
  const { InstanceId, runs, startTimes } = await threeRuns();

  const response = await list({ InstanceId, EndTime: startTimes[1] });

  assert.deepEqual(listedIds(response), [runs[0]]);
});

test('the EndTime filter keeps a run that started before it even if the run ended after it', async () => {
  const { InstanceId, runs, startTimes, listed } = await threeRuns();
  const EndTime = startTimes[0] + 1;
  assert.ok(listed[0].EndTime.getTime() > EndTime, 'the first run ended after the EndTime filter');

  const response = await list({ InstanceId, EndTime });

  assert.deepEqual(listedIds(response), [runs[0]]);
});

test('StartTime and EndTime together keep the runs that started inside the window', async () => {
  const { InstanceId, runs, startTimes } = await threeRuns();

  const response = await list({ InstanceId, StartTime: startTimes[1], EndTime: startTimes[2] });

  assert.deepEqual(listedIds(response), [runs[1]]);
});

test('the Status filter keeps only runs in that status', async () => {
  const InstanceId = newInstanceId();
  const passing = await create(InstanceId);
  const failing = await create(InstanceId, { Tags: { 'emulator:outcome': 'FAILED' } });
  const passedRun = await start(InstanceId, passing);
  const failedRun = await start(InstanceId, failing);
  const stoppedRun = await start(InstanceId, passing);
  await emulator.stopTestCaseExecution({ InstanceId, TestCaseId: passing, TestCaseExecutionId: stoppedRun });
  await finish(InstanceId, passing, passedRun);
  await finish(InstanceId, failing, failedRun);

  assert.deepEqual(listedIds(await list({ InstanceId, Status: 'FAILED' })), [failedRun]);
  assert.deepEqual(listedIds(await list({ InstanceId, Status: 'PASSED' })), [passedRun]);
  assert.deepEqual(listedIds(await list({ InstanceId, Status: 'STOPPED' })), [stoppedRun]);
  assert.deepEqual(listedIds(await list({ InstanceId, Status: 'IN_PROGRESS' })), []);
});

test('filters combine with AND', async () => {
  const InstanceId = newInstanceId();
  const first = await create(InstanceId);
  const second = await create(InstanceId);
  const stoppedFirst = await start(InstanceId, first);
  await emulator.stopTestCaseExecution({ InstanceId, TestCaseId: first, TestCaseExecutionId: stoppedFirst });
  const passedFirst = await start(InstanceId, first);
  const stoppedSecond = await start(InstanceId, second);
  await emulator.stopTestCaseExecution({ InstanceId, TestCaseId: second, TestCaseExecutionId: stoppedSecond });
  await finish(InstanceId, first, passedFirst);

  const response = await list({ InstanceId, TestCaseId: first, Status: 'STOPPED' });

  assert.deepEqual(listedIds(response), [stoppedFirst]);
});

test('paging by hand with MaxResults 2 visits each of 5 runs once, newest first', async () => {
  const { InstanceId, runs } = await instanceWithRuns(5);

  const pages = [];
  let NextToken;
  do {
    const page = await list({ InstanceId, MaxResults: 2, NextToken });
    pages.push(page);
    NextToken = page.NextToken;
  } while (NextToken && pages.length < 10);

  assert.deepEqual(pages.map((page) => page.TestCaseExecutions.length), [2, 2, 1]);
  assert.deepEqual(pages.flatMap(listedIds), [...runs].reverse());
  assert.equal(pages.at(-1).NextToken, undefined);
});

test('paging by hand works with filters', async () => {
  const InstanceId = newInstanceId();
  const wanted = await create(InstanceId);
  const other = await create(InstanceId);
  const wantedRuns = [];
  for (let i = 0; i < 3; i++) {
    wantedRuns.push(await start(InstanceId, wanted));
    await start(InstanceId, other);
  }

  const first = await list({ InstanceId, TestCaseId: wanted, MaxResults: 2 });
  const second = await list({ InstanceId, TestCaseId: wanted, MaxResults: 2, NextToken: first.NextToken });

  assert.deepEqual([...listedIds(first), ...listedIds(second)], [...wantedRuns].reverse());
  assert.equal(second.NextToken, undefined);
});

test('a NextToken still works when MaxResults changes between pages', async () => {
  const { InstanceId, runs } = await instanceWithRuns(5);

  const first = await list({ InstanceId, MaxResults: 2 });
  const rest = await list({ InstanceId, MaxResults: 3, NextToken: first.NextToken });

  assert.deepEqual([...listedIds(first), ...listedIds(rest)], [...runs].reverse());
  assert.equal(rest.NextToken, undefined);
});

test('a NextToken reused with different filters fails with InvalidParameterException', async () => {
  const { InstanceId, TestCaseId } = await instanceWithRuns(3);
  const first = await list({ InstanceId, TestCaseId, MaxResults: 2 });

  await expectServiceError(list({ InstanceId, Status: 'PASSED', MaxResults: 2, NextToken: first.NextToken }),
    InvalidParameterException, 400);
});

test('a NextToken reused without the filters it was made with fails with InvalidParameterException', async () => {
  const { InstanceId, TestCaseId } = await instanceWithRuns(3);
  const first = await list({ InstanceId, TestCaseId, MaxResults: 2 });

  await expectServiceError(list({ InstanceId, MaxResults: 2, NextToken: first.NextToken }), InvalidParameterException, 400);
});

test('a garbage NextToken fails with InvalidParameterException', async () => {
  await expectServiceError(list({ NextToken: 'abc' }), InvalidParameterException, 400);
});

test('MaxResults 100 is accepted', async () => {
  const { InstanceId, runs } = await instanceWithRuns(1);

  assert.deepEqual(listedIds(await list({ InstanceId, MaxResults: 100 })), runs);
});

for (const MaxResults of [0, 101]) {
  test(`listing runs with MaxResults ${MaxResults} fails with InvalidParameterException`, async () => {
    await expectServiceError(list({ MaxResults }), InvalidParameterException, 400);
  });
}

test('a negative StartTime filter fails with InvalidParameterException', async () => {
  await expectServiceError(list({ StartTime: -1 }), InvalidParameterException, 400);
});

test('an unknown Status filter fails with InvalidParameterException', async () => {
  await expectServiceError(list({ Status: 'DONE' }), InvalidParameterException, 400);
});
