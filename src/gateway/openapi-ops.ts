// The gateway's operational routes in the OpenAPI document (probes, the document and its docs page,
// metrics, the codec server), and the error answers every operation reuses.
import type { ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import * as api from './api-schemas';
import { ROUTES } from './routes-table';

export type Route = (
  method: RouteConfig['method'],
  path: string,
  config: Omit<RouteConfig, 'method' | 'path'>,
) => void;

export const json = (schema: z.ZodType, description: string): ResponseConfig => ({
  description,
  content: { 'application/json': { schema } },
});

const retryAfter = {
  'Retry-After': { description: 'Seconds to wait before repeating', schema: { type: 'integer' as const } },
};

/** The error answers by cause, each with the shared Error body. */
export function errorResponses(error: z.ZodType) {
  return {
    input: { 400: json(error, 'Invalid input: every issue with its path; nothing was started or changed') },
    auth: { 401: json(error, 'Missing or wrong API key') },
    notFound: { 404: json(error, 'Unknown consignment') },
    refused: { 409: json(error, 'Refused in this phase (the reason is in the body)') },
    feedNotRunning: { 404: json(error, 'The routing feed is not running') },
    rateLimited: {
      429: {
        ...json(error, 'Rate limit of this API key reached: repeat after Retry-After'),
        headers: retryAfter,
      },
    },
    unavailable: {
      503: {
        ...json(error, 'No worker or Temporal down: nothing changed, repeat after Retry-After'),
        headers: retryAfter,
      },
    },
  };
}

export function operationsRoutes(route: Route): void {
  const error = api.errorSchema;
  route('get', ROUTES.health, {
    summary: 'Liveness and Temporal connectivity',
    responses: {
      200: json(api.healthSchema, 'Temporal reachable'),
      503: json(api.healthSchema, 'Temporal down'),
    },
  });
  route('get', ROUTES.openapi, {
    summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3 document' } },
  });
  route('get', ROUTES.docs, {
    summary: 'This document as a page (Swagger UI, served with its assets: works offline)',
    responses: { 200: { description: 'HTML', content: { 'text/html': { schema: z.string() } } } },
  });
  route('get', ROUTES.metrics, {
    summary:
      'Prometheus metrics (served when configured): Authorization: Bearer METRICS_TOKEN, or loopback callers when no token is set',
    responses: {
      200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string() } } },
      403: json(error, 'Not allowed: the metrics token is required, or the caller is not on loopback'),
    },
  });
  for (const [path, what] of [
    [ROUTES.codecEncode, 'Encrypt'],
    [ROUTES.codecDecode, 'Decrypt'],
  ] as const) {
    route('post', path, {
      summary: `${what} payloads in Temporal's codec-server format (served when configured; for the Temporal UI and CLI). With CODEC_AUTH=api-key a gateway API key is required as Bearer`,
      request: { body: { content: { 'application/json': { schema: api.codecBodySchema } } } },
      responses: {
        200: json(api.codecBodySchema, 'The payloads, encoded or decoded, in order'),
        400: json(error, 'Not a list of payloads, or a payload that cannot be decoded'),
        401: json(error, 'Missing or wrong API key'),
      },
    });
  }
}
