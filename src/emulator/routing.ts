// The routing feed endpoint: one feed per organisation, paged by marker (DOMAIN.md section 1,
// step 6): without a marker from the start, else the items after it, at most 1000 per page, as a
// plain JSON array.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from './context';
import { renderItem } from './feed-items';
import { addRoute } from './http';
import { entryRoutes } from './route-paths';
import { ENTRY_SCOPE } from './scopes';

export function registerRoutingRoute(app: FastifyInstance, ctx: EmulatorContext): void {
  addRoute(app, ctx, {
    method: 'GET',
    url: entryRoutes.routing,
    endpoint: 'routing',
    scope: () => ENTRY_SCOPE,
    handler: (request) => {
      const raw = (request.query as { marker?: unknown }).marker;
      if (raw !== undefined && typeof raw !== 'string') {
        return {
          status: 400,
          body: { validationErrors: [{ field: 'marker', error: 'must be a routingResult.id' }] },
        };
      }
      const now = ctx.now();
      const items = ctx.feed.page(raw, now).map((item) => renderItem(item, ctx.behaviour.style, now));
      return { status: 200, body: items };
    },
  });
}
