// The master consignment's status and what it publishes, and the synchronous check of a
// correction: transportDocumentMasterLevel is the key (and the workflow id) and never changes.
import { setCurrentDetails, upsertMemo, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { SEARCH_ATTRIBUTE_KEYS as SA, masterDocumentKey } from '../../src/shared';
import { workflowNow } from '../notification/clock';
import type { NotificationLifecycle } from '../notification/lifecycle';
import type { Refusal } from '../notification/lifecycle-handlers';
import { LEVEL_REFUSAL_TYPES, LEVEL_STATUS_MEMO_KEY, summaryOf } from '../notification/lifecycle-types';
import type { MasterDocument, MasterInput, MasterStatus } from './messages';

export type MasterLifecycle = NotificationLifecycle<MasterDocument, MasterStatus>;

const CLOSED_FOR_CORRECTIONS = new Set(['ENTERED', 'CANCELLING', 'CANCELLED', 'EXPIRED']);

export function initialStatus(input: MasterInput): MasterStatus {
  const now = workflowNow();
  const key = input.master.consignmentMasterLevel.transportDocumentMasterLevel;
  return {
    workflowId: workflowInfo().workflowId,
    level: 'master',
    mode: input.mode,
    erpReference: input.erpReference,
    phase: 'SUBMITTING',
    revision: 1,
    validationIssues: [],
    needsAttention: false,
    timeline: [{ phase: 'SUBMITTING', at: now }],
    refusedMessages: [],
    updatedAt: now,
    type: key.type,
    documentNumber: key.documentNumber,
  };
}

/** DigitollTransport is not upserted: whoever starts the master gives it in the start options. */
export function publish(status: MasterStatus): void {
  upsertSearchAttributes([
    { key: SA.phase, value: status.phase },
    { key: SA.mrn, value: status.mrn ?? null },
    { key: SA.documentNumber, value: status.documentNumber },
    { key: SA.masterDocument, value: masterDocumentKey(status) },
    { key: SA.erpReference, value: status.erpReference ?? null },
    { key: SA.needsAttention, value: status.needsAttention },
  ]);
  upsertMemo({ [LEVEL_STATUS_MEMO_KEY]: summaryOf(status) });
  const head = `**${status.phase}**: master ${status.type} ${status.documentNumber}, revision ${status.revision}`;
  const mrn = status.mrn ? `\n\nMRN ${status.mrn}` : '';
  const houses = status.descendants
    ? `\n\nHouses at Customs: ${status.descendants.houseConsignments.length}`
    : '';
  const attention = status.needsAttention ? `\n\nNeeds attention: ${status.needsAttentionReason ?? ''}` : '';
  setCurrentDetails(`${head}${mrn}${houses}${attention}`);
}

/** Why a correction cannot be accepted now, or undefined. */
export function correctionRefusal(lc: MasterLifecycle, doc: MasterDocument): Refusal | undefined {
  const key = (doc as Partial<MasterDocument> | null)?.consignmentMasterLevel?.transportDocumentMasterLevel;
  if (typeof key?.documentNumber !== 'string' || typeof key.type !== 'string') {
    const message =
      'a correction is a whole master document with consignmentMasterLevel.transportDocumentMasterLevel';
    return { type: LEVEL_REFUSAL_TYPES.malformed, message };
  }
  if (CLOSED_FOR_CORRECTIONS.has(lc.status.phase) || lc.cancelRequest) {
    return {
      type: LEVEL_REFUSAL_TYPES.closed,
      message: `the master is ${lc.status.phase}: no more corrections`,
    };
  }
  if (key.documentNumber !== lc.status.documentNumber || key.type !== lc.status.type) {
    const message = `consignmentMasterLevel.transportDocumentMasterLevel cannot change (the master's key): was ${masterDocumentKey(lc.status)}, now ${masterDocumentKey(key)}`;
    return { type: LEVEL_REFUSAL_TYPES.keyChanged, message };
  }
  return undefined;
}

export function snapshot(status: MasterStatus): MasterStatus {
  return JSON.parse(JSON.stringify(status)) as MasterStatus;
}
