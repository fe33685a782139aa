// The codec server for people: the Temporal UI (in the browser) and `temporal --codec-endpoint`
// post encrypted payloads to /codec/decode and get them back in clear, in Temporal's codec-server
// format ({payloads: [{metadata: {k: base64}, data: base64}]}). A Fastify plugin, registered by
// the gateway. Browsers are let in only from the configured UI origins (CORS); callers present a
// gateway API key as Bearer, unless CODEC_AUTH=none (a loopback development stack, whose UI has no
// identity provider to send a token).
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createApiKeyCheck, presentedKey } from '../gateway/auth';
import { PayloadDecryptionError } from './encryption-codec';

export interface CodecServerOptions {
  codec: PayloadCodec;
  /** `api-key`: a gateway API key is required (Authorization: Bearer or X-Api-Key). */
  auth: 'api-key' | 'none';
  apiKeys: readonly string[];
  /** Browser origins allowed to call (the Temporal UI's). */
  corsOrigins: readonly string[];
}

export const CODEC_PREFIX = '/codec';
/** Histories are decoded in batches of events; a batch may carry several large payloads. */
const CODEC_BODY_LIMIT = 16 * 1024 * 1024;
const ALLOWED_HEADERS = 'Content-Type, Authorization, X-Namespace, X-Api-Key';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');
const requestSchema = z.object({
  payloads: z.array(
    z.object({ metadata: z.record(z.string(), base64).nullish(), data: base64.nullish() }).loose(),
  ),
});
type JsonPayload = { metadata: Record<string, string>; data: string };

const fromJson = (p: z.infer<typeof requestSchema>['payloads'][number]): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
  ),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [
      k,
      Buffer.from(v ?? new Uint8Array()).toString('base64'),
    ]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

function corsHeaders(request: FastifyRequest, reply: FastifyReply, origins: ReadonlySet<string>): boolean {
  const origin = request.headers.origin;
  reply.header('vary', 'Origin');
  if (!origin || !origins.has(origin)) return false;
  reply.header('access-control-allow-origin', origin);
  reply.header('access-control-allow-credentials', 'true');
  return true;
}

export async function codecServer(app: FastifyInstance, options: CodecServerOptions): Promise<void> {
  const origins = new Set(options.corsOrigins);
  const isKnownKey = options.auth === 'api-key' ? createApiKeyCheck(options.apiKeys) : () => true;

  app.addHook('onRequest', async (request, reply) => {
    const allowed = corsHeaders(request, reply, origins);
    if (request.method === 'OPTIONS') {
      if (!allowed) return reply.status(403).send({ error: 'origin not allowed', code: 'CORS_ORIGIN' });
      return reply
        .status(204)
        .header('access-control-allow-methods', 'POST, OPTIONS')
        .header('access-control-allow-headers', ALLOWED_HEADERS)
        .header('access-control-max-age', '600')
        .send();
    }
    if (isKnownKey(presentedKey(request.headers))) return;
    return reply.status(401).header('www-authenticate', 'Bearer').send({
      error: 'a valid API key is required (Authorization: Bearer <key>)',
      code: 'UNAUTHORIZED',
    });
  });

  const route = (name: 'encode' | 'decode') => {
    app.options(`/${name}`, async () => undefined);
    app.post(`/${name}`, { bodyLimit: CODEC_BODY_LIMIT }, async (request, reply) => {
      const parsed = requestSchema.safeParse(request.body);
      if (!parsed.success) {
        return reply.status(400).send({
          error: 'expected {"payloads": [{"metadata": {"key": "base64"}, "data": "base64"}]}',
          code: 'BAD_CODEC_REQUEST',
          issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      try {
        const payloads = await options.codec[name](parsed.data.payloads.map(fromJson));
        return { payloads: payloads.map(toJson) };
      } catch (error) {
        if (!(error instanceof PayloadDecryptionError)) throw error;
        return reply.status(400).send({ error: error.message, code: error.code });
      }
    });
  };
  route('encode');
  route('decode');
}
