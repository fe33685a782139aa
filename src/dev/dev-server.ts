// Starts `temporal server start-dev` on loopback, waits until it answers, registers the project's
// search attributes (through the operator service, so it works on an existing database too) and
// stops it cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_LIST } from '../shared';
import { ensureSearchAttributes } from './search-attributes';

export interface DevServerOptions {
  /** The Temporal CLI; without one, the SDK downloads its own dev server (needs internet). */
  cliPath?: string;
  ip?: string;
  /** gRPC port; a free one when omitted. */
  port?: number;
  /** Web UI port; a free one when omitted. Ignored when headless. */
  uiPort?: number;
  headless?: boolean;
  /** The UI's remote codec endpoint (the gateway's /codec), so it shows encrypted payloads in clear. */
  uiCodecEndpoint?: string;
  /** SQLite file; in memory when omitted. */
  dbFilename?: string;
  namespace?: string;
  /** Extra server dynamic config, e.g. { 'limit.historyCount.suggestContinueAsNew': 50 }. */
  dynamicConfig?: Record<string, string | number | boolean>;
  startTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface DevServer {
  address: string;
  namespace: string;
  uiUrl?: string;
  pid?: number;
  stop(): Promise<void>;
}

export async function freePort(ip = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, ip, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** Fails when something already listens there (a leftover server would silently be used instead). */
async function assertPortFree(ip: string, port: number, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `${what} port ${ip}:${port} is already in use (a Temporal server left running?). Stop it, or choose ` +
                'another port (TEMPORAL_ADDRESS; the UI uses its port + 1000).'
            : `cannot use ${what} port ${ip}:${port}: ${error.message}`,
        ),
      ),
    );
    probe.listen(port, ip, () => probe.close(() => resolve()));
  });
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const ip = options.ip ?? '127.0.0.1';
  const namespace = options.namespace ?? 'default';
  const port = options.port ?? (await freePort(ip));
  const uiPort = options.headless ? undefined : (options.uiPort ?? (await freePort(ip)));
  await assertPortFree(ip, port, 'Temporal');
  if (uiPort !== undefined) await assertPortFree(ip, uiPort, 'Temporal UI');
  const dynamicConfig = {
    // Lets search attributes added through the operator service be used at once.
    'system.forceSearchAttributesCacheRefreshOnRead': true,
    ...options.dynamicConfig,
  };
  const dynamicArgs = Object.entries(dynamicConfig).flatMap(([key, value]) => [
    '--dynamic-config-value',
    `${key}=${JSON.stringify(value)}`,
  ]);
  if (!options.cliPath) {
    const codecArgs = options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : [];
    return startSdkDevServer({ ...options, ip, namespace, port, uiPort }, [...dynamicArgs, ...codecArgs]);
  }
  const args = ['server', 'start-dev', '--ip', ip, '--port', String(port), '--log-level', 'error'];
  if (uiPort !== undefined) args.push('--ui-port', String(uiPort));
  else args.push('--headless');
  if (uiPort !== undefined && options.uiCodecEndpoint)
    args.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  if (options.dbFilename) args.push('--db-filename', options.dbFilename);
  if (namespace !== 'default') args.push('--namespace', namespace);
  args.push(...dynamicArgs);

  // Its own process group: Ctrl-C in a terminal must reach only our process, which then stops the
  // worker first (in-flight work gets its grace time) and the server last.
  const child = spawn(options.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  const output = captureOutput(child);
  const address = `${ip}:${port}`;
  try {
    await waitUntilServing(address, child, output, options.startTimeoutMs ?? 60_000);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`temporal server start-dev exited right after starting:\n${output.tail()}`);
    }
    const connection = await Connection.connect({ address });
    try {
      await ensureSearchAttributes(connection, namespace, SEARCH_ATTRIBUTE_LIST);
    } finally {
      await connection.close();
    }
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  options.log?.(`Temporal dev server on ${address} (pid ${child.pid})`);
  return {
    address,
    namespace,
    uiUrl: uiPort !== undefined ? `http://${ip}:${uiPort}` : undefined,
    pid: child.pid,
    stop: () => stopProcess(child),
  };
}

/** The last resort: the SDK's own download of the dev server (fails on machines without internet). */
async function startSdkDevServer(
  options: DevServerOptions & { ip: string; namespace: string; port: number; uiPort?: number },
  extraArgs: string[],
): Promise<DevServer> {
  options.log?.("No Temporal CLI: trying the Temporal SDK's download of the dev server...");
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      ip: options.ip,
      port: options.port,
      ui: options.uiPort !== undefined,
      uiPort: options.uiPort,
      dbFilename: options.dbFilename,
      namespace: options.namespace,
      extraArgs,
    },
  });
  const address = `${options.ip}:${options.port}`;
  const connection = await Connection.connect({ address });
  try {
    await ensureSearchAttributes(connection, options.namespace, SEARCH_ATTRIBUTE_LIST);
  } finally {
    await connection.close();
  }
  return {
    address,
    namespace: options.namespace,
    uiUrl: options.uiPort !== undefined ? `http://${options.ip}:${options.uiPort}` : undefined,
    stop: () => env.teardown(),
  };
}

function captureOutput(child: ChildProcess): { tail: () => string } {
  let buffer = '';
  const append = (chunk: Buffer) => {
    buffer = (buffer + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return { tail: () => buffer };
}

async function waitUntilServing(
  address: string,
  child: ChildProcess,
  output: { tail: () => string },
  timeoutMs: number,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `temporal server start-dev exited (${child.exitCode ?? child.signalCode}):\n${output.tail()}`,
      );
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(
    `temporal server start-dev did not answer on ${address} within ${timeoutMs} ms ` +
      `(${String(lastError)}):\n${output.tail()}`,
  );
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
