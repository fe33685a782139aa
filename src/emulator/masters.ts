// Master consignment notifications per mode (DOMAIN.md section 1b): the same POST / PUT {mrn} /
// DELETE {mrn} pattern as houses and transports, keyed by transportDocumentMasterLevel (which cannot
// change). Customs documents no asynchronous master rules offline; the twin refuses only a second
// master with the same key and a changed key.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmulatorContext } from './context';
import { deleteBodySchema } from './document';
import { validationStatus } from './house-status';
import { type Answer, addRoute } from './http';
import { MODES, type Mode, type ValidationOutcome } from './model';
import { type MasterDocument, masterDocumentSchema, masterKeyOf } from './movement-documents';
import type { StoredMaster } from './movement-store';
import { accepted, failure, parse, rejection } from './outcomes';
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

const mrnOf = (request: FastifyRequest) => (request.params as { mrn: string }).mrn;

function registerWrites(app: FastifyInstance, ctx: EmulatorContext, mode: Mode): void {
  const urls = movementRoutes(mode);
  const scope = () => MODE_SCOPES[mode];
  const doc = (request: FastifyRequest) => parse(masterDocumentSchema, request.body);
  addRoute(app, ctx, {
    method: 'POST',
    url: urls.master,
    endpoint: 'master-create',
    scope,
    handler: (request) => {
      const parsed = doc(request);
      return parsed.ok ? create(ctx, mode, parsed.value) : parsed.answer;
    },
  });
  addRoute(app, ctx, {
    method: 'PUT',
    url: urls.masterByMrn,
    endpoint: 'master-replace',
    scope,
    handler: (request) => {
      const parsed = doc(request);
      return parsed.ok ? replace(ctx, mode, mrnOf(request), parsed.value) : parsed.answer;
    },
  });
  addRoute(app, ctx, {
    method: 'DELETE',
    url: urls.masterByMrn,
    endpoint: 'master-delete',
    scope,
    handler: (request) => {
      const parsed = parse(deleteBodySchema, request.body);
      return parsed.ok ? remove(ctx, mode, mrnOf(request)) : parsed.answer;
    },
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
