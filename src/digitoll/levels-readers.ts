// Tolerant readers of the transport and master query answers (DOMAIN.md section 1b): unknown fields
// kept, null/""/absent alike, ids and numbers as strings or numbers, a list or one object where the
// docs are unclear. Never throwing: the client turns an unreadable answer into UnexpectedResponse.
import { z } from 'zod';
import { formatIssues, optionalList, optionalText } from '../domain';
import type { Reading } from './readers';

const blank = (v: unknown) => v === null || (typeof v === 'string' && v.trim() === '');

/** A number Customs may send as a number or a numeric string; null/""/absent read as undefined. */
const optionalNumber = () =>
  z.preprocess(
    (v) => (blank(v) ? undefined : typeof v === 'string' && Number.isFinite(Number(v)) ? Number(v) : v),
    z.number().finite().optional(),
  );

/** A boolean Customs may send as true/false or "true"/"false"; null/""/absent read as undefined. */
const optionalBoolean = () =>
  z.preprocess(
    (v) => (blank(v) ? undefined : v === 'true' ? true : v === 'false' ? false : v),
    z.boolean().optional(),
  );

/** An id or code that may come as a number: read as a string. */
const optionalId = () => z.preprocess((v) => (typeof v === 'number' ? String(v) : v), optionalText());

export const houseDescendantSchema = z.looseObject({
  documentNumber: optionalId(),
  type: optionalId(),
  weight: optionalNumber(),
  status: optionalText(),
});

export const masterDescendantsSchema = z.looseObject({
  documentNumber: optionalId(),
  type: optionalId(),
  weight: optionalNumber(),
  sumOfWeightForHouseConsignments: optionalNumber(),
  received: optionalBoolean(),
  houseConsignments: optionalList(houseDescendantSchema),
});
export type MasterDescendants = z.output<typeof masterDescendantsSchema>;

export const transportDescendantsSchema = z.looseObject({
  sumOfWeightForMasterConsignments: optionalNumber(),
  sumOfWeightForHouseConsignments: optionalNumber(),
  masterConsignments: optionalList(masterDescendantsSchema),
});
export type TransportDescendants = z.output<typeof transportDescendantsSchema>;

export const entryStatusSchema = z.looseObject({
  validEntry: z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean()),
  customsOfficeOfEntry: optionalText(),
  timeOfEntry: optionalText(),
  mrn: optionalId(),
});
export type EntryStatus = z.output<typeof entryStatusSchema>;

export const masterHouseStatusSchema = z.looseObject({
  documentNumber: optionalId(),
  type: optionalId(),
  received: optionalBoolean(),
  documentStatus: optionalText(),
  incompleteDocumentationReasonList: optionalList(z.string()),
});
export type MasterHouseStatus = z.output<typeof masterHouseStatusSchema>;

function read<S extends z.ZodType>(schema: S, json: unknown): Reading<z.output<S>> {
  const result = schema.safeParse(json);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: formatIssues(result.error) };
}

/** One object, or a list holding just it (the docs do not say which the query API sends). */
const single = (json: unknown) => (Array.isArray(json) && json.length === 1 ? json[0] : json);

export const readEntryStatus = (json: unknown): Reading<EntryStatus> => read(entryStatusSchema, single(json));

/** An empty body reads as an empty tree: Customs holds nothing under the transport yet. */
export const readTransportDescendants = (json: unknown): Reading<TransportDescendants> =>
  read(transportDescendantsSchema, single(json) ?? {});

export const readMasterDescendants = (json: unknown): Reading<MasterDescendants> =>
  read(masterDescendantsSchema, single(json) ?? {});

/** A list, one object, or nothing (no houses yet). */
export function readMasterHouseStatuses(json: unknown): Reading<MasterHouseStatus[]> {
  const list: unknown = json === undefined || json === null ? [] : Array.isArray(json) ? json : [json];
  return read(z.array(masterHouseStatusSchema), list);
}
