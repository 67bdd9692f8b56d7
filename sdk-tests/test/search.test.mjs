// SearchTestCases: string, status and nested criteria, tag filters, full test cases in the
// results, ApproximateTotalCount and paging.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { InvalidParameterException, paginateSearchTestCases } from '@aws-sdk/client-connect';
import {
  VALID_CONTENT, assertHasRequestId, expectServiceError, instanceArn, newInstanceId, sha256Hex, useEmulator,
} from './support/fixtures.mjs';

// Search sees a whole instance, so each test seeds an instance of its own; the emulator's own instance is for the rest.
const emulator = useEmulator();
const { instanceId } = emulator;

/**
 * Creates one test case per entry of `specs` ({ key: createInput }) in a fresh instance, in order.
 * Names default to `<key>-<random>`. Returns { InstanceId, id: { key: TestCaseId }, name: { key: Name } }.
 */
async function seed(specs) {
  const InstanceId = newInstanceId();
  const id = {};
  const name = {};
  const suffix = randomUUID().slice(0, 8);
  for (const [key, input] of Object.entries(specs)) {
    const Name = input.Name ?? `${key}-${suffix}`;
    const created = await emulator.createTestCase({ InstanceId, Name, ...input });
    id[key] = created.TestCaseId;
    name[key] = Name;
  }
  return { InstanceId, id, name };
}

const search = (InstanceId, input) => emulator.searchTestCases({ ...input, InstanceId });

const byString = (FieldName, ComparisonType, Value) => ({ StringCondition: { FieldName, ComparisonType, Value } });
const tag = (TagKey, TagValue) => ({ TagKey, TagValue });

/** The ids found, in result order. */
const foundIds = (response) => response.TestCases.map((testCase) => testCase.Id);

test('a search without criteria or filter returns every test case in creation order', async () => {
  const { InstanceId, id } = await seed({ a: {}, b: { Status: 'SAVED' }, c: {} });

  const response = await search(InstanceId);

  assertHasRequestId(response);
  assert.deepEqual(foundIds(response), [id.a, id.b, id.c]);
  assert.equal(response.ApproximateTotalCount, 3);
  assert.equal(response.NextToken, undefined);
});

test('a search in an empty instance returns an empty list and a count of 0', async () => {
  const response = await search(newInstanceId());

  assert.deepEqual(response.TestCases, []);
  assert.equal(response.ApproximateTotalCount, 0);
});

test('search results are full test cases, content included', async () => {
  const sent = {
    Description: 'Greets the caller',
    InitializationData: '{"customer":"alice"}',
    EntryPoint: { Type: 'CHAT', ChatEntryPointParameters: { FlowId: 'chat-flow-1' } },
    Tags: { team: 'qa' },
  };
  const { InstanceId, id } = await seed({ full: sent });

  const [found] = (await search(InstanceId)).TestCases;

  const { TestCase: described } = await emulator.describeTestCase({ InstanceId, TestCaseId: id.full });
  assert.deepEqual(found, described);
  assert.equal(found.Content, VALID_CONTENT);
  assert.equal(found.TestCaseSha256, sha256Hex(VALID_CONTENT));
  assert.ok(found.LastModifiedTime instanceof Date, 'LastModifiedTime is a Date');
});

test('a search can be made through the instance ARN', async () => {
  const { InstanceId, id } = await seed({ a: {} });

  const response = await search(instanceArn(InstanceId));

  assert.deepEqual(foundIds(response), [id.a]);
});

test('name STARTS_WITH matches names beginning with the value', async () => {
  const { InstanceId, id } = await seed({ a: { Name: 'greeting-one' }, b: { Name: 'greeting-two' }, c: { Name: 'the greeting' } });

  const response = await search(InstanceId, { SearchCriteria: byString('name', 'STARTS_WITH', 'greeting') });

  assert.deepEqual(foundIds(response), [id.a, id.b]);
});

test('name CONTAINS matches the value anywhere in the name', async () => {
  const { InstanceId, id } = await seed({ a: { Name: 'greeting-one' }, b: { Name: 'farewell' }, c: { Name: 'the greeting' } });

  const response = await search(InstanceId, { SearchCriteria: byString('name', 'CONTAINS', 'greet') });

  assert.deepEqual(foundIds(response), [id.a, id.c]);
});

