// The house consignment document as the twin checks it synchronously (DOMAIN.md section 2): a
// missing or malformed field is a 400 in Customs' wording. Objects are loose: Customs ignores
// fields it does not know here, and the asynchronous checks live in processing.ts.
import { z } from 'zod';
import { DOCUMENT_TYPES, EXPORT_TYPES, IMPORT_PROCEDURES, OUTGOING_PROCEDURES, WORDING } from './model';

export const missing = (input: unknown) => input === undefined || input === null;

export const text = () =>
  z
    .string({ error: (iss) => (missing(iss.input) ? WORDING.notNull : 'must be a string') })
    .refine((s) => s.trim().length > 0, WORDING.notBlank);

export const number = () =>
  z.number({ error: (iss) => (missing(iss.input) ? WORDING.notNull : 'must be a number') });

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: (iss) => (missing(iss.input) ? WORDING.notNull : WORDING.oneOf(values)) });
}

export function numericCode(values: readonly number[]) {
  return number().refine((n) => values.includes(n), WORDING.oneOf(values));
}

const INSTANT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;
export const instant = () =>
  z
    .string({ error: (iss) => (missing(iss.input) ? WORDING.notNull : WORDING.instant) })
    .regex(INSTANT, WORDING.instant);

/** Optional fields: Customs treats null like absent. */
export const opt = <S extends z.ZodType>(schema: S) => schema.nullish();

export const transportDocument = z.looseObject({ documentNumber: text(), type: oneOf(DOCUMENT_TYPES) });
const address = z
  .looseObject({
    country: text().refine((c) => /^[A-Z]{2}$/.test(c), 'must be an ISO 3166-1 alpha-2 country code'),
    city: text(),
    postcode: text(),
    streetLine: opt(text()),
    poBox: opt(text()),
  })
  .refine((a) => !missing(a.streetLine) || !missing(a.poBox), {
    message: WORDING.atLeastOne(['streetLine', 'poBox']),
    path: ['streetLine'],
  });
export const party = z.looseObject({ name: text(), typeOfPerson: numericCode([1, 2, 3]), address });
export const place = z
  .looseObject({ location: opt(text()), address: opt(z.looseObject({})), unloCode: opt(text()) })
  .refine((p) => !missing(p.unloCode) || !missing(p.address) || !missing(p.location), {
    message: WORDING.atLeastOne(['unloCode', 'address', 'location']),
    path: ['unloCode'],
  });
const previousDocument = z.looseObject({
  typeOfReference: text(),
  referenceNumber: opt(text()),
  declarantNumber: opt(text()),
  declarationDate: opt(text()),
  sequenceNumber: opt(z.union([text(), z.number().int()])),
});

const houseLevel = z.looseObject({
  transportDocumentHouseLevel: transportDocument,
  containerIndicator: numericCode([0, 1]),
  totalGrossMass: number().min(0, 'must be greater than or equal to 0'),
  numberOfPackages: number().int('must be an integer').min(0, 'must be greater than or equal to 0'),
  goodsDescription: text(),
  consignmentMasterLevel: opt(
    z.looseObject({
      carrierIdentificationNumber: opt(text()),
      transportDocumentMasterLevel: transportDocument,
    }),
  ),
  receptacleIdentificationNumber: opt(text()),
  importProcedure: z.looseObject({
    importProcedure: oneOf(IMPORT_PROCEDURES),
    outgoingProcedure: opt(oneOf(OUTGOING_PROCEDURES)),
  }),
  previousDocuments: opt(z.array(previousDocument)),
  exportFromEU: opt(z.array(z.looseObject({ typeOfExport: oneOf(EXPORT_TYPES), exportId: text() }))),
  consignor: party,
  consignee: party,
  placeOfAcceptance: opt(place),
  placeOfDelivery: opt(place),
  goodsItem: opt(z.array(z.looseObject({}))),
  transportEquipment: opt(z.array(z.looseObject({ containerIdentificationNumber: opt(text()) }))),
});

export const houseDocumentSchema = z.looseObject({
  documentIssueDate: instant(),
  consignmentHouseLevel: houseLevel,
});
export type HouseDocument = z.output<typeof houseDocumentSchema>;

export const deleteBodySchema = z.looseObject({ documentIssueDate: instant() });

/** `['a', 0, 'b']` -> `a[0].b`, the field notation of Customs' 400 answers. */
function fieldOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Customs' synchronous 400 body for a failed parse. */
export function validationErrorsOf(error: z.ZodError): {
  validationErrors: Array<{ field: string; error: string }>;
} {
  return { validationErrors: error.issues.map((i) => ({ field: fieldOf(i.path), error: i.message })) };
}

/** The business key of a house: documentNumber + type. */
export function houseKeyOf(doc: HouseDocument): { documentNumber: string; type: string } {
  const { documentNumber, type } = doc.consignmentHouseLevel.transportDocumentHouseLevel;
  return { documentNumber, type };
}
