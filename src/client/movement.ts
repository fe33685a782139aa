// The rest of the movement for ERPs, the gateway and the CLI: transports, master consignments and
// explicit presentations, each one durable workflow started idempotently; corrections, arrival
// changes, cancels and retries go to the running workflow as updates and signals.
import { WorkflowUpdateStage, type Client, type WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition, SearchAttributePair } from '@temporalio/common';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { optionalTsToDate } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import type { z } from 'zod';
import { formatIssues } from '../domain';
import {
  MASTER_WORKFLOW_TYPE,
  masterDocumentKey,
  masterWorkflowId,
  masterWorkflowIdOfKey,
  PRESENTATION_WORKFLOW_TYPE,
  presentationWorkflowId,
  SEARCH_ATTRIBUTE_KEYS,
  SEARCH_ATTRIBUTES,
  TRANSPORT_WORKFLOW_TYPE,
  transportKey,
  transportWorkflowId,
  type PresentationLevel,
} from '../shared';
import * as transportMessages from '../../workflows/transport/messages';
import * as masterMessages from '../../workflows/master/messages';
import * as presentationMessages from '../../workflows/presentation/messages';
import { InvalidDocument, QUERY_ACTION, toFlowError } from './errors';
import { literal, listPage, type RawExecution } from './list';
import {
  arrivalUpdateSchema,
  createMasterSchema,
  createPresentationSchema,
  createTransportSchema,
  levelListFilterSchema,
  masterCorrectionSchema,
  transportCorrectionSchema,
  type CreateMasterRequest,
  type CreatePresentationRequest,
  type CreateTransportRequest,
  type LevelListFilter,
} from './movement-schemas';
import { keyOfWorkflowId, startLevel, type LevelStartResult, type MovementLevel } from './movement-start';
import { cancelSchema, provideMrnSchema } from './schemas';
import { correctionUpdateId, defaultCorrectionKey } from './update-ids';
import { webhookUrlProblem } from '../webhook-url';

export type { LevelStartResult, MovementLevel };
export type MovementTimings = Partial<
  transportMessages.TransportTimings & masterMessages.MasterTimings & presentationMessages.PresentationTimings
>;

export interface MovementSettings {
  taskQueue: string;
  digitollTaskQueue?: string;
  /** Applied under each request's timings (tests and the worker's own defaults). */
  defaultTimings?: MovementTimings;
  statusTimeoutMs?: number;
  /** The organisation's webhook (WEBHOOK_URL), unless a request names its own callbackUrl. */
  webhookUrl?: string;
  /** Plain http to loopback is refused in production (DIGITOLL_ENV=prod). */
  production?: boolean;
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidDocument(formatIssues(parsed.error));
  return parsed.data;
}

const WORKFLOW_TYPES: Record<MovementLevel, string> = {
  transport: TRANSPORT_WORKFLOW_TYPE,
  master: MASTER_WORKFLOW_TYPE,
  presentation: PRESENTATION_WORKFLOW_TYPE,
};
const PREFIXES: Record<MovementLevel, string> = { transport: 'tr:', master: 'mc:', presentation: 'pr:' };

/** One row of a transport, master or presentation list (search attributes only). */
export interface LevelSummary {
  level: MovementLevel;
  workflowId: string;
  key: string;
  phase?: string;
  mrn?: string;
  erpReference?: string;
  transport?: string;
  masterDocument?: string;
  needsAttention: boolean;
  executionStatus: string;
  startTime: string;
  closeTime?: string;
}

function summaryOf(level: MovementLevel, raw: RawExecution): LevelSummary {
  const sa = decodeTypedSearchAttributes(raw.searchAttributes?.indexedFields);
  const workflowId = raw.execution?.workflowId ?? '';
  const status = temporal.api.enums.v1.WorkflowExecutionStatus[raw.status ?? 0] ?? 'UNSPECIFIED';
  return {
    level,
    workflowId,
    key: keyOfWorkflowId(workflowId),
    phase: sa.get(SEARCH_ATTRIBUTE_KEYS.phase),
    mrn: sa.get(SEARCH_ATTRIBUTE_KEYS.mrn),
    erpReference: sa.get(SEARCH_ATTRIBUTE_KEYS.erpReference),
    transport: sa.get(SEARCH_ATTRIBUTE_KEYS.transport),
    masterDocument: sa.get(SEARCH_ATTRIBUTE_KEYS.masterDocument),
    needsAttention: sa.get(SEARCH_ATTRIBUTE_KEYS.needsAttention) ?? false,
    executionStatus: status.replace('WORKFLOW_EXECUTION_STATUS_', ''),
    startTime: optionalTsToDate(raw.startTime)?.toISOString() ?? '',
    closeTime: optionalTsToDate(raw.closeTime)?.toISOString(),
  };
}

