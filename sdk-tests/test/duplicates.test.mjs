// Names are unique per instance, and a caller-chosen id cannot be reused.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DuplicateResourceException } from '@aws-sdk/client-connect';
import { expectServiceError, newInstanceId, uniqueName, useEmulator } from './support/fixtures.mjs';

const emulator = useEmulator();
const create = (input) => emulator.createTestCase(input);

test('a second test case with the same name in the same instance fails with DuplicateResourceException', async () => {
  const Name = uniqueName('taken');
  await create({ Name });

  await expectServiceError(create({ Name }), DuplicateResourceException, 409);
});

test('the same name can be used in another instance', async () => {
  const Name = uniqueName('shared');
  const first = await create({ Name });

  const second = await create({ Name, InstanceId: newInstanceId() });

  assert.notEqual(second.TestCaseArn, first.TestCaseArn);
});

test('a draft name is taken too', async () => {
  const Name = uniqueName('draft');
  await create({ Name, Status: 'SAVED' });

  await expectServiceError(create({ Name }), DuplicateResourceException, 409);
});

test('creating with a caller-chosen id that already exists fails with DuplicateResourceException', async () => {
  const TestCaseId = `tc-${randomUUID()}`;
  await create({ TestCaseId });

  await expectServiceError(create({ TestCaseId }), DuplicateResourceException, 409);
});
