// House consignment notifications per mode: POST, PUT {mrn}, DELETE {mrn} answer 202 + requestId
// (or 400 for synchronous errors); the outcome is decided at once but only visible on the
// validation-status endpoint after the processing delay.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CUSTOMS_MESSAGES,
  type HouseConsignment,
  type ValidationErrorItem,
  type ValidationStatus,
  formatIssues,
  houseConsignmentSchema,
  houseKey,
} from '../domain';
import { MODES, type Mode } from '../shared';
import type { EmulatorContext } from './context';
import { type Answer, addRoute } from './http';
import { assess, generateMrn } from './processing';
import { modeRoutes } from './route-paths';
import { MODE_SCOPES } from './scopes';
import { type StoredHouse } from './store';
import { keyOf } from './types';

const KEY_PATH = 'consignmentHouseLevel.transportDocumentHouseLevel.documentNumber';
const deleteBodySchema = z.looseObject({
  documentIssueDate: z
    .string({ error: CUSTOMS_MESSAGES.notNull })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, {
      error: CUSTOMS_MESSAGES.instant,
    }),
});

const failure = (...errors: ValidationErrorItem[]): ValidationStatus => ({
  status: 'FAILURE',
  validationErrorList: errors,
});
const error = (description: string, messageElementPath: string): ValidationErrorItem => ({
  description,
  pointer: { messageElementPath },
});

function parse<T>(
  schema: z.ZodType<T>,
  body: unknown,
): { ok: true; value: T } | { ok: false; answer: Answer } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const validationErrors = formatIssues(parsed.error).map((i) => ({ field: i.path, error: i.message }));
  return { ok: false, answer: { status: 400, body: { validationErrors } } };
}

function success(house: StoredHouse): ValidationStatus {
  return {
    status: 'SUCCESS',
    mrn: house.mrn,
    documentStatus: house.documentStatus,
    incompleteDocumentationReasonList: house.reasons,
  };
}

function accepted(
  ctx: EmulatorContext,
  result: ValidationStatus,
  house?: string,
  onReady?: () => void,
): Answer {
  return { status: 202, body: { requestId: ctx.store.addRequest(result, ctx.now(), house, onReady) }, house };
}

function create(ctx: EmulatorContext, mode: Mode, document: HouseConsignment): Answer {
  const ref = houseKey(document);
  const key = keyOf(ref);
  if (ctx.store.active(ref)) {
    const text = `Document number ${ref.documentNumber} of type ${ref.type} is already in use`;
    return accepted(ctx, failure(error(text, KEY_PATH)), key);
  }
  const { errors, reasons } = assess(document, ctx.playground);
  if (errors.length > 0) return accepted(ctx, failure(...errors), key);
  const house: StoredHouse = {
    mrn: generateMrn(ctx.now()),
    mode,
    ref,
    document,
    documentStatus: reasons.length > 0 ? 'INCOMPLETE' : 'SUCCESS',
    reasons,
    deleted: false,
    arrived: false,
  };
  // Deferred: Customs has not processed the POST yet, so a look-up by document number finds nothing.
  if (ctx.store.processingOf(key)?.deferRegistration) {
    return accepted(ctx, success(house), key, () => ctx.store.save(house));
  }
  ctx.store.save(house);
  return accepted(ctx, success(house), key);
}

function replace(ctx: EmulatorContext, mode: Mode, mrn: string, document: HouseConsignment): Answer {
  const house = ctx.store.byMrnActive(mrn);
  const key = keyOf(houseKey(document));
  if (!house || house.mode !== mode) return accepted(ctx, failure(error(`MRN ${mrn} not found`, 'mrn')), key);
  if (keyOf(house.ref) !== key) {
    return accepted(ctx, failure(error('documentNumber and type cannot change', KEY_PATH)), keyOf(house.ref));
  }
  const { errors, reasons } = assess(document, ctx.playground);
  if (errors.length > 0) return accepted(ctx, failure(...errors), key);
  Object.assign(house, { document, reasons, documentStatus: reasons.length > 0 ? 'INCOMPLETE' : 'SUCCESS' });
  return accepted(ctx, success(house), key);
}

