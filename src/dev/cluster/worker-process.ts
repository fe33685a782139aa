// One worker process of the cluster: the same workers as the production entry (src/worker-main.ts),
// but on the workflow bundle the cluster built once (`--bundle`), so N processes do not each run
// webpack at start. Prints WORKER_READY when it polls; SIGTERM drains it within the grace time.
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig } from '../../config';
import { connectClient, connectWorker, createDigitollFromConfig } from '../../runtime';
import { createWorkers, ensureRoutingFeed } from '../../worker';

export const WORKER_READY = 'WORKER_READY';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { bundle: { type: 'string' } } });
  const config = loadConfig(process.env);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const client = await connectClient(config);
  const nativeConnection = await connectWorker(config);
  const taskQueues = { workflow: config.worker.workflowTaskQueue, digitoll: config.worker.digitollTaskQueue };
  const workers = await createWorkers({
    nativeConnection,
    client,
    digitoll: await createDigitollFromConfig(config),
    taskQueues,
    digitollActivitiesPerSecond: config.worker.digitollActivitiesPerSecond,
    routingFeedActivitiesPerSecond: config.routingFeed.activitiesPerSecond,
    shutdownGraceTime: config.worker.shutdownGraceTimeMs,
    sizing: config.worker.sizing,
    workflowBundle: values.bundle ? { codePath: values.bundle } : undefined,
  });
  const running = workers.run();
  // Idempotent: every worker makes sure the feed runs, as production workers do.
  await ensureRoutingFeed(client, {
    organisation: config.routingFeed.organisation,
    pollInterval: config.routingFeed.pollIntervalMs,
    taskQueues,
  });
  process.stdout.write(`${WORKER_READY} pid ${process.pid}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void workers.shutdown();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await running;
  await client.connection.close();
  await nativeConnection.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`worker failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
