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
} from './codes';
import { isIsoCountryCode } from './countries';
import { MSG, instant, localDate, num, numericCode, oneOf, text } from './fields';
import { previousDocumentSchema, refineDocument } from './rules';

const country = () => text().refine(isIsoCountryCode, 'must be an ISO 3166-1 alpha-2 country code');

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

export const partySchema = z.looseObject({
  name: text(),
  typeOfPerson: numericCode(TYPES_OF_PERSON),
  identificationNumber: text().optional(),
  address: addressSchema,
  communication: z.array(communicationSchema).optional(),
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
    unloCode: z
      .string()
      .regex(/^[A-Z]{2}[A-Z2-9]{3}$/, 'must be a UN/LOCODE (country code and three characters)')
      .optional(),
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

/** VOEC goods item. Field names other than the value limit are not documented offline. */
export const goodsItemSchema = z.looseObject({
  // not documented offline: name of the item value field (NOK, at most 3000 per item)
  itemAmountInvoiced: num({ min: 0 }).max(3000, 'must be less than or equal to 3000').optional(),
});

export const transportEquipmentSchema = z.looseObject({
  // not documented offline: container id field name
  containerIdentificationNumber: text().optional(),
});

export const consignmentMasterLevelSchema = z.looseObject({
  carrierIdentificationNumber: text(),
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
    representative: z.looseObject({}).optional(),
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