function remove(ctx: EmulatorContext, mode: Mode, mrn: string): Answer {
  const house = ctx.store.byMrnActive(mrn);
  if (!house || house.mode !== mode) return accepted(ctx, failure(error(`MRN ${mrn} not found`, 'mrn')));
  if (ctx.store.processingOf(keyOf(house.ref))?.refuseDeletes) {
    const text = `House consignment ${mrn} cannot be cancelled in its current state`;
    return accepted(ctx, failure(error(text, 'mrn')), keyOf(house.ref));
  }
  house.deleted = true;
  return accepted(ctx, { status: 'SUCCESS', mrn }, keyOf(house.ref));
}

function validationStatus(ctx: EmulatorContext, requestId: string): Answer {
  const request = ctx.store.getRequest(requestId);
  if (!request || !ctx.store.isReady(request, ctx.now())) {
    return { status: 404, body: { error: 'not found or not processed yet' }, house: request?.house };
  }
  // A FAILURE answers 202, as Customs does; a SUCCESS 200.
  const status = request.result.status === 'FAILURE' ? 202 : 200;
  return { status, body: { requestId, ...request.result }, house: request.house };
}

function documentStatus(ctx: EmulatorContext, mrn: string): Answer {
  const house = ctx.store.byMrnActive(mrn);
  if (!house) return { status: 404, body: { error: `MRN ${mrn} not found` } };
  const { documentNumber, type } = house.ref;
  const body = {
    documentNumber,
    type,
    documentStatus: house.documentStatus,
    incompleteDocumentationReasonList: house.reasons,
  };
  return { status: 200, body, house: keyOf(house.ref) };
}

function lookup(ctx: EmulatorContext, query: unknown): Answer {
  const q = z.object({ documentNumber: z.string(), type: z.string() }).safeParse(query);
  if (!q.success)
    return {
      status: 400,
      body: { validationErrors: [{ field: 'documentNumber', error: 'must not be null' }] },
    };
  const house = ctx.store.active(q.data);
  if (!house) return { status: 404, body: { error: 'house consignment not found' }, house: keyOf(q.data) };
  return { status: 200, body: { mrn: house.mrn, ...house.ref }, house: keyOf(house.ref) };
}

const mrnOf = (request: FastifyRequest) => (request.params as { mrn: string }).mrn;

export function registerHouseRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  for (const mode of MODES) {
    const urls = modeRoutes(mode);
    const scope = () => MODE_SCOPES[mode];
    const doc = (request: FastifyRequest) => parse(houseConsignmentSchema, request.body);
    addRoute(app, ctx, {
      method: 'POST',
      url: urls.house,
      endpoint: 'house-create',
      scope,
      handler: (request) => {
        const parsed = doc(request);
        return parsed.ok ? create(ctx, mode, parsed.value) : parsed.answer;
      },
    });
    addRoute(app, ctx, {
      method: 'PUT',
      url: urls.houseByMrn,
      endpoint: 'house-replace',
      scope,
      handler: (request) => {
        const parsed = doc(request);
        return parsed.ok ? replace(ctx, mode, mrnOf(request), parsed.value) : parsed.answer;
      },
    });
    addRoute(app, ctx, {
      method: 'DELETE',
      url: urls.houseByMrn,
      endpoint: 'house-delete',
      scope,
      handler: (request) => {
        const parsed = parse(deleteBodySchema, request.body);
        return parsed.ok ? remove(ctx, mode, mrnOf(request)) : parsed.answer;
      },
    });
    addRoute(app, ctx, {
      method: 'GET',
      url: urls.validationStatus,
      endpoint: 'house-validation-status',
      scope,
      handler: (request) => validationStatus(ctx, (request.params as { requestId: string }).requestId),
    });
    addRoute(app, ctx, {
      method: 'GET',
      url: urls.transportDocumentStatus,
      endpoint: 'transport-document-status',
      scope,
      handler: (request) => documentStatus(ctx, mrnOf(request)),
    });
    addRoute(app, ctx, {
      method: 'GET',
      url: urls.lookup,
      endpoint: 'house-lookup',
      scope,
      handler: (request) => lookup(ctx, request.query),
    });
    addRoute(app, ctx, {
      method: 'GET',
      url: urls.testAuth,
      endpoint: 'test-auth',
      scope,
      handler: () => ({ status: 200, body: { status: 'authenticated' } }),
    });
  }
}
