// A workflow's outbox of webhook events (a house, a transport, a master or a presentation): every
// phase change and every change of needs-attention becomes one event, delivered in order by a loop
// of its own on the webhook task queue, retried by Temporal for 24 hours. The Customs steps never
// wait for it; the run only waits, at its very end, until what it has to say has been delivered
// or given up.
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  patched,
  proxyActivities,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { WebhookActivities } from '../../activities/webhooks';
import { webhookTaskQueue } from '../../src/shared';
import { workflowNow } from './clock';
import {
  PATCHES,
  type ConsignmentTimings,
  type WebhookEvent,
  type WebhookStatus,
} from '../consignment/messages';
import type { WebhookOffer } from './webhook-offers';
import type { StepTimings } from './timings';

/** The given-up deliveries kept in the status (the oldest go first). */
const FAILED_LIMIT = 50;

export class WebhookOutbox {
  readonly status: WebhookStatus;
  private readonly queue: WebhookEvent[] = [];
  private sequence = 0;
  private lastKey?: string;
  private busy = false;
  /** The events of the given-up deliveries, for a replay. */
  private readonly failedEvents = new Map<string, WebhookEvent>();

  constructor(
    url: string,
    private readonly timings: Pick<ConsignmentTimings, 'webhookMaxInterval'>,
    /** Whether a patch applies to this run (a run with the lean-history patch has them all). */
    private readonly applies: (patch: string) => boolean = patched,
  ) {
    this.status = { url, delivered: 0, pending: 0, failed: [] };
  }

  /** Queues an event when the phase, the attention, the MRN or the offer's change key has changed. */
  offer(o: WebhookOffer): void {
    const key = [o.phase, o.needsAttention, o.needsAttentionReason, o.mrn, o.changeKey].join('|');
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.sequence += 1;
    this.queue.push({
      deliveryId: `${o.workflowId}:${this.sequence}`,
      sequence: this.sequence,
      level: o.level,
      workflowId: o.workflowId,
      ...o.key,
      erpReference: o.erpReference,
      phase: o.phase,
      mrn: o.mrn,
      ...o.extra,
      needsAttention: o.needsAttention,
      needsAttentionReason: o.needsAttentionReason,
      nextStep: o.nextStep,
      at: workflowNow(),
    });
    this.status.pending = this.queue.length;
  }

  /** Nothing queued and nothing on its way. */
  idle(): boolean {
    return this.queue.length === 0 && !this.busy;
  }

  /**
   * Queues the given-up deliveries again, oldest first (an operator fixed the receiver). They go
   * behind the delivery on its way: the loop drops the head of the queue when that one ends, so a
   * replay put in front of it was dropped in its place and the in-flight event sent twice.
   */
  replayFailed(): void {
    const again = this.status.failed
      .map((f) => this.failedEvents.get(f.deliveryId))
      .filter((e) => e !== undefined);
    this.status.failed = [];
    this.failedEvents.clear();
    const at = this.busy && this.applies(PATCHES.webhookReplayBehindInFlight) ? 1 : 0;
    this.queue.splice(at, 0, ...again);
    this.status.pending = this.queue.length;
  }

  /** Delivers forever, one event at a time; not cancellable, so a cancel still tells the ERP. */
  async run(): Promise<void> {
    const options: ActivityOptions = {
      taskQueue: webhookTaskQueue(workflowInfo().taskQueue),
      startToCloseTimeout: '30s',
      scheduleToCloseTimeout: '24 hours',
      retry: {
        initialInterval: '1s',
        backoffCoefficient: 2,
        maximumInterval: this.timings.webhookMaxInterval,
      },
    };
    const { deliverWebhook } = proxyActivities<WebhookActivities>(options);
    await CancellationScope.nonCancellable(async () => {
      for (;;) {
        await condition(() => this.queue.length > 0);
        const event = this.queue[0]!;
        this.busy = true;
        try {
          await deliverWebhook.executeWithOptions(
            { ...options, summary: `Tell the ERP: ${event.phase} (#${event.sequence})` },
            [{ url: this.status.url, event }],
          );
          this.status.delivered += 1;
        } catch (error) {
          if (!(error instanceof ActivityFailure)) throw error;
          this.giveUp(event, error);
        } finally {
          this.queue.shift();
          this.busy = false;
          this.status.pending = this.queue.length;
        }
      }
    });
  }

  private giveUp(event: WebhookEvent, error: ActivityFailure): void {
    const cause = error.cause;
    const why =
      cause instanceof ApplicationFailure ? `${cause.type ?? 'failure'}: ${cause.message}` : error.message;
    this.status.failed.push({
      deliveryId: event.deliveryId,
      sequence: event.sequence,
      phase: event.phase,
      error: why,
      at: workflowNow(),
    });
    this.failedEvents.set(event.deliveryId, event);
    if (this.status.failed.length > FAILED_LIMIT) {
      const dropped = this.status.failed.shift();
      if (dropped) this.failedEvents.delete(dropped.deliveryId);
    }
  }
}

/**
 * Opens the outbox and starts its delivery loop beside the lifecycle, when the input names a
 * webhook. The patch is asked only then: runs without a webhook keep the commands they had.
 */
export function openWebhooks(
  input: { webhook?: { url: string } },
  timings: Pick<StepTimings, 'webhookMaxInterval'>,
): WebhookOutbox | undefined {
  const url = input.webhook?.url;
  if (!url || !patched(PATCHES.levelWebhooks)) return undefined;
  const outbox = new WebhookOutbox(url, { webhookMaxInterval: timings.webhookMaxInterval ?? '5 minutes' });
  void outbox.run();
  return outbox;
}

/** The ERP hears of the end before the run closes (delivered, or given up after 24 hours). */
export async function webhooksDelivered(outbox: WebhookOutbox | undefined): Promise<void> {
  if (outbox) await CancellationScope.nonCancellable(() => condition(() => outbox.idle()));
}
