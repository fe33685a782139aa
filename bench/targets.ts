// Where bench/throughput.ts and bench/memory.ts run: the CLI's dev server (one process) or the
// cluster (the server built from source on PostgreSQL), each with the twin and N project worker
// processes; plus baseline worker processes on demand. Everything on free loopback ports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { loadConfig } from '../src/config';
import { startCluster } from '../src/dev/cluster/cluster';
import { startTwin } from '../src/dev/cluster/front';
import { TEMPORAL_SERVER_VERSION } from '../src/dev/cluster/server-build';
import { startChild, stopChild, waitUntil, type Child } from '../src/dev/cluster/processes';
import { startWorkerProcesses, stopWorkerProcesses } from '../src/dev/cluster/workers';
import { startDevServer } from '../src/dev/dev-server';
import { defaultCacheRoot, provisionTemporalCli } from '../src/dev/temporal-cli';
import { connectClient } from '../src/runtime';
import { withChildren } from './cpu';

export interface Target {
  name: string;
  address: string;
  client: Client;
  twinUrl: string;
  /** The server's processes (and PostgreSQL's, on the cluster), as they are now. */
  serverPids(): { server: number[]; postgres: number[] };
  workerPids: number[];
  startBaselineWorkers(count: number, bundlePath: string): Promise<number[]>;
  stop(): Promise<void>;
}

/**
 * The twin answers at once, presents each house as soon as it is registered, and keeps its state
 * in memory only: it stands in for Customs, whose work is not the project's, and a state file of
 * every house of the run rewritten as they change would compete for the same two cores.
 */
const AT_ONCE = { processingDelayMs: 0, autoPresentAfterMs: 0, dataDir: undefined };

function baselineWorkers(address: string, children: Child[]) {
  return async (count: number, bundlePath: string) => {
    const started = Array.from({ length: count }, () =>
      startChild(
        process.execPath,
        [
          '--import',
          'tsx',
          join(__dirname, 'baseline', 'worker.ts'),
          '--bundle',
          bundlePath,
          '--address',
          address,
        ],
        {
          cwd: join(__dirname, '..'),
        },
      ),
    );
    children.push(...started);
    await Promise.all(
      started.map((child) =>
        waitUntil('baseline worker', async () => child.tail().includes('WORKER_READY'), {
          timeoutMs: 60_000,
          child,
        }),
      ),
    );
    return started.map((child) => child.process.pid!);
  };
}

export async function devTarget(
  env: Record<string, string>,
  workers: number,
  bundlePath: string,
): Promise<Target> {
  const cli = await provisionTemporalCli({
    searchPath: process.env.PATH,
    cacheRoot: defaultCacheRoot(process.env),
  });
  const server = await startDevServer({ cliPath: cli.path, headless: true });
  let config = loadConfig({ ...env, TEMPORAL_ADDRESS: server.address, EMULATOR_URL: 'http://127.0.0.1:0' });
  const twin = await startTwin({
    config,
    dataDir: env.DATA_DIR!,
    clusterDir: join(env.DATA_DIR!, 'twin'),
    twin: AT_ONCE,
  });
  const workerEnv = {
    ...process.env,
    ...env,
    ...twin.env,
    TEMPORAL_ADDRESS: server.address,
    WORKER_METRICS_PORT: '0',
  };
  config = loadConfig(workerEnv);
  const processes = await startWorkerProcesses({ count: workers, env: workerEnv, bundlePath });
  const client = await connectClient(config);
  const children: Child[] = [];
  return {
    name: `dev server (temporal CLI ${cli.version.split(' ').slice(2).join(' ')}), ${workers} worker process(es)`,
    address: server.address,
    client,
    twinUrl: twin.emulator.url,
    serverPids: () => ({ server: server.pid ? [server.pid] : [], postgres: [] }),
    workerPids: processes.map((p) => p.pid),
    startBaselineWorkers: baselineWorkers(server.address, children),
    stop: async () => {
      await Promise.all(children.map((child) => stopChild(child)));
      await stopWorkerProcesses(processes, 5_000);
      await client.connection.close();
      await twin.emulator.close();
      await server.stop();
    },
  };
}

export async function clusterTarget(
  env: Record<string, string>,
  workers: number,
  bundlePath: string,
): Promise<Target> {
  const clusterDir = join(env.DATA_DIR!, 'cluster');
  const cluster = await startCluster({
    env,
    workers,
    freePorts: true,
    clusterDir,
    twin: AT_ONCE,
    workflowBundlePath: bundlePath,
  });
  const children: Child[] = [];
  const postmaster = () =>
    Number(readFileSync(join(clusterDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    name: `cluster (Temporal server ${TEMPORAL_SERVER_VERSION} on PostgreSQL), ${workers} worker process(es)`,
    address: cluster.server.address,
    client: cluster.client,
    twinUrl: cluster.urls.emulator!,
    serverPids: () => ({
      server: cluster.server.pid ? [cluster.server.pid] : [],
      postgres: withChildren(postmaster()),
    }),
    workerPids: cluster.workers.map((w) => w.pid),
    startBaselineWorkers: baselineWorkers(cluster.server.address, children),
    stop: async () => {
      await Promise.all(children.map((child) => stopChild(child)));
      await cluster.stop();
    },
  };
}
