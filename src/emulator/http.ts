// The one way routes are declared: every call is counted and logged, may meet an injected fault,
// and (for Digitoll endpoints) must carry a Customs token with the right scope.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatorContext } from './context';
import type { EndpointKind, FaultAction } from './types';

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** The house the call concerns (`houseKey`), for the per-house counters. */
  house?: string;
}

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  endpoint: EndpointKind;
  /** Scope the Customs token must carry; none for Maskinporten and the exchange. */
  scope?: (request: FastifyRequest) => string;
  handler: (request: FastifyRequest) => Answer | Promise<Answer>;
}

function faultAnswer(action: FaultAction): Answer | undefined {
  if (action.type === 'status') return { status: action.status, body: { error: 'injected fault' } };
  if (action.type === 'rate-limit') {
    return {
      status: 429,
      body: { error: 'too many requests' },
      headers: { 'retry-after': String(action.retryAfterSeconds) },
    };
  }
  return undefined;
}

async function answer(ctx: EmulatorContext, spec: RouteSpec, request: FastifyRequest, fault?: FaultAction) {
  const early = fault && faultAnswer(fault);
  if (early) return early;
  if (fault?.type === 'slow') await sleep(fault.delayMs);
  if (spec.scope) {
    const problem = ctx.tokens.check(request.headers.authorization, spec.scope(request), ctx.now());
    if (problem)
      return { ...problem, headers: { 'www-authenticate': `Bearer error="${problem.body.error}"` } };
  }
  return spec.handler(request);
}

export function addRoute(app: FastifyInstance, ctx: EmulatorContext, spec: RouteSpec): void {
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const fault = ctx.faults.take(spec.endpoint);
      const result = await answer(ctx, spec, request, fault);
      ctx.calls.record({
        at: new Date(ctx.now()).toISOString(),
        endpoint: spec.endpoint,
        method: spec.method,
        path: request.url.split('?')[0] ?? request.url,
        status: fault?.type === 'drop-after-write' ? 0 : result.status,
        house: result.house,
        fault: fault?.type,
      });
      ctx.changed();
      if (fault?.type === 'drop-after-write') {
        // The write is stored; the client never learns it: exactly a lost response.
        reply.hijack();
        request.raw.socket.destroy();
        return;
      }
      void reply.code(result.status).headers(result.headers ?? {});
      return result.body === undefined ? reply.send() : reply.send(result.body);
    },
  });
}
