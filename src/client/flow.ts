// DigitollFlow: the typed library for ERP integrations, the gateway and the CLI. Every call names
// a consignment by its business key (type + documentNumber); inputs are checked with the shared
// schemas before anything reaches Temporal, and Temporal's errors become ours in one place.
import { WorkflowUpdateStage, type Client, type WorkflowHandle } from '@temporalio/client';
import type { z } from 'zod';
import { formatIssues, houseKey } from '../domain';
import { consignmentWorkflowId, WORKFLOW_TASK_QUEUE } from '../shared';
import type { consignmentWorkflow } from '../../workflows/consignment/workflow';
import {
  arrivedUpdate,
  cancelUpdate,
  correctUpdate,
  provideMrnUpdate,
  replayWebhooksSignal,
  retrySignal,
  statusQuery,
  type ArrivalNotice,
  type ConsignmentResult,
  type ConsignmentStatus,
  type ConsignmentTimings,
} from '../../workflows/consignment/messages';
import { startEach, type StartManyOutcome } from './batch';
import {
  InvalidDocument,
  QUERY_ACTION,
  TemporarilyUnavailable,
  toFlowError,
  unavailableCause,
} from './errors';
import {
  listConsignments,
  SEARCH_ATTRIBUTE_KEYS,
  type ConsignmentListFilter,
  type ConsignmentPage,
} from './list';
import { startConsignment, type StartResult } from './start';
import { RoutingFeedReader } from './routing-feed';
import { MovementClient, type MovementTimings } from './movement';
import { submitShipment, type ShipmentResult } from './shipment';
import type { ShipmentRequest } from './movement-schemas';
import type { AcknowledgeRequest, RoutingFeedStatus } from '../../workflows/routing-feed/messages';
import {
  arrivalSchema,
  cancelSchema,
  consignmentKeySchema,
  correctionSchema,
  createConsignmentSchema,
  listFilterSchema,
  provideMrnSchema,
  type CreateConsignmentRequest,
} from './schemas';
import { summaryFromDescription, summaryFromStatus, type StatusOptions, type StatusSummary } from './status';
import {
  alreadyRecorded,
  CANCEL_UPDATE_ID,
  correctionUpdateId,
  defaultCorrectionKey,
  type ArrivalRecorded,
} from './update-ids';

export interface DigitollFlowOptions {
  client: Client;
  /** Task queue of the workflow worker; defaults to WORKFLOW_TASK_QUEUE. */
  taskQueue?: string;
  /** Task queue of the Customs activities, passed to each consignment; the workflow's default otherwise. */
  digitollTaskQueue?: string;
  /** Applied under the timings of each start request. */
  defaultTimings?: Partial<ConsignmentTimings>;
  /** Organisation whose routing feed routingFeedStatus() reads; 'default' unless set. */
  organisation?: string;
  /** Longest wait for a status query (a replay after a worker restart takes a few seconds). */
  statusTimeoutMs?: number;
  /** The organisation's webhook (WEBHOOK_URL); a create request's callbackUrl overrides it. */
  webhookUrl?: string;
  /** DIGITOLL_ENV=prod: a callbackUrl must be https (no plain http even to loopback). */
  production?: boolean;
  /** Applied under the timings of each transport, master and presentation start. */
  movementTimings?: MovementTimings;
}

const DEFAULT_STATUS_TIMEOUT_MS = 10_000;

export { correctionUpdateId, defaultCorrectionKey } from './update-ids';
export type { StartResult } from './start';

type Handle = WorkflowHandle<typeof consignmentWorkflow>;

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidDocument(formatIssues(parsed.error));
  return parsed.data;
}

export class DigitollFlow {
  private readonly client: Client;
  private readonly taskQueue: string;
  private readonly feed: RoutingFeedReader;
  /** Transports, master consignments and explicit presentations. */
  readonly movement: MovementClient;

  constructor(private readonly options: DigitollFlowOptions) {
    this.client = options.client;
    this.taskQueue = options.taskQueue ?? WORKFLOW_TASK_QUEUE;
    this.feed = new RoutingFeedReader(options.client, options.organisation);
    this.movement = new MovementClient(options.client, {
      taskQueue: this.taskQueue,
      digitollTaskQueue: options.digitollTaskQueue,
      defaultTimings: options.movementTimings,
      statusTimeoutMs: options.statusTimeoutMs,
      webhookUrl: options.webhookUrl,
      production: options.production,
    });
  }