test('name EXACT matches only the whole name', async () => {
  const { InstanceId, id } = await seed({ a: { Name: 'greeting' }, b: { Name: 'greeting-two' } });

  const response = await search(InstanceId, { SearchCriteria: byString('name', 'EXACT', 'greeting') });

  assert.deepEqual(foundIds(response), [id.a]);
});

for (const FieldName of ['Name', 'NAME']) {
  test(`the field name "${FieldName}" is matched case-insensitively`, async () => {
    const { InstanceId, id } = await seed({ a: { Name: 'alpha' }, b: { Name: 'beta' } });

    const response = await search(InstanceId, { SearchCriteria: byString(FieldName, 'EXACT', 'alpha') });

    assert.deepEqual(foundIds(response), [id.a]);
  });
}

test('string comparisons are case-sensitive', async () => {
  const { InstanceId } = await seed({ a: { Name: 'abc-lower' } });

  for (const ComparisonType of ['STARTS_WITH', 'CONTAINS', 'EXACT']) {
    const value = ComparisonType === 'EXACT' ? 'ABC-LOWER' : 'ABC';
    const response = await search(InstanceId, { SearchCriteria: byString('name', ComparisonType, value) });
    assert.deepEqual(foundIds(response), [], `${ComparisonType} ${value}`);
  }
});

test('description CONTAINS matches the description', async () => {
  const { InstanceId, id } = await seed({
    a: { Description: 'checks the opening hours' },
    b: { Description: 'checks the queue' },
    c: {},
  });

  const response = await search(InstanceId, { SearchCriteria: byString('description', 'CONTAINS', 'hours') });

  assert.deepEqual(foundIds(response), [id.a]);
});

test('resourceID EXACT matches the test case id', async () => {
  const { InstanceId, id } = await seed({ a: {}, b: {} });

  const response = await search(InstanceId, { SearchCriteria: byString('resourceID', 'EXACT', id.b) });

  assert.deepEqual(foundIds(response), [id.b]);
});

test('resourceID STARTS_WITH matches ids beginning with the value', async () => {
  const { InstanceId, id } = await seed({
    a: { TestCaseId: `alpha-${randomUUID()}` },
    b: { TestCaseId: `beta-${randomUUID()}` },
  });

  const response = await search(InstanceId, { SearchCriteria: byString('resourceID', 'STARTS_WITH', 'alpha-') });

  assert.deepEqual(foundIds(response), [id.a]);
});

test('StatusCondition PUBLISHED finds only test cases with a published version', async () => {
  const { InstanceId, id } = await seed({ published: {}, draft: { Status: 'SAVED' } });

  const response = await search(InstanceId, { SearchCriteria: { StatusCondition: 'PUBLISHED' } });

  assert.deepEqual(foundIds(response), [id.published]);
  assert.equal(response.TestCases[0].Status, 'PUBLISHED');
});

test('StatusCondition SAVED finds only test cases with a draft', async () => {
  const { InstanceId, id } = await seed({ published: {}, draft: { Status: 'SAVED' } });

  const response = await search(InstanceId, { SearchCriteria: { StatusCondition: 'SAVED' } });

  assert.deepEqual(foundIds(response), [id.draft]);
  assert.equal(response.TestCases[0].Status, 'SAVED');
});

/** Seeds a test case published as `published-…` with a SAVED draft renamed to `draft-…`. */
async function seedWithDraft() {
  const seeded = await seed({ both: { Name: `published-${randomUUID().slice(0, 8)}`, Description: 'published text' } });
  const draftName = `draft-${randomUUID().slice(0, 8)}`;
  await emulator.updateTestCase({
    InstanceId: seeded.InstanceId, TestCaseId: seeded.id.both, Status: 'SAVED', Name: draftName, Description: 'draft text',
  });
  return { ...seeded, publishedName: seeded.name.both, draftName };
}

test('StatusCondition SAVED reports the draft of a published test case', async () => {
  const { InstanceId, id, draftName } = await seedWithDraft();

  const response = await search(InstanceId, { SearchCriteria: { StatusCondition: 'SAVED' } });

  assert.deepEqual(response.TestCases.map((testCase) => [testCase.Id, testCase.Name, testCase.Status, testCase.Description]),
    [[id.both, draftName, 'SAVED', 'draft text']]);
});

