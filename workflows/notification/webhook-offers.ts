// What each level tells its ERP: the fields every level has (phase, MRN, needs-attention, the
// next step) and its own key. The outbox builds the event from these, so a house's events keep
// their fields in the same order as before the other levels pushed any.
import type { ConsignmentStatus, WebhookEvent, WebhookLevel, WebhookPhase } from '../consignment/messages';
import type { LevelPhase, PresentationLevel, PresentationPhase } from '../../src/shared';
import type { LifecycleStatus } from './lifecycle-types';

/** The key fields an event carries after workflowId: the ones of its level only. */
export type WebhookKey = Pick<
  WebhookEvent,
  'type' | 'documentNumber' | 'transport' | 'presentationLevel' | 'identifier'
>;

export interface WebhookOffer {
  workflowId: string;
  level: WebhookLevel;
  key: WebhookKey;
  erpReference?: string;
  phase: WebhookPhase;
  mrn?: string;
  /** A house's own fields (MRN unknown, routing, reasons), placed after the MRN. */
  extra?: Pick<WebhookEvent, 'mrnUnknown' | 'routing' | 'incompleteReasons' | 'validationErrors'>;
  needsAttention: boolean;
  needsAttentionReason?: string;
  nextStep: string;
  /** Besides phase, attention and MRN, what makes a new event when it changes (a house: the routing). */
  changeKey?: string;
}

export function houseOffer(s: ConsignmentStatus, nextStep: string): WebhookOffer {
  return {
    workflowId: s.workflowId,
    level: 'house',
    key: { type: s.type, documentNumber: s.documentNumber },
    erpReference: s.erpReference,
    phase: s.phase,
    mrn: s.mrn,
    extra: {
      mrnUnknown: s.mrnUnknown,
      routing: s.routing
        ? { id: s.routing.id, routing: s.routing.routing, controlLocation: s.routing.controlLocation }
        : undefined,
      incompleteReasons: s.incompleteReasons.map((r) => r.code),
      validationErrors: s.validationErrors.slice(0, 10),
    },
    needsAttention: s.needsAttention,
    needsAttentionReason: s.needsAttentionReason,
    nextStep,
    changeKey: s.routing?.id,
  };
}

const LEVEL_NEXT_STEP: Record<LevelPhase, string> = {
  SUBMITTING: 'sending the notification to Customs',
  AWAITING_VALIDATION: "waiting for Customs' validation",
  REJECTED: 'waiting for a correction',
  MRN_UNKNOWN: 'Customs holds it but the MRN is unknown here: provide the MRN',
  REGISTERED: 'registered: open for corrections until entry',
  AWAITING_ENTRY: 'the arrival time has passed: asking Customs for the entry status',
  ENTRY_REFUSED: 'entry refused: contact Customs before unloading',
  ENTERED: 'none: entered',
  CANCELLING: 'cancelling at Customs',
  CANCELLED: 'none: cancelled',
  EXPIRED: 'none: expired (Customs dropped it)',
};

/** A transport's or a master's offer; `key` is the transport's key or the master's type and number. */
export function levelOffer(s: LifecycleStatus, key: WebhookKey): WebhookOffer {
  return {
    workflowId: s.workflowId,
    level: s.level,
    key,
    erpReference: s.erpReference,
    phase: s.phase,
    mrn: s.mrn,
    needsAttention: s.needsAttention,
    needsAttentionReason: s.needsAttentionReason,
    nextStep: s.needsAttention
      ? `needs attention: ${s.needsAttentionReason ?? ''}`
      : LEVEL_NEXT_STEP[s.phase],
  };
}

const PRESENTATION_NEXT_STEP: Record<PresentationPhase, string> = {
  PRESENTING: 'presenting to Customs',
  AWAITING_VALIDATION: "waiting for Customs' answer to the presentation",
  REFUSED: 'refused by Customs: retry once the reason is fixed',
  PRESENTED: 'none: presented, the houses inside follow their routing',
  EXPIRED: 'none: expired without a successful presentation',
};

export interface PresentationOfferStatus {
  workflowId: string;
  level: PresentationLevel;
  identifier: string;
  erpReference?: string;
  phase: PresentationPhase;
  /** The ENS MRN when an ENS is presented. */
  mrn?: string;
  needsAttention: boolean;
  needsAttentionReason?: string;
}

export function presentationOffer(s: PresentationOfferStatus): WebhookOffer {
  return {
    workflowId: s.workflowId,
    level: 'presentation',
    key: { presentationLevel: s.level, identifier: s.identifier },
    erpReference: s.erpReference,
    phase: s.phase,
    mrn: s.mrn,
    needsAttention: s.needsAttention,
    needsAttentionReason: s.needsAttentionReason,
    nextStep: s.needsAttention
      ? `needs attention: ${s.needsAttentionReason ?? ''}`
      : PRESENTATION_NEXT_STEP[s.phase],
  };
}
