// The HTTP gateway for ERPs that do not speak Temporal: Fastify, JSON, versioned under /v1,
// API keys required there and rate-limited per key; /healthz, /openapi.json and the /docs page are
// open for probes and tooling; /metrics answers Prometheus with METRICS_TOKEN or from loopback
// (src/metrics/gateway.ts). Every request has an id, in its log lines and its error body.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { DigitollFlow } from '../client';
import { CODEC_PREFIX, codecServer, type CodecServerOptions } from '../codec/server';
import { gatewayMetrics, type GatewayMetricsOptions } from '../metrics/gateway';
import { ConsignmentLogController } from '../metrics/request-logging';
import { createApiKeyCheck, presentedKey } from './auth';
import { docsPage } from './docs';
import { errorHandler } from './errors';
import { openApiDocument, ROUTES } from './openapi';
import { createRateLimiter } from './rate-limit';
import { genReqId, REQUEST_ID_LOG_LABEL, requestIdHooks } from './request-id';
import { consignmentRoutes } from './routes';

export interface GatewayOptions {
  flow: DigitollFlow;
  /** Accepted API keys (at least one). */
  apiKeys: readonly string[];
  bodyLimitBytes?: number;
  /** A pino logger; none: the gateway does not log. Configure it with REDACTED_HEADERS. */
  logger?: FastifyBaseLogger;
  /** Whether Temporal answers; reported by /healthz. */
  temporalHealth: () => Promise<boolean>;
  /** The codec server for the Temporal UI and CLI under /codec; none: not served. */
  codec?: CodecServerOptions;
  /** Request metrics and GET /metrics; none: not served. */
  metrics?: GatewayMetricsOptions;
  /** Requests per minute per API key on /v1 (GATEWAY_RATE_LIMIT_PER_MINUTE); absent or 0: no limit. */
  rateLimitPerMinute?: number;
}

/** Header paths a pino logger of the gateway must redact. */
export const REDACTED_HEADERS = ['req.headers.authorization', 'req.headers["x-api-key"]'];

export async function buildGateway(options: GatewayOptions): Promise<FastifyInstance> {
  const isKnownKey = createApiKeyCheck(options.apiKeys);
  const app = Fastify({
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // Every line of a request about a consignment carries its key (src/metrics/request-logging).
    logController: new ConsignmentLogController({ requestIdLogLabel: REQUEST_ID_LOG_LABEL }),
    genReqId,
  });
  requestIdHooks(app);
  app.setErrorHandler(errorHandler);
  if (options.metrics) gatewayMetrics(app, options.metrics);

  app.get(ROUTES.health, async (_request, reply) => {
    const up = await options.temporalHealth();
    return reply.status(up ? 200 : 503).send({ ok: up, temporal: up ? 'up' : 'down' });
  });
  app.get(ROUTES.openapi, async () => openApiDocument());
  docsPage(app);
  const rateLimit = createRateLimiter({ perMinute: options.rateLimitPerMinute ?? 0 });

  await app.register(
    async (v1) => {
      v1.addHook('onRequest', async (request, reply) => {
        if (isKnownKey(presentedKey(request.headers))) return;
        return reply.status(401).header('www-authenticate', 'Bearer').send({
          error: 'a valid API key is required (Authorization: Bearer <key> or X-Api-Key)',
          code: 'UNAUTHORIZED',
        });
      });
      // After the key check: an unknown key is refused without spending anyone's allowance.
      v1.addHook('onRequest', rateLimit);
      await consignmentRoutes(v1, options.flow);
    },
    { prefix: '/v1' },
  );
  if (options.codec) await app.register(codecServer, { ...options.codec, prefix: CODEC_PREFIX });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: `no route ${request.method} ${request.url}`, code: 'NO_ROUTE' }),
  );
  return app;
}
