// The HTTP gateway for ERPs that do not speak Temporal: Fastify, JSON, versioned under /v1,
// API keys required there; /healthz and /openapi.json are open for probes and tooling; /metrics
// answers Prometheus with METRICS_TOKEN or from loopback (src/metrics/gateway.ts).
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { DigitollFlow } from '../client';
import { CODEC_PREFIX, codecServer, type CodecServerOptions } from '../codec/server';
import { gatewayMetrics, type GatewayMetricsOptions } from '../metrics/gateway';
import { ConsignmentLogController } from '../metrics/request-logging';
import { createApiKeyCheck, presentedKey } from './auth';
import { errorHandler } from './errors';
import { openApiDocument, ROUTES } from './openapi';
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
}

/** Header paths a pino logger of the gateway must redact. */
export const REDACTED_HEADERS = ['req.headers.authorization', 'req.headers["x-api-key"]'];

export async function buildGateway(options: GatewayOptions): Promise<FastifyInstance> {
  const isKnownKey = createApiKeyCheck(options.apiKeys);
  const app = Fastify({
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // Every line of a request about a consignment carries its key (src/metrics/request-logging).
    logController: new ConsignmentLogController(),
  });
  app.setErrorHandler(errorHandler);
  if (options.metrics) gatewayMetrics(app, options.metrics);

  app.get(ROUTES.health, async (_request, reply) => {
    const up = await options.temporalHealth();
    return reply.status(up ? 200 : 503).send({ ok: up, temporal: up ? 'up' : 'down' });
  });
  app.get(ROUTES.openapi, async () => openApiDocument());

  await app.register(
    async (v1) => {
      v1.addHook('onRequest', async (request, reply) => {
        if (isKnownKey(presentedKey(request.headers))) return;
        return reply.status(401).header('www-authenticate', 'Bearer').send({
          error: 'a valid API key is required (Authorization: Bearer <key> or X-Api-Key)',
          code: 'UNAUTHORIZED',
        });
      });
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
