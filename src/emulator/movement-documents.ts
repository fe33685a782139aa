// The transport and master consignment documents as the twin checks them synchronously (DOMAIN.md
// section 1b): a missing or malformed field is a 400 in Customs' wording. The two arrival times are
// optional here on purpose: their absence is one of the documented asynchronous FAILUREs
// (transport-rules.ts). Objects are loose: Customs ignores fields it does not know.
import { z } from 'zod';
import {
  instant,
  missing,
  number,
  numericCode,
  opt,
  party,
  place,
  text,
  transportDocument,
} from './document';
import { WORDING } from './model';
import { IDENTIFICATION_TYPES, MODE_OF_TRANSPORT_CODES } from './movement-registers';

/** A required object: a missing one is "must not be null", as for any other field. */
const object = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.looseObject(shape, { error: (iss) => (missing(iss.input) ? WORDING.notNull : 'must be an object') });

const size = (min: number, max: number) => `size must be between ${min} and ${max}`;
const bounded = (min: number, max: number) =>
  text().refine((s) => s.length >= min && s.length <= max, size(min, max));

const activeBorderTransportMeans = object({
  identificationNumber: bounded(1, 35),
  typeOfIdentification: numericCode(IDENTIFICATION_TYPES),
  // CL751 is not in DOMAIN.md: any number passes (inferred).
  typeOfMeansOfTransport: opt(number()),
  conveyanceReferenceNumber: opt(text()),
  countryCode: text().refine((c) => /^[A-Z]{2}$/.test(c), 'must be an ISO 3166-1 alpha-2 country code'),
  modeOfTransportCode: numericCode(MODE_OF_TRANSPORT_CODES),
  // The driver; documented in the field table, but the twin does not require it (inferred).
  operator: opt(z.looseObject({ name: opt(text()), communication: opt(z.array(z.looseObject({}))) })),
});

const masterReference = z.looseObject({
  transportDocumentMasterLevel: transportDocument,
  // Where a transport names its direct houses is not documented offline; this is the candidate
  // DOMAIN.md names (inferred).
  consignmentHouseLevel: opt(z.array(z.looseObject({ transportDocumentHouseLevel: transportDocument }))),
});

export const transportDocumentSchema = z.looseObject({
  documentIssueDate: instant(),
  representative: opt(z.unknown()),
  activeBorderTransportMeans,
  carrier: object({ name: text(), identificationNumber: text(), address: opt(z.looseObject({})) }),
  customsOfficeOfFirstEntry: object({ referenceNumber: bounded(8, 8) }),
  estimatedDateAndTimeOfArrival: opt(instant()),
  scheduledDateAndTimeOfArrival: opt(instant()),
  consignmentMasterLevel: opt(z.array(masterReference)),
});
export type TransportDocument = z.output<typeof transportDocumentSchema>;

const equipment = z.looseObject({
  containerSizeAndType: opt(text()),
  containerPackedStatus: opt(z.union([text(), number()])),
  containerSupplierType: opt(z.union([text(), number()])),
  containerIdentificationNumber: opt(text()),
});

const masterLevel = object({
  containerIndicator: numericCode([0, 1]),
  grossMass: number().min(0, 'must be greater than or equal to 0'),
  carrier: object({ identificationNumber: text() }),
  consignee: party,
  consignor: party,
  transportDocumentMasterLevel: transportDocument,
  transportEquipment: opt(z.array(equipment)),
  consignmentHouseLevel: opt(
    z.array(
      z.looseObject({
        receptacle: opt(z.array(z.looseObject({ receptacleIdentificationNumber: text() }))),
      }),
    ),
  ),
  placeOfLoading: opt(place),
  placeOfUnloading: opt(place),
  placeOfDelivery: opt(place),
});

const representative = z.looseObject({
  releasedConfirmation: opt(z.array(z.looseObject({ emailAddress: text() })).max(3, size(0, 3))),
});

export const masterDocumentSchema = z.looseObject({
  documentIssueDate: instant(),
  representative: opt(representative),
  consignmentMasterLevel: masterLevel,
});
export type MasterDocument = z.output<typeof masterDocumentSchema>;

/** The business key of a master: documentNumber + type (cannot change). */
export function masterKeyOf(doc: MasterDocument): { documentNumber: string; type: string } {
  const { documentNumber, type } = doc.consignmentMasterLevel.transportDocumentMasterLevel;
  return { documentNumber, type };
}