test('StatusCondition PUBLISHED reports the published version of a test case with a draft', async () => {
  const { InstanceId, id, publishedName } = await seedWithDraft();

  const response = await search(InstanceId, { SearchCriteria: { StatusCondition: 'PUBLISHED' } });

  assert.deepEqual(response.TestCases.map((testCase) => [testCase.Id, testCase.Name, testCase.Status]),
    [[id.both, publishedName, 'PUBLISHED']]);
});

test('a name only the draft carries finds the test case and reports the draft', async () => {
  const { InstanceId, id, draftName } = await seedWithDraft();

  const response = await search(InstanceId, { SearchCriteria: byString('name', 'EXACT', draftName) });

  assert.deepEqual(response.TestCases.map((testCase) => [testCase.Id, testCase.Name, testCase.Status]),
    [[id.both, draftName, 'SAVED']]);
});

test('a test case whose two versions both match is reported once', async () => {
  const { InstanceId, id } = await seedWithDraft();

  const response = await search(InstanceId, { SearchCriteria: byString('resourceID', 'EXACT', id.both) });

  assert.deepEqual(foundIds(response), [id.both]);
  assert.equal(response.ApproximateTotalCount, 1);
  assert.equal(response.TestCases[0].Status, 'PUBLISHED', 'the version Describe shows by default is reported');
});

test('all conditions must hold on the same version of a test case', async () => {
  const { InstanceId, draftName } = await seedWithDraft();

  // Only the draft carries draftName, and the draft is not PUBLISHED.
  const response = await search(InstanceId, {
    SearchCriteria: { AndConditions: [byString('name', 'EXACT', draftName), { StatusCondition: 'PUBLISHED' }] },
  });

  assert.deepEqual(response.TestCases, []);
  assert.equal(response.ApproximateTotalCount, 0);
});

test('a description only the published version carries reports the published version', async () => {
  const { InstanceId, id, publishedName } = await seedWithDraft();

  const response = await search(InstanceId, { SearchCriteria: byString('description', 'EXACT', 'published text') });

  assert.deepEqual(response.TestCases.map((testCase) => [testCase.Id, testCase.Name, testCase.Status]),
    [[id.both, publishedName, 'PUBLISHED']]);
});

test('one criteria node holding a string and a status condition needs both to hold', async () => {
  const { InstanceId, id } = await seed({
    a: { Name: 'match-published' },
    b: { Name: 'match-draft', Status: 'SAVED' },
    c: { Name: 'other-published' },
  });

  const response = await search(InstanceId, {
    SearchCriteria: { ...byString('name', 'STARTS_WITH', 'match-'), StatusCondition: 'PUBLISHED' },
  });

  assert.deepEqual(foundIds(response), [id.a]);
});

test('AndConditions match only when every child matches', async () => {
  const { InstanceId, id } = await seed({
    a: { Name: 'billing-en', Description: 'english' },
    b: { Name: 'billing-fr', Description: 'french' },
    c: { Name: 'sales-en', Description: 'english' },
  });

  const response = await search(InstanceId, {
    SearchCriteria: { AndConditions: [byString('name', 'STARTS_WITH', 'billing'), byString('description', 'EXACT', 'english')] },
  });

  assert.deepEqual(foundIds(response), [id.a]);
});

test('OrConditions match when at least one child matches', async () => {
  const { InstanceId, id } = await seed({ a: { Name: 'alpha' }, b: { Name: 'beta' }, c: { Name: 'gamma' } });

  const response = await search(InstanceId, {
    SearchCriteria: { OrConditions: [byString('name', 'EXACT', 'alpha'), byString('name', 'EXACT', 'gamma')] },
  });

  assert.deepEqual(foundIds(response), [id.a, id.c]);
});

