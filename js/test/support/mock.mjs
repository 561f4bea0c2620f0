// The real cake-mock binary on a free loopback port, for the shared suite (the same server for
// both engines), with its /_mock control endpoints under the names of the Node package's
// MockServer (addFault, faults, clearFaults, requests, state, seed, reset, stop).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, connect } from 'node:net';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const defaultBinary = fileURLToPath(new URL('../../../target/debug/cake-mock', import.meta.url));

export const API_KEY = 'sk-live-JS-7f3a9c1e-secret';

export async function startMock({ apiKey = API_KEY, seed = 7 } = {}) {
  const binary = process.env.CAKE_MOCK_BIN ?? defaultBinary;
  const args = ['--port', '0', '--api-key', apiKey, '--seed', String(seed)];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr = [];
  child.stderr.on('data', (chunk) => stderr.push(chunk));
  const url = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(line.trim()));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`cake-mock exited (${code}): ${Buffer.concat(stderr)}`)));
  });
  const control = async (method, path, body) => {
    const response = await fetch(`${url}/_mock/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`/_mock/${path}: HTTP ${response.status} ${text}`);
    return text === '' ? null : JSON.parse(text);
  };
  return {
    url,
    apiKey,
    reset: () => control('POST', 'reset'),
    requests: () => control('GET', 'requests'),
    state: () => control('GET', 'state'),
    seed: (data) => control('POST', 'seed', data),
    addFault: (rule) => control('POST', 'faults', rule),
    faults: () => control('GET', 'faults'),
    clearFaults: () => control('DELETE', 'faults'),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A loopback URL where nothing listens, for as long as it is held (`close()` frees it). Not the
 * URL of a stopped server, nor a port found free and released: any process may take a freed
 * port before the test connects to it. This port is the local end of a connection kept open
 * here, which no one can listen on, so connecting to it is refused.
 */
export async function refusingUrl() {
  const sockets = [];
  const server = createServer((socket) => sockets.push(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const accepted = once(server, 'connection');
  const held = connect(server.address().port, '127.0.0.1');
  await Promise.all([once(held, 'connect'), accepted]);
  return {
    url: `http://127.0.0.1:${held.localPort}`,
    /** Connections its listener accepted besides the held one: none, whatever tried the URL. */
    accepted: () => sockets.length - 1,
    close() {
      held.destroy();
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Waits until `condition()` holds, checking every 10 ms; fails after `ms` (a bound, not a guess). */
export async function until(condition, what, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still not true after ${ms} ms: ${what}`);
    await sleep(10);
  }
}
