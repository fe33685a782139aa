// Promises the workflow code makes for one consignment, counted while committed histories replay
// through the current code: the SDK captures a source-mapped stack trace for every promise made in
// a workflow (its stack-trace query), so each one costs the workflow thread. The count is
// deterministic: the same history and code give the same number on any machine.
// Usage: npm run bench:promises [-- settledReleased,restEarlyArrival]
import v8 from 'node:v8';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { bundleWorkflows } from '../test/helpers/temporal';

type ReplayOptions = Parameters<typeof Worker.runReplayHistory>[0];

const HISTORIES = path.join(__dirname, '..', 'test', 'replay', 'histories');
const names = (process.argv[2] ?? 'settledReleased,restReleased,restEarlyArrival').split(',');

/** Promises by run id: the SDK's hook marks each promise made in a workflow with its run id. */
const perRun = new Map<string, number>();
const createHook = v8.promiseHooks.createHook.bind(v8.promiseHooks);
v8.promiseHooks.createHook = (hooks) =>
  createHook({
    ...hooks,
    init(promise, parent) {
      hooks.init?.(promise, parent);
      const runId = (promise as { runId?: unknown }).runId;
      if (typeof runId === 'string') perRun.set(runId, (perRun.get(runId) ?? 0) + 1);
    },
  });

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const bundle = await bundleWorkflows(path.join(__dirname, '..', 'workflows'));
  for (const name of names) {
    const history = temporal.api.history.v1.History.decode(
      readFileSync(path.join(HISTORIES, `${name}.binpb`)),
    );
    const runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.originalExecutionRunId ?? '';
    perRun.clear();
    // debugMode (a worker option the replay type leaves out, honoured all the same) runs the
    // workflow in this thread, where the hook above counts.
    const options = { workflowBundle: bundle, debugMode: true } as ReplayOptions;
    await Worker.runReplayHistory(options, history, name);
    const counted = perRun.get(runId) ?? [...perRun.values()].reduce((a, b) => a + b, 0);
    console.log(`${name.padEnd(24)} ${String(counted).padStart(5)} promises in workflow code`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
