// What a start sets for operators at once: the initial search attributes (so the run is findable
// before its first workflow task) and the static details shown in the Temporal UI.
import type { SearchAttributePair } from '@temporalio/common';
import type { z } from 'zod';
import { SEARCH_ATTRIBUTE_KEYS } from './list';
import type { createConsignmentSchema } from './schemas';

/** Where a notification sits in the movement, as its search attributes name it. */
export interface MovementLinks {
  /** `{type}:{documentNumber}` of the master (a house names it in its own document). */
  masterDocument?: string;
  /** The transport's key (its workflow id without `tr:`), known when a shipment starts it. */
  transport?: string;
}

export function initialSearchAttributes(
  documentNumber: string,
  erpReference?: string,
  links: MovementLinks = {},
): SearchAttributePair[] {
  const pairs: SearchAttributePair[] = [
    { key: SEARCH_ATTRIBUTE_KEYS.phase, value: 'SUBMITTING' },
    { key: SEARCH_ATTRIBUTE_KEYS.documentNumber, value: documentNumber },
    { key: SEARCH_ATTRIBUTE_KEYS.needsAttention, value: false },
  ];
  if (erpReference) pairs.push({ key: SEARCH_ATTRIBUTE_KEYS.erpReference, value: erpReference });
  if (links.masterDocument)
    pairs.push({ key: SEARCH_ATTRIBUTE_KEYS.masterDocument, value: links.masterDocument });
  if (links.transport) pairs.push({ key: SEARCH_ATTRIBUTE_KEYS.transport, value: links.transport });
  return pairs;
}

/** The master a house document names (`consignmentMasterLevel.transportDocumentMasterLevel`). */
export function masterOfHouse(consignment: {
  consignmentHouseLevel: {
    consignmentMasterLevel?: { transportDocumentMasterLevel: { type: string; documentNumber: string } };
  };
}): string | undefined {
  const master = consignment.consignmentHouseLevel.consignmentMasterLevel?.transportDocumentMasterLevel;
  return master ? `${master.type}:${master.documentNumber}` : undefined;
}

export function startDetails(input: z.output<typeof createConsignmentSchema>): string {
  const house = input.consignment.consignmentHouseLevel;
  const lines = [
    `**Mode:** ${input.mode}`,
    `**House:** ${house.transportDocumentHouseLevel.type} ${house.transportDocumentHouseLevel.documentNumber}`,
    `**Procedure:** ${house.importProcedure.importProcedure}`,
  ];
  if (input.erpReference) lines.push(`**ERP reference:** ${input.erpReference}`);
  if (input.presentation)
    lines.push(`**Presentation at:** ${input.presentation.customsOfficeOfPresentation}`);
  return lines.join('\n\n');
}
