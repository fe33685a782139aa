// Routes of the query API on each mode's status base (DOMAIN.md section 1b): what Customs has
// received under a transport or a master.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmulatorContext } from './context';
import { type Answer, addRoute } from './http';
import { MODES } from './model';
import {
  masterDescendants,
  masterHousesStatus,
  transportDescendants,
  transportHousesStatus,
  transportMastersStatus,
} from './movement-tree';
import { movementRoutes } from './route-paths';
import { MODE_SCOPES } from './scopes';
import type { EndpointKind } from './types';

type Query = (ctx: EmulatorContext, mrn: string) => Answer;

export function registerMovementQueryRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  for (const mode of MODES) {
    const urls = movementRoutes(mode);
    const get = (url: string, endpoint: EndpointKind, query: Query) =>
      addRoute(app, ctx, {
        method: 'GET',
        url,
        endpoint,
        scope: () => MODE_SCOPES[mode],
        handler: (r: FastifyRequest) => query(ctx, (r.params as { mrn: string }).mrn),
      });
    get(urls.transportDescendants, 'transport-status', transportDescendants);
    get(urls.transportMasters, 'transport-masters-status', transportMastersStatus);
    get(urls.transportHouses, 'transport-houses-status', transportHousesStatus);
    get(urls.masterDescendants, 'master-status', masterDescendants);
    get(urls.masterHouses, 'master-houses-status', masterHousesStatus);
  }
}
