// What the cluster runs in its own process besides the children: the twin of Customs (unless
// the configuration points at Customs) and the gateway with its codec server. Wired as `npm start`
// wires them (src/dev/stack.ts), with the same development credentials under the data folder.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Client } from '@temporalio/client';
import { DigitollFlow } from '../../client';
import { codecServerFromConfig } from '../../codec/data-converter';
import type { Config } from '../../config';
import { loadOrCreateDevCredentials, startEmulator, type RunningEmulator } from '../../emulator';
import type { EmulatorOptions } from '../../emulator/types';
import { buildGateway, temporalHealthCheck } from '../../gateway';
import { createServiceMetrics } from '../../metrics';
import { devGatewayApiKeyFile } from '../stack';

export interface Twin {
  emulator: RunningEmulator;
  /** What workers and the gateway need to use it (URL, development Maskinporten client). */
  env: Record<string, string>;
}

export async function startTwin(options: {
  config: Config;
  dataDir: string;
  clusterDir: string;
  twin?: Partial<EmulatorOptions>;
}): Promise<Twin> {
  const url = new URL(options.config.endpoints.digitollBaseUrl);
  const { credentials, files } = await loadOrCreateDevCredentials(join(options.dataDir, 'dev-credentials'));
  const emulator = await startEmulator({
    host: url.hostname,
    port: Number(url.port) || 0,
    devCredentials: credentials,
    dataDir: join(options.clusterDir, 'emulator'),
    ...options.twin,
  });
  return {
    emulator,
    env: {
      EMULATOR_URL: emulator.url,
      MASKINPORTEN_CLIENT_ID: emulator.devCredentials.clientId,
      MASKINPORTEN_KEY_FILE: files.keyFile,
      MASKINPORTEN_CERT_FILE: files.certFile,
    },
  };
}

/** The development gateway key `npm start` uses too, so the CLI and curl examples work on both. */
export function devGatewayApiKey(dataDir: string): string {
  const file = devGatewayApiKeyFile(dataDir);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(24).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

export async function startGateway(
  config: Config,
  client: Client,
): Promise<{ url: string; close(): Promise<void> }> {
  const gateway = await buildGateway({
    flow: new DigitollFlow({
      client,
      taskQueue: config.worker.workflowTaskQueue,
      digitollTaskQueue: config.worker.digitollTaskQueue,
      organisation: config.routingFeed.organisation,
    }),
    apiKeys: config.gateway.apiKeys,
    bodyLimitBytes: config.gateway.bodyLimitBytes,
    temporalHealth: temporalHealthCheck(client.connection),
    codec: await codecServerFromConfig(config),
    metrics: { metrics: createServiceMetrics({ processMetrics: true }), token: config.metrics.token },
  });
  const url = await gateway.listen({ host: config.gateway.host, port: config.gateway.port });
  return { url, close: () => gateway.close() };
}
