// The metrics' building blocks without Temporal: the Customs call observer on a real loopback
// server (it sees every attempt, by endpoint name, and cannot change a call's outcome), the
// service metrics' labels, the worker's /metrics server and the activity log scope.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActivityExecuteInput } from '@temporalio/worker';
import type { TokenProvider } from '../../src/auth';
import { type CallObservation, createDigitollClient, Unavailable } from '../../src/digitoll';
import {
  createServiceMetrics,
  currentLogContext,
  logContextInterceptor,
  logContextMixin,
  startMetricsServer,
  statusClass,
} from '../../src/metrics';

const MRN = '25NO1234567890ABC1';
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

function client(observer: (o: CallObservation) => void) {
  let issued = 0;
  const tokens: TokenProvider = { getToken: async () => `token-${++issued}`, invalidate: () => undefined };
  const scope = 's';
  return createDigitollClient({
    baseUrl,
    tokens,
    scopes: { road: scope, air: scope, rail: scope, maritime: scope, entry: scope },
    timeouts: { connectMs: 500, headersMs: 500, bodyMs: 500 },
    observer,
  });
}

describe('the Customs call observer', () => {
  test('given a 401 then a 200, when a transport status is read, then both attempts are observed by endpoint name, never by MRN', async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls += 1;
      res.writeHead(calls === 1 ? 401 : 200, { 'content-type': 'application/json' }).end('{}');
    };
    const seen: CallObservation[] = [];
    await client((o) => seen.push(o)).getTransportDocumentStatus('road', MRN);
    expect(seen.map(({ endpoint, method, status }) => ({ endpoint, method, status }))).toEqual([
      { endpoint: 'getTransportDocumentStatus', method: 'GET', status: 401 },
      { endpoint: 'getTransportDocumentStatus', method: 'GET', status: 200 },
    ]);
    expect(seen.every((o) => o.durationMs >= 0)).toBe(true);
    expect(JSON.stringify(seen)).not.toContain(MRN);
  });

  test('given an observer that throws, when Customs answers 503, then the call fails exactly as without an observer', async () => {
    handler = (_req, res) => res.writeHead(503).end();
    const error = await client(() => {
      throw new Error('observer broke');
    })
      .getTransportDocumentStatus('road', MRN)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Unavailable);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', reason: 'HTTP_503' });
  });

  test('given no answer, then the attempt is observed without a status and counted as class error', async () => {
    handler = (req) => req.socket.destroy();
    const seen: CallObservation[] = [];
    await expect(client((o) => seen.push(o)).getValidationStatus('road', 'r1')).rejects.toBeInstanceOf(
      Unavailable,
    );
    expect(seen).toEqual([expect.objectContaining({ endpoint: 'getValidationStatus', status: undefined })]);
    expect(statusClass(undefined)).toBe('error');
    expect(statusClass(503)).toBe('5xx');
  });
});

describe('the service metrics and the worker /metrics server', () => {
  test('given observations, when /metrics is read, then counters and histograms carry endpoint, status and scope labels', async () => {
    const metrics = createServiceMetrics();
    metrics.customsCall({ endpoint: 'submitHouseConsignment', method: 'POST', status: 200, durationMs: 120 });
    metrics.customsCall({
      endpoint: 'submitHouseConsignment',
      method: 'POST',
      status: undefined,
      durationMs: 9,
    });
    metrics.tokenRefresh({ scope: 'toll:movement/road/v2', outcome: 'failure', durationMs: 30 });
    const running = await startMetricsServer({ registry: metrics.registry, host: '127.0.0.1', port: 0 });
    try {
      const text = await (await fetch(running.url)).text();
      expect(text).toContain(
        'digitoll_customs_requests_total{endpoint="submitHouseConsignment",method="POST",status="200",status_class="2xx"} 1',
      );
      expect(text).toContain('status="none",status_class="error"} 1');
      expect(text).toContain(
        'digitoll_customs_request_duration_seconds_bucket{le="0.25",endpoint="submitHouseConsignment",method="POST",status_class="2xx"} 1',
      );
      expect(text).toContain(
        'digitoll_token_refreshes_total{scope="toll:movement/road/v2",outcome="failure"} 1',
      );
      expect((await fetch(running.url.replace('/metrics', '/other'))).status).toBe(404);
    } finally {
      await running.close();
    }
  });

  test('given a known last successful poll, when scraped later, then the feed lag is the time since', async () => {
    let now = 1_000_000;
    const metrics = createServiceMetrics({ clock: () => now });
    metrics.workflows.feedLastSuccessMs.set('acme', now);
    now += 42_000;
    const text = await metrics.registry.metrics();
    expect(text).toContain('digitoll_routing_feed_lag_seconds{organisation="acme"} 42');
  });
});

describe('the activity log scope', () => {
  test('given a consignment activity, when it runs, then pino lines written meanwhile carry its workflow id and business key', async () => {
    const info = {
      workflowExecution: { workflowId: 'hc:N730:DOC-9', runId: 'r' },
      workflowType: 'consignmentWorkflow',
      activityType: 'submitHouseConsignment',
      attempt: 2,
    };
    const inbound = logContextInterceptor({ info } as never).inbound!;
    const inside = await inbound.execute!({ args: [], headers: {} } as ActivityExecuteInput, async () =>
      logContextMixin(),
    );
    expect(inside).toEqual({
      workflowId: 'hc:N730:DOC-9',
      workflowType: 'consignmentWorkflow',
      activityType: 'submitHouseConsignment',
      attempt: 2,
      type: 'N730',
      documentNumber: 'DOC-9',
    });
    expect(currentLogContext()).toBeUndefined();
    expect(logContextMixin()).toEqual({});
  });
});