  /**
   * One transport with its masters and houses: each started as its own workflow, idempotently;
   * one outcome per item (an invalid item starts nothing, the others go on).
   */
  async submitShipment(request: ShipmentRequest): Promise<ShipmentResult> {
    return submitShipment(request, {
      transport: (r) => this.movement.startTransport(r as never),
      master: (r) => this.movement.startMaster(r as never),
      house: (r, transport) => {
        const valid = parse(createConsignmentSchema, r);
        return startConsignment(
          this.client,
          { ...this.options, taskQueue: this.taskQueue },
          valid,
          transport,
        );
      },
    });
  }

  /** Starts the consignment, or returns the existing one (running or finished) with created: false. */
  async start(request: CreateConsignmentRequest): Promise<StartResult> {
    const valid = parse(createConsignmentSchema, request);
    return startConsignment(this.client, { ...this.options, taskQueue: this.taskQueue }, valid);
  }

  /**
   * Replaces the whole document; returns the new revision. A repeated idempotency key applies once,
   * whichever way in (gateway header, CLI option, library call) sent it.
   */
  async correct(
    type: string,
    documentNumber: string,
    document: unknown,
    options: { reason: string; idempotencyKey?: string },
  ): Promise<number> {
    const valid = parse(correctionSchema, { document, reason: options.reason });
    const key = houseKey(valid.document);
    if (key.type !== type || key.documentNumber !== documentNumber) {
      throw new InvalidDocument([
        {
          path: 'document.consignmentHouseLevel.transportDocumentHouseLevel',
          message: `must be the consignment's own key (${type} ${documentNumber}); documentNumber and type cannot change`,
        },
      ]);
    }
    return this.withHandle('correct', type, documentNumber, (handle) =>
      handle.executeUpdate(correctUpdate, {
        args: [valid.document, { reason: valid.reason }],
        updateId: correctionUpdateId(
          options.idempotencyKey ?? defaultCorrectionKey(valid.document, valid.reason),
        ),
      }),
    );
  }

  /**
   * The transport arrived (explicit presentation when an office is known). A repeat that changes
   * nothing is not recorded again (recorded: false, with the reason), so it costs no history.
   */
  async arrive(type: string, documentNumber: string, notice: ArrivalNotice = {}): Promise<ArrivalRecorded> {
    const valid = parse(arrivalSchema, notice);
    return this.withHandle('arrive', type, documentNumber, async (handle) => {
      try {
        await handle.executeUpdate(arrivedUpdate, { args: [valid] });
        return { recorded: true };
      } catch (error) {
        const reason = alreadyRecorded(error);
        if (reason === undefined) throw error;
        return { recorded: false, reason };
      }
    });
  }

  /**
   * Cancels and waits until the consignment is CANCELLED (DELETE at Customs when registered). The
   * update id is stable, so a retried call attaches to the cancel already under way.
   */
  async cancel(
    type: string,
    documentNumber: string,
    options: { reason: string; updateId?: string },
  ): Promise<ConsignmentResult> {
    const valid = parse(cancelSchema, { reason: options.reason });
    return this.withHandle('cancel', type, documentNumber, (handle) =>
      handle.executeUpdate(cancelUpdate, { args: [valid], updateId: options.updateId ?? CANCEL_UPDATE_ID }),
    );
  }

  /** Asks for the cancel and returns once the consignment accepted it (not when Customs answered). */
  async requestCancel(type: string, documentNumber: string, options: { reason: string }): Promise<void> {
    const valid = parse(cancelSchema, { reason: options.reason });
    await this.withHandle('cancel', type, documentNumber, (handle) =>
      handle.startUpdate(cancelUpdate, {
        args: [valid],
        updateId: CANCEL_UPDATE_ID,
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      }),
    );
  }

  /**
   * Operator: the MRN of a house Customs holds but whose MRN was lost (phase MRN_UNKNOWN or the
   * needs-attention reason says so); corrections and cancels waiting for it go on. Returns the MRN.
   */
  async provideMrn(type: string, documentNumber: string, mrn: string): Promise<string> {
    const valid = parse(provideMrnSchema, { mrn });
    return this.withHandle('provideMrn', type, documentNumber, (handle) =>
      handle.executeUpdate(provideMrnUpdate, { args: [valid], updateId: `provideMrn:${valid.mrn}` }),
    );
  }

