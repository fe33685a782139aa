// One pass's stack for the crash campaign, every part a separate process on loopback: its own
// Temporal dev server (SQLite file, so a restart keeps every workflow), the twin, the worker and
// the gateway, configured by environment variables as an operator would.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../src/codec/data-converter';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../src/workflow-bundle-options';
import { freePort, startDevServer, type DevServer } from '../../src/dev/dev-server';
import { createEmulatorControl, loadOrCreateDevCredentials, type EmulatorControl } from '../../src/emulator';
import { READY_MS, serviceEnv, sleep, spawnService, supervise, type Service } from './services';

const LOOPBACK = '127.0.0.1';
const MAX_UNEXPECTED_EXITS = 30;

export interface ChaosStack {
  urls: { temporal: string; gateway: string; emulator: string; logs: string };
  apiKey: string;
  client: Client;
  control: EmulatorControl;
  counters: { kills: number; temporalRestarts: number; unexpectedExits: number };
  /** SIGKILL the worker and start a new one at once; resolves when the new one polls. */
  killWorker(): Promise<{ readyMs: number }>;
  /** Stops the dev server and starts it again on the same port and database file. */
  restartTemporal(): Promise<{ downMs: number }>;
  stop(): Promise<void>;
}

export async function startChaosStack(options: {
  cliPath: string;
  dataDir: string;
  log: (line: string) => void;
}): Promise<ChaosStack> {
  const { cliPath, dataDir, log } = options;
  const logs = join(dataDir, 'logs');
  mkdirSync(logs, { recursive: true });
  const [temporalPort, emulatorPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
  const { credentials, files } = await loadOrCreateDevCredentials(join(dataDir, 'dev-credentials'));
  const devServerOptions = {
    cliPath,
    ip: LOOPBACK,
    port: temporalPort,
    headless: true,
    dbFilename: join(dataDir, 'temporal.sqlite'),
  };
  let server: DevServer = await startDevServer(devServerOptions);
  const emulatorUrl = `http://${LOOPBACK}:${emulatorPort}`;
  const apiKey = randomBytes(18).toString('base64url');
  // A restarted worker loads the prebuilt bundle instead of running webpack again, as in production.
  const bundlePath = join(dataDir, 'workflow-bundle.js');
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    failureConverterPath: FAILURE_CONVERTER_PATH,
    ...WORKFLOW_BUNDLE_OPTIONS,
    logger: new DefaultLogger('WARN'),
  });
  writeFileSync(bundlePath, code);
  const env = {
    ...serviceConfig({ emulatorUrl, credentials, files, server, gatewayPort, apiKey, dataDir }),
    WORKFLOW_BUNDLE_PATH: bundlePath,
  };
  const emulatorArgs = [
    '--host',
    LOOPBACK,
    '--port',
    String(emulatorPort),
    '--data-dir',
    dataDir,
    '--in-memory',
  ];
  const emulator = spawnService('emulator', 'src/emulator/main.ts', emulatorArgs, env, logs);
  await emulator.waitFor(/listening on/, READY_MS);
  const counters = { kills: 0, temporalRestarts: 0, unexpectedExits: 0 };
  let stopping = false;

  const supervision = {
    isStopping: () => stopping,
    onUnexpectedExit: (service: Service) => {
      counters.unexpectedExits += 1;
      if (counters.unexpectedExits > MAX_UNEXPECTED_EXITS) {
        log(`${service.name} keeps exiting: left down`);
        return false;
      }
      log(`${service.name} exited by itself (code ${service.child.exitCode}); starting it again`);
      return true;
    },
  };
  const worker = supervise(
    () => spawnService('worker', 'src/worker-main.ts', [], env, logs),
    /worker running/,
    supervision,
  );
  await worker.ready();
  const gateway = supervise(
    () => spawnService('gateway', 'src/gateway/main.ts', [], env, logs),
    /Gateway listening on/,
    supervision,
  );
  await gateway.ready();
  const client = new Client({ connection: await Connection.connect({ address: server.address }) });

  return {
    urls: {
      temporal: server.address,
      gateway: `http://${LOOPBACK}:${gatewayPort}`,
      emulator: emulatorUrl,
      logs,
    },
    apiKey,
    client,
    control: createEmulatorControl(emulatorUrl),
    counters,
    async killWorker() {
      counters.kills += 1;
      const started = Date.now();
      await worker.replace('SIGKILL');
      await worker.ready();
      return { readyMs: Date.now() - started };
    },
    async restartTemporal() {
      counters.temporalRestarts += 1;
      const started = Date.now();
      await server.stop();
      server = await restartOnSamePort(devServerOptions);
      return { downMs: Date.now() - started };
    },
    async stop() {
      stopping = true;
      await client.connection.close().catch(() => undefined);
      for (const service of [gateway.holder.current, worker.holder.current, emulator])
        await service.stop('SIGTERM').catch(() => undefined);
      await server.stop();
    },
  };
}

/** The old server's port can take a moment to be free again; the database file is what matters. */
async function restartOnSamePort(options: Parameters<typeof startDevServer>[0]): Promise<DevServer> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startDevServer(options);
    } catch (error) {
      if (attempt >= 5) throw error;
      await sleep(1_000 * attempt);
    }
  }
}

/** The environment of worker, gateway and twin, as an operator would set it for this stack. */
function serviceConfig(c: {
  emulatorUrl: string;
  credentials: { clientId: string };
  files: { keyFile: string; certFile: string };
  server: DevServer;
  gatewayPort: number;
  apiKey: string;
  dataDir: string;
}): Record<string, string> {
  return serviceEnv({
    DIGITOLL_ENV: 'emulator',
    EMULATOR_URL: c.emulatorUrl,
    MASKINPORTEN_CLIENT_ID: c.credentials.clientId,
    MASKINPORTEN_KEY_FILE: c.files.keyFile,
    MASKINPORTEN_CERT_FILE: c.files.certFile,
    TEMPORAL_ADDRESS: c.server.address,
    GATEWAY_HOST: LOOPBACK,
    GATEWAY_PORT: String(c.gatewayPort),
    GATEWAY_API_KEYS: c.apiKey,
    // One ERP key sends everything here; the per-key budget would only slow the campaign down.
    GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
    // Allowed outside prod; the campaign measures recovery, not the codec.
    PAYLOAD_ENCRYPTION: 'off',
    ROUTING_FEED_POLL_INTERVAL: '1s',
    DIGITOLL_ACTIVITIES_PER_SECOND: '100',
    WORKER_METRICS_PORT: '0',
    WORKER_SHUTDOWN_GRACE_TIME: '2s',
    DATA_DIR: c.dataDir,
    LOG_LEVEL: 'info',
  });
}
