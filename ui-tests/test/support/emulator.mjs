// Starts the built jar on a free port of 127.0.0.1 with extra environment variables, and stops it by its PID.
// The jar is EMULATOR_JAR if set, else ../../../target/connect-test-emulator.jar relative to this file.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const JAR = process.env.EMULATOR_JAR
  || fileURLToPath(new URL('../../../target/connect-test-emulator.jar', import.meta.url));
const STARTUP_TIMEOUT_MS = 30_000;
const LISTENING = /listening on port (\d+)/;
const running = new Set();

process.on('exit', () => running.forEach((child) => child.kill('SIGKILL')));

/** Resolves to { endpoint, stop() } once the emulator listens; stop() sends SIGTERM to its PID and waits. */
export async function startEmulator(env = {}) {
  if (!existsSync(JAR)) throw new Error(`No emulator jar at ${JAR}: run mvn package first (or set EMULATOR_JAR).`);
  const child = spawn('java', ['-jar', JAR], {
    env: { ...process.env, ...env, HTTP_PORT: '0', EMULATOR_HTTP_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The emulator did not listen within 30 s:\n${output}`)),
      STARTUP_TIMEOUT_MS);
    const read = (chunk) => {
      output += chunk;
      const match = LISTENING.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The emulator exited (${code}) before listening:\n${output}`));
    });
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      running.delete(child);
    },
  };
}
