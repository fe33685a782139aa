// `npm run gateway`: the HTTP gateway on its own, configured from the environment.
import pino from 'pino';
import { DigitollFlow } from '../client';
import { codecServerFromConfig } from '../codec/data-converter';
import { loadConfig } from '../config';
import { createServiceMetrics } from '../metrics/service-metrics';
import { connectClient } from '../runtime';
import { buildGateway, REDACTED_HEADERS } from './app';
import { temporalHealthCheck } from './health';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = pino({ level: config.logLevel, redact: { paths: REDACTED_HEADERS, censor: '[redacted]' } });
  const client = await connectClient(config);
  const flow = new DigitollFlow({
    client,
    taskQueue: config.worker.workflowTaskQueue,
    digitollTaskQueue: config.worker.digitollTaskQueue,
    organisation: config.routingFeed.organisation,
    webhookUrl: config.webhooks.url,
    production: config.environment === 'prod',
  });
  const app = await buildGateway({
    flow,
    apiKeys: config.gateway.apiKeys,
    bodyLimitBytes: config.gateway.bodyLimitBytes,
    rateLimitPerMinute: config.gateway.rateLimitPerMinute,
    logger,
    temporalHealth: temporalHealthCheck(client.connection),
    codec: await codecServerFromConfig(config),
    metrics: { metrics: createServiceMetrics({ processMetrics: true }), token: config.metrics.token },
  });
  const url = await app.listen({ host: config.gateway.host, port: config.gateway.port });
  process.stdout.write(
    `Gateway listening on ${url} (docs: ${url}/docs, OpenAPI: ${url}/openapi.json, metrics: ${url}/metrics)\n`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping the gateway');
    await app.close();
    await client.connection.close();
  };
  // `on`: a relayed second signal (npm, tsx) must not kill the process while it closes.
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
