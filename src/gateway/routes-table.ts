// Every path the gateway serves, once, as Fastify spells it (":param"; "::" is a literal colon).
import { CODEC_PREFIX } from '../codec/server';
import { METRICS_PATH } from '../metrics/gateway';

/** The versioned API's prefix; its routes are registered under it. */
export const V1 = '/v1';
/** A /v1 path as registered inside the /v1 prefix. */
export const local = (path: string) => path.slice(V1.length);

export const ROUTES = {
  create: '/v1/consignments',
  /** Google's custom-method style (POST /v1/consignments:batch); "::" escapes the colon for Fastify. */
  batch: '/v1/consignments::batch',
  list: '/v1/consignments',
  status: '/v1/consignments/:type/:documentNumber',
  corrections: '/v1/consignments/:type/:documentNumber/corrections',
  arrival: '/v1/consignments/:type/:documentNumber/arrival',
  cancel: '/v1/consignments/:type/:documentNumber/cancel',
  retry: '/v1/consignments/:type/:documentNumber/retry',
  provideMrn: '/v1/consignments/:type/:documentNumber/mrn',
  transports: '/v1/transports',
  transport: '/v1/transports/:transport',
  transportCorrections: '/v1/transports/:transport/corrections',
  transportArrival: '/v1/transports/:transport/arrival',
  transportCancel: '/v1/transports/:transport/cancel',
  transportRetry: '/v1/transports/:transport/retry',
  transportProvideMrn: '/v1/transports/:transport/mrn',
  masters: '/v1/masters',
  master: '/v1/masters/:type/:documentNumber',
  masterCorrections: '/v1/masters/:type/:documentNumber/corrections',
  masterCancel: '/v1/masters/:type/:documentNumber/cancel',
  masterRetry: '/v1/masters/:type/:documentNumber/retry',
  masterProvideMrn: '/v1/masters/:type/:documentNumber/mrn',
  presentations: '/v1/presentations',
  presentation: '/v1/presentations/:level/:identifier',
  presentationRetry: '/v1/presentations/:level/:identifier/retry',
  shipments: '/v1/shipments',
  routingFeed: '/v1/routing-feed',
  routingFeedAcknowledge: '/v1/routing-feed/acknowledge',
  health: '/healthz',
  openapi: '/openapi.json',
  docs: '/docs',
  metrics: METRICS_PATH,
  codecEncode: `${CODEC_PREFIX}/encode`,
  codecDecode: `${CODEC_PREFIX}/decode`,
} as const;

/** The path as OpenAPI and HTTP callers write it: "{param}", and "::" as the colon it stands for. */
export function toOpenApiPath(path: string): string {
  return path
    .split('::')
    .map((part) => part.replace(/:(\w+)/g, '{$1}'))
    .join(':');
}
