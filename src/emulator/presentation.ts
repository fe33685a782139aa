// Explicit presentation (DOMAIN.md section 1, step 5): the client's requestId is the idempotency
// key (a reuse is a validation error); a successful presentation starts the routing of every
// house it covers. The POST answers 2xx, by default with an empty body (seen in production).
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from './context';
import { validationErrorsOf } from './document';
import { outcomeBody, outcomeStatus } from './house-status';
import { type Answer, addRoute } from './http';
import type { ValidationOutcome } from './model';
import { PRESENTATION_BODIES, targetOf } from './presentation-bodies';
import { coverageOf } from './presentation-coverage';
import { PRESENTATION_LEVELS, type PresentationLevel, entryRoutes } from './route-paths';
import { ENTRY_SCOPE } from './scopes';
import { keyOf } from './types';

function present(ctx: EmulatorContext, level: PresentationLevel, raw: unknown): Answer {
  const parsed = PRESENTATION_BODIES[level].safeParse(raw);
  if (!parsed.success) return { status: 400, body: validationErrorsOf(parsed.error) };
  const body = parsed.data as Record<string, unknown> & { requestId: string };
  if (ctx.store.presentations.has(body.requestId)) {
    const error = `requestId ${body.requestId} has already been used`;
    return { status: 400, body: { validationErrors: [{ field: 'requestId', error }] } };
  }
  const { houses, known } = coverageOf(ctx, targetOf(body));
  const now = ctx.now();
  let result: ValidationOutcome = { status: 'SUCCESS' };
  if (houses.length === 0 && !known) {
    const description = `Nothing to present: no ${level} matches the given identifier`;
    result = {
      status: 'FAILURE',
      validationErrorList: [{ description, pointer: { messageElementPath: level } }],
    };
  }
  for (const ref of houses) ctx.feed.arrive(ref, now, ctx.store.active(ref)?.document.documentIssueDate);
  const house = houses.length === 1 && houses[0] ? keyOf(houses[0]) : undefined;
  ctx.store.presentations.set(body.requestId, {
    requestId: body.requestId,
    readyAt: now + ctx.store.delayMs,
    result,
    house,
  });
  if (ctx.behaviour.style.presentationAnswer === 'empty') return { status: 200, house };
  return { status: 202, body: { requestId: body.requestId }, house };
}

function presentationStatus(ctx: EmulatorContext, query: unknown): Answer {
  const requestId = (query as { requestId?: unknown }).requestId;
  if (typeof requestId !== 'string' || requestId === '') {
    return { status: 400, body: { validationErrors: [{ field: 'requestId', error: 'must not be null' }] } };
  }
  const request = ctx.store.presentations.get(requestId);
  if (!request || ctx.now() < request.readyAt)
    return { status: 404, body: { error: 'not found or not processed yet' } };
  const one = outcomeBody(ctx, request.result, requestId, { validationErrorList: 'list' });
  const body = ctx.behaviour.style.presentationStatusShape === 'list' ? [one] : one;
  return { status: outcomeStatus(ctx, request.result), body, house: request.house };
}

export function registerPresentationRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const scope = () => ENTRY_SCOPE;
  addRoute(app, ctx, {
    method: 'POST',
    url: entryRoutes.present,
    endpoint: 'presentation',
    scope,
    handler: (request) => {
      const level = (request.params as { level: string }).level;
      const known = PRESENTATION_LEVELS.find((l) => l === level);
      return known
        ? present(ctx, known, request.body)
        : { status: 404, body: { error: `unknown level ${level}` } };
    },
  });
  addRoute(app, ctx, {
    method: 'GET',
    url: entryRoutes.presentationStatus,
    endpoint: 'presentation-validation-status',
    scope,
    handler: (request) => presentationStatus(ctx, request.query),
  });
}
