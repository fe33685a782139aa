// DigitollFlow: the typed library for ERP integrations, the gateway and the CLI. Every call names
// a consignment by its business key (type + documentNumber); inputs are checked with the shared
// schemas before anything reaches Temporal, and Temporal's errors become ours in one place.
import { createHash, randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
  WorkflowUpdateStage,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import type { z } from 'zod';
import { formatIssues, houseKey } from '../domain';
import { CONSIGNMENT_WORKFLOW_TYPE, consignmentWorkflowId, WORKFLOW_TASK_QUEUE } from '../shared';
import type { consignmentWorkflow } from '../../workflows/consignment';
import {
  arrivedUpdate,
  cancelUpdate,
  correctUpdate,
  provideMrnUpdate,
  REFUSAL_TYPES,
  retrySignal,
  statusQuery,
  type ArrivalNotice,
  type ConsignmentInput,
  type ConsignmentResult,
  type ConsignmentStatus,
  type ConsignmentTimings,
} from '../../workflows/messages';
import { InvalidDocument, QUERY_ACTION, toFlowError } from './errors';
import {
  listConsignments,
  SEARCH_ATTRIBUTE_KEYS,
  type ConsignmentListFilter,
  type ConsignmentSummary,
} from './list';
import { initialSearchAttributes, startDetails } from './start-options';
import { RoutingFeedReader } from './routing-feed';
import type { AcknowledgeRequest, RoutingFeedStatus } from '../../workflows/routing-feed-messages';
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
}

const DEFAULT_STATUS_TIMEOUT_MS = 10_000;

export interface StartResult {
  workflowId: string;
  runId: string;
  type: string;
  documentNumber: string;
  /** false when the consignment already existed (a repeated start returns it unchanged). */
  created: boolean;
}

type Handle = WorkflowHandle<typeof consignmentWorkflow>;

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidDocument(formatIssues(parsed.error));
  return parsed.data;
}

/**
 * The workflow update id of a correction with this idempotency key. Prefixed here, and only here,
 * so the same key from the gateway, the CLI or a library caller deduplicates, and a correction's
 * key can never collide with another update's id on the same workflow.
 */
export function correctionUpdateId(idempotencyKey: string): string {
  return `correct:${idempotencyKey}`;
}

/**
 * The idempotency key of a correction sent without one: a hash of what it asks for, so an HTTP
 * retry of the same request (after a lost response) attaches to the update already applied.
 */
export function defaultCorrectionKey(document: unknown, reason: string): string {
  return `sha256:${createHash('sha256').update(JSON.stringify({ document, reason })).digest('hex')}`;
}

/** A consignment has one cancel: every request for it attaches to the same update. */
const CANCEL_UPDATE_ID = 'cancel';

export interface ArrivalRecorded {
  /** false when the arrival was known already and this notice changed nothing. */
  recorded: boolean;
  reason?: string;
}

/** The reason of an update refused as a repeat (ALREADY_RECORDED), or undefined. */
function alreadyRecorded(error: unknown): string | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  return cause instanceof ApplicationFailure && cause.type === REFUSAL_TYPES.alreadyRecorded
    ? cause.message
    : undefined;
}

export class DigitollFlow {
  private readonly client: Client;
  private readonly taskQueue: string;
  private readonly feed: RoutingFeedReader;

  constructor(private readonly options: DigitollFlowOptions) {
    this.client = options.client;
    this.taskQueue = options.taskQueue ?? WORKFLOW_TASK_QUEUE;
    this.feed = new RoutingFeedReader(options.client, options.organisation);
  }

  /** Starts the consignment, or returns the existing one (running or finished) with created: false. */
  async start(request: CreateConsignmentRequest): Promise<StartResult> {
    const valid = parse(createConsignmentSchema, request);
    const { type, documentNumber } = houseKey(valid.consignment);
    const workflowId = consignmentWorkflowId(type, documentNumber);
    const input: ConsignmentInput = {
      ...valid,
      // The schema admits only durations the SDK's parser reads; its type is a template literal.
      timings: { ...this.options.defaultTimings, ...(valid.timings as Partial<ConsignmentTimings>) },
      digitollTaskQueue: this.options.digitollTaskQueue,
    };
    // Set only when this call creates the run, so a describe tells "created" from "existing".
    const startRequestId = randomUUID();
    try {
      const handle = await this.client.workflow.start<typeof consignmentWorkflow>(CONSIGNMENT_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: this.taskQueue,
        args: [input],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        staticSummary: `House ${type} ${documentNumber} (${valid.mode})`,
        staticDetails: startDetails(valid),
        typedSearchAttributes: initialSearchAttributes(documentNumber, valid.erpReference),
        memo: { startRequestId },
      });
      const description = await handle.describe();
      return {
        workflowId,
        type,
        documentNumber,
        runId: handle.firstExecutionRunId,
        created: description.memo?.startRequestId === startRequestId,
      };
    } catch (error) {
      // The reuse policy refuses to start a finished consignment again: that one is the answer.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      const description = await this.client.workflow.getHandle(workflowId).describe();
      return { workflowId, type, documentNumber, runId: description.runId, created: false };
    }
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

  /** Operator: try the parked step again. */
  async retry(type: string, documentNumber: string): Promise<void> {
    await this.withHandle('retry', type, documentNumber, (handle) => handle.signal(retrySignal));
  }

  /**
   * The status query. Bounded by `statusTimeoutMs`: with no worker polling, the server holds a query
   * for about 30 s before it says so; a caller is better served by a prompt TemporarilyUnavailable.
   */
  async status(type: string, documentNumber: string): Promise<ConsignmentStatus> {
    const deadline = () => Date.now() + (this.options.statusTimeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS);
    return this.withHandle(QUERY_ACTION, type, documentNumber, (handle) =>
      this.client.connection.withDeadline(deadline(), () => handle.query(statusQuery)),
    );
  }

  async list(filter: ConsignmentListFilter = {}): Promise<ConsignmentSummary[]> {
    return listConsignments(this.client, parse(listFilterSchema, filter));
  }

  /** The routing feed's status; undefined when the feed does not run. */
  async routingFeedStatus(): Promise<RoutingFeedStatus | undefined> {
    return this.feed.status();
  }

  /** Operator: acknowledge the feed's unexplained and undeliverable items; the status afterwards. */
  async acknowledgeRoutingFeed(request: AcknowledgeRequest = {}): Promise<RoutingFeedStatus | undefined> {
    return this.feed.acknowledge(request);
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
