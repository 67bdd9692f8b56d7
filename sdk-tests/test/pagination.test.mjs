// Page tokens across the four paged operations: only an unaltered token, used with the operation,
// instance and filters that produced it, is accepted.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  InvalidParameterException,
  ListTestCaseExecutionRecordsCommand,
  ListTestCaseExecutionsCommand,
  ListTestCasesCommand,
  SearchTestCasesCommand,
} from '@aws-sdk/client-connect';
import { expectServiceError, forgeToken, newInstanceId, uniqueName, useEmulator } from './support/fixtures.mjs';

const emulator = useEmulator();

// Shared fixtures: three test cases, and two finished runs of a three-observation test case.
let testCaseIds;
let run;

async function seed() {
  if (testCaseIds) return;
  testCaseIds = [];
  for (let i = 0; i < 3; i++) {
    const { TestCaseId } = await emulator.createTestCase({ Name: uniqueName(`paged ${i}`) });
    testCaseIds.push(TestCaseId);
  }
  const { TestCaseId } = await emulator.createTestCase({ Name: uniqueName('ran'), observations: 3 });
  for (let i = 0; i < 2; i++) {
    const { TestCaseExecutionId } = await emulator.runToEnd(TestCaseId);
    run = { TestCaseId, TestCaseExecutionId };
  }
}

/** A real first-page token of each paged operation, with the input that produced it. */
const FIRST_PAGES = {
  ListTestCases: { Command: ListTestCasesCommand, input: () => ({ MaxResults: 1 }) },
  SearchTestCases: { Command: SearchTestCasesCommand, input: () => ({ MaxResults: 1 }) },
  ListTestCaseExecutions: { Command: ListTestCaseExecutionsCommand, input: () => ({ MaxResults: 1 }) },
  ListTestCaseExecutionRecords: { Command: ListTestCaseExecutionRecordsCommand, input: () => ({ ...run, MaxResults: 1 }) },
};

async function firstToken(operation) {
  await seed();
  const { Command, input } = FIRST_PAGES[operation];
  const page = await emulator.send(Command, input());
  assert.equal(typeof page.NextToken, 'string', `${operation} should return a NextToken on a first page of one item`);
  return page.NextToken;
}

for (const [operation, { Command, input }] of Object.entries(FIRST_PAGES)) {
  test(`${operation} accepts its own NextToken for the next page`, async () => {
    const NextToken = await firstToken(operation);

    const page = await emulator.send(Command, { ...input(), NextToken });

    assert.equal(page.$metadata.httpStatusCode, 200);
  });

  test(`${operation} rejects a NextToken with one character changed with InvalidParameterException`, async () => {
    const NextToken = forgeToken(await firstToken(operation));

    await expectServiceError(emulator.send(Command, { ...input(), NextToken }), InvalidParameterException, 400);
  });

  test(`${operation} rejects a garbage NextToken with InvalidParameterException`, async () => {
    await seed();

    await expectServiceError(emulator.send(Command, { ...input(), NextToken: 'abc' }), InvalidParameterException, 400);
  });
}

test('a NextToken is URL-safe', async () => {
  for (const operation of Object.keys(FIRST_PAGES)) {
    const NextToken = await firstToken(operation);
    assert.match(NextToken, /^[A-Za-z0-9_.~-]+$/, `${operation} token ${NextToken}`);
  }
});

test('a ListTestCases token used on ListTestCaseExecutions fails with InvalidParameterException', async () => {
  const NextToken = await firstToken('ListTestCases');

  await expectServiceError(emulator.send(ListTestCaseExecutionsCommand, { MaxResults: 1, NextToken }),
    InvalidParameterException, 400);
});

test('a ListTestCases token used on SearchTestCases fails with InvalidParameterException', async () => {
  const NextToken = await firstToken('ListTestCases');

  await expectServiceError(emulator.send(SearchTestCasesCommand, { MaxResults: 1, NextToken }), InvalidParameterException, 400);
});

test('a SearchTestCases token used on ListTestCases fails with InvalidParameterException', async () => {
  const NextToken = await firstToken('SearchTestCases');

  await expectServiceError(emulator.send(ListTestCasesCommand, { MaxResults: 1, NextToken }), InvalidParameterException, 400);
});

test('a ListTestCaseExecutions token used on ListTestCaseExecutionRecords fails with InvalidParameterException', async () => {
  const NextToken = await firstToken('ListTestCaseExecutions');

  await expectServiceError(emulator.send(ListTestCaseExecutionRecordsCommand, { ...run, MaxResults: 1, NextToken }),
    InvalidParameterException, 400);
});

test('a ListTestCases token used on another instance fails with InvalidParameterException', async () => {
  const NextToken = await firstToken('ListTestCases');

  await expectServiceError(emulator.send(ListTestCasesCommand, { InstanceId: newInstanceId(), MaxResults: 1, NextToken }),
    InvalidParameterException, 400);
});

test('a SearchTestCases token used with other search criteria fails with InvalidParameterException', async () => {
  const NextToken = await firstToken('SearchTestCases');

  const search = emulator.send(SearchTestCasesCommand, {
    MaxResults: 1, NextToken, SearchCriteria: { StatusCondition: 'PUBLISHED' },
  });

  await expectServiceError(search, InvalidParameterException, 400);
});

test('a SearchTestCases token used with another tag filter fails with InvalidParameterException', async () => {
  const NextToken = await firstToken('SearchTestCases');

  const search = emulator.send(SearchTestCasesCommand, {
    MaxResults: 1, NextToken, SearchFilter: { TagFilter: { TagCondition: { TagKey: 'team', TagValue: 'qa' } } },
  });

  await expectServiceError(search, InvalidParameterException, 400);
});

test('a ListTestCases token still works with another MaxResults', async () => {
  await seed();
  const first = await emulator.send(ListTestCasesCommand, { MaxResults: 1 });

  const rest = await emulator.send(ListTestCasesCommand, { MaxResults: 1000, NextToken: first.NextToken });

  const ids = [...first.TestCaseSummaryList, ...rest.TestCaseSummaryList].map((summary) => summary.Id);
  assert.deepEqual(ids.slice(0, 3), testCaseIds);
  assert.equal(new Set(ids).size, ids.length, 'no test case is listed twice');
  assert.equal(rest.NextToken, undefined);
});

test('a SearchTestCases token still works with another MaxResults', async () => {
  await seed();
  const first = await emulator.send(SearchTestCasesCommand, { MaxResults: 1 });

  const rest = await emulator.send(SearchTestCasesCommand, { MaxResults: 100, NextToken: first.NextToken });

  const ids = [...first.TestCases, ...rest.TestCases].map((testCase) => testCase.Id);
  assert.equal(ids.length, first.ApproximateTotalCount);
  assert.equal(new Set(ids).size, ids.length, 'no test case is found twice');
});

test('a records token still works with another MaxResults', async () => {
  await seed();
  const first = await emulator.send(ListTestCaseExecutionRecordsCommand, { ...run, MaxResults: 1 });

  const rest = await emulator.send(ListTestCaseExecutionRecordsCommand, { ...run, MaxResults: 100, NextToken: first.NextToken });

  assert.deepEqual([...first.ExecutionRecords, ...rest.ExecutionRecords].map((record) => record.ObservationId),
    ['start', 'step1', 'greeting']);
});
