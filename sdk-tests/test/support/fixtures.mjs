// The fixtures every test file uses: an emulator with a ConnectClient and operations bound to a Connect instance
// (useEmulator), test data, and assertion and polling helpers. A test file's setup is one or two lines:
//
//   const emulator = useEmulator();                    // the shared server; its operations use a fresh instance id
//   const { TestCaseId } = await emulator.createTestCase({ Tags: { team: 'qa' } });
//   await emulator.describeTestCase({ TestCaseId });   // InstanceId: emulator.instanceId unless the input gives one
//
// `useEmulator({ env })` gives a file a server of its own started with those environment variables (see
// emulator.mjs), and `emulator.instance()` the same operations on another fresh instance of the same server.

import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTestCaseCommand,
  DeleteTestCaseCommand,
  DescribeTestCaseCommand,
  GetTestCaseExecutionSummaryCommand,
  ListTestCaseExecutionRecordsCommand,
  ListTestCaseExecutionsCommand,
  ListTestCasesCommand,
  SearchTestCasesCommand,
  StartTestCaseExecutionCommand,
  StopTestCaseExecutionCommand,
  UpdateTestCaseCommand,
} from '@aws-sdk/client-connect';
import { connectClient, emulatorEndpoint, launchEmulator, rawRequest, stopEmulator } from './emulator.mjs';

export { launchEmulator };

// --- test data ------------------------------------------------------------------------------------------------------

export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The published Content from the contract: two observations, ending the test on "Welcome". */
export const VALID_CONTENT = JSON.stringify({
  Version: '2025-06-21',
  Metadata: {},
  Observations: [
    {
      Identifier: 'start',
      Event: { Identifier: 'e1', Type: 'TestInitiated', Actor: 'System', Properties: {} },
      Usage: { Type: 'EXACTLY' },
      Actions: [],
      Transitions: { NextObservations: ['greeting'] },
    },
    {
      Identifier: 'greeting',
      Event: { Identifier: 'e2', Type: 'MessageReceived', Actor: 'System', Properties: { Text: 'Welcome' } },
      Usage: { Type: 'EXACTLY' },
      Actions: [
        {
          Identifier: 'a1',
          Type: 'TestControl',
          Parameters: { ActionType: 'TestControl', Command: { Type: 'EndTest' } },
          Transitions: { NextAction: '' },
        },
      ],
    },
  ],
});

/**
 * A valid published Content with `count` observations chained one after the other; the last one
 * ends the test. contentWithObservations(2) is VALID_CONTENT.
 */
export function contentWithObservations(count) {
  const ids = Array.from({ length: count }, (_, i) => (i === 0 ? 'start' : i === count - 1 ? 'greeting' : `step${i}`));
  const observations = ids.map((id, i) => {
    const last = i === count - 1;
    const observation = {
      Identifier: id,
      Event: i === 0
        ? { Identifier: `e${i + 1}`, Type: 'TestInitiated', Actor: 'System', Properties: {} }
        : { Identifier: `e${i + 1}`, Type: 'MessageReceived', Actor: 'System', Properties: { Text: last ? 'Welcome' : `Step ${i}` } },
      Usage: { Type: 'EXACTLY' },
      Actions: last
        ? [{
          Identifier: 'a1',
          Type: 'TestControl',
          Parameters: { ActionType: 'TestControl', Command: { Type: 'EndTest' } },
          Transitions: { NextAction: '' },
        }]
        : [],
    };
    if (!last) observation.Transitions = { NextObservations: [ids[i + 1]] };
    return observation;
  });
  return JSON.stringify({ Version: '2025-06-21', Metadata: {}, Observations: observations });
}

/** Tags that make every observation of a run take 60 s, so the run holds its quota slot for the whole test. */
export const SLOW_TAGS = { 'emulator:observationMillis': '60000' };

/** A fresh instance id: a lowercase UUID v4. */
export const newInstanceId = () => randomUUID();

export const instanceArn = (instanceId) => `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${instanceId}`;

export const testCaseArn = (instanceId, testCaseId) => `${instanceArn(instanceId)}/test-case/${testCaseId}`;

/** A test case name that no other test uses. */
export const uniqueName = (label = 'test case') => `${label} ${randomUUID().slice(0, 8)}`;

