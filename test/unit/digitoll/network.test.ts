// Timeouts and connection resets need a real socket: a tiny server on 127.0.0.1 and the client's
// own keep-alive Agent (no MockAgent).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenProvider } from '../../../src/auth';
import { Unavailable, createDigitollClient, withCallSignal } from '../../../src/digitoll';

const TOKEN = 'local-secret-token-5d1e';
const tokens: TokenProvider = { getToken: async () => TOKEN, invalidate: () => undefined };
let server: Server;
let handler: (req: IncomingMessage, res: ServerResponse) => void;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function client(timeouts: { requestMs?: number; headersMs?: number; bodyMs?: number } = {}) {
  const scope = 's';
  return createDigitollClient({
    baseUrl,
    tokens,
    scopes: { road: scope, air: scope, rail: scope, maritime: scope, entry: scope },
    timeouts: { connectMs: 500, headersMs: 300, bodyMs: 300, ...timeouts },
  });
}

/** Answers with headers, then one body byte every 100 ms: never idle long enough for bodyTimeout. */
function trickle(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const timer = setInterval(() => res.write(' '), 100);
  res.on('close', () => clearInterval(timer));
}

describe('network failures', () => {
  it('given no answer within the headers timeout, then Unavailable (UND_ERR_HEADERS_TIMEOUT)', async () => {
    handler = () => undefined; // never answers
    const error = await client()
      .getValidationStatus('road', 'r1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Unavailable);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', reason: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(String((error as Error).message)).not.toContain(TOKEN);
  });

  it('given the connection is reset mid-request, then Unavailable with the socket error', async () => {
    handler = (req) => req.socket.destroy();
    const error = await client()
      .getValidationStatus('road', 'r1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Unavailable);
    expect((error as Unavailable).reason).toMatch(/^(UND_ERR_SOCKET|ECONNRESET)$/);
    expect(String((error as Error).message)).not.toContain(TOKEN);
  });

  it('given a body that stalls after the headers, then Unavailable (UND_ERR_BODY_TIMEOUT)', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"status":');
    };
    const error = await client()
      .getValidationStatus('road', 'r1')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', reason: 'UND_ERR_BODY_TIMEOUT' });
  });

  it('given a body that trickles forever, when the whole-request deadline passes, then Unavailable (REQUEST_TIMEOUT)', async () => {
    handler = trickle;
    const started = performance.now();
    const error = await client({ requestMs: 600, bodyMs: 5_000 })
      .getValidationStatus('road', 'r1')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', reason: 'REQUEST_TIMEOUT' });
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('given a caller signal (an activity attempt), when it aborts, then the request in flight is abandoned at once', async () => {
    handler = trickle;
    const controller = new AbortController();
    const pending = withCallSignal(controller.signal, () =>
      client({ requestMs: 30_000, bodyMs: 30_000 }).getValidationStatus('road', 'r1'),
    ).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 200);
    const started = performance.now();
    const error = await pending;
    expect(error).toBeInstanceOf(Unavailable);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('given a healthy server, then the Bearer token reaches it and the answer is parsed', async () => {
    let auth: string | undefined;
    handler = (req, res) => {
      auth = req.headers.authorization;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"status":"SUCCESS","mrn":"22NO4TU2HUD59UCBT8"}');
    };
    await expect(client().getValidationStatus('road', 'r1')).resolves.toMatchObject({
      mrn: '22NO4TU2HUD59UCBT8',
    });
    expect(auth).toBe(`Bearer ${TOKEN}`);
  });
});
