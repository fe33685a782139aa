// The routing feed endpoint: one feed per organisation, paged by marker (DOMAIN.md section 1,
// step 6): without a marker from the start, else the items after it, at most 1000 per page.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from './context';
import { addRoute } from './http';
import { presentationRoutes } from './route-paths';
import { ENTRY_SCOPE } from './scopes';

export function registerRoutingRoute(app: FastifyInstance, ctx: EmulatorContext): void {
  addRoute(app, ctx, {
    method: 'GET',
    url: presentationRoutes.routing,
    endpoint: 'routing',
    scope: () => ENTRY_SCOPE,
    handler: (request) => {
      const raw = (request.query as { marker?: unknown }).marker;
      if (raw !== undefined && (typeof raw !== 'string' || !/^\d+$/.test(raw))) {
        return {
          status: 400,
          body: { validationErrors: [{ field: 'marker', error: 'must be a routingResult.id' }] },
        };
      }
      const marker = raw === undefined || raw === '' ? undefined : Number(raw);
      return { status: 200, body: ctx.feed.page(marker, ctx.now()) };
    },
  });
}
