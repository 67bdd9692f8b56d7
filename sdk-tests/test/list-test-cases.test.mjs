// ListTestCases: one summary per test case in creation order, paged with MaxResults and NextToken.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidParameterException, paginateListTestCases } from '@aws-sdk/client-connect';
import {
  REGION, assertDateBetween, assertEmptyPage, expectServiceError, instanceArn, newInstanceId, testCaseArn, uniqueName,
  useEmulator,
} from './support/fixtures.mjs';

// Listing sees a whole instance, so most tests use one of their own; the emulator's own instance is for the rest.
const emulator = useEmulator();

const create = async (InstanceId, input) => (await emulator.createTestCase({ ...input, InstanceId })).TestCaseId;

/** Creates `count` test cases one after the other in a fresh instance; returns the instance and ids. */
async function instanceWith(count) {
  const InstanceId = newInstanceId();
  const ids = [];
  for (let i = 0; i < count; i++) ids.push(await create(InstanceId, { Name: uniqueName(`case ${i}`) }));
  return { InstanceId, ids };
}

const list = (input) => emulator.listTestCases(input);

test('an instance without test cases lists an empty list', async () => {
  const response = await list({ InstanceId: newInstanceId() });

  assertEmptyPage(response, 'TestCaseSummaryList');
});

test('a summary holds exactly the id, ARN, name, status, last-modified time and region', async () => {
  const InstanceId = newInstanceId();
  const Name = uniqueName('summary');
  const before = Date.now();
  const TestCaseId = await create(InstanceId, { Name, Description: 'not in the summary', Tags: { team: 'qa' } });
  const after = Date.now();

  const { TestCaseSummaryList } = await list({ InstanceId });

  assert.equal(TestCaseSummaryList.length, 1);
  const [summary] = TestCaseSummaryList;
  assert.deepEqual(Object.keys(summary).sort(), ['Arn', 'Id', 'LastModifiedRegion', 'LastModifiedTime', 'Name', 'Status']);
  assert.equal(summary.Id, TestCaseId);
  assert.equal(summary.Arn, testCaseArn(InstanceId, TestCaseId));
  assert.equal(summary.Name, Name);
  assert.equal(summary.Status, 'PUBLISHED');
  assert.equal(summary.LastModifiedRegion, REGION);
  assertDateBetween(summary.LastModifiedTime, before, after, 2_000, 'LastModifiedTime');
});

test('test cases are listed in creation order', async () => {
  const { InstanceId, ids } = await instanceWith(4);

  const { TestCaseSummaryList } = await list({ InstanceId });

  assert.deepEqual(TestCaseSummaryList.map((summary) => summary.Id), ids);
});

test('a draft-only test case is listed as SAVED', async () => {
  const InstanceId = newInstanceId();
  const TestCaseId = await create(InstanceId, { Status: 'SAVED' });

  const { TestCaseSummaryList } = await list({ InstanceId });

  assert.deepEqual(TestCaseSummaryList.map((summary) => [summary.Id, summary.Status]), [[TestCaseId, 'SAVED']]);
});

test('a test case with a published version and a draft is listed once, as its published version', async () => {
  const InstanceId = newInstanceId();
  const publishedName = uniqueName('published');
  const TestCaseId = await create(InstanceId, { Name: publishedName });
  await emulator.updateTestCase({ InstanceId, TestCaseId, Status: 'SAVED', Name: uniqueName('draft') });

  const { TestCaseSummaryList } = await list({ InstanceId });

  assert.deepEqual(TestCaseSummaryList.map((summary) => [summary.Id, summary.Name, summary.Status]),
    [[TestCaseId, publishedName, 'PUBLISHED']]);
});

test('the summary shows the last-modified time and region of the listed version', async () => {
  const InstanceId = newInstanceId();
  const lastModified = new Date('2023-11-14T22:13:20Z');
  await create(InstanceId, { LastModifiedTime: lastModified, LastModifiedRegion: 'eu-west-2' });

  const [summary] = (await list({ InstanceId })).TestCaseSummaryList;

  assert.equal(summary.LastModifiedTime.getTime(), lastModified.getTime());
  assert.equal(summary.LastModifiedRegion, 'eu-west-2');
});

