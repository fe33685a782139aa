// Explicit presentation (DOMAIN.md section 1, step 5): the client's requestId is the idempotency
// key (a reuse is a validation error); a successful presentation starts the routing of every
// house it covers.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CUSTOMS_MESSAGES, type ValidationStatus, formatIssues } from '../domain';
import type { EmulatorContext } from './context';
import { type Answer, addRoute } from './http';
import { presentationRoutes } from './route-paths';
import { ENTRY_SCOPE } from './scopes';
import { type HouseRef, keyOf } from './types';

const LEVELS = [
  'house-consignment',
  'master-consignment',
  'container',
  'receptacle',
  'entry-summary-declaration',
] as const;
type Level = (typeof LEVELS)[number];

const required = () => z.string({ error: CUSTOMS_MESSAGES.notNull }).min(1, CUSTOMS_MESSAGES.notBlank);
const docRef = z.looseObject({ documentNumber: required(), type: required() });
const base = {
  requestId: z.uuid({ error: 'must be a UUID' }),
  customsOfficeOfPresentation: z.string({ error: CUSTOMS_MESSAGES.notNull }).regex(/^[A-Z]{2}\d{6}$/, {
    error: 'must be a customs office (CL141), e.g. NO351001',
  }),
};
const bodies = {
  'house-consignment': z.looseObject({ ...base, transportDocumentHouseLevel: docRef }),
  'master-consignment': z.looseObject({ ...base, transportDocumentMasterLevel: docRef }),
  container: z.looseObject({ ...base, containerIdentificationNumber: required() }),
  receptacle: z.looseObject({ ...base, receptacleIdentificationNumber: required() }),
  'entry-summary-declaration': z.looseObject({ ...base, mrn: required() }),
} satisfies Record<Level, z.ZodType>;

/** The houses a presentation covers: playground rows and houses registered at the emulator. */
function coveredHouses(ctx: EmulatorContext, level: Level, body: Record<string, unknown>): HouseRef[] {
  const rows = (match: (r: (typeof ctx.playground.ics2Presentation)[number]) => boolean) =>
    ctx.feed
      .playgroundRows(match)
      .map((r) => ({ documentNumber: r.houseDocumentNumber, type: r.houseDocumentType }));
  const stored = [...ctx.store.houses.values()].filter((h) => !h.deleted);
  const house = stored.map((h) => h.document.consignmentHouseLevel);
  switch (level) {
    case 'house-consignment': {
      const ref = body.transportDocumentHouseLevel as HouseRef;
      const known = rows(
        (r) => r.houseDocumentNumber === ref.documentNumber && r.houseDocumentType === ref.type,
      );
      return known.length > 0 || ctx.store.active(ref)
        ? [{ documentNumber: ref.documentNumber, type: ref.type }]
        : [];
    }
    case 'receptacle': {
      const id = body.receptacleIdentificationNumber;
      return [
        ...rows((r) => r.receptacleId === id),
        ...stored.filter((_, i) => house[i]?.receptacleIdentificationNumber === id).map((h) => h.ref),
      ];
    }
    case 'entry-summary-declaration':
      return rows((r) => r.entrySummaryDeclarationMRN === body.mrn);
    case 'container': {
      const id = body.containerIdentificationNumber;
      const inHouse = (i: number) =>
        (house[i]?.transportEquipment ?? []).some((t) => t.containerIdentificationNumber === id);
      return [...rows((r) => r.containerId === id), ...stored.filter((_, i) => inHouse(i)).map((h) => h.ref)];
    }
    case 'master-consignment': {
      const ref = body.transportDocumentMasterLevel as HouseRef;
      const master = (i: number) => house[i]?.consignmentMasterLevel?.transportDocumentMasterLevel;
      return stored
        .filter((_, i) => master(i)?.documentNumber === ref.documentNumber && master(i)?.type === ref.type)
        .map((h) => h.ref);
    }
  }
}

function present(ctx: EmulatorContext, level: Level, raw: unknown): Answer {
  const parsed = bodies[level].safeParse(raw);
  if (!parsed.success) {
    const validationErrors = formatIssues(parsed.error).map((i) => ({ field: i.path, error: i.message }));
    return { status: 400, body: { validationErrors } };
  }
  const body = parsed.data as Record<string, unknown> & { requestId: string };
  if (ctx.store.presentations.has(body.requestId)) {
    const error = `requestId ${body.requestId} has already been used`;
    return { status: 400, body: { validationErrors: [{ field: 'requestId', error }] } };
  }
  const houses = [...new Map(coveredHouses(ctx, level, body).map((h) => [keyOf(h), h])).values()];
  const now = ctx.now();
  let result: ValidationStatus;
  if (houses.length === 0) {
    const description = `Nothing to present: no ${level} matches the given identifier`;
    result = {
      status: 'FAILURE',
      validationErrorList: [{ description, pointer: { messageElementPath: level } }],
    };
  } else {
    for (const ref of houses) ctx.feed.arrive(ref, now);
    result = { status: 'SUCCESS' };
  }
  const house = houses.length === 1 && houses[0] ? keyOf(houses[0]) : undefined;
  ctx.store.presentations.set(body.requestId, {
    requestId: body.requestId,
    readyAt: now + ctx.store.delayMs,
    result,
    house,
  });
  return { status: 202, body: { requestId: body.requestId }, house };
}

function presentationStatus(ctx: EmulatorContext, query: unknown): Answer {
  const requestId = (query as { requestId?: unknown }).requestId;
  const request = typeof requestId === 'string' ? ctx.store.presentations.get(requestId) : undefined;
  if (!request || ctx.now() < request.readyAt)
    return { status: 404, body: { error: 'not found or not processed yet' } };
  return {
    status: request.result.status === 'FAILURE' ? 202 : 200,
    body: { requestId, ...request.result },
    house: request.house,
  };
}

export function registerPresentationRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const scope = () => ENTRY_SCOPE;
  addRoute(app, ctx, {
    method: 'POST',
    url: presentationRoutes.present,
    endpoint: 'presentation',
    scope,
    handler: (request) => {
      const level = (request.params as { level: string }).level;
      const known = LEVELS.find((l) => l === level);
      return known
        ? present(ctx, known, request.body)
        : { status: 404, body: { error: `unknown level ${level}` } };
    },
  });
  addRoute(app, ctx, {
    method: 'GET',
    url: presentationRoutes.validationStatus,
    endpoint: 'presentation-validation-status',
    scope,
    handler: (request) => presentationStatus(ctx, request.query),
  });
}
