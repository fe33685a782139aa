// The gateway's request plumbing, without Temporal (a stand-in library answers the status route):
// per-API-key rate limiting with 429 and Retry-After, a request id in every answer, error body and
// log line (the caller's when sane), and the docs page served with its own assets.
import { Writable } from 'node:stream';
import pino from 'pino';
import type { DigitollFlow } from '../../src/client';
import { buildGateway, REDACTED_HEADERS } from '../../src/gateway';

const KEY_A = 'gateway-key-a-for-request-test';
const KEY_B = 'gateway-key-b-for-request-test';
const flow = { status: async () => ({ phase: 'REGISTERED' }) } as unknown as DigitollFlow;
const STATUS = '/v1/consignments/N730/RQ-1';

async function gateway(options: { rateLimitPerMinute?: number; logTo?: Writable } = {}) {
  const app = await buildGateway({
    flow,
    apiKeys: [KEY_A, KEY_B],
    temporalHealth: async () => true,
    rateLimitPerMinute: options.rateLimitPerMinute,
    logger: options.logTo ? pino({ level: 'info', redact: REDACTED_HEADERS }, options.logTo) : undefined,
  });
  return { app, base: await app.listen({ host: '127.0.0.1', port: 0 }) };
}

const get = (base: string, path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { headers });

test('given a limit of 3 per minute, when one key sends 4 requests, then the 4th is 429 with Retry-After and another key still passes', async () => {
  const { app, base } = await gateway({ rateLimitPerMinute: 3 });
  try {
    const a = { 'x-api-key': KEY_A };
    for (let i = 0; i < 3; i += 1) expect((await get(base, STATUS, a)).status).toBe(200);
    const refused = await get(base, STATUS, a);
    expect(refused.status).toBe(429);
    // One request comes back every 20 s at 3 per minute.
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(20);
    expect(await refused.json()).toMatchObject({
      code: 'RATE_LIMITED',
      retryable: true,
      requestId: expect.any(String),
    });
    expect((await get(base, STATUS, { authorization: `Bearer ${KEY_B}` })).status).toBe(200);
    // Probes and the document are not limited.
    expect((await get(base, '/healthz')).status).toBe(200);
  } finally {
    await app.close();
  }
});

test('given a wrong key, when it is sent past the limit, then it gets 401 each time and spends no allowance', async () => {
  const { app, base } = await gateway({ rateLimitPerMinute: 1 });
  try {
    for (let i = 0; i < 3; i += 1)
      expect((await get(base, STATUS, { 'x-api-key': 'nope' })).status).toBe(401);
    expect((await get(base, STATUS, { 'x-api-key': KEY_A })).status).toBe(200);
  } finally {
    await app.close();
  }
});

test('given X-Request-Id, when sane it is echoed and in the error body and every log line; when not, a fresh id replaces it', async () => {
  const lines: Array<Record<string, unknown>> = [];
  const logTo = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as never);
      done();
    },
  });
  const { app, base } = await gateway({ logTo });
  try {
    const mine = await get(base, '/v1/consignments', { 'x-request-id': 'erp-42.abc' });
    expect(mine.status).toBe(401);
    expect(mine.headers.get('x-request-id')).toBe('erp-42.abc');
    expect(await mine.json()).toMatchObject({ code: 'UNAUTHORIZED', requestId: 'erp-42.abc' });
    const requestLines = lines.filter((l) => l.requestId === 'erp-42.abc');
    expect(requestLines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['incoming request', 'request completed']),
    );

    const forged = await get(base, '/nowhere', { 'x-request-id': 'x y"<script>' + 'z'.repeat(200) });
    const id = forged.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await forged.json()).toMatchObject({ code: 'NO_ROUTE', requestId: id });

    const ok = await get(base, STATUS, { 'x-api-key': KEY_A });
    expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await ok.json()).not.toHaveProperty('requestId');
  } finally {
    await app.close();
  }
});

test('given /docs, then the page loads only same-origin assets that the gateway itself serves', async () => {
  const { app, base } = await gateway();
  try {
    const page = await get(base, '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(expect.arrayContaining(['/docs/swagger-ui-bundle.js', '/docs/init.js']));
    for (const asset of assets)
      expect({ asset, status: (await get(base, asset)).status }).toEqual({ asset, status: 200 });
    expect(await (await get(base, '/docs/init.js')).text()).toContain('"/openapi.json"');
    expect((await get(base, '/docs/../package.json')).status).toBe(404);
  } finally {
    await app.close();
  }
});
