// House consignment notifications per mode: POST, PUT {mrn}, DELETE {mrn} answer 202 + requestId
// (or 400 for synchronous errors); the outcome is decided at once but only visible on the
// validation-status endpoint after the processing delay.
import { registerNotificationWrites } from './notification-routes';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type EmulatorContext, registerHouse } from './context';
import { type HouseDocument, houseDocumentSchema, houseKeyOf } from './document';
import { documentStatus, documentStatusByKey, validationStatus } from './house-status';
import { type Answer, addRoute } from './http';
import { MODES, type Mode, type ValidationOutcome } from './model';
import { accepted as acceptedAs, failure, rejection as error } from './outcomes';
import { assess, generateMrn } from './processing';
import { modeRoutes } from './route-paths';
import { MODE_SCOPES } from './scopes';
import type { StoredHouse } from './store';
import { keyOf } from './types';

const KEY_PATH = 'consignmentHouseLevel.transportDocumentHouseLevel.documentNumber';

function success(house: StoredHouse): ValidationOutcome {
  return {
    status: 'SUCCESS',
    mrn: house.mrn,
    documentStatus: house.documentStatus,
    incompleteDocumentationReasonList: house.reasons,
  };
}

function accepted(
  ctx: EmulatorContext,
  result: ValidationOutcome,
  house?: string,
  registers?: StoredHouse,
): Answer {
  return acceptedAs(ctx, result, { house, registers });
}

function create(ctx: EmulatorContext, mode: Mode, document: HouseDocument): Answer {
  const ref = houseKeyOf(document);
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
    registeredAt: ctx.now(),
  };
  // Deferred: Customs has not processed the POST yet, so a query by key finds nothing.
  if (ctx.store.processingOf(key)?.deferRegistration) return accepted(ctx, success(house), key, house);
  const answer = accepted(ctx, success(house), key);
  // Customs presents at the border, which comes after it has processed the notification.
  const { requestId } = answer.body as { requestId: string };
  registerHouse(ctx, house, ctx.store.getRequest(requestId)?.readyAt);
  return answer;
}

function replace(ctx: EmulatorContext, mode: Mode, mrn: string, document: HouseDocument): Answer {
  const house = ctx.store.byMrnActive(mrn);
  const key = keyOf(houseKeyOf(document));
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
  ctx.feed.cancel(house.ref);
  return accepted(ctx, { status: 'SUCCESS', mrn }, keyOf(house.ref));
}

const mrnOf = (request: FastifyRequest) => (request.params as { mrn: string }).mrn;

function registerWrites(app: FastifyInstance, ctx: EmulatorContext, mode: Mode): void {
  const urls = modeRoutes(mode);
  registerNotificationWrites(app, ctx, mode, {
    url: urls.house,
    urlByMrn: urls.houseByMrn,
    endpoints: { create: 'house-create', replace: 'house-replace', remove: 'house-delete' },
    schema: houseDocumentSchema,
    create: (document) => create(ctx, mode, document),
    replace: (mrn, document) => replace(ctx, mode, mrn, document),
    remove: (mrn) => remove(ctx, mode, mrn),
  });
}

function registerReads(app: FastifyInstance, ctx: EmulatorContext, mode: Mode): void {
  const urls = modeRoutes(mode);
  const scope = () => MODE_SCOPES[mode];
  const get = (
    url: string,
    endpoint: Parameters<typeof addRoute>[2]['endpoint'],
    handler: (r: FastifyRequest) => Answer,
  ) => addRoute(app, ctx, { method: 'GET', url, endpoint, scope, handler });
  get(urls.validationStatus, 'house-validation-status', (r) =>
    validationStatus(ctx, (r.params as { requestId: string }).requestId),
  );
  get(urls.transportDocumentStatus, 'transport-document-status', (r) => documentStatus(ctx, mrnOf(r)));
  get(urls.documentStatusByKey, 'house-lookup', (r) => documentStatusByKey(ctx, r.query));
  get(urls.testAuth, 'test-auth', () => ({ status: 200, body: { status: 'authenticated' } }));
}

export function registerHouseRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  for (const mode of MODES) {
    registerWrites(app, ctx, mode);
    registerReads(app, ctx, mode);
  }
}
