// PUBLISHED content is validated (InvalidTestCaseException with Problems); SAVED content is not.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidTestCaseException } from '@aws-sdk/client-connect';
import { VALID_CONTENT, expectServiceError, useEmulator } from './support/fixtures.mjs';

const emulator = useEmulator();

/** VALID_CONTENT with one change applied to its parsed form. */
function brokenContent(change) {
  const document = JSON.parse(VALID_CONTENT);
  change(document);
  return JSON.stringify(document);
}

const INVALID_CONTENTS = {
  'content that is not JSON': 'not json',
  'content with no observations': '{"Observations":[]}',
  'two observations with the same identifier': brokenContent((doc) => {
    doc.Observations[1].Identifier = doc.Observations[0].Identifier;
  }),
  'a transition to an observation that does not exist': brokenContent((doc) => {
    doc.Observations[0].Transitions.NextObservations = ['nowhere'];
  }),
  'an action without a type': brokenContent((doc) => {
    delete doc.Observations[1].Actions[0].Type;
  }),
};

const create = (input) => emulator.createTestCase(input);

for (const [problem, Content] of Object.entries(INVALID_CONTENTS)) {
  test(`publishing ${problem} fails with InvalidTestCaseException listing the problems`, async () => {
    const err = await expectServiceError(create({ Content, Status: 'PUBLISHED' }), InvalidTestCaseException, 400);

    assert.ok(Array.isArray(err.Problems) && err.Problems.length > 0, `Problems should be a non-empty list, got ${JSON.stringify(err.Problems)}`);
    for (const problemDetail of err.Problems) {
      assert.equal(typeof problemDetail.message, 'string', `each problem has a message: ${JSON.stringify(problemDetail)}`);
      assert.ok(problemDetail.message.length >= 1 && problemDetail.message.length <= 256,
        `problem message should be 1–256 characters: ${JSON.stringify(problemDetail.message)}`);
    }
  });

  test(`saving ${problem} as a draft is accepted`, async () => {
    const created = await create({ Content, Status: 'SAVED' });

    assert.ok(created.TestCaseId, 'a draft is created');
  });
}

test('publishing without a Status validates the content too', async () => {
  await expectServiceError(create({ Content: 'not json' }), InvalidTestCaseException, 400);
});
