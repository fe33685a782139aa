// A worker process for the baseline: its prebuilt bundle (`--bundle`), no-op activities, no data
// converter and the SDK's default sizes. Prints WORKER_READY once it polls.
import { parseArgs } from 'node:util';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { BASELINE_TASK_QUEUE, createBaselineActivities } from './activities';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { bundle: { type: 'string' }, address: { type: 'string' } } });
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address: values.address });
  const worker = await Worker.create({
    connection,
    taskQueue: BASELINE_TASK_QUEUE,
    workflowBundle: { codePath: values.bundle! },
    activities: createBaselineActivities(),
  });
  const running = worker.run();
  process.stdout.write(`WORKER_READY pid ${process.pid}\n`);
  process.on('SIGTERM', () => worker.shutdown());
  process.on('SIGINT', () => worker.shutdown());
  await running;
  await connection.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`baseline worker failed: ${String(error)}\n`);
  process.exit(1);
});