function initialAttributes(
  phase: string,
  documentNumber: string,
  extra: { erpReference?: string; transport?: string; masterDocument?: string },
): SearchAttributePair[] {
  const pairs: SearchAttributePair[] = [
    { key: SEARCH_ATTRIBUTE_KEYS.phase, value: phase },
    { key: SEARCH_ATTRIBUTE_KEYS.documentNumber, value: documentNumber },
    { key: SEARCH_ATTRIBUTE_KEYS.needsAttention, value: false },
  ];
  if (extra.erpReference) pairs.push({ key: SEARCH_ATTRIBUTE_KEYS.erpReference, value: extra.erpReference });
  if (extra.transport) pairs.push({ key: SEARCH_ATTRIBUTE_KEYS.transport, value: extra.transport });
  if (extra.masterDocument)
    pairs.push({ key: SEARCH_ATTRIBUTE_KEYS.masterDocument, value: extra.masterDocument });
  return pairs;
}

export class MovementClient {
  constructor(
    private readonly client: Client,
    private readonly settings: MovementSettings,
  ) {}

  /** Starts the transport (`tr:{transport key}`), or returns the existing one with created: false. */
  async startTransport(request: CreateTransportRequest): Promise<LevelStartResult> {
    const valid = parse(createTransportSchema, request);
    const key = transportKey(valid.mode, valid.transport);
    const input: transportMessages.TransportInput = {
      mode: valid.mode,
      transport: valid.transport as transportMessages.TransportDocument,
      erpReference: valid.erpReference,
      timings: this.timings(valid.timings),
      digitollTaskQueue: this.settings.digitollTaskQueue,
      ...this.webhook(valid.callbackUrl),
    };
    const means = valid.transport.activeBorderTransportMeans;
    return startLevel(this.client, {
      level: 'transport',
      workflowType: TRANSPORT_WORKFLOW_TYPE,
      workflowId: transportWorkflowId(valid.mode, valid.transport),
      taskQueue: this.settings.taskQueue,
      input,
      summary: `Transport ${means.identificationNumber} (${valid.mode}), scheduled ${valid.transport.scheduledDateAndTimeOfArrival}`,
      searchAttributes: initialAttributes('SUBMITTING', means.identificationNumber, {
        erpReference: valid.erpReference,
        transport: key,
      }),
    });
  }

  /** Starts the master (`mc:{type}:{documentNumber}`), linked to its transport when one is named. */
  async startMaster(request: CreateMasterRequest): Promise<LevelStartResult> {
    const valid = parse(createMasterSchema, request);
    const masterKey = valid.master.consignmentMasterLevel.transportDocumentMasterLevel;
    const input: masterMessages.MasterInput = {
      mode: valid.mode,
      master: valid.master as masterMessages.MasterDocument,
      erpReference: valid.erpReference,
      timings: this.timings(valid.timings),
      digitollTaskQueue: this.settings.digitollTaskQueue,
      ...this.webhook(valid.callbackUrl),
    };
    return startLevel(this.client, {
      level: 'master',
      workflowType: MASTER_WORKFLOW_TYPE,
      workflowId: masterWorkflowId(valid.master),
      taskQueue: this.settings.taskQueue,
      input,
      summary: `Master ${masterKey.type} ${masterKey.documentNumber} (${valid.mode})`,
      searchAttributes: initialAttributes('SUBMITTING', masterKey.documentNumber, {
        erpReference: valid.erpReference,
        transport: valid.transport,
        masterDocument: masterDocumentKey(masterKey),
      }),
    });
  }

