// Status reads. The default view comes from describe(): the memo the workflow keeps at every change
// and its execution status, so a read costs the server one lookup and the worker nothing (no query,
// no replay of a history that fell out of the worker's cache). The full view is the `status` query.
import type { WorkflowExecutionDescription } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_KEYS, type Mode, type Phase } from '../shared';
import type {
  ConsignmentStatus,
  ConsignmentStatusSummary,
  LeanStatusSummary,
} from '../../workflows/consignment/messages';
import { STATUS_MEMO_KEY } from '../../workflows/consignment/messages';
import { describeNextStep } from '../../workflows/consignment/details';

/** `summary` (default): from the memo, replays nothing. `full`: the status query (timeline, history). */
export type StatusView = 'summary' | 'full';
export const STATUS_VIEWS: readonly StatusView[] = ['summary', 'full'];

export interface StatusOptions {
  view?: StatusView;
}

/** The default status read: the workflow's own summary plus Temporal's execution status. */
export type StatusSummary = ConsignmentStatusSummary & {
  /** Temporal's execution status: RUNNING, COMPLETED, FAILED, TERMINATED, ... */
  executionStatus: string;
};

/**
 * Whether a memo value is a summary the workflow wrote (not something an operator put there): a
 * whole one, or the part a lean run keeps (its phase, MRN and attention are search attributes).
 */
function isSummary(value: unknown): value is Partial<ConsignmentStatusSummary> & LeanStatusSummary {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.workflowId === 'string' && typeof v.revision === 'number';
}

/**
 * The summary a describe carries, or undefined for runs started before the workflow wrote one:
 * the memo with the search attributes' phase, MRN, attention and time over it (they are written
 * together with it, or instead of it in a lean run), and the next step derived from the result.
 */
export function summaryFromDescription(description: WorkflowExecutionDescription): StatusSummary | undefined {
  const memo = description.memo?.[STATUS_MEMO_KEY];
  if (!isSummary(memo)) return undefined;
  const attributes = description.typedSearchAttributes;
  const phase = attributes.get(SEARCH_ATTRIBUTE_KEYS.phase) ?? memo.phase;
  if (typeof phase !== 'string') return undefined;
  const mrn = attributes.get(SEARCH_ATTRIBUTE_KEYS.mrn) ?? memo.mrn;
  const merged: Omit<ConsignmentStatusSummary, 'nextStep'> = {
    ...memo,
    phase: phase as Phase,
    ...(mrn ? { mrn } : {}),
    needsAttention: attributes.get(SEARCH_ATTRIBUTE_KEYS.needsAttention) ?? memo.needsAttention ?? false,
    updatedAt: attributes.get(SEARCH_ATTRIBUTE_KEYS.updatedAt)?.toISOString() ?? memo.updatedAt ?? '',
  };
  const nextStep = describeNextStep({ ...merged, routingHistory: [], timeline: [], rejectedMessages: [] });
  return { ...merged, nextStep, executionStatus: description.status.name };
}

/** The same shape from a full status (older runs without the memo answer the query instead). */
export function summaryFromStatus(status: ConsignmentStatus, executionStatus: string): StatusSummary {
  const {
    routingHistory: _history,
    timeline,
    rejectedMessages: _rejected,
    presentationRequestId: _presentation,
    ...rest
  } = status;
  return {
    ...rest,
    validationErrors: rest.validationErrors.slice(0, 10),
    nextStep: describeNextStep(status),
    updatedAt: timeline.at(-1)?.at ?? '',
    executionStatus,
  };
}

/**
 * The summary a start puts in the memo, so a read between the start and the workflow's first task
 * (which writes its own) also needs no worker. The workflow replaces it at its first change.
 */
export function initialSummary(key: {
  workflowId: string;
  type: string;
  documentNumber: string;
  mode: Mode;
  erpReference?: string;
}): ConsignmentStatusSummary {
  const at = new Date().toISOString();
  const status: ConsignmentStatus = {
    ...key,
    phase: 'SUBMITTING',
    revision: 1,
    validationErrors: [],
    incompleteReasons: [],
    routingHistory: [],
    timeline: [{ phase: 'SUBMITTING', at }],
    needsAttention: false,
    rejectedMessages: [],
  };
  const { executionStatus: _running, ...summary } = summaryFromStatus(status, 'RUNNING');
  return summary;
}
