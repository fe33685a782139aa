// Transport notifications per mode (DOMAIN.md section 1b): POST, PUT {mrn}, DELETE {mrn} answer
// 202 + requestId (or 400 for synchronous errors); the outcome is decided at once and shows on the
// transport's own validation-status endpoint after the processing delay. Also the entry status.
import { registerNotificationWrites } from './notification-routes';
import type { FastifyInstance } from 'fastify';
import { type EmulatorContext, borderNow } from './context';
import { activeTransport, entryStatus } from './entry';
import { validationStatus } from './house-status';
import { type Answer, addRoute } from './http';
import { MODES, type Mode, type ValidationOutcome } from './model';
import { type TransportDocument, transportDocumentSchema } from './movement-documents';
import { type StoredTransport, transportKeyOf } from './movement-store';
import { accepted, failure, rejection } from './outcomes';
import { generateMrn } from './processing';
import { movementRoutes } from './route-paths';
import { MODE_SCOPES } from './scopes';
import { ROOT, assessTransport } from './transport-rules';

const answer = (ctx: EmulatorContext, result: ValidationOutcome) =>
  accepted(ctx, result, { level: 'transport' });
const notFound = (mrn: string) => failure(rejection(`MRN ${mrn} not found`, 'mrn'));

function create(ctx: EmulatorContext, mode: Mode, document: TransportDocument): Answer {
  const key = transportKeyOf(mode, document);
  const errors = assessTransport(document, borderNow(ctx), { air: mode === 'air' });
  if (ctx.movement.activeTransportByKey(key)) {
    // Wording inferred: Customs' text for a second transport with the same key is not documented.
    const text = `Transport ${document.activeBorderTransportMeans.identificationNumber} arriving ${document.scheduledDateAndTimeOfArrival ?? ''} is already registered`;
    errors.unshift(rejection(text, `${ROOT}.activeBorderTransportMeans.identificationNumber`));
  }
  if (errors.length > 0) return answer(ctx, failure(...errors));
  const transport: StoredTransport = {
    mrn: generateMrn(ctx.now()),
    mode,
    key,
    document,
    deleted: false,
    registeredAt: ctx.now(),
  };
  ctx.movement.saveTransport(transport);
  return answer(ctx, { status: 'SUCCESS', mrn: transport.mrn });
}

function replace(ctx: EmulatorContext, mode: Mode, mrn: string, document: TransportDocument): Answer {
  const transport = activeTransport(ctx, mrn);
  if (!transport || transport.mode !== mode) return answer(ctx, notFound(mrn));
  const previous = transport.document;
  const errors = assessTransport(document, borderNow(ctx), { previous, air: mode === 'air' });
  if (errors.length > 0) return answer(ctx, failure(...errors));
  transport.document = document;
  return answer(ctx, { status: 'SUCCESS', mrn });
}

function remove(ctx: EmulatorContext, mode: Mode, mrn: string): Answer {
  const transport = activeTransport(ctx, mrn);
  if (!transport || transport.mode !== mode) return answer(ctx, notFound(mrn));
  transport.deleted = true;
  return answer(ctx, { status: 'SUCCESS', mrn });
}

function registerWrites(app: FastifyInstance, ctx: EmulatorContext, mode: Mode): void {
  const urls = movementRoutes(mode);
  registerNotificationWrites(app, ctx, mode, {
    url: urls.transport,
    urlByMrn: urls.transportByMrn,
    endpoints: { create: 'transport-create', replace: 'transport-replace', remove: 'transport-delete' },
    schema: transportDocumentSchema,
    create: (document) => create(ctx, mode, document),
    replace: (mrn, document) => replace(ctx, mode, mrn, document),
    remove: (mrn) => remove(ctx, mode, mrn),
  });
}

export function registerTransportRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  for (const mode of MODES) {
    const urls = movementRoutes(mode);
    const scope = () => MODE_SCOPES[mode];
    registerWrites(app, ctx, mode);
    addRoute(app, ctx, {
      method: 'GET',
      url: urls.transportValidationStatus,
      endpoint: 'transport-validation-status',
      scope,
      handler: (r) => validationStatus(ctx, (r.params as { requestId: string }).requestId, 'transport'),
    });
    addRoute(app, ctx, {
      method: 'GET',
      url: urls.entryStatus,
      endpoint: 'entry-status',
      scope,
      handler: (r) => entryStatus(ctx, (r.params as { transportMrn: string }).transportMrn),
    });
  }
}
