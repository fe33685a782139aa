// The transport and master consignment documents (DOMAIN.md section 1b) as this project sends them.
// Only what makes a document addressable is checked here: the keys its workflow id is made of, the
// mode's transport code, the formats of instants. The business rules (an arrival in the past, more
// than a year ahead, a vehicle missing from the register, an unknown office) are Customs' to judge:
// its FAILURE descriptions, with their paths, reach the status of the workflow.
import { z } from 'zod';
import { TRANSPORT_DOCUMENT_TYPE_CODES } from './codes';
import { MSG, instant, num, oneOf, requiredObject, text } from './fields';

/** CL018 mode of transport per API mode. */
export const MODE_OF_TRANSPORT_CODES = { maritime: 1, rail: 2, road: 3, air: 4 } as const;
export type MovementMode = keyof typeof MODE_OF_TRANSPORT_CODES;

const missing = (input: unknown) => input === undefined || input === null;

/** A date-time that may be absent: Customs says whether it must be present (a FAILURE with its path). */
const optionalInstant = () => instant().optional().nullable();

export const masterKeySchema = z.looseObject({
  documentNumber: text(),
  type: oneOf(TRANSPORT_DOCUMENT_TYPE_CODES),
});

export const transportNotificationSchema = z.looseObject({
  documentIssueDate: instant(),
  activeBorderTransportMeans: requiredObject({
    identificationNumber: text().refine((s) => s.length <= 35, 'size must be between 1 and 35'),
    typeOfIdentification: num({ int: true }),
    modeOfTransportCode: z.number({
      error: (iss) => (missing(iss.input) ? MSG.notNull : 'must be a number'),
    }),
    conveyanceReferenceNumber: text().optional().nullable(),
  }),
  carrier: requiredObject({ identificationNumber: text() }),
  customsOfficeOfFirstEntry: requiredObject({ referenceNumber: text() }),
  estimatedDateAndTimeOfArrival: optionalInstant(),
  scheduledDateAndTimeOfArrival: instant(),
  consignmentMasterLevel: z
    .array(z.looseObject({ transportDocumentMasterLevel: masterKeySchema }))
    .optional(),
});
export type TransportNotification = z.output<typeof transportNotificationSchema>;

export const masterNotificationSchema = z.looseObject({
  documentIssueDate: instant(),
  consignmentMasterLevel: requiredObject({
    transportDocumentMasterLevel: masterKeySchema,
    carrier: requiredObject({ identificationNumber: text() }),
    grossMass: num({ min: 0 }),
    containerIndicator: num({ int: true }),
  }),
});
export type MasterNotification = z.output<typeof masterNotificationSchema>;

/** Issues a transport document has for its mode that Customs' FAILUREs would not name as clearly. */
export function transportModeIssues(
  mode: MovementMode,
  document: TransportNotification,
): Array<{ path: string; message: string }> {
  const means = document.activeBorderTransportMeans;
  const issues: Array<{ path: string; message: string }> = [];
  const code = MODE_OF_TRANSPORT_CODES[mode];
  if (means.modeOfTransportCode !== code) {
    issues.push({
      path: 'activeBorderTransportMeans.modeOfTransportCode',
      message: `must be ${code} for ${mode} (CL018)`,
    });
  }
  if (mode === 'air' && !means.conveyanceReferenceNumber) {
    issues.push({
      path: 'activeBorderTransportMeans.conveyanceReferenceNumber',
      message: 'the flight number is required for air: it is part of the transport key',
    });
  }
  return issues;
}

export const masterKey = (document: MasterNotification) =>
  document.consignmentMasterLevel.transportDocumentMasterLevel;
