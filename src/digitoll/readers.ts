// Pure readers from a parsed JSON body to what the client returns: one per kind of answer, never
// throwing, so the client turns an unreadable answer into UnexpectedResponse in one place and the
// contract tests can feed them every documented variation without HTTP.
import type { z } from 'zod';
import {
  formatIssues,
  pickPresentationStatus,
  readDocumentStatus,
  requestAcceptedSchema,
  transportDocumentStatusSchema,
  validationErrorsBodySchema,
  validationStatusSchema,
  type FormattedIssue,
  type PresentationValidationStatus,
  type TransportDocumentStatus,
  type ValidationError,
  type ValidationStatus,
} from '../domain';
import type { HouseKeyQuery, HouseStatusByKey } from './api';
import { parseRoutingItems, rawRoutingPageSchema, type RoutingPage } from './routing-page';

export type Reading<T> = { ok: true; value: T } | { ok: false; issues: FormattedIssue[] };

function read<S extends z.ZodType>(schema: S, json: unknown): Reading<z.output<S>> {
  const result = schema.safeParse(json);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: formatIssues(result.error) };
}

const isEmpty = (json: unknown) =>
  json === undefined || json === null || (Array.isArray(json) && json.length === 0);

export const readValidationStatus = (json: unknown): Reading<ValidationStatus> =>
  read(validationStatusSchema, json);

export const readRequestAccepted = (json: unknown): Reading<{ requestId: string }> => {
  const r = read(requestAcceptedSchema, json);
  return r.ok ? { ok: true, value: { requestId: r.value.requestId } } : r;
};

/** The 400 body; anything unreadable is an empty list (the rejection itself is what counts). */
export function readRejection(json: unknown): ValidationError[] {
  const r = read(validationErrorsBodySchema, json);
  return r.ok ? r.value.validationErrors : [];
}

/** Document status by MRN: one object, or a list holding just it. */
export function readTransportDocumentStatus(json: unknown): Reading<TransportDocumentStatus> {
  if (Array.isArray(json) && json.length === 1) return read(transportDocumentStatusSchema, json[0]);
  return read(transportDocumentStatusSchema, json);
}

/** Document status by key: one object or a list; the element with our documentNumber + type. */
export function readHouseStatusByKey(json: unknown, key: HouseKeyQuery): Reading<HouseStatusByKey> {
  if (isEmpty(json)) return { ok: true, value: { kind: 'absent' } };
  const elements: unknown[] = Array.isArray(json) ? json : [json];
  const read1 = elements.map((e) => read(transportDocumentStatusSchema, e));
  const readable = read1.flatMap((r) => (r.ok ? [r.value] : []));
  const ours =
    readable.find((d) => d.documentNumber === key.documentNumber && d.type === key.type) ??
    (elements.length === 1 && readable[0]?.documentNumber === undefined ? readable[0] : undefined);
  if (ours) {
    const incompleteReasons = ours.incompleteDocumentationReasonList;
    const documentStatus = readDocumentStatus(ours.documentStatus, incompleteReasons);
    return { ok: true, value: { kind: 'found', documentStatus, incompleteReasons } };
  }
  const failed = read1.find((r) => !r.ok);
  if (readable.length === 0 && failed && !failed.ok) return failed;
  return { ok: true, value: { kind: 'absent' } };
}

/** Presentation validation status: NotReady (`absent`) when no element is ours yet. */
export function readPresentationStatus(
  json: unknown,
  requestId: string,
): Reading<PresentationValidationStatus | undefined> {
  const pick = pickPresentationStatus(json, requestId);
  if (pick.kind === 'found') return { ok: true, value: pick.status };
  if (pick.kind === 'absent') return { ok: true, value: undefined };
  return { ok: false, issues: pick.issues };
}

/** A routing page: the envelope must be readable; its elements are classified, never thrown. */
export function readRoutingPageBody(json: unknown): Reading<RoutingPage> {
  const r = read(rawRoutingPageSchema, json);
  return r.ok ? { ok: true, value: parseRoutingItems(r.value) } : r;
}
