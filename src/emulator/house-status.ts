// The status endpoints of a house (DOMAIN.md section 1, steps 2 and 3): validation status by
// requestId, document status by MRN, and the documented query by key, which answers the document
// status without an MRN (Customs offers no MRN look-up).
import { z } from 'zod';
import { type EmulatorContext, registerHouse } from './context';
import type { Answer } from './http';
import type { ValidationOutcome } from './model';
import type { RequestLevel, StoredHouse } from './store';
import { type FieldKind, withExtras, withOptionals } from './style';
import { keyOf } from './types';

const OUTCOME_OPTIONALS = {
  mrn: 'text',
  documentStatus: 'text',
  incompleteDocumentationReasonList: 'list',
  validationErrorList: 'list',
} as const;

/** A validation answer as the style words it; an empty list counts as no value. */
export function outcomeBody(
  ctx: EmulatorContext,
  outcome: ValidationOutcome,
  requestId?: string,
  optionals: Record<string, FieldKind> = OUTCOME_OPTIONALS,
) {
  const emptyToNone = (list?: unknown[]) => (list && list.length > 0 ? list : undefined);
  const body = withOptionals(
    {
      requestId,
      ...outcome,
      incompleteDocumentationReasonList: emptyToNone(outcome.incompleteDocumentationReasonList),
      validationErrorList: emptyToNone(outcome.validationErrorList),
    },
    optionals,
    ctx.behaviour.style,
  );
  return withExtras(body, ctx.behaviour.style, ctx.now());
}

/** FAILURE is 202 (documented); SUCCESS 200 or 202, as the style says. */
export function outcomeStatus(ctx: EmulatorContext, outcome: ValidationOutcome): number {
  return outcome.status === 'FAILURE' ? 202 : ctx.behaviour.style.successStatus;
}

/** A transport's or master's answer has only these optional fields (no document status). */
const LEVEL_OPTIONALS = { mrn: 'text', validationErrorList: 'list' } as const;

/** The validation status of a request of `level` (a house's when unset); other levels' ids are unknown here. */
export function validationStatus(ctx: EmulatorContext, requestId: string, level?: RequestLevel): Answer {
  const found = ctx.store.getRequest(requestId);
  const request = found?.level === level ? found : undefined;
  if (!request || !ctx.store.isReady(request, ctx.now())) {
    return { status: 404, body: { error: 'not found or not processed yet' }, house: request?.house };
  }
  if (request.registers) {
    registerHouse(ctx, request.registers);
    request.registers = undefined;
  }
  const optionals = level === undefined ? OUTCOME_OPTIONALS : LEVEL_OPTIONALS;
  const body = outcomeBody(ctx, request.result, requestId, optionals);
  return { status: outcomeStatus(ctx, request.result), body, house: request.house };
}

function documentStatusBody(ctx: EmulatorContext, house: StoredHouse) {
  const { documentNumber, type } = house.ref;
  const reasons = house.reasons.length > 0 ? house.reasons : undefined;
  const body = withOptionals(
    {
      documentNumber,
      type,
      documentStatus: house.documentStatus,
      incompleteDocumentationReasonList: reasons,
    },
    { incompleteDocumentationReasonList: 'list' },
    ctx.behaviour.style,
  );
  return withExtras(body, ctx.behaviour.style, ctx.now());
}

export function documentStatus(ctx: EmulatorContext, mrn: string): Answer {
  const house = ctx.store.byMrnActive(mrn);
  if (!house) return { status: 404, body: { error: `MRN ${mrn} not found` } };
  return { status: 200, body: documentStatusBody(ctx, house), house: keyOf(house.ref) };
}

const keyQuery = z.object({
  documentNumber: z.string().min(1),
  type: z.string().min(1),
  carrierId: z.string().optional(),
});

/**
 * `?documentNumber=&type=&carrierId=`: the house's document status, never its MRN. carrierId must
 * match the carrier the document names, when both are given.
 */
export function documentStatusByKey(ctx: EmulatorContext, query: unknown): Answer {
  const unavailable = ctx.behaviour.lookupUnavailable;
  if (unavailable === 400) {
    return {
      status: 400,
      body: { validationErrors: [{ field: 'documentNumber', error: 'query not supported' }] },
    };
  }
  if (unavailable === 404) return { status: 404, body: { error: 'not found' } };
  const q = keyQuery.safeParse(query);
  if (!q.success) {
    const field = q.error.issues[0]?.path.join('.') ?? 'documentNumber';
    return { status: 400, body: { validationErrors: [{ field, error: 'must not be null' }] } };
  }
  const house = ctx.store.active(q.data);
  const carrier = house?.document.consignmentHouseLevel.consignmentMasterLevel?.carrierIdentificationNumber;
  if (!house || (q.data.carrierId && carrier && carrier !== q.data.carrierId)) {
    return { status: 404, body: { error: 'house consignment not found' }, house: keyOf(q.data) };
  }
  return { status: 200, body: documentStatusBody(ctx, house), house: keyOf(house.ref) };
}
