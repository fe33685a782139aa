// Master consignment notifications per mode (DOMAIN.md section 1b): the same POST / PUT {mrn} /
// DELETE {mrn} pattern as houses and transports, keyed by transportDocumentMasterLevel (which cannot
// change). Customs documents no asynchronous master rules offline; the twin refuses only a second
// master with the same key and a changed key.
import { registerNotificationWrites } from './notification-routes';
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from './context';
import { validationStatus } from './house-status';
import { type Answer, addRoute } from './http';
import { MODES, type Mode, type ValidationOutcome } from './model';
import { type MasterDocument, masterDocumentSchema, masterKeyOf } from './movement-documents';
import type { StoredMaster } from './movement-store';
import { accepted, failure, rejection } from './outcomes';
import { generateMrn } from './processing';
import { movementRoutes } from './route-paths';
import { MODE_SCOPES } from './scopes';
import { keyOf } from './types';

const KEY_PATH = 'consignmentMasterLevel.transportDocumentMasterLevel.documentNumber';

const answer = (ctx: EmulatorContext, result: ValidationOutcome) =>
  accepted(ctx, result, { level: 'master' });
const notFound = (mrn: string) => failure(rejection(`MRN ${mrn} not found`, 'mrn'));

function create(ctx: EmulatorContext, mode: Mode, document: MasterDocument): Answer {
  const ref = masterKeyOf(document);
  if (ctx.movement.activeMasterByKey(ref)) {
    // The house's production wording, assumed for masters too (inferred).
    const text = `Document number ${ref.documentNumber} of type ${ref.type} is already in use`;
    return answer(ctx, failure(rejection(text, KEY_PATH)));
  }
  const master: StoredMaster = {
    mrn: generateMrn(ctx.now()),
    mode,
    ref,
    document,
    deleted: false,
    registeredAt: ctx.now(),
  };
  ctx.movement.saveMaster(master);
  return answer(ctx, { status: 'SUCCESS', mrn: master.mrn });
}

function replace(ctx: EmulatorContext, mode: Mode, mrn: string, document: MasterDocument): Answer {
  const master = ctx.movement.activeMaster(mrn);
  if (!master || master.mode !== mode) return answer(ctx, notFound(mrn));
  if (keyOf(master.ref) !== keyOf(masterKeyOf(document))) {
    return answer(ctx, failure(rejection('documentNumber and type cannot change', KEY_PATH)));
  }
  master.document = document;
  return answer(ctx, { status: 'SUCCESS', mrn });
}

function remove(ctx: EmulatorContext, mode: Mode, mrn: string): Answer {
  const master = ctx.movement.activeMaster(mrn);
  if (!master || master.mode !== mode) return answer(ctx, notFound(mrn));
  master.deleted = true;
  return answer(ctx, { status: 'SUCCESS', mrn });
}

function registerWrites(app: FastifyInstance, ctx: EmulatorContext, mode: Mode): void {
  const urls = movementRoutes(mode);
  registerNotificationWrites(app, ctx, mode, {
    url: urls.master,
    urlByMrn: urls.masterByMrn,
    endpoints: { create: 'master-create', replace: 'master-replace', remove: 'master-delete' },
    schema: masterDocumentSchema,
    create: (document) => create(ctx, mode, document),
    replace: (mrn, document) => replace(ctx, mode, mrn, document),
    remove: (mrn) => remove(ctx, mode, mrn),
  });
}

export function registerMasterRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  for (const mode of MODES) {
    registerWrites(app, ctx, mode);
    addRoute(app, ctx, {
      method: 'GET',
      url: movementRoutes(mode).masterValidationStatus,
      endpoint: 'master-validation-status',
      scope: () => MODE_SCOPES[mode],
      handler: (r) => validationStatus(ctx, (r.params as { requestId: string }).requestId, 'master'),
    });
  }
}