test('a renamed test case is listed under its new name', async () => {
  const InstanceId = newInstanceId();
  const TestCaseId = await create(InstanceId);
  const newName = uniqueName('renamed');
  await emulator.updateTestCase({ InstanceId, TestCaseId, Name: newName });

  const { TestCaseSummaryList } = await list({ InstanceId });

  assert.deepEqual(TestCaseSummaryList.map((summary) => summary.Name), [newName]);
});

test('test cases of other instances are not listed', async () => {
  const { InstanceId, ids } = await instanceWith(1);
  await instanceWith(2);

  const { TestCaseSummaryList } = await list({ InstanceId });

  assert.deepEqual(TestCaseSummaryList.map((summary) => summary.Id), ids);
});

test('test cases can be listed through the instance ARN', async () => {
  const { InstanceId, ids } = await instanceWith(2);

  const { TestCaseSummaryList } = await list({ InstanceId: instanceArn(InstanceId) });

  assert.deepEqual(TestCaseSummaryList.map((summary) => summary.Id), ids);
});

test('the paginator with page size 2 visits each of 7 test cases exactly once, in creation order', async () => {
  const { InstanceId, ids } = await instanceWith(7);

  const pages = [];
  for await (const page of paginateListTestCases({ client: emulator.client, pageSize: 2 }, { InstanceId })) {
    pages.push(page);
  }

  assert.deepEqual(pages.map((page) => page.TestCaseSummaryList.length), [2, 2, 2, 1]);
  assert.deepEqual(pages.flatMap((page) => page.TestCaseSummaryList.map((summary) => summary.Id)), ids);
});

test('every page but the last carries a NextToken and the last page has none', async () => {
  const { InstanceId } = await instanceWith(3);

  const first = await list({ InstanceId, MaxResults: 2 });
  const last = await list({ InstanceId, MaxResults: 2, NextToken: first.NextToken });

  assert.equal(typeof first.NextToken, 'string');
  assert.equal(last.TestCaseSummaryList.length, 1);
  assert.equal(last.NextToken, undefined);
});

test('a page that ends exactly at the last test case has no NextToken', async () => {
  const { InstanceId } = await instanceWith(2);

  const page = await list({ InstanceId, MaxResults: 2 });

  assert.equal(page.TestCaseSummaryList.length, 2);
  assert.equal(page.NextToken, undefined);
});

test('without MaxResults a page holds 100 test cases', async () => {
  const { InstanceId, ids } = await instanceWith(101);

  const first = await list({ InstanceId });
  const second = await list({ InstanceId, NextToken: first.NextToken });

  assert.equal(first.TestCaseSummaryList.length, 100);
  assert.equal(typeof first.NextToken, 'string');
  assert.deepEqual(second.TestCaseSummaryList.map((summary) => summary.Id), [ids[100]]);
  assert.equal(second.NextToken, undefined);
});

test('MaxResults 1000 is accepted', async () => {
  const { InstanceId, ids } = await instanceWith(2);

  const { TestCaseSummaryList } = await list({ InstanceId, MaxResults: 1000 });

  assert.deepEqual(TestCaseSummaryList.map((summary) => summary.Id), ids);
});

test('MaxResults 1 returns one test case per page', async () => {
  const { InstanceId, ids } = await instanceWith(2);

  const page = await list({ InstanceId, MaxResults: 1 });

  assert.deepEqual(page.TestCaseSummaryList.map((summary) => summary.Id), [ids[0]]);
  assert.equal(typeof page.NextToken, 'string');
});

for (const MaxResults of [0, 1001]) {
  test(`listing with MaxResults ${MaxResults} fails with InvalidParameterException`, async () => {
    await expectServiceError(list({ MaxResults }), InvalidParameterException, 400);
  });
}

test('a test case created between pages is still reached', async () => {
  const { InstanceId, ids } = await instanceWith(3);
  const first = await list({ InstanceId, MaxResults: 2 });
  const late = await create(InstanceId);

  const rest = await list({ InstanceId, MaxResults: 2, NextToken: first.NextToken });

  assert.deepEqual([...first.TestCaseSummaryList, ...rest.TestCaseSummaryList].map((summary) => summary.Id), [...ids, late]);
});