  /** Starts an explicit presentation (`pr:{level}:{identifier}`). */
  async startPresentation(request: CreatePresentationRequest): Promise<LevelStartResult> {
    const { callbackUrl, ...valid } = parse(createPresentationSchema, request);
    const input: presentationMessages.PresentationInput = {
      ...valid,
      timings: this.timings(undefined),
      digitollTaskQueue: this.settings.digitollTaskQueue,
      ...this.webhook(callbackUrl),
    };
    const identifier = presentationMessages.presentationIdentifier(input)!;
    const master = valid.transportDocumentMasterLevel;
    return startLevel(this.client, {
      level: 'presentation',
      workflowType: PRESENTATION_WORKFLOW_TYPE,
      workflowId: presentationWorkflowId(valid.level, identifier),
      taskQueue: this.settings.taskQueue,
      input,
      summary: `Presentation of ${valid.level} ${identifier} at ${valid.customsOfficeOfPresentation}`,
      searchAttributes: initialAttributes('PRESENTING', identifier, {
        erpReference: valid.erpReference,
        masterDocument: master ? masterDocumentKey(master) : undefined,
      }),
    });
  }

  /** The request's callbackUrl, else the organisation's webhook; in production a callbackUrl must be https. */
  private webhook(callbackUrl: string | undefined): { webhook?: { url: string } } {
    const refused = callbackUrl && this.settings.production && webhookUrlProblem(callbackUrl, false);
    if (refused) throw new InvalidDocument([{ path: 'callbackUrl', message: refused }]);
    const url = callbackUrl ?? this.settings.webhookUrl;
    return url ? { webhook: { url } } : {};
  }

  transportStatus(key: string): Promise<transportMessages.TransportStatus> {
    return this.query('transport', key, transportMessages.transportStatusQuery);
  }

  masterStatus(type: string, documentNumber: string): Promise<masterMessages.MasterStatus> {
    return this.query('master', `${type}:${documentNumber}`, masterMessages.masterStatusQuery);
  }

  presentationStatus(
    level: PresentationLevel,
    identifier: string,
  ): Promise<presentationMessages.PresentationStatus> {
    return this.query('presentation', `${level}:${identifier}`, presentationMessages.presentationStatusQuery);
  }

  /** Replaces the whole transport document (same keys); returns the new revision. */
  async correctTransport(key: string, document: unknown, options: CorrectionCall): Promise<number> {
    const valid = parse(transportCorrectionSchema, { document, reason: options.reason });
    return this.withHandle('transport', key, 'correct', (handle) =>
      handle.executeUpdate(transportMessages.transportCorrectUpdate, {
        args: [valid.document as transportMessages.TransportDocument, { reason: valid.reason }],
        updateId: correctionUpdateId(options.idempotencyKey ?? defaultCorrectionKey(document, valid.reason)),
      }),
    );
  }

  /** A new estimated arrival: exactly one PUT at Customs; returns the new revision. */
  async updateArrival(key: string, request: unknown): Promise<number> {
    const valid = parse(arrivalUpdateSchema, request);
    return this.withHandle('transport', key, 'updateArrival', (handle) =>
      handle.executeUpdate(transportMessages.updateArrivalUpdate, {
        args: [valid],
        updateId: `arrival:${valid.estimatedDateAndTimeOfArrival}`,
      }),
    );
  }

  async correctMaster(
    type: string,
    documentNumber: string,
    document: unknown,
    options: CorrectionCall,
  ): Promise<number> {
    const valid = parse(masterCorrectionSchema, { document, reason: options.reason });
    return this.withHandle('master', `${type}:${documentNumber}`, 'correct', (handle) =>
      handle.executeUpdate(masterMessages.masterCorrectUpdate, {
        args: [valid.document as masterMessages.MasterDocument, { reason: valid.reason }],
        updateId: correctionUpdateId(options.idempotencyKey ?? defaultCorrectionKey(document, valid.reason)),
      }),
    );
  }

  /** Asks for the cancel and returns once the workflow accepted it (follow the phase to CANCELLED). */
  async requestCancel(level: 'transport' | 'master', key: string, request: unknown): Promise<void> {
    const valid = parse(cancelSchema, request);
    const update =
      level === 'transport' ? transportMessages.transportCancelUpdate : masterMessages.masterCancelUpdate;
    await this.withHandle(level, key, 'cancel', (handle) =>
      handle.startUpdate(update, {
        args: [valid],
        updateId: 'cancel',
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      }),
    );
  }

