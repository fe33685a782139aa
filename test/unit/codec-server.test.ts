// The codec server as the Temporal UI (a browser on another origin) and the CLI call it: CORS
// preflight, authentication, the codec-server JSON format, and refusals that show no key.
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  CODEC_PREFIX,
  codecServer,
  EncryptionCodec,
  PayloadKeyring,
  type CodecServerOptions,
} from '../../src/codec';

const UI = 'http://127.0.0.1:8233';
const KEY = 'codec-server-test-key';
const codec = new EncryptionCodec(new PayloadKeyring('k1', new Map([['k1', randomBytes(32)]])));
const servers: FastifyInstance[] = [];

async function serve(overrides: Partial<CodecServerOptions> = {}): Promise<string> {
  const app = Fastify();
  await app.register(codecServer, {
    codec,
    auth: 'api-key',
    apiKeys: [KEY],
    corsOrigins: [UI, 'http://localhost:8233'],
    ...overrides,
    prefix: CODEC_PREFIX,
  });
  servers.push(app);
  return `${await app.listen({ host: '127.0.0.1', port: 0 })}${CODEC_PREFIX}`;
}
afterAll(async () => {
  for (const app of servers) await app.close();
});

const b64 = (text: string) => Buffer.from(text).toString('base64');
const plainPayload = { metadata: { encoding: b64('json/plain') }, data: b64('{"name":"Kari Nordmann"}') };
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: UI, 'x-namespace': 'default', ...headers },
    body: JSON.stringify(body),
  });
const auth = { authorization: `Bearer ${KEY}` };

test('given the UI origin, when the browser sends a preflight, then it may post JSON with X-Namespace and Authorization, with credentials', async () => {
  const base = await serve();
  const response = await fetch(`${base}/decode`, {
    method: 'OPTIONS',
    headers: {
      origin: UI,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-namespace,authorization',
    },
  });
  expect(response.status).toBe(204);
  expect(response.headers.get('access-control-allow-origin')).toBe(UI);
  expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  const allowed = response.headers.get('access-control-allow-headers')!.toLowerCase();
  for (const header of ['content-type', 'x-namespace', 'authorization']) expect(allowed).toContain(header);
});

test('given another origin, when it sends a preflight, then it is refused without CORS headers', async () => {
  const base = await serve();
  const response = await fetch(`${base}/decode`, {
    method: 'OPTIONS',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
  });
  expect(response.status).toBe(403);
  expect(response.headers.get('access-control-allow-origin')).toBeNull();
});

test('given no or a wrong API key, when payloads are posted, then 401; with the key as Bearer, encode then decode round-trips', async () => {
  const base = await serve();
  expect((await post(`${base}/decode`, { payloads: [plainPayload] })).status).toBe(401);
  expect(
    (await post(`${base}/encode`, { payloads: [plainPayload] }, { authorization: 'Bearer nope' })).status,
  ).toBe(401);
  const encoded = (await (await post(`${base}/encode`, { payloads: [plainPayload] }, auth)).json()) as {
    payloads: Array<{ metadata: Record<string, string>; data: string }>;
  };
  expect(Buffer.from(encoded.payloads[0]!.metadata.encoding!, 'base64').toString()).toBe('binary/encrypted');
  expect(Buffer.from(encoded.payloads[0]!.data, 'base64').includes('Kari')).toBe(false);
  const response = await post(`${base}/decode`, encoded, auth);
  expect(response.status).toBe(200);
  expect(response.headers.get('access-control-allow-origin')).toBe(UI);
  expect(await response.json()).toEqual({ payloads: [plainPayload] });
});

test('given CODEC_AUTH=none, when the dev UI posts without a key, then it decodes', async () => {
  const base = await serve({ auth: 'none', apiKeys: [] });
  const encoded = await codec.encode([
    { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"clear"') },
  ]);
  const body = {
    payloads: encoded.map((p) => ({
      metadata: Object.fromEntries(
        Object.entries(p.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
      data: Buffer.from(p.data!).toString('base64'),
    })),
  };
  const response = await post(`${base}/decode`, body);
  expect(response.status).toBe(200);
  const [payload] = ((await response.json()) as { payloads: Array<{ data: string }> }).payloads;
  expect(Buffer.from(payload!.data, 'base64').toString()).toBe('"clear"');
});

test('given a malformed body or a payload under an unknown key, when posted, then 400 with a code and no key', async () => {
  const base = await serve();
  const bad = await post(`${base}/decode`, { payload: [] }, auth);
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { code: string }).code).toBe('BAD_CODEC_REQUEST');
  const foreign = {
    metadata: { encoding: b64('binary/encrypted'), 'encryption-key-id': b64('gone') },
    data: randomBytes(40).toString('base64'),
  };
  const unknown = await post(`${base}/decode`, { payloads: [foreign] }, auth);
  expect(unknown.status).toBe(400);
  expect(await unknown.json()).toEqual({ code: 'UNKNOWN_KEY_ID', error: expect.stringContaining('"gone"') });
});
