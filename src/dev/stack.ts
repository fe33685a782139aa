// The embedded default stack behind `npm start`: the Temporal dev server (SQLite under the data
// folder, so state survives restarts), the emulator with generated development credentials
// (unless the configuration points at Customs), the worker, the routing feed and the gateway.
// The end-to-end test starts it the same way.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { DigitollFlow } from '../client';
import { codecServerFromConfig } from '../codec/data-converter';
import { developmentCodecDefaults, uiOrigins } from '../codec/development';
import { type Config, loadConfig } from '../config';
import { loadOrCreateDevCredentials, startEmulator, type RunningEmulator } from '../emulator';
import { buildGateway, temporalHealthCheck } from '../gateway';
import { createServiceMetrics, installRuntime, startSampler } from '../metrics';
import { connectClient, connectWorker, createDigitollFromConfig } from '../runtime';
import { createWorkers, ensureRoutingFeed } from '../worker';
import { freePort, startDevServer, type DevServer } from './dev-server';

export interface StackOptions {
  /** The environment, as loadConfig reads it. */
  env: Record<string, string | undefined>;
  /** The Temporal CLI; undefined: the SDK's download (see provisionForDevServer). */
  cliPath: string | undefined;
  log?: (line: string) => void;
  /** Called when the worker stops on its own (a fatal error); the caller should stop the stack. */
  onWorkerFailure?: (error: unknown) => void;
  /** A prebuilt workflow bundle (dist/workflow-bundle.js); otherwise workflows/ is bundled at start. */
  workflowBundlePath?: string;
}

export interface Stack {
  config: Config;
  urls: {
    temporal: string;
    temporalUi?: string;
    gateway: string;
    emulator?: string;
    codec?: string;
    /** The worker's and the gateway's metrics together (one process), on the gateway's port. */
    metrics: string;
  };
  stop(): Promise<void>;
}

/** How often the embedded stack polls the emulator's routing feed unless configured. */
const EMBEDDED_FEED_POLL_INTERVAL = '2s';

