// Compose healthcheck of a worker container: healthy while a worker of this container (identity
// `<pid>@<hostname>`, the SDK's default) polls the workflow task queue on the Temporal server.
// Uses the image's compiled configuration and connection code, so TLS and API keys apply as for
// the worker itself.
const { hostname } = require('node:os');
const { loadConfig } = require('../dist/src/config');
const { connectClient } = require('../dist/src/runtime');

async function main() {
  const config = loadConfig(process.env);
  const client = await connectClient(config, { connectTimeout: 5000 });
  try {
    const answer = await client.connection.workflowService.describeTaskQueue({
      namespace: config.temporal.namespace,
      taskQueue: { name: config.worker.workflowTaskQueue },
      taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
    });
    const mine = (answer.pollers ?? []).some((p) => (p.identity ?? '').endsWith(`@${hostname()}`));
    if (!mine) throw new Error(`no poller of ${hostname()} on ${config.worker.workflowTaskQueue}`);
  } finally {
    await client.connection.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
