// Given a poll attempt that fails after delivering part of its page (an error nobody can classify,
// as when the worker is lost), the retried attempt reads the same page from the same marker and
// skips what the first attempt's heartbeat recorded: no item is delivered twice.
import path from 'node:path';
import { WorkflowIdConflictPolicy } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { createRoutingActivities, ROUTING_HEARTBEAT_THROTTLE_MS } from '../../activities';
import { defaultSignalRouting, type SignalRouting } from '../../activities/routing-delivery';
import { consignmentWorkflowId, routingFeedActivityTaskQueue } from '../../src/shared';
import { ensureRoutingFeed } from '../../src/worker';
import { routingFeedStatusQuery } from '../../workflows/routing-feed/messages';
import { bundleWorkflows, eventually, uniqueTaskQueue, SETTLE_MS } from '../helpers/temporal';
import { startHarness, type Harness } from './consignment.harness';

let h: Harness;
let workers: Worker[] = [];
let running: Promise<void> | undefined;
const stopWorkers = () => workers.forEach((w) => w.getState() === 'RUNNING' && w.shutdown());
beforeAll(async () => {
  h = await startHarness({ feedPollInterval: '1 hour' });
});
afterAll(async () => {
  stopWorkers();
  await running?.catch(() => undefined);
  await h?.close();
});

test('given the first attempt fails after three of six deliveries, when the poll is retried, then the other three are delivered and none of the first three again', async () => {
  // Houses that only need to exist: workflows on a queue no worker serves still take signals.
  const idle = uniqueTaskQueue('idle');
  const houses = Array.from({ length: 6 }, (_, i) => ({ documentNumber: `HB-${idle}-${i}`, type: 'N730' }));
  await Promise.all(
    houses.map((house) =>
      h.client.workflow.start('consignmentWorkflow', {
        workflowId: consignmentWorkflowId(house.type, house.documentNumber),
        taskQueue: idle,
        args: [],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      }),
    ),
  );
  const delivered: string[] = [];
  let failures = 0;
  const signal = defaultSignalRouting(h.client);
  const faulty: SignalRouting = async (workflowId, item) => {
    if (failures === 0 && delivered.length === 3) {
      failures += 1;
      throw new Error('the worker went away in the middle of the page');
    }
    await signal(workflowId, item);
    delivered.push(item.routingResult.id);
  };

  // A feed of its own whose activity worker delivers through the faulty signaller.
  const workflowQueue = uniqueTaskQueue('hb-wf');
  const worker = await Worker.create({
    connection: h.temporal.nativeConnection,
    namespace: h.temporal.namespace,
    taskQueue: workflowQueue,
    workflowBundle: await bundleWorkflows(path.resolve(__dirname, '../../workflows')),
  });
  const activityWorker = await Worker.create({
    connection: h.temporal.nativeConnection,
    namespace: h.temporal.namespace,
    taskQueue: routingFeedActivityTaskQueue(workflowQueue),
    activities: createRoutingActivities({
      digitoll: h.digitoll,
      client: h.client,
      concurrency: 1,
      signalRouting: faulty,
    }),
    maxHeartbeatThrottleInterval: ROUTING_HEARTBEAT_THROTTLE_MS,
  });
  workers = [worker, activityWorker];
  running = Promise.all(workers.map((w) => w.run())).then(() => undefined);

  try {
    const { items } = await h.control.injectSignals(
      houses.map((house) => ({ ...house, routing: 'TO_CONTROL' })),
    );
    const ids = items.map((i) => String(i.routingResult.id));
    const feed = await ensureRoutingFeed(h.client, {
      organisation: uniqueTaskQueue('hb-org'),
      pollInterval: '1 hour',
      taskQueues: { workflow: workflowQueue },
    });
    // The emulator's feed is shared: this feed starts at its beginning and reads past these items.
    const status = await eventually(
      async () => {
        const s = await feed.query(routingFeedStatusQuery);
        return ids.every((id) => delivered.includes(id)) && s.lastPollAt !== undefined ? s : undefined;
      },
      { timeoutMs: SETTLE_MS, intervalMs: 100, what: 'all six delivered' },
    );
    expect(failures).toBe(1);
    expect(delivered.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(status.totals.failedPolls).toBe(0);
    const history = await feed.fetchHistory();
    const attempts = (history.events ?? []).map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 0);
    expect(Math.max(...attempts)).toBe(2);
    await feed.terminate('test finished');
  } finally {
    stopWorkers();
  }
}, 120_000);
