// Given the gateway's authentication and its operational routes, without Temporal behind them:
// key checks, header parsing, /healthz reporting and logs that never carry a key.
import { Writable } from 'node:stream';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { DigitollFlow } from '../../src/client';
import {
  buildGateway,
  createApiKeyCheck,
  GatewayConfigError,
  presentedKey,
  REDACTED_HEADERS,
} from '../../src/gateway';

const KEY = 'k3y-for-tests-4d1e9b';
const flow = () =>
  // A lazy connection that is never used: these tests stop before Temporal.
  new DigitollFlow({ client: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }) });

describe('createApiKeyCheck', () => {
  test('given no keys, then it refuses to build (the gateway never runs open)', () => {
    expect(() => createApiKeyCheck([])).toThrow(GatewayConfigError);
    expect(() => createApiKeyCheck(['', ''])).toThrow(
      expect.objectContaining({ code: 'GATEWAY_NO_API_KEYS' }),
    );
  });

  test('given two keys, then each is accepted and prefixes, extensions, other case and absence are not', () => {
    const check = createApiKeyCheck([KEY, 'second']);
    expect(check(KEY)).toBe(true);
    expect(check('second')).toBe(true);
    for (const wrong of [undefined, '', KEY.slice(0, -1), `${KEY}x`, KEY.toUpperCase(), 'secon']) {
      expect(check(wrong)).toBe(false);
    }
  });
});

describe('presentedKey', () => {
  test('given Authorization Bearer or X-Api-Key, then the key is read; other schemes are not', () => {
    expect(presentedKey({ authorization: `Bearer ${KEY}` })).toBe(KEY);
    expect(presentedKey({ authorization: `bearer ${KEY}` })).toBe(KEY);
    expect(presentedKey({ 'x-api-key': ` ${KEY} ` })).toBe(KEY);
    expect(presentedKey({ authorization: `Basic ${KEY}` })).toBeUndefined();
    expect(presentedKey({})).toBeUndefined();
  });

  test('given an Authorization header that is not Bearer, then X-Api-Key is read instead', () => {
    expect(presentedKey({ authorization: 'Basic dXNlcjpwYXNz', 'x-api-key': KEY })).toBe(KEY);
    expect(presentedKey({ authorization: 'Bearer', 'x-api-key': KEY })).toBe(KEY);
    expect(presentedKey({ authorization: `Bearer ${KEY}`, 'x-api-key': 'other' })).toBe(KEY);
  });
});

describe('gateway without Temporal', () => {
  test('given Temporal unreachable, then /healthz answers 503 and says so; reachable, 200', async () => {
    let up = false;
    const app = await buildGateway({ flow: flow(), apiKeys: [KEY], temporalHealth: async () => up });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const down = await fetch(`${base}/healthz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ ok: false, temporal: 'down' });
      up = true;
      const ok = await fetch(`${base}/healthz`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ ok: true, temporal: 'up' });
    } finally {
      await app.close();
    }
  });

  test('given a proxy Basic Authorization header and a valid X-Api-Key, then the request passes authentication; without the key, 401', async () => {
    const app = await buildGateway({ flow: flow(), apiKeys: [KEY], temporalHealth: async () => true });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const basic = 'Basic dXNlcjpwYXNz';
      // phase=NOPE is refused by validation (400), which runs only after authentication.
      const withKey = await fetch(`${base}/v1/consignments?phase=NOPE`, {
        headers: { authorization: basic, 'x-api-key': KEY },
      });
      expect(withKey.status).toBe(400);
      const without = await fetch(`${base}/v1/consignments?phase=NOPE`, {
        headers: { authorization: basic },
      });
      expect(without.status).toBe(401);
    } finally {
      await app.close();
    }
  });

  test('given requests with right and wrong keys at trace level, then no log line contains a key', async () => {
    let output = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    const logger = pino({ level: 'trace', redact: { paths: REDACTED_HEADERS, censor: '[redacted]' } }, sink);
    const app = await buildGateway({
      flow: flow(),
      apiKeys: [KEY],
      logger,
      temporalHealth: async () => true,
    });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const wrong = await fetch(`${base}/v1/consignments`, { headers: { 'x-api-key': 'wrong-secret-77' } });
      expect(wrong.status).toBe(401);
      const bad = await fetch(`${base}/v1/consignments?phase=NOPE`, {
        headers: { authorization: `Bearer ${KEY}` },
      });
      expect(bad.status).toBe(400);
      logger.info({ req: { headers: { authorization: `Bearer ${KEY}`, 'x-api-key': KEY } } }, 'headers');
    } finally {
      await app.close();
    }
    expect(output).toContain('incoming request');
    expect(output).toContain('[redacted]');
    expect(output).not.toContain(KEY);
    expect(output).not.toContain('wrong-secret-77');
  });
});
