// Seeding and deterministic ids: seed.file names a JSON file of test cases created at start (so a load test can
// start executions at once), and ids.seed makes test case and execution ids repeat from run to run. Two servers of
// this file's own are started with the same seed file and EMULATOR_IDS_SEED=42, and must agree on every id.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LOWERCASE_UUID, contentWithObservations, newInstanceId, uniqueName, useEmulator, waitForTerminal,
} from './support/fixtures.mjs';

// Ids come from ids.seed, the instance and a per-instance counter, so the id comparisons use an instance of their
// own (runInstanceId takes the runs that only one server sees).
const instanceId = newInstanceId();
const runInstanceId = newInstanceId();
const SEEDED = [
  // The README's example entry: an explicit testCaseId, Content as a JSON object.
  {
    instanceId, testCaseId: 'greeting', name: 'greeting',
    content: { Version: '2025-06-21', Observations: [{ Identifier: 'start' }, { Identifier: 'end' }] },
    status: 'PUBLISHED', tags: { team: 'load' },
  },
  // No testCaseId: the id is made by the server (from ids.seed, the instance and its counter). Content as text.
  { instanceId, name: 'derived id', content: contentWithObservations(3), description: 'seeded without an id' },
  { instanceId: runInstanceId, testCaseId: 'ready', name: 'ready to run', content: contentWithObservations(2) },
];

const seedDir = mkdtempSync(join(tmpdir(), 'emulator-seed-'));
const seedFile = join(seedDir, 'seed.json');
writeFileSync(seedFile, JSON.stringify({ testCases: SEEDED }));
after(() => rmSync(seedDir, { recursive: true, force: true }));

const SETTINGS = { EMULATOR_SEED_FILE: seedFile, EMULATOR_IDS_SEED: '42' };
const first = useEmulator({ env: SETTINGS }).instance(instanceId);
const second = useEmulator({ env: SETTINGS }).instance(instanceId);

const listTestCases = async (server) => (await server.listTestCases()).TestCaseSummaryList;

/** The id of the seeded test case that has no testCaseId in the seed file, on `server`. */
const derivedId = async (server) => (await listTestCases(server)).find((summary) => summary.Name === 'derived id')?.Id;

test('the test cases of the seed file are listed at start, in file order', async () => {
  const listed = await listTestCases(first);

  assert.deepEqual(listed.map((summary) => summary.Name), ['greeting', 'derived id']);
  assert.equal(listed[0].Id, 'greeting');
});

test('a seeded test case is described with its content, status and tags', async () => {
  const { TestCase } = await first.describeTestCase({ TestCaseId: 'greeting' });

  assert.equal(TestCase.Id, 'greeting');
  assert.equal(TestCase.Name, 'greeting');
  assert.equal(TestCase.Status, 'PUBLISHED');
  assert.deepEqual(TestCase.Tags, { team: 'load' });
  assert.deepEqual(JSON.parse(TestCase.Content), SEEDED[0].content);
});

test('a seeded test case without a status is PUBLISHED and keeps its description', async () => {
  const TestCaseId = await derivedId(first);

  const { TestCase } = await first.describeTestCase({ TestCaseId });

  assert.equal(TestCase.Status, 'PUBLISHED');
  assert.equal(TestCase.Description, 'seeded without an id');
  assert.equal(TestCase.Content, SEEDED[1].content);
});

test('a seeded test case can be started at once and runs to PASSED', async () => {
  const run = await first.start('ready', { InstanceId: runInstanceId });
  const { summary } = await waitForTerminal(first.client, run);

  assert.equal(run.started.Status, 'INITIATED');
  assert.equal(summary.Status, 'PASSED');
  assert.equal(summary.ObservationSummary.TotalObservations, 2);
});

test('two servers with the same ids.seed give a seeded test case the same id', async () => {
  const [one, two] = [await derivedId(first), await derivedId(second)];

  assert.equal(typeof one, 'string', 'the seeded test case is listed');
  assert.equal(one, two);
});

test('two servers with the same ids.seed give the first run of a seeded test case the same execution id', async () => {
  const TestCaseId = await derivedId(first);

  const one = await first.startTestCaseExecution({ TestCaseId });
  const two = await second.startTestCaseExecution({ TestCaseId });

  assert.match(one.TestCaseExecutionId, LOWERCASE_UUID);
  assert.equal(one.TestCaseExecutionId, two.TestCaseExecutionId);
});

test('two servers with the same ids.seed give the same id to a test case created on the same fresh instance', async () => {
  const input = { InstanceId: newInstanceId(), Name: uniqueName(), Content: contentWithObservations(2) };

  const one = await first.createTestCase(input);
  const two = await second.createTestCase(input);

  assert.equal(one.TestCaseId, two.TestCaseId);
  assert.equal(one.TestCaseArn, two.TestCaseArn);
});

test('deterministic ids still differ from one test case to the next', async () => {
  const InstanceId = newInstanceId();

  const a = await first.createTestCase({ InstanceId, Content: contentWithObservations(2) });
  const b = await first.createTestCase({ InstanceId, Content: contentWithObservations(2) });

  assert.notEqual(a.TestCaseId, b.TestCaseId);
});
