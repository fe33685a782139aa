// Shared steps of the presentation tests: houses started as an ERP or a shipment would start them
// (optionally under a master, with DigitollMasterDocument set at start), and presentations started
// and watched through their status query.
import { WorkflowIdConflictPolicy, type WorkflowHandle } from '@temporalio/client';
import type { HouseConsignment } from '../../../src/domain';
import {
  CONSIGNMENT_WORKFLOW_TYPE,
  PRESENTATION_WORKFLOW_TYPE,
  SEARCH_ATTRIBUTE_KEYS,
  consignmentWorkflowId,
  type Mode,
} from '../../../src/shared';
import type { consignmentWorkflow } from '../../../workflows/consignment/workflow';
import type { ConsignmentInput } from '../../../workflows/consignment/messages';
import {
  presentationStatusQuery,
  presentationWorkflowIdOf,
  type PresentationInput,
  type PresentationStatus,
} from '../../../workflows/presentation/messages';
import type { presentationWorkflow } from '../../../workflows/presentation/workflow';
import { sampleHouseConsignment } from '../../fixtures/documents';
import { eventually, waitForQuery } from '../../helpers/temporal';
import { FAST_TIMINGS, type Harness } from '../consignment.harness';

export const OFFICE = 'NO351001';
export const CARRIER = 'NO984661185';

export const FAST_PRESENTATION = {
  firstValidationDelay: '100ms',
  pollInitialInterval: '100ms',
  pollBackoff: 1.5,
  pollMaxInterval: '500ms',
  validationDeadline: '20s',
  transientCoolDown: '1 hour',
  expireAfter: '1 hour',
} as const;

type HouseType = HouseConsignment['consignmentHouseLevel']['transportDocumentHouseLevel']['type'];

/** A valid house with this key; `master` links it to a master (N741) in its document. */
export function houseDocument(type: HouseType, documentNumber: string, master?: string): HouseConsignment {
  const link = master
    ? {
        consignmentMasterLevel: {
          carrierIdentificationNumber: CARRIER,
          transportDocumentMasterLevel: { documentNumber: master, type: 'N741' as const },
        },
      }
    : {};
  return sampleHouseConsignment({
    consignmentHouseLevel: { ...link, transportDocumentHouseLevel: { documentNumber, type } },
  });
}

/** Starts a house workflow; with `master`, DigitollMasterDocument is set at start, as the client does. */
export function startHouse(
  h: Harness,
  doc: HouseConsignment,
  options: { mode?: Mode; master?: string; extra?: Partial<ConsignmentInput> } = {},
): Promise<WorkflowHandle<typeof consignmentWorkflow>> {
  const { type, documentNumber } = doc.consignmentHouseLevel.transportDocumentHouseLevel;
  const input: ConsignmentInput = {
    mode: options.mode ?? 'air',
    consignment: doc,
    timings: FAST_TIMINGS,
    digitollTaskQueue: h.taskQueues.digitoll,
    ...options.extra,
  };
  return h.client.workflow.start<typeof consignmentWorkflow>(CONSIGNMENT_WORKFLOW_TYPE, {
    workflowId: consignmentWorkflowId(type, documentNumber),
    taskQueue: h.taskQueues.workflow,
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
    typedSearchAttributes: options.master
      ? [{ key: SEARCH_ATTRIBUTE_KEYS.masterDocument, value: `N741:${options.master}` }]
      : [],
  });
}

export function startPresentation(
  h: Harness,
  input: Omit<PresentationInput, 'customsOfficeOfPresentation'> & { customsOfficeOfPresentation?: string },
): Promise<WorkflowHandle<typeof presentationWorkflow>> {
  const full: PresentationInput = {
    customsOfficeOfPresentation: OFFICE,
    timings: FAST_PRESENTATION,
    digitollTaskQueue: h.taskQueues.digitoll,
    ...input,
  };
  return h.client.workflow.start<typeof presentationWorkflow>(PRESENTATION_WORKFLOW_TYPE, {
    workflowId: presentationWorkflowIdOf(full),
    taskQueue: h.taskQueues.workflow,
    args: [full],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
  });
}

/** Waits until the presentation's status satisfies `predicate`; returns that status. */
export function waitForPresentation(
  handle: WorkflowHandle<typeof presentationWorkflow>,
  predicate: (status: PresentationStatus) => boolean,
  what: string,
): Promise<PresentationStatus> {
  return waitForQuery(handle, presentationStatusQuery, predicate, what);
}

/** Waits until visibility lists `count` running houses under the master (the store is eventually consistent). */
export function waitForHousesListed(h: Harness, master: string, count: number): Promise<number> {
  const query = `WorkflowType = '${CONSIGNMENT_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running' AND DigitollMasterDocument = 'N741:${master}'`;
  return eventually(
    async () => {
      const { count: listed } = await h.client.workflow.count(query);
      return listed >= count ? listed : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 100, what: `${count} houses listed under ${master}` },
  );
}
