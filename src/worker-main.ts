// The production worker: `node dist/src/worker-main.js` (or `npm run worker`). Reads the
// configuration, runs the workflow worker and the rate-limited Digitoll activity worker, makes
// sure the routing feed runs, and shuts down gracefully on SIGINT/SIGTERM.
import pino from 'pino';
import { loadConfig } from './config';
import { createServiceMetrics, installRuntime, logContextMixin, startWorkerMetrics } from './metrics';
import { connectClient, connectWorker, createDigitollFromConfig, findWorkflowBundle } from './runtime';
import { createWorkers, ensureRoutingFeed } from './worker';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // Activity lines get their workflow id and business key through the mixin (log-context.ts).
  const logger = pino({ level: config.logLevel, name: 'digitoll-flow-worker', mixin: logContextMixin });
  // Before any worker connection: the SDK's logs go to pino, Core's metrics to their own port.
  installRuntime({ logger, sdkMetricsAddress: config.metrics.sdkAddress });
  const metrics = createServiceMetrics({ processMetrics: true });
  const client = await connectClient(config);
  const nativeConnection = await connectWorker(config);
  const taskQueues = { workflow: config.worker.workflowTaskQueue, digitoll: config.worker.digitollTaskQueue };
  const bundle = config.worker.workflowBundlePath ?? findWorkflowBundle();
  const workers = await createWorkers({
    nativeConnection,
    client,
    digitoll: await createDigitollFromConfig(config, logger, metrics),
    taskQueues,
    digitollActivitiesPerSecond: config.worker.digitollActivitiesPerSecond,
    routingFeedActivitiesPerSecond: config.routingFeed.activitiesPerSecond,
    shutdownGraceTime: config.worker.shutdownGraceTimeMs,
    sizing: config.worker.sizing,
    webhookSecret: config.webhooks.secret,
    workflowBundle: bundle ? { codePath: bundle } : undefined,
  });
  const running = workers.run();
  await ensureRoutingFeed(client, {
    organisation: config.routingFeed.organisation,
    pollInterval: config.routingFeed.pollIntervalMs,
    taskQueues,
  });
  const observing = await startWorkerMetrics({
    config,
    client,
    metrics,
    onSampleError: (sample, error) =>
      logger.warn({ sample, err: error }, 'metrics sample failed; the gauges keep their last values'),
  });
  logger.info(
    {
      metrics: observing.url,
      sdkMetrics: config.metrics.sdkAddress,
      temporal: config.temporal.address,
      namespace: config.temporal.namespace,
      taskQueues,
      customs: config.environment,
    },
    'worker running',
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down (in-flight tasks get WORKER_SHUTDOWN_GRACE_TIME)');
    workers.shutdown().catch((error: unknown) => logger.error({ err: error }, 'shutdown failed'));
  };
  // `on`: a relayed second signal (npm, tsx) must not kill the process while it drains.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await running;
  await observing.stop();
  await client.connection.close();
  await nativeConnection.close();
  logger.info('worker stopped');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