export const sha256Hex = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The ids of a run (or a test case) without its other members, ready to be sent as an operation's input. */
export function runIds({ InstanceId, TestCaseId, TestCaseExecutionId }) {
  const ids = { TestCaseId, TestCaseExecutionId };
  if (InstanceId !== undefined) ids.InstanceId = InstanceId;
  return ids;
}

/** [ObservationId, Status] of each execution record, in order. */
export const recordStatuses = (records) => records.map((record) => [record.ObservationId, record.Status]);

// --- the emulator -------------------------------------------------------------------------------------------------

/**
 * Registers before/after hooks for the calling test file and returns its Emulator, valid inside tests. Without
 * options it is the shared server; with `{ env }` a server of the file's own, started from the jar with those
 * environment variables added (`env: {}`: default settings, for tests that change a whole server).
 */
export function useEmulator({ env } = {}) {
  const server = { endpoint: undefined, client: undefined, extraClients: [] };
  const own = env !== undefined;
  let launched;
  before(async () => {
    if (own) {
      launched = launchEmulator(env);
      server.endpoint = await launched.endpoint;
    } else {
      server.endpoint = await emulatorEndpoint();
    }
    server.client = connectClient(server.endpoint);
  });
  after(() => {
    server.client?.destroy();
    for (const extra of server.extraClients) extra.destroy();
    if (own) launched?.stop();
    else stopEmulator();
  });
  return new Emulator(server, newInstanceId());
}

const NOT_AVAILABLE = 'The emulator is not available (see the before hook error).';

/**
 * One emulator server seen from one Connect instance. The operation methods are the SDK's own commands sent with
 * `client`, with InstanceId set to `instanceId` unless the input gives one; they resolve to the SDK's responses.
 * The run helpers take any object holding a run's ids (InstanceId, TestCaseId, TestCaseExecutionId) and send only those.
 */
export class Emulator {
  #server;

  constructor(server, instanceId) {
    this.#server = server;
    /** The instance the operations use unless their input names another. */
    this.instanceId = instanceId;
  }

