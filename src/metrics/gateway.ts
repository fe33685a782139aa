// GET /metrics on the gateway's own port. It is outside the API-key check (Prometheus holds no
// ERP key) and guarded instead by METRICS_TOKEN: when set, only `Authorization: Bearer <token>`
// may read; when unset, only callers on loopback may. The same hooks count every request by its
// route pattern (never the URL, which holds document numbers).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createApiKeyCheck } from '../gateway/auth';
import type { ServiceMetrics } from './service-metrics';

export const METRICS_PATH = '/metrics';

export interface GatewayMetricsOptions {
  metrics: Pick<ServiceMetrics, 'registry' | 'gatewayRequest'>;
  /** METRICS_TOKEN; absent: loopback callers only. */
  token?: string;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function metricsAccess(token: string | undefined): (request: FastifyRequest) => boolean {
  if (!token) return (request) => LOOPBACK.test(request.socket.remoteAddress ?? '');
  const check = createApiKeyCheck([token]);
  return (request) => check(/^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1]);
}

export function gatewayMetrics(app: FastifyInstance, options: GatewayMetricsOptions): void {
  const allowed = metricsAccess(options.token);
  const { registry } = options.metrics;
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    options.metrics.gatewayRequest(route, request.method, reply.statusCode, reply.elapsedTime);
  });
  app.get(METRICS_PATH, async (request, reply) => {
    if (!allowed(request)) {
      const why = options.token ? 'a valid METRICS_TOKEN is required' : 'only loopback callers may read';
      return reply.status(403).send({ error: why, code: 'FORBIDDEN' });
    }
    return reply.header('content-type', registry.contentType).send(await registry.metrics());
  });
}
