// `npm start` as a person runs it: a child process in its own process group, like a terminal's
// foreground job. Ctrl-C (SIGINT to the whole group) must stop everything in order and leave no
// server behind.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/dev/dev-server';
import { eventually } from '../helpers/temporal';

const root = join(__dirname, '../..');

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

test('given npm start running, when Ctrl-C reaches its process group, then it stops in order, says so, exits 0 and leaves no port open', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'digitoll-npm-start-'));
  const temporalPort = await freePort();
  const gatewayPort = await freePort();
  const emulatorPort = await freePort();
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/dev/start.ts'], {
    cwd: root,
    detached: true,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
      GATEWAY_PORT: String(gatewayPort),
      EMULATOR_URL: `http://127.0.0.1:${emulatorPort}`,
      TEMPORAL_CLI_PATH: process.env.TEMPORAL_TEST_CLI_PATH,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await eventually(async () => (output.includes('Press Ctrl-C to stop') ? true : undefined), {
      timeoutMs: 90_000,
      intervalMs: 200,
      what: `npm start to be ready; output so far:\n${output}`,
    });
    expect(output).toContain(`Temporal UI    http://127.0.0.1:${temporalPort + 1000}`);
    expect(output).toContain(`Gateway        http://127.0.0.1:${gatewayPort}`);
    expect(await listening(temporalPort)).toBe(true);

    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('Stopped. State is kept in the data folder');
    for (const port of [temporalPort, temporalPort + 1000, gatewayPort, emulatorPort]) {
      expect(await listening(port)).toBe(false);
    }
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 150_000);