  /** Operator: send the webhook deliveries that were given up again, in order. */
  async replayWebhooks(type: string, documentNumber: string): Promise<void> {
    await this.withHandle('replayWebhooks', type, documentNumber, (handle) =>
      handle.signal(replayWebhooksSignal),
    );
  }

  /** Operator: try the parked step again. */
  async retry(type: string, documentNumber: string): Promise<void> {
    await this.withHandle('retry', type, documentNumber, (handle) => handle.signal(retrySignal));
  }

  /**
   * Where the consignment stands. The default (summary) view is a describe(): the memo the workflow
   * keeps at every change, so no worker is asked and no history replayed; runs started before the
   * memo existed fall back to the query. `{ view: 'full' }` is the status query (timeline, routing
   * history, refused messages), bounded by `statusTimeoutMs`: with no worker polling, the server
   * holds a query for about 30 s, and a caller is better served by a prompt TemporarilyUnavailable.
   */
  async status(type: string, documentNumber: string, options: { view: 'full' }): Promise<ConsignmentStatus>;
  async status(type: string, documentNumber: string, options?: { view?: 'summary' }): Promise<StatusSummary>;
  async status(
    type: string,
    documentNumber: string,
    options: StatusOptions = {},
  ): Promise<StatusSummary | ConsignmentStatus> {
    return this.withHandle(QUERY_ACTION, type, documentNumber, async (handle) => {
      if (options.view === 'full') return this.query(handle);
      const description = await this.client.connection.withDeadline(this.statusDeadline(), () =>
        handle.describe(),
      );
      return (
        summaryFromDescription(description) ??
        summaryFromStatus(await this.query(handle), description.status.name)
      );
    });
  }

  /** One page of consignments; pass its nextPageToken back for the next (absent on the last). */
  async list(filter: ConsignmentListFilter = {}): Promise<ConsignmentPage> {
    return listConsignments(this.client, parse(listFilterSchema, filter));
  }

  /**
   * Starts each request as start() does (idempotently), at most `concurrency` at a time; one
   * outcome per request, in order. An invalid request starts nothing and does not stop the others.
   */
  async startMany(
    requests: readonly CreateConsignmentRequest[],
    options: { concurrency?: number } = {},
  ): Promise<StartManyOutcome[]> {
    return startEach(requests, (request) => this.startMapped(request), options.concurrency);
  }

  /** The routing feed's status; undefined when the feed does not run. */
  async routingFeedStatus(): Promise<RoutingFeedStatus | undefined> {
    return this.feed.status();
  }

  /** Operator: acknowledge the feed's unexplained and undeliverable items; the status afterwards. */
  async acknowledgeRoutingFeed(request: AcknowledgeRequest = {}): Promise<RoutingFeedStatus | undefined> {
    return this.feed.acknowledge(request);
  }

  private statusDeadline(): number {
    return Date.now() + (this.options.statusTimeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS);
  }

  private query(handle: Handle): Promise<ConsignmentStatus> {
    return this.client.connection.withDeadline(this.statusDeadline(), () => handle.query(statusQuery));
  }

  /** start(), with Temporal being unreachable told apart from other failures. */
  private async startMapped(request: unknown): Promise<StartResult> {
    try {
      return await this.start(request as CreateConsignmentRequest);
    } catch (error) {
      const cause = unavailableCause(error, false);
      throw cause ? new TemporarilyUnavailable('start', cause) : error;
    }
  }

  private async withHandle<T>(
    action: string,
    type: string,
    documentNumber: string,
    call: (handle: Handle) => Promise<T>,
  ): Promise<T> {
    parse(consignmentKeySchema, { type, documentNumber });
    const handle = this.client.workflow.getHandle<typeof consignmentWorkflow>(
      consignmentWorkflowId(type, documentNumber),
    );
    try {
      return await call(handle);
    } catch (error) {
      throw await toFlowError(error, {
        action,
        type,
        documentNumber,
        closedPhase: () => closedPhase(handle),
      });
    }
  }
}

async function closedPhase(handle: Handle): Promise<string | undefined> {
  const description = await handle.describe();
  if (description.status.name === 'RUNNING') return undefined;
  return description.typedSearchAttributes.get(SEARCH_ATTRIBUTE_KEYS.phase) ?? description.status.name;
}
