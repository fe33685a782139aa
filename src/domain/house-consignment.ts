// The house consignment document (DOMAIN.md section 2): the POST/PUT body. Objects are loose so a
// document carrying fields this project does not model travels through the workflow unchanged;
// the documented formats and business rules are checked strictly.
import { z } from 'zod';
import {
  EXPORT_TYPES,
  IMPORT_PROCEDURES,
  OUTGOING_PROCEDURES,
  TRANSPORT_DOCUMENT_TYPE_CODES,
  TYPES_OF_PERSON,
  VOEC_FISCAL_ROLES,
  VOEC_MAX_ITEM_VALUE_NOK,
} from './codes';
import { isIsoCountryCode } from './countries';
import { MSG, instant, localDate, num, numericCode, oneOf, requiredObject, text } from './fields';
import { norwegianIdProblem, previousDocumentSchema, refineDocument } from './rules';
import { unLocode } from './unlocode';

const country = () => text().refine(isIsoCountryCode, 'must be an ISO 3166-1 alpha-2 country code');

/** An identification number whose country is not in the document (carrier, representative). */
const identificationNumber = () =>
  text().superRefine((value, ctx) => {
    const problem = norwegianIdProblem(value, false);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const transportDocumentSchema = z.looseObject({
  documentNumber: text(),
  type: oneOf(TRANSPORT_DOCUMENT_TYPE_CODES),
});

export const addressSchema = z
  .looseObject({
    country: country(),
    city: text(),
    postcode: text(),
    streetLine: text().optional(),
    poBox: text().optional(),
    number: text().optional(),
  })
  .refine((a) => a.streetLine !== undefined || a.poBox !== undefined, {
    message: MSG.atLeastOne(['streetLine', 'poBox']),
    path: ['streetLine'],
  });

export const communicationSchema = z.looseObject({ identifier: text(), type: text() });

export const partySchema = z
  .looseObject({
    name: text(),
    typeOfPerson: numericCode(TYPES_OF_PERSON),
    identificationNumber: text().optional(),
    address: addressSchema,
    communication: z.array(communicationSchema).optional(),
  })
  .superRefine((party, ctx) => {
    if (party.identificationNumber === undefined) return;
    const problem = norwegianIdProblem(party.identificationNumber, party.address.country === 'NO');
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['identificationNumber'] });
  });

/** A place's address is looser than a party's: where it is, not where to send letters. */
const placeAddressSchema = z.looseObject({
  country: country(),
  city: text().optional(),
  postcode: text().optional(),
  streetLine: text().optional(),
  number: text().optional(),
});

export const placeSchema = z
  .looseObject({
    location: text().optional(),
    address: placeAddressSchema.optional(),
    unloCode: unLocode().optional(),
  })
  .refine((p) => p.unloCode !== undefined || p.address !== undefined || p.location !== undefined, {
    message: MSG.atLeastOne(['unloCode', 'address', 'location']),
    path: ['unloCode'],
  });

export const importProcedureSchema = z.looseObject({
  importProcedure: oneOf(IMPORT_PROCEDURES),
  outgoingProcedure: oneOf(OUTGOING_PROCEDURES).optional(),
  hasOutgoingProcedure: z.boolean().optional(),
});

export const exportFromEuSchema = z.looseObject({ typeOfExport: oneOf(EXPORT_TYPES), exportId: text() });

/** VOEC goods item (DOMAIN.md section 2, v2 field names; the value is NOK, at most 3000 per item). */
export const goodsItemSchema = z.looseObject({
  itemAmountInvoicedVOEC: requiredObject({
    value: num({ min: 0 }).max(
      VOEC_MAX_ITEM_VALUE_NOK,
      `must be less than or equal to ${VOEC_MAX_ITEM_VALUE_NOK}`,
    ),
    numberOfItems: num({ int: true, min: 1 }),
  }),
  commodityCodeVOEC: requiredObject({
    harmonizedSystemSubheadingCode: text().regex(/^\d{6}$/, 'must be exactly 6 digits'),
  }),
  additionalFiscalReferences: requiredObject({
    vatIdentificationNumber: text(),
    role: oneOf(VOEC_FISCAL_ROLES),
  }),
  // v1's field is gone in v2: a document still carrying it was built for the old API. (Not
  // z.never(): the OpenAPI document must still be able to describe the item.)
  itemAmountInvoiced: z
    .unknown()
    .refine((value) => value === undefined, {
      message: 'itemAmountInvoiced was removed in v2: use itemAmountInvoicedVOEC {value, numberOfItems}',
    })
    .optional(),
});

export const transportEquipmentSchema = z.looseObject({
  // not documented offline: container id field name
  containerIdentificationNumber: text().optional(),
});

export const consignmentMasterLevelSchema = z.looseObject({
  carrierIdentificationNumber: identificationNumber(),
  transportDocumentMasterLevel: transportDocumentSchema,
});

export const consignmentHouseLevelSchema = z.looseObject({
  transportDocumentHouseLevel: transportDocumentSchema,
  containerIndicator: numericCode([0, 1] as const),
  totalGrossMass: num({ min: 0 }),
  numberOfPackages: num({ int: true, min: 0 }),
  goodsDescription: text(),
  consignmentMasterLevel: consignmentMasterLevelSchema.optional(),
  receptacleIdentificationNumber: text().optional(),
  importProcedure: importProcedureSchema,
  previousDocuments: z.array(previousDocumentSchema).optional(),
  exportFromEU: z.array(exportFromEuSchema).optional(),
  consignor: partySchema,
  consignee: partySchema,
  placeOfAcceptance: placeSchema.optional(),
  placeOfDelivery: placeSchema.optional(),
  goodsItem: z.array(goodsItemSchema).optional(),
  transportEquipment: z.array(transportEquipmentSchema).optional(),
});

export const houseConsignmentSchema = z
  .looseObject({
    documentIssueDate: instant(),
    representative: z.looseObject({ identificationNumber: identificationNumber().optional() }).optional(),
    consignmentHouseLevel: consignmentHouseLevelSchema,
  })
  .superRefine((doc, ctx) => refineDocument(doc.consignmentHouseLevel, ctx));

export type HouseConsignment = z.output<typeof houseConsignmentSchema>;
/** What a caller may pass in (before defaults/transforms); identical in practice. */
export type HouseConsignmentInput = z.input<typeof houseConsignmentSchema>;
export type TransportDocument = z.output<typeof transportDocumentSchema>;

/** The business key of a house: documentNumber + type. */
export function houseKey(doc: HouseConsignment): { documentNumber: string; type: string } {
  const { documentNumber, type } = doc.consignmentHouseLevel.transportDocumentHouseLevel;
  return { documentNumber, type };
}

export { instant as instantSchema, localDate as localDateSchema };