export async function startStack(options: StackOptions): Promise<Stack> {
  const log = options.log ?? (() => undefined);
  const stops: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const step of stops.reverse())
      await step().catch((error: unknown) => log(`while stopping: ${String(error)}`));
  };
  try {
    let config = loadConfig(options.env);
    const dataDir = resolve(config.dataDir);
    mkdirSync(dataDir, { recursive: true });
    // The user's environment wins over the development key and codec settings, and a fixed
    // gateway port lets the UI know its codec endpoint before the gateway listens.
    const env = {
      ...(await developmentCodecDefaults(config, dataDir)),
      GATEWAY_PORT: String(config.gateway.port || (await freePort())),
      ...options.env,
    };
    if (env.GATEWAY_PORT === '0') env.GATEWAY_PORT = String(await freePort());
    config = loadConfig(env);
    const codecEndpoint = `http://${browserHost(config.gateway.host)}:${config.gateway.port}/codec`;

    const [host, port] = splitAddress(config.temporal.address);
    log('Starting the Temporal dev server...');
    const server: DevServer = await startDevServer({
      cliPath: options.cliPath,
      ip: host,
      port,
      uiPort: port + 1000,
      dbFilename: join(dataDir, 'temporal.sqlite'),
      namespace: config.temporal.namespace,
      uiCodecEndpoint: config.payloadEncryption.enabled ? codecEndpoint : undefined,
    });
    stops.push(() => server.stop());

    let emulator: RunningEmulator | undefined;
    if (config.environment === 'emulator') {
      const emulatorUrl = new URL(config.endpoints.digitollBaseUrl);
      log('Starting the Digitoll emulator...');
      // Reused across restarts, so a worker started separately on these files keeps working.
      const { credentials, files } = await loadOrCreateDevCredentials(join(dataDir, 'dev-credentials'));
      emulator = await startEmulator({
        host: emulatorUrl.hostname,
        port: Number(emulatorUrl.port) || 0,
        devCredentials: credentials,
        // Kept on disk, so consignments waiting for Customs resume after a restart.
        dataDir: join(dataDir, 'emulator'),
      });
      stops.push(() => emulator!.close());
      config = loadConfig({
        ROUTING_FEED_POLL_INTERVAL: EMBEDDED_FEED_POLL_INTERVAL,
        GATEWAY_API_KEYS: devGatewayApiKey(dataDir),
        ...env,
        EMULATOR_URL: emulator.url,
        MASKINPORTEN_CLIENT_ID: emulator.devCredentials.clientId,
        MASKINPORTEN_KEY_FILE: files.keyFile,
        MASKINPORTEN_CERT_FILE: files.certFile,
        MASKINPORTEN_KID: undefined,
      });
    }

    log('Starting the worker...');
    // Opt-in only: Runtime.install may run once per process, and tests start stacks repeatedly.
    if (config.metrics.sdkAddress)
      installRuntime({ logger: pino(), sdkMetricsAddress: config.metrics.sdkAddress });
    // One registry for worker and gateway: the gateway's /metrics shows both.
    const metrics = createServiceMetrics({ processMetrics: true });
    const client = await connectClient(config);
    stops.push(() => client.connection.close());
    const nativeConnection = await connectWorker(config);
    stops.push(() => nativeConnection.close());
    const taskQueues = {
      workflow: config.worker.workflowTaskQueue,
      digitoll: config.worker.digitollTaskQueue,
    };
    const workers = await createWorkers({
      nativeConnection,
      client,
      digitoll: await createDigitollFromConfig(config, undefined, metrics),
      taskQueues,
      digitollActivitiesPerSecond: config.worker.digitollActivitiesPerSecond,
      routingFeedActivitiesPerSecond: config.routingFeed.activitiesPerSecond,
      shutdownGraceTime: config.worker.shutdownGraceTimeMs,
      sizing: config.worker.sizing,
      webhookSecret: config.webhooks.secret,
      workflowBundle: options.workflowBundlePath ? { codePath: options.workflowBundlePath } : undefined,
    });
    const running = workers.run();
    stops.push(() => workers.shutdown());
    // A stack whose worker died would accept consignments that nothing processes.
    running.catch((error: unknown) => options.onWorkerFailure?.(error));
    await ensureRoutingFeed(client, {
      organisation: config.routingFeed.organisation,
      pollInterval: config.routingFeed.pollIntervalMs,
      taskQueues,
    });
    const sampler = startSampler({
      client,
      metrics,
      organisations: [config.routingFeed.organisation],
      intervalMs: config.metrics.sampleIntervalMs,
    });
    stops.push(() => sampler.stop());

    const gateway: FastifyInstance = await buildGateway({
      flow: new DigitollFlow({
        client,
        taskQueue: taskQueues.workflow,
        digitollTaskQueue: taskQueues.digitoll,
        organisation: config.routingFeed.organisation,
        webhookUrl: config.webhooks.url,
      }),
      apiKeys: config.gateway.apiKeys,
      bodyLimitBytes: config.gateway.bodyLimitBytes,
      rateLimitPerMinute: config.gateway.rateLimitPerMinute,
      temporalHealth: temporalHealthCheck(client.connection),
      codec: await codecWithUiOrigins(config, server.uiUrl),
      metrics: { metrics, token: config.metrics.token },
    });
    const gatewayUrl = await gateway.listen({ host: config.gateway.host, port: config.gateway.port });
    stops.push(() => gateway.close());

    return {
      config,
      urls: {
        codec: config.payloadEncryption.enabled ? codecEndpoint : undefined,
        temporal: server.address,
        temporalUi: server.uiUrl,
        gateway: gatewayUrl,
        emulator: emulator?.url,
        metrics: `${gatewayUrl}/metrics`,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Path of the development gateway API key that the embedded emulator stack creates. */
export function devGatewayApiKeyFile(dataDir: string): string {
  return join(resolve(dataDir), 'dev-credentials', 'gateway-api-key');
}

/** A random development API key, created once under the data folder (git-ignored) and reused. */
function devGatewayApiKey(dataDir: string): string {
  const file = devGatewayApiKeyFile(dataDir);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(24).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** The codec server for the dev UI too, whose origin follows TEMPORAL_ADDRESS's port + 1000. */
async function codecWithUiOrigins(config: Config, uiUrl: string | undefined) {
  const codec = await codecServerFromConfig(config);
  return codec && { ...codec, corsOrigins: [...new Set([...codec.corsOrigins, ...uiOrigins(uiUrl)])] };
}

/** A browser cannot call 0.0.0.0 or :: : use loopback for the UI's codec endpoint. */
function browserHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function splitAddress(address: string): [string, number] {
  const index = address.lastIndexOf(':');
  const port = Number(address.slice(index + 1));
  if (index < 0 || !Number.isInteger(port)) {
    throw new Error(`TEMPORAL_ADDRESS=${address}: the embedded stack needs host:port`);
  }
  return [address.slice(0, index), port];
}
