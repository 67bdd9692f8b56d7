// The emulator processes behind the fixtures (see fixtures.mjs, whose useEmulator() is what test files use), a
// ConnectClient pointed at a server, and raw HTTP requests to it.
//
// By default every test file shares one server per test process: the one at EMULATOR_ENDPOINT if that is set,
// otherwise the built jar started once on a free port with its default configuration and killed when the file is
// done (or when the process exits). A file that needs other settings asks for a server of its own:
//
//   const emulator = useEmulator({ env: { EMULATOR_THROTTLE_REQUESTS_PER_SECOND: '1' } });   // in fixtures.mjs
//
// Such a server is always started from the jar (even when EMULATOR_ENDPOINT is set, since an external server cannot
// be reconfigured at start), with the given variables added to the environment, and killed by its PID after the file.
// `env: {}` gives a file a default-configured server of its own, for tests that change global state (clock, reset).
//
// The jar is EMULATOR_JAR if set, else ../../../target/connect-test-emulator.jar relative to this file.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConnectClient } from '@aws-sdk/client-connect';

// Keep the test output free of the SDK's "Node 22 will be required" notice on Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const DEFAULT_JAR_PATH = fileURLToPath(new URL('../../../target/connect-test-emulator.jar', import.meta.url));
export const JAR_PATH = process.env.EMULATOR_JAR || DEFAULT_JAR_PATH;
const STARTUP_TIMEOUT_MS = 20_000;
const LISTENING_LINE = /listening on port (\d+)/;

const children = new Set(); // every emulator process this test process started and has not yet stopped
let shared; // the shared default server: { endpoint: Promise<string>, stop() }

/** Resolves to the base URL of the shared emulator, starting one if EMULATOR_ENDPOINT is not set. */
export function emulatorEndpoint() {
  if (!shared) {
    shared = process.env.EMULATOR_ENDPOINT
      ? { endpoint: Promise.resolve(process.env.EMULATOR_ENDPOINT.replace(/\/+$/, '')), stop() {} }
      : launchEmulator();
  }
  return shared.endpoint;
}

/** Kills the shared emulator if this process started it (no-op when none was started). */
export function stopEmulator() {
  shared?.stop();
}

/** Kills every emulator this process started. */
function stopAll() {
  for (const stop of [...children]) stop();
}

process.on('exit', stopAll);

/**
 * Starts the jar on a free port of 127.0.0.1 with `env` added to this process's environment.
 * Returns { endpoint: Promise<base URL>, stop() }; stop() kills the process by its PID.
 */
export function launchEmulator(env = {}) {
  let child;
  const stop = () => {
    children.delete(stop);
    if (child && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  if (!existsSync(JAR_PATH)) {
    return {
      endpoint: Promise.reject(new Error(
        `Emulator jar not found at ${JAR_PATH}. Build it (mvn package), set EMULATOR_JAR or set EMULATOR_ENDPOINT.`)),
      stop,
    };
  }
  const endpoint = new Promise((resolve, reject) => {
    let output = '';
    let settled = false;
    const fail = (why) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop();
      const settings = Object.entries(env).map(([key, value]) => `${key}=${value}`).join(' ');
      reject(new Error(`${why}${settings ? ` (settings: ${settings})` : ''}\n--- emulator output so far ---\n${output}`));
    };

    child = spawn('java', ['-jar', JAR_PATH], {
      env: { ...process.env, ...env, HTTP_PORT: '0', EMULATOR_HTTP_HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(stop);
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
    child.on('exit', (code, signal) => {
      children.delete(stop);
      fail(`Emulator exited before listening (code ${code}, signal ${signal}).`);
    });
  });
  // Avoid an unhandled rejection when nobody awaited the endpoint yet; callers still see the error.
  endpoint.catch(() => {});
  return { endpoint, stop };
}

/** A ConnectClient configured the way the suite's users would point it at the emulator. */
export function connectClient(endpoint, overrides = {}) {
  return new ConnectClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
    ...overrides,
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
