// The transport's status and what it publishes (search attributes, current details), and the
// synchronous checks of a correction: the keys Customs holds it by never change.
import { SEARCH_ATTRIBUTE_KEYS as SA, masterWorkflowIdOfKey } from '../../src/shared';
import type { NotificationLifecycle } from '../notification/lifecycle';
import type { Refusal } from '../notification/lifecycle-handlers';
import { LEVEL_REFUSAL_TYPES } from '../notification/lifecycle-types';
import { initialLifecycleStatus, publishLevel, type LevelRun } from '../notification/level-run';
import type { TransportDocument, TransportInput, TransportStatus, TransportTimings } from './messages';

export type TransportLifecycle = NotificationLifecycle<TransportDocument, TransportStatus>;
export type TransportRun = LevelRun<TransportDocument, TransportStatus, TransportTimings>;

/** Phases in which a correction is no longer accepted: entry is recorded, or the transport ended. */
const CLOSED_FOR_CORRECTIONS = new Set(['ENTERED', 'ENTRY_REFUSED', 'CANCELLING', 'CANCELLED', 'EXPIRED']);

const text = (v: unknown) => (v === null || v === undefined || v === '' ? undefined : String(v));

export function initialStatus(input: TransportInput): TransportStatus {
  const status: TransportStatus = {
    ...initialLifecycleStatus('transport', input),
    level: 'transport',
    identificationNumber: '',
    masters: [],
  };
  describeDocument(status, input.transport);
  return status;
}

/** The document's keys, times and masters as the status shows them. */
export function describeDocument(status: TransportStatus, doc: TransportDocument): void {
  const means = doc.activeBorderTransportMeans ?? {};
  status.identificationNumber = text(means.identificationNumber) ?? '';
  status.conveyanceReferenceNumber = text(means.conveyanceReferenceNumber);
  status.scheduledDateAndTimeOfArrival = text(doc.scheduledDateAndTimeOfArrival);
  status.estimatedDateAndTimeOfArrival = text(doc.estimatedDateAndTimeOfArrival);
  status.masters = (doc.consignmentMasterLevel ?? []).flatMap((m) =>
    m?.transportDocumentMasterLevel ? [masterWorkflowIdOfKey(m.transportDocumentMasterLevel)] : [],
  );
}

export function publish(status: TransportStatus): void {
  publishLevel(status, {
    attributes: [
      { key: SA.documentNumber, value: status.identificationNumber || null },
      { key: SA.transport, value: status.workflowId.replace(/^tr:/, '') },
    ],
    head: `**${status.phase}**: transport ${status.identificationNumber} (${status.mode}), revision ${status.revision}`,
    lines: [status.estimatedDateAndTimeOfArrival ? `ETA ${status.estimatedDateAndTimeOfArrival}` : undefined],
  });
}

const KEY_FIELDS: Array<[string, (d: TransportDocument) => unknown]> = [
  [
    'activeBorderTransportMeans.identificationNumber',
    (d) => d.activeBorderTransportMeans?.identificationNumber,
  ],
  [
    'activeBorderTransportMeans.typeOfIdentification',
    (d) => d.activeBorderTransportMeans?.typeOfIdentification,
  ],
  [
    'activeBorderTransportMeans.conveyanceReferenceNumber',
    (d) => d.activeBorderTransportMeans?.conveyanceReferenceNumber,
  ],
  ['scheduledDateAndTimeOfArrival', (d) => d.scheduledDateAndTimeOfArrival],
];

/** Why a correction cannot be accepted now, or undefined. */
export function correctionRefusal(lc: TransportLifecycle, doc: TransportDocument): Refusal | undefined {
  if (typeof doc !== 'object' || doc === null || typeof doc.activeBorderTransportMeans !== 'object') {
    return { type: LEVEL_REFUSAL_TYPES.malformed, message: 'a correction is a whole transport document' };
  }
  if (CLOSED_FOR_CORRECTIONS.has(lc.status.phase) || lc.cancelRequest) {
    const message = `corrections are accepted until entry is recorded; the transport is ${lc.status.phase}`;
    return { type: LEVEL_REFUSAL_TYPES.closed, message };
  }
  // Before Customs holds the transport there is no key to keep (a rejected POST stored nothing).
  if (!lc.keyFixed) return undefined;
  const current = lc.latestDocument();
  for (const [field, get] of KEY_FIELDS) {
    const was = text(get(current));
    const now = text(get(doc));
    if (was !== now) {
      const message = `${field} cannot change (Customs keys the transport by it): was ${was ?? 'absent'}, now ${now ?? 'absent'}`;
      return { type: LEVEL_REFUSAL_TYPES.keyChanged, message };
    }
  }
  return undefined;
}

/** The estimated arrival in epoch ms (the scheduled one when no estimate); undefined if unreadable. */
export function etaOf(doc: TransportDocument): number | undefined {
  const ms = Date.parse(
    text(doc.estimatedDateAndTimeOfArrival) ?? text(doc.scheduledDateAndTimeOfArrival) ?? '',
  );
  return Number.isNaN(ms) ? undefined : ms;
}