  /** The same server, with operations on the instance `InstanceId` (by default a fresh one). */
  instance(InstanceId = newInstanceId()) {
    return new Emulator(this.#server, InstanceId);
  }

  get endpoint() {
    return this.#server.endpoint;
  }

  get client() {
    if (!this.#server.client) throw new Error(NOT_AVAILABLE);
    return this.#server.client;
  }

  /** Another ConnectClient for this server (e.g. `{ maxAttempts: 3 }`); it is destroyed after the file. */
  newClient(overrides) {
    if (!this.#server.endpoint) throw new Error(NOT_AVAILABLE);
    const extra = connectClient(this.#server.endpoint, overrides);
    this.#server.extraClients.push(extra);
    return extra;
  }

  /** An unsigned fetch request to this server: resolves to { status, headers, text, json } (see rawRequest). */
  request(method, path, options) {
    if (!this.#server.endpoint) throw new Error(NOT_AVAILABLE);
    return rawRequest(this.#server.endpoint, method, path, options);
  }

  // --- the admin API under /_emulator/ ---

  /** Sends an admin call and expects 200 with a JSON body; returns the body. */
  async admin(method, path, body) {
    const response = await this.request(method, path, { body });
    assert.equal(response.status, 200, `${method} ${path}: ${response.text}`);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json\b/, 'content-type');
    assert.ok(response.json, `${method} ${path} answers JSON: ${response.text}`);
    return response.json;
  }

  /**
   * Changes runtime controls for the rest of the test `t` and returns the answer of the change. When `t` ends the
   * changed keys get their previous values back; all of them when the profile was changed (a profile sets many keys).
   */
  async withControls(t, changes) {
    const previous = await this.admin('GET', '/_emulator/controls');
    t.after(async () => {
      const restore = 'profile' in changes
        ? previous
        : Object.fromEntries(Object.keys(changes).map((key) => [key, previous[key]]));
      const response = await this.request('PUT', '/_emulator/controls', { body: restore });
      assert.equal(response.status, 200, `restoring ${JSON.stringify(restore)}: ${response.text}`);
    });
    return this.admin('PUT', '/_emulator/controls', changes);
  }

  // --- the Connect operations (the others are added below the class from OPERATIONS) ---

  /** Sends `new Command(input)`, with InstanceId defaulting to this emulator's instance. */
  send(Command, input = {}) {
    return this.client.send(new Command({ ...input, InstanceId: input.InstanceId ?? this.instanceId }));
  }

  /**
   * CreateTestCase with a unique Name and VALID_CONTENT unless the input gives them;
   * `observations: n` sends contentWithObservations(n) as the Content.
   */
  createTestCase({ observations, ...input } = {}) {
    const Content = observations ? contentWithObservations(observations) : VALID_CONTENT;
    return this.send(CreateTestCaseCommand, { Name: uniqueName(), Content, ...input });
  }

  /** Creates a test case as createTestCase does and resolves to its ids: { InstanceId, TestCaseId }. */
  async newTestCase(createInput = {}) {
    const { TestCaseId } = await this.createTestCase(createInput);
    return { InstanceId: createInput.InstanceId ?? this.instanceId, TestCaseId };
  }

  // --- runs ---

  /**
   * Starts a run of the test case `TestCaseId` (with `input`, e.g. a ClientToken). Resolves to the run:
   * { InstanceId, TestCaseId, TestCaseExecutionId, started } where `started` is the StartTestCaseExecution response.
   */
  async start(TestCaseId, input = {}) {
    const InstanceId = input.InstanceId ?? this.instanceId;
    const started = await this.startTestCaseExecution({ ...input, InstanceId, TestCaseId });
    return { InstanceId, TestCaseId, TestCaseExecutionId: started.TestCaseExecutionId, started };
  }

  /** Creates a test case (createTestCase's defaults and options) and starts a run of it; resolves to the run. */
  async startRun(createInput) {
    const { InstanceId, TestCaseId } = await this.newTestCase(createInput);
    return this.start(TestCaseId, { InstanceId });
  }

  /** Starts a run of the test case `TestCaseId` and waits for it to end: resolves to the run with its terminal `summary`. */
  async runToEnd(TestCaseId, input) {
    const run = await this.start(TestCaseId, input);
    const { summary } = await waitForTerminal(this.client, run);
    return { ...run, summary };
  }

  /** Creates a test case (createTestCase's defaults and options) and runs it to its end, as runToEnd does. */
  async finishedRun(createInput) {
    const { InstanceId, TestCaseId } = await this.newTestCase(createInput);
    return this.runToEnd(TestCaseId, { InstanceId });
  }

  /** GetTestCaseExecutionSummary of `run`. */
  summaryOf(run) {
    return this.getTestCaseExecutionSummary(runIds(run));
  }

  /** The ExecutionRecords of `run` (one page, as ListTestCaseExecutionRecords answers without MaxResults). */
  async recordsOf(run) {
    return (await this.listTestCaseExecutionRecords(runIds(run))).ExecutionRecords;
  }

  /**
   * Polls the records of `run` every 5 ms (for up to 10 s) until one has the Status `status`, or until there is a
   * record at all when `status` is not given; resolves to that record.
   */
  async waitForRecord(run, status) {
    const matches = (record) => status === undefined || record.Status === status;
    const { result: records } = await pollUntil(() => this.recordsOf(run), (polled) => polled.some(matches), {
      intervalMs: 5,
      failure: () => `a record${status === undefined ? '' : ` with Status ${status}`} should appear`,
    });
    return records.find(matches);
  }

  /** StopTestCaseExecution of `run`, with `input` (e.g. a ClientToken). */
  stop(run, input = {}) {
    return this.stopTestCaseExecution({ ...input, ...runIds(run) });
  }

  /**
   * Creates a test case (createTestCase's defaults and options) in a fresh instance, for starting many runs of it.
   * Resolves to { InstanceId, TestCaseId, runs, start(), startMany(count) }: start() starts a run and resolves to it
   * (as `start` does), startMany(count) starts `count` one after the other; every run they started is stopped when
   * the test `t` ends, so slow runs do not hold their quota slots afterwards.
   */
  async runner(t, createInput) {
    const instance = this.instance();
    const { TestCaseId } = await instance.newTestCase(createInput);
    const runs = [];
    t.after(async () => {
      for (const run of runs) await instance.stop(run).catch(() => {});
    });
    return {
      InstanceId: instance.instanceId,
      TestCaseId,
      runs,
      async start() {
        const run = await instance.start(TestCaseId);
        runs.push(run);
        return run;
      },
      async startMany(count) {
        const started = [];
        for (let i = 0; i < count; i++) started.push(await this.start());
        return started;
      },
    };
  }
}

/**
 * The operations an Emulator sends as given (InstanceId defaulted), under the names the SDK's aggregated Connect
 * client uses: `emulator.describeTestCase(input)` sends `new DescribeTestCaseCommand(input)`.
 */
const OPERATIONS = {
  describeTestCase: DescribeTestCaseCommand,
  updateTestCase: UpdateTestCaseCommand,
  deleteTestCase: DeleteTestCaseCommand,
  listTestCases: ListTestCasesCommand,
  searchTestCases: SearchTestCasesCommand,
  startTestCaseExecution: StartTestCaseExecutionCommand,
  stopTestCaseExecution: StopTestCaseExecutionCommand,
  getTestCaseExecutionSummary: GetTestCaseExecutionSummaryCommand,
  listTestCaseExecutions: ListTestCaseExecutionsCommand,
  listTestCaseExecutionRecords: ListTestCaseExecutionRecordsCommand,
};
for (const [name, Command] of Object.entries(OPERATIONS)) {
  Emulator.prototype[name] = function operation(input) {
    return this.send(Command, input);
  };
}

// --- assertions ---------------------------------------------------------------------------------------------------

/** Asserts that an SDK response (or error) carries the x-amzn-RequestId the server sent. */
export function assertHasRequestId(responseOrError) {
  const requestId = responseOrError?.$metadata?.requestId;
  assert.equal(typeof requestId, 'string', '$metadata.requestId should be set');
  assert.ok(requestId.length > 0, '$metadata.requestId should not be empty');
}

/** Asserts that `date` is a Date within `toleranceMs` of the interval [from, to] (epoch ms). */
export function assertDateBetween(date, from, to, toleranceMs = 2_000, what = 'timestamp') {
  assert.ok(date instanceof Date, `${what} should be a Date, got ${date}`);
  const t = date.getTime();
  assert.ok(t >= from - toleranceMs && t <= to + toleranceMs,
    `${what} ${date.toISOString()} should be close to ${new Date(from).toISOString()}..${new Date(to).toISOString()}`);
}

/**
 * Awaits `promise`, expects it to reject with the SDK's `ErrorClass` and HTTP `status`, and checks
 * the parts every error must have (a message and a request id). Returns the error for further checks.
 */
export async function expectServiceError(promise, ErrorClass, status) {
  let caught;
  await assert.rejects(promise, (err) => {
    caught = err;
    assert.ok(err instanceof ErrorClass,
      `expected ${ErrorClass.name}, got ${err?.name}: ${err?.message} (HTTP ${err?.$metadata?.httpStatusCode})`);
    assertErrorBasics(err, status);
    return true;
  });
  return caught;
}

/** Like expectServiceError for errors the SDK does not model: checks the error's name instead of its class. */
export async function expectServiceErrorNamed(promise, name, status) {
  let caught;
  await assert.rejects(promise, (err) => {
    caught = err;
    assert.equal(err?.name, name, `expected ${name}, got ${err?.name}: ${err?.message}`);
    assertErrorBasics(err, status);
    return true;
  });
  return caught;
}

function assertErrorBasics(err, status) {
  assert.equal(err.$metadata?.httpStatusCode, status, `HTTP status of ${err.name}`);
  assert.equal(typeof err.message, 'string');
  assert.ok(err.message.length > 0, `${err.name} should have a non-empty message`);
  assert.notEqual(err.message, 'UnknownError', `${err.name} should carry the server's message`);
  assertHasRequestId(err);
}

/**
 * Asserts that a raw response (see Emulator.request) is an AWS-shaped error of the given type: the status, the
 * x-amzn-ErrorType and x-amzn-RequestId headers and a non-empty `message` in the JSON body.
 */
export function assertAwsError(response, status, errorType) {
  assert.equal(response.status, status, `HTTP status; body: ${response.text}`);
  assert.equal(response.headers.get('x-amzn-errortype'), errorType);
  assert.ok(response.headers.get('x-amzn-requestid'), 'x-amzn-requestid is set');
  assert.equal(typeof response.json?.message, 'string', `body: ${response.text}`);
  assert.ok(response.json.message.length > 0, 'the message is not empty');
}

/** Asserts that an SDK response has no output members, only $metadata (the empty 200 body). */
export function assertEmptyOutput(response) {
  assertHasRequestId(response);
  assert.equal(response.$metadata.httpStatusCode, 200);
  assert.deepEqual(Object.keys(response).filter((key) => key !== '$metadata'), [], 'the response has no members');
}

/** Asserts that a response of a paged List operation is a single page listing nothing: `member` is [], no NextToken. */
export function assertEmptyPage(response, member) {
  assertHasRequestId(response);
  assert.deepEqual(response[member], []);
  assert.equal(response.NextToken, undefined);
}

/** A copy of a page token with one character in the middle changed (to another URL-safe character). */
export function forgeToken(token) {
  assert.equal(typeof token, 'string', 'a real NextToken is needed to forge one');
  const middle = Math.floor(token.length / 2);
  const replacement = token[middle] === 'A' ? 'B' : 'A';
  return token.slice(0, middle) + replacement + token.slice(middle + 1);
}

// --- polling ------------------------------------------------------------------------------------------------------

/**
 * Calls `probe` every `intervalMs` until `done(result)` holds; returns { result, results }: that result and every
 * result in order. Fails with the message `failure(results)` once `timeoutMs` have passed.
 */
export async function pollUntil(probe, done, { intervalMs = 10, timeoutMs = 10_000, failure }) {
  const deadline = Date.now() + timeoutMs;
  const results = [];
  for (;;) {
    const result = await probe();
    results.push(result);
    if (done(result)) return { result, results };
    if (Date.now() > deadline) assert.fail(failure(results));
    await sleep(intervalMs);
  }
}

const LIFECYCLE_RANK = { INITIATED: 0, IN_PROGRESS: 1, PASSED: 2, FAILED: 2, STOPPED: 2 };
export const TERMINAL_STATUSES = new Set(['PASSED', 'FAILED', 'STOPPED']);

/** Polls the summary of the run `ids` until its Status is one of `wanted`; returns { summary, polls, seen }. */
async function pollSummary(client, ids, wanted, what, { intervalMs, timeoutMs }) {
  const { InstanceId, TestCaseId, TestCaseExecutionId } = ids;
  const { result: summary, results: polls } = await pollUntil(
    () => client.send(new GetTestCaseExecutionSummaryCommand({ InstanceId, TestCaseId, TestCaseExecutionId })),
    (poll) => wanted.includes(poll.Status),
    {
      intervalMs,
      timeoutMs,
      failure: (seen) => `execution ${TestCaseExecutionId} ${what(timeoutMs)}; `
        + `statuses seen: ${seen.map((poll) => poll.Status).join(' → ')}`,
    });
  return { summary, polls, seen: polls.map((poll) => poll.Status) };
}

/**
 * Polls GetTestCaseExecutionSummary every `intervalMs` until the run is terminal (or `timeoutMs`
 * passes). Returns { summary, polls, seen }: the terminal summary, every summary received in order,
 * and their statuses.
 */
export function waitForTerminal(client, ids, { intervalMs = 50, timeoutMs = 10_000 } = {}) {
  return pollSummary(client, ids, [...TERMINAL_STATUSES], (ms) => `not terminal after ${ms} ms`, { intervalMs, timeoutMs });
}

/**
 * Polls GetTestCaseExecutionSummary every `intervalMs` until the run's Status is one of `wanted`
 * (or `timeoutMs` passes). Returns the matching summary.
 */
export async function waitForStatus(client, ids, wanted, { intervalMs = 10, timeoutMs = 10_000 } = {}) {
  const never = (ms) => `never reached ${wanted.join('/')} within ${ms} ms`;
  return (await pollSummary(client, ids, wanted, never, { intervalMs, timeoutMs })).summary;
}

/** Asserts that a list of polled statuses only moves forward through the lifecycle. */
export function assertMonotoneStatuses(seen) {
  for (const status of seen) {
    assert.ok(status in LIFECYCLE_RANK, `unknown execution status ${status} in ${seen.join(' → ')}`);
  }
  for (let i = 1; i < seen.length; i++) {
    const [prev, next] = [seen[i - 1], seen[i]];
    const ok = TERMINAL_STATUSES.has(prev) ? next === prev : LIFECYCLE_RANK[next] >= LIFECYCLE_RANK[prev];
    assert.ok(ok, `status went back from ${prev} to ${next}: ${seen.join(' → ')}`);
  }
}
