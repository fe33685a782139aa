// DigitollFlow: the typed library for ERP integrations, the gateway and the CLI. Every call names
// a consignment by its business key (type + documentNumber); inputs are checked with the shared
// schemas before anything reaches Temporal, and Temporal's errors become ours in one place.
import { randomUUID } from 'node:crypto';
import {
  WorkflowExecutionAlreadyStartedError,
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
  arrivedSignal,
  cancelUpdate,
  correctUpdate,
  retrySignal,
  statusQuery,
  type ArrivalNotice,
  type ConsignmentInput,
  type ConsignmentResult,
  type ConsignmentStatus,
  type ConsignmentTimings,
} from '../../workflows/messages';
import { InvalidDocument, toFlowError } from './errors';
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
}

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
export function correctionUpdateId(idempotencyKey: string | undefined): string | undefined {
  return idempotencyKey === undefined ? undefined : `correct:${idempotencyKey}`;
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
        updateId: correctionUpdateId(options.idempotencyKey),
      }),
    );
  }

  /** The transport arrived (explicit presentation when an office is known). */
  async arrive(type: string, documentNumber: string, notice: ArrivalNotice = {}): Promise<void> {
    const valid = parse(arrivalSchema, notice);
    await this.withHandle('arrive', type, documentNumber, (handle) => handle.signal(arrivedSignal, valid));
  }

  /** Cancels and waits until the consignment is CANCELLED (DELETE at Customs when registered). */
  async cancel(
    type: string,
    documentNumber: string,
    options: { reason: string; updateId?: string },
  ): Promise<ConsignmentResult> {
    const valid = parse(cancelSchema, { reason: options.reason });
    return this.withHandle('cancel', type, documentNumber, (handle) =>
      handle.executeUpdate(cancelUpdate, { args: [valid], updateId: options.updateId }),
    );
  }

  /** Operator: try the parked step again. */
  async retry(type: string, documentNumber: string): Promise<void> {
    await this.withHandle('retry', type, documentNumber, (handle) => handle.signal(retrySignal));
  }

  async status(type: string, documentNumber: string): Promise<ConsignmentStatus> {
    return this.withHandle('status', type, documentNumber, (handle) => handle.query(statusQuery));
  }

  async list(filter: ConsignmentListFilter = {}): Promise<ConsignmentSummary[]> {
    return listConsignments(this.client, parse(listFilterSchema, filter));
  }

  /** The routing feed's status; undefined when the feed does not run. */
  async routingFeedStatus(): Promise<RoutingFeedStatus | undefined> {
    return this.feed.status();
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
  /** Operator: acknowledge the feed's unexplained and undeliverable items; the status afterwards. */
  async acknowledgeRoutingFeed(request: AcknowledgeRequest = {}): Promise<RoutingFeedStatus | undefined> {
    return this.feed.acknowledge(request);
  }

