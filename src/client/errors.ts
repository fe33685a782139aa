// Typed errors of the client library. Temporal's own errors are mapped to these in one place
// (toFlowError), so the gateway and the CLI decide by `code`, never by message text.
import { WorkflowNotFoundError } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { FormattedIssue } from '../domain';

export type FlowErrorCode = 'CONSIGNMENT_NOT_FOUND' | 'ACTION_REFUSED' | 'INVALID_DOCUMENT';

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
  ) {
    super(`No consignment ${type} ${documentNumber}`);
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

export type FlowError = ConsignmentNotFound | ActionRefused | InvalidDocument;

/** Narrows to the library's errors; `code` then tells which one (and which fields it has). */
export function isFlowError(error: unknown): error is FlowError {
  return error instanceof DigitollFlowError;
}

export interface ErrorContext {
  action: string;
  type: string;
  documentNumber: string;
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
  if (error instanceof WorkflowNotFoundError) {
    const closed = await context.closedPhase().catch(() => undefined);
    if (closed !== undefined)
      return new ActionRefused(context.action, `the consignment has ended (${closed})`);
    return new ConsignmentNotFound(context.type, context.documentNumber);
  }
  return error;
}