test('nested conditions are evaluated as a tree', async () => {
  // (name starts with "billing" AND status SAVED) OR (description contains "vip")
  const { InstanceId, id } = await seed({
    billingDraft: { Name: 'billing-draft', Status: 'SAVED' },
    billingPublished: { Name: 'billing-published' },
    vip: { Name: 'sales', Description: 'for vip callers' },
    other: { Name: 'other' },
  });

  const response = await search(InstanceId, {
    SearchCriteria: {
      OrConditions: [
        { AndConditions: [byString('name', 'STARTS_WITH', 'billing'), { StatusCondition: 'SAVED' }] },
        byString('description', 'CONTAINS', 'vip'),
      ],
    },
  });

  assert.deepEqual(foundIds(response), [id.billingDraft, id.vip]);
});

test('OrConditions nested in AndConditions narrow each alternative', async () => {
  // name starts with "en-" AND (description EXACT "a" OR description EXACT "b")
  const { InstanceId, id } = await seed({
    enA: { Name: 'en-a', Description: 'a' },
    enC: { Name: 'en-c', Description: 'c' },
    frB: { Name: 'fr-b', Description: 'b' },
    enB: { Name: 'en-b', Description: 'b' },
  });

  const response = await search(InstanceId, {
    SearchCriteria: {
      AndConditions: [
        byString('name', 'STARTS_WITH', 'en-'),
        { OrConditions: [byString('description', 'EXACT', 'a'), byString('description', 'EXACT', 'b')] },
      ],
    },
  });

  assert.deepEqual(foundIds(response), [id.enA, id.enB]);
});

test('searching on an unknown field name fails with InvalidParameterException', async () => {
  await expectServiceError(search(instanceId, { SearchCriteria: byString('owner', 'EXACT', 'me') }), InvalidParameterException, 400);
});

test('an unknown field name nested in the criteria fails with InvalidParameterException', async () => {
  const SearchCriteria = { OrConditions: [byString('name', 'EXACT', 'x'), { AndConditions: [byString('owner', 'EXACT', 'me')] }] };

  await expectServiceError(search(instanceId, { SearchCriteria }), InvalidParameterException, 400);
});

test('a string condition without a Value fails with InvalidParameterException', async () => {
  const SearchCriteria = { StringCondition: { FieldName: 'name', ComparisonType: 'EXACT' } };

  await expectServiceError(search(instanceId, { SearchCriteria }), InvalidParameterException, 400);
});

test('an unknown comparison type fails with InvalidParameterException', async () => {
  await expectServiceError(search(instanceId, { SearchCriteria: byString('name', 'FUZZY', 'x') }), InvalidParameterException, 400);
});

test('an unknown status condition fails with InvalidParameterException', async () => {
  await expectServiceError(search(instanceId, { SearchCriteria: { StatusCondition: 'ARCHIVED' } }), InvalidParameterException, 400);
});

test('a TagCondition finds test cases carrying that tag key and value', async () => {
  const { InstanceId, id } = await seed({
    qa: { Tags: { team: 'qa' } },
    ops: { Tags: { team: 'ops' } },
    none: {},
  });

  const response = await search(InstanceId, { SearchFilter: { TagFilter: { TagCondition: tag('team', 'qa') } } });

  assert.deepEqual(foundIds(response), [id.qa]);
});

test('a TagCondition without a TagValue fails with InvalidParameterException', async () => {
  const SearchFilter = { TagFilter: { TagCondition: { TagKey: 'team' } } };

  await expectServiceError(search(instanceId, { SearchFilter }), InvalidParameterException, 400);
});

test('a TagCondition without a TagKey fails with InvalidParameterException', async () => {
  const SearchFilter = { TagFilter: { TagCondition: { TagValue: 'qa' } } };

  await expectServiceError(search(instanceId, { SearchFilter }), InvalidParameterException, 400);
});

test('a tag condition without a TagValue inside AndConditions fails with InvalidParameterException', async () => {
  const SearchFilter = { TagFilter: { AndConditions: [tag('team', 'qa'), { TagKey: 'env' }] } };

  await expectServiceError(search(instanceId, { SearchFilter }), InvalidParameterException, 400);
});

test('tag AndConditions need every tag', async () => {
  const { InstanceId, id } = await seed({
    both: { Tags: { team: 'qa', env: 'prod' } },
    teamOnly: { Tags: { team: 'qa', env: 'test' } },
    envOnly: { Tags: { env: 'prod' } },
  });

  const response = await search(InstanceId, {
    SearchFilter: { TagFilter: { AndConditions: [tag('team', 'qa'), tag('env', 'prod')] } },
  });

  assert.deepEqual(foundIds(response), [id.both]);
});

