// Starting and watching transport and master workflows on the consignment harness (real dev
// server, real workers, the twin), with short timings and documents from the twin's own helpers.
import type { SearchAttributePair } from '@temporalio/common';
import { WorkflowIdConflictPolicy, type WorkflowHandle } from '@temporalio/client';
import type { Mode } from '../../../src/shared';
import {
  MASTER_WORKFLOW_TYPE,
  TRANSPORT_WORKFLOW_TYPE,
  masterWorkflowId,
  transportWorkflowId,
} from '../../../src/shared';
import type { masterWorkflow } from '../../../workflows/master/workflow';
import type { transportWorkflow } from '../../../workflows/transport/workflow';
import {
  masterStatusQuery,
  type MasterDocument,
  type MasterInput,
  type MasterStatus,
  type MasterTimings,
} from '../../../workflows/master/messages';
import {
  transportStatusQuery,
  type TransportDocument,
  type TransportInput,
  type TransportStatus,
  type TransportTimings,
} from '../../../workflows/transport/messages';
import { waitForQuery, SETTLE_MS } from '../../helpers/temporal';
import type { Harness } from '../consignment.harness';
import { HOUR, instantAt, sampleTransport } from '../emulator/movement-helpers';

export { HOUR, instantAt };

const LIFECYCLE = {
  firstValidationDelay: '50ms',
  pollInitialInterval: '100ms',
  pollBackoff: 1.5,
  pollMaxInterval: '500ms',
  validationDeadline: '20s',
  transientCoolDown: '1 hour',
  correctionWait: '1 hour',
} as const;
export const FAST_TRANSPORT_TIMINGS: TransportTimings = {
  ...LIFECYCLE,
  entryPollMaxInterval: '300ms',
  expireAfterEta: '72 hours',
};
export const FAST_MASTER_TIMINGS: MasterTimings = { ...LIFECYCLE, expireAfter: '1 hour' };

// Transports are keyed by vehicle and scheduled time: each gets a second of its own, and each
// test file a random stretch of the year, so no two tests share a workflow id.
let seconds = 0;
const fileOffset = Math.floor(Math.random() * 5_000) * 60_000;

/** A valid transport whose scheduled (= estimated) arrival is `aheadMs` from now, unique to this test. */
export function transportArriving(mode: Mode, aheadMs: number, extra: Record<string, unknown> = {}) {
  seconds += 1;
  const eta = instantAt(Date.now() + aheadMs + (aheadMs > 60_000 ? fileOffset : 0) + seconds * 1000);
  return sampleTransport(mode, {
    estimatedDateAndTimeOfArrival: eta,
    scheduledDateAndTimeOfArrival: eta,
    ...extra,
  }) as unknown as TransportDocument;
}

export async function startTransport(
  h: Harness,
  mode: Mode,
  transport: TransportDocument,
  extra: Partial<TransportInput> = {},
): Promise<WorkflowHandle<typeof transportWorkflow>> {
  const input: TransportInput = {
    mode,
    transport,
    timings: FAST_TRANSPORT_TIMINGS,
    digitollTaskQueue: h.taskQueues.digitoll,
    ...extra,
  };
  return h.client.workflow.start<typeof transportWorkflow>(TRANSPORT_WORKFLOW_TYPE, {
    workflowId: transportWorkflowId(mode, transport),
    taskQueue: h.taskQueues.workflow,
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
  });
}

export async function startMaster(
  h: Harness,
  mode: Mode,
  master: MasterDocument,
  searchAttributes: SearchAttributePair[] = [],
): Promise<WorkflowHandle<typeof masterWorkflow>> {
  const input: MasterInput = {
    mode,
    master,
    timings: FAST_MASTER_TIMINGS,
    digitollTaskQueue: h.taskQueues.digitoll,
  };
  return h.client.workflow.start<typeof masterWorkflow>(MASTER_WORKFLOW_TYPE, {
    workflowId: masterWorkflowId(master),
    taskQueue: h.taskQueues.workflow,
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    typedSearchAttributes: searchAttributes,
  });
}

/**
 * Registered with the tree Customs holds read, in any phase: a transport seconds from its ETA may
 * have ENTERED before a wait looks.
 */
export const registeredWithTree = (s: TransportStatus): boolean =>
  s.mrn !== undefined && s.descendantsReadAt !== undefined;

export function waitForTransport(
  handle: WorkflowHandle<typeof transportWorkflow>,
  predicate: (s: TransportStatus) => boolean,
  what: string,
  timeoutMs = SETTLE_MS,
): Promise<TransportStatus> {
  return waitForQuery(handle, transportStatusQuery, predicate, what, timeoutMs);
}

export function waitForMaster(
  handle: WorkflowHandle<typeof masterWorkflow>,
  predicate: (s: MasterStatus) => boolean,
  what: string,
  timeoutMs = SETTLE_MS,
): Promise<MasterStatus> {
  return waitForQuery(handle, masterStatusQuery, predicate, what, timeoutMs);
}