  /**
   * Operator: the MRN of a transport or master Customs holds but whose MRN is unknown (phase
   * MRN_UNKNOWN, e.g. from the Digitoll portal); returns the MRN stored. Refused when malformed,
   * already known, or when no MRN is missing.
   */
  async provideMrn(level: 'transport' | 'master', key: string, mrn: unknown): Promise<string> {
    const valid = parse(provideMrnSchema, { mrn });
    const update =
      level === 'transport'
        ? transportMessages.transportProvideMrnUpdate
        : masterMessages.masterProvideMrnUpdate;
    return this.withHandle(level, key, 'provideMrn', (handle) =>
      handle.executeUpdate(update, { args: [valid], updateId: `provideMrn:${valid.mrn}` }),
    );
  }

  /** Operator: try the parked step again at once. */
  async retry(level: MovementLevel, key: string): Promise<void> {
    const signal = {
      transport: transportMessages.transportRetrySignal,
      master: masterMessages.masterRetrySignal,
      presentation: presentationMessages.presentationRetrySignal,
    }[level];
    await this.withHandle(level, key, 'retry', (handle) => handle.signal(signal));
  }

  /** One page of transports, masters or presentations, by phase, attention, ERP reference or link. */
  async list(level: MovementLevel, filter: LevelListFilter = {}) {
    const valid = parse(levelListFilterSchema, filter);
    const parts = [`WorkflowType = ${literal(WORKFLOW_TYPES[level])}`];
    const eq = (name: string, value: string | undefined) => {
      if (value !== undefined) parts.push(`${name} = ${literal(value)}`);
    };
    eq(SEARCH_ATTRIBUTES.phase.name, valid.phase);
    eq(SEARCH_ATTRIBUTES.erpReference.name, valid.erpReference);
    eq(SEARCH_ATTRIBUTES.transport.name, valid.transport);
    eq(SEARCH_ATTRIBUTES.masterDocument.name, valid.masterDocument);
    if (valid.needsAttention !== undefined)
      parts.push(`${SEARCH_ATTRIBUTES.needsAttention.name} = ${String(valid.needsAttention)}`);
    return listPage(
      this.client,
      parts.join(' AND '),
      { pageSize: valid.pageSize ?? 100, pageToken: valid.pageToken },
      (raw) => summaryOf(level, raw),
    );
  }

  /** The master key of a `{type}:{documentNumber}` pair, as workflow ids and filters spell it. */
  static masterWorkflowId(type: string, documentNumber: string): string {
    return masterWorkflowIdOfKey({ type, documentNumber });
  }

  private timings<T extends object>(requested: T | undefined): MovementTimings {
    return { ...this.settings.defaultTimings, ...(requested as MovementTimings | undefined) };
  }

  private query<T>(level: MovementLevel, key: string, query: QueryDefinition<T>) {
    const deadline = Date.now() + (this.settings.statusTimeoutMs ?? 10_000);
    return this.withHandle(level, key, QUERY_ACTION, (handle) =>
      this.client.connection.withDeadline(deadline, () => handle.query(query)),
    );
  }

  private async withHandle<T>(
    level: MovementLevel,
    key: string,
    action: string,
    call: (handle: WorkflowHandle) => Promise<T>,
  ): Promise<T> {
    if (key.trim() === '') throw new InvalidDocument([{ path: 'key', message: 'must not be blank' }]);
    const handle = this.client.workflow.getHandle(`${PREFIXES[level]}${key}`);
    try {
      return await call(handle);
    } catch (error) {
      throw await toFlowError(error, {
        action,
        type: key,
        documentNumber: '',
        noun: level,
        closedPhase: async () => {
          const description = await handle.describe();
          if (description.status.name === 'RUNNING') return undefined;
          return (
            description.typedSearchAttributes.get(SEARCH_ATTRIBUTE_KEYS.phase) ?? description.status.name
          );
        },
      });
    }
  }
}

export interface CorrectionCall {
  reason: string;
  idempotencyKey?: string;
}
