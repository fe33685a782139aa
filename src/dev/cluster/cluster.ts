// A production-like Temporal cluster on this machine: the Temporal server built from source
// (server-build.ts) on PostgreSQL (postgres.ts), N worker processes, and in this process the twin
// and the gateway. `npm run cluster` runs it (main.ts); the cluster test and benchmarks start it
// the same way. Stops in order: workers, gateway, twin, server, PostgreSQL.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from '@temporalio/client';
import { developmentCodecDefaults } from '../../codec/development';
import { type Config, loadConfig } from '../../config';
import type { EmulatorOptions } from '../../emulator/types';
import { connectClient } from '../../runtime';
import { freePort } from '../dev-server';
import { defaultCacheRoot } from '../temporal-cli';
import { bundleWorkflows } from './bundle';
import { devGatewayApiKey, startGateway, startTwin, type Twin } from './front';
import { startPostgres } from './postgres';
import { elapsed } from './processes';
import { provisionTemporalServer, type TemporalServerBuild } from './server-build';
import { serverPorts } from './ports';
import { applySchema, startTemporalServer, type RunningServer } from './temporal-server';
import { startWorkerProcess, startWorkerProcesses, stopWorkerProcesses, type WorkerProcess } from './workers';

export interface ClusterOptions {
  env: Record<string, string | undefined>;
  workers: number;
  /** Default `<DATA_DIR>/cluster`: PostgreSQL's data, the server's config and log, the twin's state. */
  clusterDir?: string;
  /** Every port picked freshly (tests, benchmarks) instead of TEMPORAL_ADDRESS, GATEWAY_PORT, EMULATOR_URL. */
  freePorts?: boolean;
  /** Fixed when the database is created; 4 like docker-compose.yml's NUM_HISTORY_SHARDS. */
  numHistoryShards?: number;
  twin?: Partial<EmulatorOptions>;
  /** A prebuilt workflow bundle; otherwise workflows/ is bundled once at start for every worker. */
  workflowBundlePath?: string;
  log?: (line: string) => void;
}

export interface Cluster {
  config: Config;
  client: Client;
  server: RunningServer;
  twin?: Twin;
  workers: WorkerProcess[];
  urls: { temporal: string; gateway: string; emulator?: string; serverMetrics: string; postgres: string };
  /** Environment a further worker, CLI or benchmark uses to reach this cluster. */
  env: Record<string, string | undefined>;
  /** Starts one more worker process (e.g. after one was killed). */
  addWorker(): Promise<WorkerProcess>;
  stop(): Promise<void>;
}

/** The user's environment wins, as in `npm start`; --free-ports overrides only the addresses. */
async function clusterEnv(options: ClusterOptions, dataDir: string) {
  const base = loadConfig(options.env);
  const env: Record<string, string | undefined> = {
    ...(await developmentCodecDefaults(base, dataDir)),
    ROUTING_FEED_POLL_INTERVAL: '2s',
    GATEWAY_API_KEYS: devGatewayApiKey(dataDir),
    ...options.env,
    DATA_DIR: dataDir,
  };
  if (options.freePorts) {
    env.TEMPORAL_ADDRESS = `127.0.0.1:${await freePort()}`;
    env.GATEWAY_PORT = String(await freePort());
    env.EMULATOR_URL = `http://127.0.0.1:${await freePort()}`;
  }
  return env;
}

type Stops = Array<[string, () => Promise<unknown>]>;

/** PostgreSQL with an up-to-date schema, then the Temporal server with the namespace registered. */
async function startBackend(input: {
  build: TemporalServerBuild;
  clusterDir: string;
  config: Config;
  options: ClusterOptions;
  stops: Stops;
  log: (line: string) => void;
}) {
  const { build, clusterDir, config, stops, log } = input;
  let t = performance.now();
  const postgres = await startPostgres({ clusterDir, port: await freePort(), log });
  stops.push(['PostgreSQL', () => postgres.stop()]);
  await applySchema(build, postgres, clusterDir);
  log(`PostgreSQL on ${postgres.host}:${postgres.port}, schema up to date (${elapsed(t)})`);
  t = performance.now();
  const ports = await serverPorts(Number(config.temporal.address.split(':').pop()));
  const server = await startTemporalServer({
    build,
    postgres,
    clusterDir,
    ports,
    namespace: config.temporal.namespace,
    numHistoryShards: input.options.numHistoryShards ?? 4,
  });
  stops.push(['Temporal server', () => server.stop()]);
  log(
    `Temporal server on ${server.address}, namespace ${server.namespace} and search attributes (${elapsed(t)})`,
  );
  return { postgres, server, ports };
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.log ?? (() => undefined);
  const stops: Stops = [];
  const stop = async () => {
    for (const [what, step] of stops.reverse()) {
      const t = performance.now();
      await step().catch((error: unknown) => log(`while stopping ${what}: ${String(error)}`));
      log(`stopped ${what} (${elapsed(t)})`);
    }
  };
  try {
    const dataDir = resolve(loadConfig(options.env).dataDir);
    const clusterDir = resolve(options.clusterDir ?? join(dataDir, 'cluster'));
    mkdirSync(clusterDir, { recursive: true });
    const env = await clusterEnv(options, dataDir);
    let config = loadConfig(env);
    let t = performance.now();
    const build = await provisionTemporalServer({
      cacheRoot: defaultCacheRoot(process.env),
      searchPath: process.env.PATH,
      log,
    });
    log(`Temporal server ${build.version} ready (${build.source}, ${elapsed(t)})`);
    // webpack runs while PostgreSQL and the server start (they mostly wait).
    const bundling = options.workflowBundlePath
      ? Promise.resolve(options.workflowBundlePath)
      : bundleWorkflows(join(clusterDir, 'workflow-bundle.js'));
    bundling.catch(() => undefined);
    const { postgres, server, ports } = await startBackend({
      build,
      clusterDir,
      config,
      options,
      stops,
      log,
    });
    let twin: Twin | undefined;
    if (config.environment === 'emulator') {
      twin = await startTwin({ config, dataDir, clusterDir, twin: options.twin });
      stops.push(['twin', () => twin!.emulator.close()]);
      Object.assign(env, twin.env);
      config = loadConfig(env);
    }
    t = performance.now();
    const bundlePath = await bundling;
    log(`workflow bundle ready (${elapsed(t)} after the server)`);
    const client = await connectClient(config);
    stops.push(['client', () => client.connection.close()]);
    const gateway = await startGateway(config, client);
    stops.push(['gateway', () => gateway.close()]);
    t = performance.now();
    const workerEnv = {
      ...process.env,
      ...env,
      WORKER_METRICS_PORT: '0',
      LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
    };
    const workers = await startWorkerProcesses({ count: options.workers, env: workerEnv, bundlePath });
    const graceMs = config.worker.shutdownGraceTimeMs;
    stops.push(['workers', () => stopWorkerProcesses(workers, graceMs)]);
    log(
      `${workers.length} worker processes polling (pids ${workers.map((w) => w.pid).join(', ')}; ${elapsed(t)})`,
    );
    return {
      config,
      client,
      server,
      twin,
      workers,
      env,
      urls: {
        temporal: server.address,
        gateway: gateway.url,
        emulator: twin?.emulator.url,
        serverMetrics: `http://127.0.0.1:${ports.metrics}/metrics`,
        postgres: `postgresql://${postgres.user}@${postgres.host}:${postgres.port}/temporal`,
      },
      addWorker: async () => {
        const worker = await startWorkerProcess({ index: workers.length + 1, env: workerEnv, bundlePath });
        workers.push(worker);
        return worker;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
