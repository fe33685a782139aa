// The ids of the consignment's updates, stable per business intent so a retried call attaches to
// the update already applied, and the reading of a refusal that says "already recorded".
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { REFUSAL_TYPES } from '../../workflows/consignment/messages';

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
export const CANCEL_UPDATE_ID = 'cancel';

export interface ArrivalRecorded {
  /** false when the arrival was known already and this notice changed nothing. */
  recorded: boolean;
  reason?: string;
}

/** The reason of an update refused as a repeat (ALREADY_RECORDED), or undefined. */
export function alreadyRecorded(error: unknown): string | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  return cause instanceof ApplicationFailure && cause.type === REFUSAL_TYPES.alreadyRecorded
    ? cause.message
    : undefined;
}
