// Gives each test file an emulator endpoint, a configured ConnectClient and a raw HTTP helper.
//
// If EMULATOR_ENDPOINT is set, the suite talks to that server. Otherwise it starts the built jar
// (../../../target/connect-test-emulator.jar, relative to this file) once per test file on a free
// port and kills it when the file is done (or when the process exits).

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { ConnectClient } from '@aws-sdk/client-connect';

// Keep the test output free of the SDK's "Node 22 will be required" notice on Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const JAR_PATH = fileURLToPath(new URL('../../../target/connect-test-emulator.jar', import.meta.url));
const STARTUP_TIMEOUT_MS = 20_000;
const LISTENING_LINE = /listening on port (\d+)/;

let child; // the emulator process this file started, if any
let endpointPromise; // memoised: one server per test process

/** Resolves to the base URL of the emulator, starting one if EMULATOR_ENDPOINT is not set. */
export function emulatorEndpoint() {
  endpointPromise ??= process.env.EMULATOR_ENDPOINT
    ? Promise.resolve(process.env.EMULATOR_ENDPOINT.replace(/\/+$/, ''))
    : startEmulator();
  return endpointPromise;
}

/** Kills the emulator started by this process (no-op when none was started). */
export function stopEmulator() {
  if (child && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

process.on('exit', stopEmulator);

function startEmulator() {
  if (!existsSync(JAR_PATH)) {
    return Promise.reject(new Error(
      `Emulator jar not found at ${JAR_PATH}. Build it (mvn package) or set EMULATOR_ENDPOINT.`));
  }
  return new Promise((resolve, reject) => {
    let output = '';
    let settled = false;
    const fail = (why) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopEmulator();
      reject(new Error(`${why}\n--- emulator output so far ---\n${output}`));
    };

    child = spawn('java', ['-jar', JAR_PATH], {
      env: { ...process.env, HTTP_PORT: '0', EMULATOR_HTTP_HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(
      () => fail(`Emulator did not report "listening on port N" within ${STARTUP_TIMEOUT_MS / 1000} s.`),
      STARTUP_TIMEOUT_MS);

    const onData = (chunk) => {
      // Keep draining after startup so the child never blocks on a full pipe.
      if (settled) return;
      output += chunk;
      const match = LISTENING_LINE.exec(output);
      if (match) {
        settled = true;
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.on('error', (err) => fail(`Could not start java: ${err.message}`));
    child.on('exit', (code, signal) => fail(`Emulator exited before listening (code ${code}, signal ${signal}).`));
  });
}

/** A ConnectClient configured the way the suite's users would point it at the emulator. */
export function connectClient(endpoint) {
  return new ConnectClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
}

/**
 * Sends an unsigned request with fetch, for wire behaviour the SDK cannot show.
 * `body` may be a string (sent as is) or any other value (sent as JSON with content-type application/json).
 * Resolves to { status, headers, text, json } where json is the parsed body or undefined.
 */
export async function rawRequest(endpoint, method, path, { body, headers = {} } = {}) {
  const init = { method, headers: { ...headers } };
  if (body !== undefined) {
    if (typeof body === 'string') {
      init.body = body;
    } else {
      init.body = JSON.stringify(body);
      init.headers['content-type'] ??= 'application/json';
    }
  }
  const response = await fetch(endpoint + path, init);
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/**
 * Registers before/after hooks for the calling test file and returns accessors that are valid
 * inside tests:
 *   const emulator = useEmulator();
 *   test('...', async () => { await emulator.client.send(...); await emulator.request('GET', '/x'); });
 */
export function useEmulator() {
  let endpoint;
  let client;
  before(async () => {
    endpoint = await emulatorEndpoint();
    client = connectClient(endpoint);
  });
  after(() => {
    client?.destroy();
    stopEmulator();
  });
  return {
    get endpoint() {
      return endpoint;
    },
    get client() {
      if (!client) throw new Error('The emulator is not available (see the before hook error).');
      return client;
    },
    request(method, path, options) {
      if (!endpoint) throw new Error('The emulator is not available (see the before hook error).');
      return rawRequest(endpoint, method, path, options);
    },
  };
}
