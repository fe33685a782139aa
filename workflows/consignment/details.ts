// The markdown an operator reads in the Temporal UI ("current details"): where the consignment
// stands and what happens next.
import type { Phase } from '../../src/shared';
import type { ConsignmentStatus } from './messages';

const NEXT_STEP: Record<Phase, string> = {
  SUBMITTING: 'Sending the house consignment to Customs.',
  AWAITING_VALIDATION: 'Waiting for Customs to validate the latest submission.',
  REJECTED: 'Customs rejected the document: send a correction (update or signal `correct`).',
  INCOMPLETE:
    'Registered but incomplete: send a corrected document (update `correct`); it is sent with a PUT.',
  REGISTERED:
    'Registered: waiting for arrival (signal `arrived`) or routing from the feed; corrections (update `correct`) are sent with a PUT until the border.',
  MRN_UNKNOWN:
    'Customs holds the house but its MRN was lost: routing still comes; supply the MRN (update `provideMrn`) before any correction or cancel.',
  PRESENTING: 'Presenting the consignment to Customs.',
  AWAITING_ROUTING: 'Waiting for routing from the routing feed.',
  TO_CONTROL: 'Deliver the goods to the agreed control place; waiting for the next routing.',
  ENTRY_PENDING:
    'Deficiencies to correct: hold the goods and send a corrected document (update `correct`; sent with a PUT).',
  RELEASED: 'Released (TO_ENTRY). Done.',
  DENIED: 'Entry denied. Done.',
  CANCELLING: 'Cancelling at Customs.',
  CANCELLED: 'Cancelled. Done.',
  EXPIRED:
    "Expired: nothing came within Customs' limits (see the reason). Check with Customs; start again if needed.",
};

export function describeNextStep(s: ConsignmentStatus): string {
  const lines = [
    `**${s.type} ${s.documentNumber}**: phase **${s.phase}**, revision ${s.revision}`,
    `MRN: ${s.mrn ?? (s.mrnUnknown ? 'held by Customs, unknown here (provideMrn)' : 'not yet')}${s.erpReference ? ` · ERP reference: ${s.erpReference}` : ''}`,
  ];
  if (s.routing)
    lines.push(
      `Routing: ${s.routing.routing}${s.routing.controlLocation ? ` (${s.routing.controlLocation})` : ''}`,
    );
  if (s.needsAttention) lines.push(`**Needs attention:** ${s.needsAttentionReason ?? ''}`);
  for (const r of s.incompleteReasons) lines.push(`- ${r.code}: ${r.meaning}`);
  for (const e of s.validationErrors.slice(0, 10)) lines.push(`- ${e.path || '(document)'}: ${e.message}`);
  lines.push(`Next: ${NEXT_STEP[s.phase]}`);
  return lines.join('\n\n');
}