test('tag OrConditions match any of their AND lists', async () => {
  // (team=qa AND env=prod) OR (team=ops)
  const { InstanceId, id } = await seed({
    qaProd: { Tags: { team: 'qa', env: 'prod' } },
    qaTest: { Tags: { team: 'qa', env: 'test' } },
    ops: { Tags: { team: 'ops' } },
    none: {},
  });

  const response = await search(InstanceId, {
    SearchFilter: { TagFilter: { OrConditions: [[tag('team', 'qa'), tag('env', 'prod')], [tag('team', 'ops')]] } },
  });

  assert.deepEqual(foundIds(response), [id.qaProd, id.ops]);
});

test('a tag filter and search criteria must both match', async () => {
  const { InstanceId, id } = await seed({
    qaBilling: { Name: 'billing-qa', Tags: { team: 'qa' } },
    qaSales: { Name: 'sales-qa', Tags: { team: 'qa' } },
    opsBilling: { Name: 'billing-ops', Tags: { team: 'ops' } },
  });

  const response = await search(InstanceId, {
    SearchCriteria: byString('name', 'STARTS_WITH', 'billing'),
    SearchFilter: { TagFilter: { TagCondition: tag('team', 'qa') } },
  });

  assert.deepEqual(foundIds(response), [id.qaBilling]);
  assert.equal(response.ApproximateTotalCount, 1);
});

test('tag values are compared exactly', async () => {
  const { InstanceId } = await seed({ a: { Tags: { team: 'qa-team' } } });

  const response = await search(InstanceId, { SearchFilter: { TagFilter: { TagCondition: tag('team', 'qa') } } });

  assert.deepEqual(response.TestCases, []);
});

test('ApproximateTotalCount is the number of matches and stays the same on every page', async () => {
  const { InstanceId } = await seed({ a: { Name: 'm-1' }, b: { Name: 'm-2' }, c: { Name: 'm-3' }, d: { Name: 'x-4' }, e: { Name: 'm-5' } });
  const SearchCriteria = byString('name', 'STARTS_WITH', 'm-');

  const first = await search(InstanceId, { SearchCriteria, MaxResults: 2 });
  const second = await search(InstanceId, { SearchCriteria, MaxResults: 2, NextToken: first.NextToken });

  assert.equal(first.TestCases.length, 2);
  assert.equal(first.ApproximateTotalCount, 4);
  assert.equal(second.ApproximateTotalCount, 4);
  assert.equal(second.TestCases.length, 2);
  assert.equal(second.NextToken, undefined);
});

test('the paginator visits every match exactly once, in creation order', async () => {
  const specs = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`t${i}`, { Tags: { group: i % 3 === 2 ? 'other' : 'paged' } }]));
  const { InstanceId, id } = await seed(specs);
  const expected = Object.keys(specs).filter((_, i) => i % 3 !== 2).map((key) => id[key]);

  const pages = [];
  const input = { InstanceId, SearchFilter: { TagFilter: { TagCondition: tag('group', 'paged') } } };
  for await (const page of paginateSearchTestCases({ client: emulator.client, pageSize: 2 }, input)) {
    pages.push(page);
  }

  assert.deepEqual(pages.flatMap(foundIds), expected);
  assert.deepEqual(pages.map((page) => page.TestCases.length), [2, 2, 1]);
  for (const page of pages) assert.equal(page.ApproximateTotalCount, expected.length);
});

test('MaxResults 100 is accepted', async () => {
  const { InstanceId, id } = await seed({ a: {} });

  const response = await search(InstanceId, { MaxResults: 100 });

  assert.deepEqual(foundIds(response), [id.a]);
});

for (const MaxResults of [0, 101]) {
  test(`searching with MaxResults ${MaxResults} fails with InvalidParameterException`, async () => {
    await expectServiceError(search(instanceId, { MaxResults }), InvalidParameterException, 400);
  });
}

test('searching in an instance that is neither a UUID nor an instance ARN fails with InvalidParameterException', async () => {
  await expectServiceError(search('not-an-instance'), InvalidParameterException, 400);
});
