// Phases, parked workflows and the routing feed's health, sampled from outside the workflows:
// workflow code runs in a sandbox that cannot reach prom-client, and an activity knows nothing of
// phases. So the worker asks Temporal every interval: visibility counts per phase (the
// DigitollPhase search attribute) and per DigitollNeedsAttention, and the feed's status query
// (its memo holds only the marker and totals, not when it last polled). Transitions between two
// samples are not seen: the gauges are a sampled picture, not a count of every transition.
import type { Client } from '@temporalio/client';
import { RoutingFeedReader } from '../client/routing-feed';
import { CONSIGNMENT_WORKFLOW_TYPE, PHASES, ROUTING_FEED_WORKFLOW_TYPE, SEARCH_ATTRIBUTES } from '../shared';
import type { ServiceMetrics } from './service-metrics';

export interface SamplerOptions {
  client: Client;
  metrics: ServiceMetrics;
  /** Organisations whose routing feed this process reports. */
  organisations: readonly string[];
  intervalMs: number;
  /** Count only this task queue's workflows (tests sharing one server); default: the namespace. */
  workflowTaskQueue?: string;
  clock?: () => number;
  onError?: (sample: string, error: unknown) => void;
}

export interface Sampler {
  /** One sample now (tests; the first one also runs at start). */
  sampleNow(): Promise<void>;
  stop(): Promise<void>;
}

/** Parked levels: the workflow type each stands for. */
const PARKED_LEVELS = { house: CONSIGNMENT_WORKFLOW_TYPE, routing_feed: ROUTING_FEED_WORKFLOW_TYPE } as const;

export function startSampler(options: SamplerOptions): Sampler {
  const clock = options.clock ?? Date.now;
  const startedAt = clock();
  const queue = options.workflowTaskQueue ? ` AND TaskQueue = "${options.workflowTaskQueue}"` : '';
  const { workflows } = options.metrics;
  const attempt = async (sample: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      workflows.sampleFailures.inc({ sample });
      options.onError?.(sample, error);
    }
  };

  async function samplePhases(): Promise<void> {
    const counts = await Promise.all(
      PHASES.map(async (phase) => {
        const query = `WorkflowType = "${CONSIGNMENT_WORKFLOW_TYPE}" AND ${SEARCH_ATTRIBUTES.phase.name} = "${phase}"${queue} GROUP BY ExecutionStatus`;
        return { phase, result: await options.client.workflow.count(query) };
      }),
    );
    workflows.consignments.reset();
    for (const { phase, result } of counts) {
      for (const group of result.groups)
        workflows.consignments.set(
          { phase, status: String(group.groupValues[0]).toLowerCase() },
          group.count,
        );
    }
  }

  async function sampleParked(): Promise<void> {
    for (const [level, type] of Object.entries(PARKED_LEVELS)) {
      const query = `WorkflowType = "${type}" AND ${SEARCH_ATTRIBUTES.needsAttention.name} = true AND ExecutionStatus = "Running"${queue}`;
      workflows.parked.set({ level }, (await options.client.workflow.count(query)).count);
    }
  }

  async function sampleFeed(organisation: string): Promise<void> {
    // Until a success is seen, the lag counts from this process's start: an alert still fires
    // for a feed that has been failing (or absent) since before the worker started.
    if (!workflows.feedLastSuccessMs.has(organisation))
      workflows.feedLastSuccessMs.set(organisation, startedAt);
    const status = await new RoutingFeedReader(options.client, organisation).status();
    if (!status) return;
    if (status.consecutiveFailures === 0 && status.lastPollAt) {
      workflows.feedLastSuccessMs.set(organisation, Date.parse(status.lastPollAt));
    }
    workflows.feedUnacknowledged.set({ organisation }, status.unacknowledged);
    workflows.feedFailures.set({ organisation }, status.consecutiveFailures);
    for (const [name, value] of Object.entries(status.totals))
      workflows.feedItems.set({ organisation, class: name }, value);
  }

  let current: Promise<void> | undefined;
  const sampleNow = () => {
    current ??= Promise.all([
      attempt('phases', samplePhases),
      attempt('parked', sampleParked),
      ...options.organisations.map((org) => attempt('routing_feed', () => sampleFeed(org))),
    ]).then(() => {
      current = undefined;
    });
    return current;
  };
  const timer = setInterval(() => void sampleNow(), options.intervalMs);
  timer.unref();
  void sampleNow();
  return {
    sampleNow,
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
