// Typed errors of the client library. Temporal's own errors are mapped to these in one place
// (toFlowError), so the gateway and the CLI decide by `code`, never by message text.
import { WorkflowNotFoundError } from '@temporalio/common';
import { isGrpcServiceError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { FormattedIssue } from '../domain';

export type FlowErrorCode =
  'CONSIGNMENT_NOT_FOUND' | 'ACTION_REFUSED' | 'INVALID_DOCUMENT' | 'TEMPORARILY_UNAVAILABLE';

export abstract class DigitollFlowError extends Error {
  abstract readonly code: FlowErrorCode;
}

/** No consignment (workflow) exists for this type and document number. */
export class ConsignmentNotFound extends DigitollFlowError {
  override readonly name = 'ConsignmentNotFound';
  readonly code = 'CONSIGNMENT_NOT_FOUND';
  constructor(
    readonly type: string,
    readonly documentNumber: string,
    /** What was looked for: a consignment, a transport, a master, a presentation. */
    noun = 'consignment',
  ) {
    super(`No ${noun} ${type} ${documentNumber}`.replace(/\s+$/, ''));
  }
}

/** The consignment refused the action in its current phase (update validator, or it has ended). */
export class ActionRefused extends DigitollFlowError {
  override readonly name = 'ActionRefused';
  readonly code = 'ACTION_REFUSED';
  constructor(
    readonly action: string,
    readonly reason: string,
  ) {
    super(`${action} refused: ${reason}`);
  }
}

/** The input failed the shared schemas; `issues` lists every problem with its path. */
export class InvalidDocument extends DigitollFlowError {
  override readonly name = 'InvalidDocument';
  readonly code = 'INVALID_DOCUMENT';
  constructor(readonly issues: FormattedIssue[]) {
    super(`Invalid input: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
  }
}

/** Why a request could not be answered now; each clears by itself once workers and server run. */
export type UnavailableCause = 'NO_WORKER' | 'TEMPORAL_UNREACHABLE' | 'TIMEOUT';

const UNAVAILABLE_MESSAGES: Record<UnavailableCause, string> = {
  NO_WORKER: 'no worker is running, so the consignment cannot answer',
  TEMPORAL_UNREACHABLE: 'the Temporal server cannot be reached',
  TIMEOUT: 'Temporal did not answer in time (no worker running, or overloaded)',
};

/** Seconds a caller should wait before repeating a request that met TemporarilyUnavailable. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Nothing is wrong with the request: no worker polls (a query needs one) or Temporal is down.
 * Nothing was changed; the same request can be repeated after `retryAfterSeconds`.
 */
export class TemporarilyUnavailable extends DigitollFlowError {
  override readonly name = 'TemporarilyUnavailable';
  readonly code = 'TEMPORARILY_UNAVAILABLE';
  readonly retryAfterSeconds = RETRY_AFTER_SECONDS;
  constructor(
    readonly action: string,
    readonly unavailable: UnavailableCause,
  ) {
    super(`${action} cannot be answered now: ${UNAVAILABLE_MESSAGES[unavailable]}; repeat the request later`);
  }
}

export type FlowError = ConsignmentNotFound | ActionRefused | InvalidDocument | TemporarilyUnavailable;

/** Narrows to the library's errors; `code` then tells which one (and which fields it has). */
export function isFlowError(error: unknown): error is FlowError {
  return error instanceof DigitollFlowError;
}

export interface ErrorContext {
  action: string;
  type: string;
  documentNumber: string;
  /** What the workflow is to its callers ('consignment' unless said). */
  noun?: string;
  /** Describes the closed execution when the workflow exists but no longer runs (undefined: none). */
  closedPhase: () => Promise<string | undefined>;
}

/**
 * The one mapping from Temporal errors to ours. A NOT_FOUND for a signal or update may mean "has
 * ended" rather than "never existed"; the context's describe tells the two apart.
 */
export async function toFlowError(error: unknown, context: ErrorContext): Promise<unknown> {
  if (error instanceof DigitollFlowError) return error;
  if (error instanceof WorkflowUpdateFailedError) {
    const reason = error.cause instanceof Error ? error.cause.message : error.message;
    return new ActionRefused(context.action, reason);
  }
  const unavailable = unavailableCause(error, context.action === QUERY_ACTION);
  if (unavailable) return new TemporarilyUnavailable(context.action, unavailable);
  if (error instanceof WorkflowNotFoundError) {
    const closed = await context.closedPhase().catch(() => undefined);
    if (closed !== undefined)
      return new ActionRefused(context.action, `the ${context.noun ?? 'consignment'} has ended (${closed})`);
    return new ConsignmentNotFound(context.type, context.documentNumber, context.noun);
  }
  return error;
}

/** gRPC's standard status codes (fixed by the gRPC spec; @grpc/grpc-js is not our own dependency). */
const GRPC_STATUS = { CANCELLED: 1, DEADLINE_EXCEEDED: 4, FAILED_PRECONDITION: 9, UNAVAILABLE: 14 } as const;

/** The action name of the status query: the only call that needs a worker to answer at once. */
export const QUERY_ACTION = 'status';

/**
 * The gRPC status behind a Temporal client error (the SDK wraps it as the `cause` of a
 * ServiceError), by code only. FAILED_PRECONDITION is the server's "no poller seen" for a query;
 * for other calls it means something else, so only queries read it as "no worker".
 */
export function unavailableCause(error: unknown, isQuery: boolean): UnavailableCause | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth += 1) {
    if (isGrpcServiceError(e)) {
      if (e.code === GRPC_STATUS.UNAVAILABLE) return 'TEMPORAL_UNREACHABLE';
      if (e.code === GRPC_STATUS.DEADLINE_EXCEEDED) return 'TIMEOUT';
      if (e.code === GRPC_STATUS.FAILED_PRECONDITION && isQuery) return 'NO_WORKER';
      // A query cut short by its own deadline may surface as CANCELLED rather than DEADLINE_EXCEEDED.
      if (e.code === GRPC_STATUS.CANCELLED && isQuery) return 'TIMEOUT';
      return undefined;
    }
    e = e.cause;
  }
  return undefined;
}
