// The master consignment's status and what it publishes, and the synchronous check of a
// correction: transportDocumentMasterLevel is the key (and the workflow id) and never changes.
import { SEARCH_ATTRIBUTE_KEYS as SA, masterDocumentKey } from '../../src/shared';
import type { NotificationLifecycle } from '../notification/lifecycle';
import type { Refusal } from '../notification/lifecycle-handlers';
import { LEVEL_REFUSAL_TYPES } from '../notification/lifecycle-types';
import { initialLifecycleStatus, publishLevel, type LevelRun } from '../notification/level-run';
import type { MasterDocument, MasterInput, MasterStatus, MasterTimings } from './messages';

export type MasterLifecycle = NotificationLifecycle<MasterDocument, MasterStatus>;
export type MasterRun = LevelRun<MasterDocument, MasterStatus, MasterTimings>;

const CLOSED_FOR_CORRECTIONS = new Set(['ENTERED', 'CANCELLING', 'CANCELLED', 'EXPIRED']);

export function initialStatus(input: MasterInput): MasterStatus {
  const key = input.master.consignmentMasterLevel.transportDocumentMasterLevel;
  return {
    ...initialLifecycleStatus('master', input),
    level: 'master',
    type: key.type,
    documentNumber: key.documentNumber,
  };
}

/** DigitollTransport is not upserted: whoever starts the master gives it in the start options. */
export function publish(status: MasterStatus): void {
  publishLevel(status, {
    attributes: [
      { key: SA.documentNumber, value: status.documentNumber },
      { key: SA.masterDocument, value: masterDocumentKey(status) },
    ],
    head: `**${status.phase}**: master ${status.type} ${status.documentNumber}, revision ${status.revision}`,
    lines: [
      status.descendants ? `Houses at Customs: ${status.descendants.houseConsignments.length}` : undefined,
    ],
  });
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
