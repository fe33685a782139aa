// Helpers of the regression tests: what a history says about parking, and waits on the server's
// view of a run (pending activities), so no test needs a fixed sleep.
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { consignmentWorkflowId, SEARCH_ATTRIBUTES } from '../../src/shared';
import { createWorkers } from '../../src/worker';
import type { consignmentWorkflow } from '../../workflows/consignment/workflow';
import { bundleWorkflows, eventually, uniqueTaskQueue } from '../helpers/temporal';
import { FAST_TIMINGS, houseOf, type Harness } from './consignment.harness';

type Handle = WorkflowHandle<typeof consignmentWorkflow>;

/** Whether the run ever set DigitollNeedsAttention=true, however briefly. */
export async function everNeededAttention(handle: Handle): Promise<boolean> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).some((event) => {
    const fields = event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
    const data = fields?.[SEARCH_ATTRIBUTES.needsAttention.name]?.data;
    return data ? Buffer.from(data).toString() === 'true' : false;
  });
}

/**
 * Waits until the twin has taken every injected fault: a request slowed by one has arrived and is
 * held, so the activity that sent it is running. (Asking the server for running activities could
 * miss a 1.5 s window on a slow machine.)
 */
export function waitForFaultsTaken(h: Harness): Promise<true> {
  return eventually(async () => ((await h.control.faults()).faults.length === 0 ? true : undefined), {
    intervalMs: 20,
    what: 'the slowed request to reach the twin',
  });
}

/** Settles `promise` or fails after `ms`: a handler that never returns must fail the test, not hang it. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Task queues of a test's own, whose workers it starts and stops: messages sent while they are
 * stopped all reach the workflow in one activation when they start again.
 */
export async function ownQueues(h: Harness) {
  const taskQueues = { workflow: uniqueTaskQueue('hc-wf'), digitoll: uniqueTaskQueue('hc-customs') };
  const bundle = await bundleWorkflows(path.resolve(__dirname, '../../workflows'));
  let stopCurrent: (() => Promise<void>) | undefined;
  const stop = async () => {
    const stopping = stopCurrent;
    stopCurrent = undefined;
    await stopping?.();
  };
  const start = async () => {
    const workers = await createWorkers({
      nativeConnection: h.temporal.nativeConnection,
      client: h.client,
      namespace: h.temporal.namespace,
      digitoll: h.digitoll,
      taskQueues,
      shutdownGraceTime: '1s',
      workflowBundle: bundle,
    });
    const running = workers.run();
    stopCurrent = () => workers.shutdown().then(() => running);
  };
  const startConsignment = (doc: ReturnType<Harness['document']>) => {
    const key = houseOf(doc);
    return h.client.workflow.start<typeof consignmentWorkflow>('consignmentWorkflow', {
      workflowId: consignmentWorkflowId(key.type, key.documentNumber),
      taskQueue: taskQueues.workflow,
      args: [
        { mode: 'road', consignment: doc, timings: FAST_TIMINGS, digitollTaskQueue: taskQueues.digitoll },
      ],
    });
  };
  return { taskQueues, start, stop, startConsignment };
}
