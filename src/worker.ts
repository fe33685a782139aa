// The worker: a workflow worker (consignments, routing feed), a Digitoll activity worker whose
// task queue is rate-limited cluster-wide, so any number of workers together never exceed what
// Customs tolerates, and the routing feed's activity worker with a budget of its own, so a polling
// backlog never delays a house's Customs steps. Settings come in as options.
import {
  WorkflowIdConflictPolicy,
  WorkflowNotFoundError,
  type Client,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import { getHeapStatistics } from 'node:v8';
import type { Duration } from '@temporalio/common';
import { Worker, type NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities, createRoutingActivities, ROUTING_HEARTBEAT_THROTTLE_MS } from '../activities';
import type { routingFeedWorkflow } from '../workflows/routing-feed/workflow';
import { z } from 'zod';
import { ROUTING_FEED_MEMO_KEY, type RoutingFeedInput } from '../workflows/routing-feed/messages';
import type { DigitollApi } from './digitoll/api';
import { logContextInterceptor } from './metrics/log-context';
import { WORKFLOW_BUNDLE_OPTIONS } from './workflow-bundle-options';
import {
  DIGITOLL_ACTIVITY_TASK_QUEUE,
  routingFeedActivityTaskQueue,
  ROUTING_FEED_WORKFLOW_TYPE,
  routingFeedWorkflowId,
  webhookTaskQueue,
  WORKFLOW_TASK_QUEUE,
} from './shared';
import { createWebhookActivities } from '../activities/webhooks';

export interface TaskQueues {
  workflow: string;
  digitoll: string;
}

/** The queues a worker serves; the routing feed's is derived from the workflow queue, never set. */
export interface WorkerTaskQueues extends TaskQueues {
  routing: string;
}

export interface CreateWorkersOptions {
  nativeConnection: NativeConnection;
  /** Used by the routing delivery activity to signal consignments. */
  client: Client;
  namespace?: string;
  digitoll: DigitollApi;
  taskQueues?: Partial<TaskQueues>;
  /** Cluster-wide limit of Customs calls per second (the Digitoll task queue's rate limit). */
  digitollActivitiesPerSecond?: number;
  /** Cluster-wide limit of routing-feed polls per second (its own queue, its own budget). */
  routingFeedActivitiesPerSecond?: number;
  /** Time in-flight tasks get to finish on shutdown. */
  shutdownGraceTime?: Duration;
  /** A prebuilt bundle (production); otherwise `workflowsPath` is bundled at start. */
  workflowBundle?: WorkflowBundleOption;
  workflowsPath?: string;
  routingDeliveryConcurrency?: number;
  /** Cache and slots per worker process (WORKER_MAX_* in config); the SDK's defaults otherwise. */
  sizing?: WorkerSizing;
  /** HMAC key for webhook events; deliveries fail visibly (WEBHOOK_NOT_CONFIGURED) without one. */
  webhookSecret?: string;
}

/** What bounds one worker process's memory and parallelism (see the README's worker sizing). */
export interface WorkerSizing {
  /** Workflows kept in memory between tasks (sticky cache); a workflow outside it replays its history. */
  maxCachedWorkflows?: number;
  maxConcurrentWorkflowTasks?: number;
  /** Per activity worker (the Customs queue and the routing queue each). */
  maxConcurrentActivities?: number;
}

export interface Workers {
  taskQueues: WorkerTaskQueues;
  /** Runs both workers until shutdown() (or until one fails, which stops the other). */
  run(): Promise<void>;
  shutdown(): Promise<void>;
}

export async function createWorkers(options: CreateWorkersOptions): Promise<Workers> {
  const workflow = options.taskQueues?.workflow ?? WORKFLOW_TASK_QUEUE;
  const taskQueues: WorkerTaskQueues = {
    workflow,
    digitoll: options.taskQueues?.digitoll ?? DIGITOLL_ACTIVITY_TASK_QUEUE,
    routing: routingFeedActivityTaskQueue(workflow),
  };
  // The Customs queue keeps the routing activity too: feeds recorded before the feed had its own
  // queue may still have a poll scheduled there.
  const activities = createActivities({
    digitoll: options.digitoll,
    client: options.client,
    routingDeliveryConcurrency: options.routingDeliveryConcurrency,
  });
  const common = {
    connection: options.nativeConnection,
    namespace: options.namespace ?? options.client.options.namespace,
    shutdownGraceTime: options.shutdownGraceTime ?? '10s',
    // The client's data converter (payload encryption), so what the worker writes, clients read.
    dataConverter: options.client.options.dataConverter,
    // Every activity's log lines carry its workflow id and business key (src/metrics/log-context).
    interceptors: { activity: [logContextInterceptor] },
  };
  if (!options.workflowBundle) assertHeapForBundling();
  const workflowCode = options.workflowBundle
    ? { workflowBundle: options.workflowBundle }
    : {
        workflowsPath: options.workflowsPath ?? require.resolve('../workflows'),
        bundlerOptions: WORKFLOW_BUNDLE_OPTIONS,
      };
  const workflowWorker = await Worker.create({
    ...common,
    ...workflowCode,
    taskQueue: taskQueues.workflow,
    // A task left on a lost worker's sticky queue moves to the shared queue after this, not the
    // SDK's 10 s: a worker crash costs a consignment seconds (a busy worker meanwhile replays more).
    stickyQueueScheduleToStartTimeout: '4s',
    maxCachedWorkflows: options.sizing?.maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions: options.sizing?.maxConcurrentWorkflowTasks,
  });
  const digitollWorker = await Worker.create({
    ...common,
    taskQueue: taskQueues.digitoll,
    activities,
    maxConcurrentActivityTaskExecutions: options.sizing?.maxConcurrentActivities,
    maxTaskQueueActivitiesPerSecond: options.digitollActivitiesPerSecond,
  });
  const routingWorker = await Worker.create({
    ...common,
    taskQueue: taskQueues.routing,
    activities: createRoutingActivities({
      digitoll: options.digitoll,
      client: options.client,
      concurrency: options.routingDeliveryConcurrency,
    }),
    maxTaskQueueActivitiesPerSecond: options.routingFeedActivitiesPerSecond,
    maxHeartbeatThrottleInterval: ROUTING_HEARTBEAT_THROTTLE_MS,
    maxConcurrentActivityTaskExecutions: options.sizing?.maxConcurrentActivities,
  });
  // Webhook deliveries: a queue of their own, so a receiver that is down never holds up Customs.
  const webhookWorker = await Worker.create({
    ...common,
    taskQueue: webhookTaskQueue(workflow),
    activities: createWebhookActivities({ secret: options.webhookSecret }),
  });
  const workers = [workflowWorker, digitollWorker, routingWorker, webhookWorker];

  const stop = async (): Promise<void> => {
    for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  let running: Promise<void> | undefined;
  return {
    taskQueues,
    run() {
      running ??= Promise.all(
        workers.map((worker) =>
          worker.run().catch(async (error: unknown) => {
            await stop();
            throw error;
          }),
        ),
      ).then(() => undefined);
      return running;
    },
    async shutdown() {
      await stop();
      await running;
    },
  };
}

export interface EnsureRoutingFeedOptions {
  organisation?: string;
  pollInterval?: Duration;
  taskQueues?: Partial<TaskQueues>;
}

/**
 * Starts the organisation's routing feed unless it already runs (idempotent). The feed does not
 * fail on Customs problems, but a run can still close (terminated by an operator, a bug): the new
 * run then resumes from the marker and totals the closed run kept in its memo, rather than reading
 * the whole feed again from the start.
 */
export async function ensureRoutingFeed(
  client: Client,
  options: EnsureRoutingFeedOptions = {},
): Promise<WorkflowHandleWithFirstExecutionRunId<typeof routingFeedWorkflow>> {
  const organisation = options.organisation ?? 'default';
  const workflowId = routingFeedWorkflowId(organisation);
  const input: RoutingFeedInput = {
    organisation,
    pollInterval: options.pollInterval,
    ...(await closedRunResumePoint(client, workflowId)),
  };
  return client.workflow.start<typeof routingFeedWorkflow>(ROUTING_FEED_WORKFLOW_TYPE, {
    workflowId,
    taskQueue: options.taskQueues?.workflow ?? WORKFLOW_TASK_QUEUE,
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    staticSummary: `Routing feed of ${organisation}`,
  });
}

const feedMemoSchema = z.object({
  marker: z.string().optional(),
  totals: z.record(z.string(), z.number()).optional(),
});

/** Marker and totals of the latest run if it is closed; nothing if it runs or never existed. */
async function closedRunResumePoint(
  client: Client,
  workflowId: string,
): Promise<Pick<RoutingFeedInput, 'marker' | 'totals'>> {
  let description;
  try {
    description = await client.workflow.getHandle(workflowId).describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return {};
    throw error;
  }
  // A running feed is kept as it is (USE_EXISTING); its input is ignored.
  if (description.status.name === 'RUNNING') return {};
  const memo = feedMemoSchema.safeParse(description.memo?.[ROUTING_FEED_MEMO_KEY]);
  return memo.success ? memo.data : {};
}

/** Bundling the workflows at start (webpack) needs far more heap than running them. */
const BUNDLING_HEAP_BYTES = 512 * 1024 * 1024;

/**
 * A worker whose heap is capped for production (the worker command's --max-old-space-size) cannot
 * bundle at start: V8 would stop it out of memory half-way. Say what to do instead.
 */
export function assertHeapForBundling(): void {
  const limit = getHeapStatistics().heap_size_limit;
  if (limit >= BUNDLING_HEAP_BYTES) return;
  throw new Error(
    `this worker has a ${Math.round(limit / 1048576)} MiB heap, too small to bundle the workflows at start: ` +
      'build the bundle first (npm run build:workflows; WORKFLOW_BUNDLE_PATH) or start without the heap flags',
  );
}
