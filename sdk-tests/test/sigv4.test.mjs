// SigV4 verification (auth.sigv4=true): the real SDK's signatures are accepted with the right secret, including a
// path with an instance ARN (encoded twice in the canonical request), and refused with AWS's error types otherwise.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateTestCaseCommand, ListTestCasesCommand } from '@aws-sdk/client-connect';
import {
  VALID_CONTENT, expectServiceErrorNamed, instanceArn, newInstanceId, uniqueName, useEmulator,
} from './support/fixtures.mjs';

const emulator = useEmulator({
  env: {
    EMULATOR_AUTH_SIGV4: 'true',
    EMULATOR_AUTH_CREDENTIALS:
      'AKIDEXAMPLE:secret,AKIDOTHER:other-secret,AKIDTENANT:tenant-secret:210987654321,AKIDTENANT2:t2:210987654321',
  },
});

test('requests signed with a configured key and its secret are served', async () => {
  const InstanceId = newInstanceId();
  const arn = instanceArn(InstanceId);
  const { TestCaseId } = await emulator.createTestCase({ InstanceId: arn });
  const other = emulator.newClient({ credentials: { accessKeyId: 'AKIDOTHER', secretAccessKey: 'other-secret' } });
  const listed = await other.send(new ListTestCasesCommand({ InstanceId, MaxResults: 10 }));
  assert.deepEqual(listed.TestCaseSummaryList.map((summary) => summary.Id), [TestCaseId]);
  const started = await emulator.startTestCaseExecution({
    InstanceId, TestCaseId, ClientToken: 'signed token with spaces & symbols',
  });
  assert.equal(started.Status, 'INITIATED');
  const found = await emulator.searchTestCases({ InstanceId: arn });
  assert.equal(found.TestCases.length, 1);
});

test('a wrong secret gets InvalidSignatureException (403)', async () => {
  const client = emulator.newClient({ credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-the-secret' } });
  await expectServiceErrorNamed(client.send(new ListTestCasesCommand({ InstanceId: newInstanceId() })),
    'InvalidSignatureException', 403);
});

test('an unknown access key gets UnrecognizedClientException (403)', async () => {
  const client = emulator.newClient({ credentials: { accessKeyId: 'AKIDNOBODY', secretAccessKey: 'secret' } });
  await expectServiceErrorNamed(client.send(new ListTestCasesCommand({ InstanceId: newInstanceId() })),
    'UnrecognizedClientException', 403);
});

test('a signature dated 20 minutes ago gets InvalidSignatureException (403) saying it expired', async () => {
  const client = emulator.newClient({ systemClockOffset: -20 * 60 * 1000 });
  const error = await expectServiceErrorNamed(client.send(new ListTestCasesCommand({ InstanceId: newInstanceId() })),
    'InvalidSignatureException', 403);
  assert.match(error.message, /Signature expired/);
});

test('an unsigned request gets MissingAuthenticationTokenException (403); probes need no signature', async () => {
  const response = await emulator.request('GET', `/test-cases-summary/${newInstanceId()}`);
  assert.equal(response.status, 403);
  assert.equal(response.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
  assert.equal(response.json.message, 'Missing Authentication Token');
  assert.equal((await emulator.request('GET', '/health/ready')).status, 200);
});

test('a key configured with an account sees only its account\'s instances, and its ARNs carry that account', async () => {
  const InstanceId = newInstanceId();
  const tenant = emulator.newClient({ credentials: { accessKeyId: 'AKIDTENANT', secretAccessKey: 'tenant-secret' } });
  const sameAccount = emulator.newClient({ credentials: { accessKeyId: 'AKIDTENANT2', secretAccessKey: 't2' } });
  const created = await tenant.send(new CreateTestCaseCommand({ InstanceId, Name: uniqueName(), Content: VALID_CONTENT }));
  assert.match(created.TestCaseArn, new RegExp(`^arn:aws:connect:us-east-1:210987654321:instance/${InstanceId}/test-case/`));

  const fromTenant = await tenant.send(new ListTestCasesCommand({ InstanceId }));
  const fromSameAccount = await sameAccount.send(new ListTestCasesCommand({ InstanceId }));
  const fromShared = await emulator.listTestCases({ InstanceId });
  assert.deepEqual(fromTenant.TestCaseSummaryList.map((s) => s.Id), [created.TestCaseId]);
  assert.deepEqual(fromSameAccount.TestCaseSummaryList.map((s) => s.Id), [created.TestCaseId]);
  assert.deepEqual(fromShared.TestCaseSummaryList, [], 'a key of another account sees none of them');
});
