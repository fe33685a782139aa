// The gateway's /metrics and request log, without Temporal (a stand-in library answers the status
// route): who may read /metrics, and that a request's log lines carry its consignment key and
// never a key or token.
import { Writable } from 'node:stream';
import pino from 'pino';
import type { DigitollFlow } from '../../src/client';
import { buildGateway, REDACTED_HEADERS } from '../../src/gateway';
import { createServiceMetrics } from '../../src/metrics';

const API_KEY = 'gateway-key-for-log-test-8c1f';
const METRICS_TOKEN = 'metrics-token-for-test-2b7d';
// Only the status route is called; the library is not the subject here.
const flow = {
  status: async () => ({ phase: 'REGISTERED', mrn: '25NO0000000000001' }),
} as unknown as DigitollFlow;

async function gateway(options: { token?: string; logTo?: Writable } = {}) {
  const app = await buildGateway({
    flow,
    apiKeys: [API_KEY],
    temporalHealth: async () => true,
    metrics: { metrics: createServiceMetrics(), token: options.token },
    logger: options.logTo
      ? pino({ level: 'trace', redact: { paths: REDACTED_HEADERS, censor: '[redacted]' } }, options.logTo)
      : undefined,
  });
  return { app, base: await app.listen({ host: '127.0.0.1', port: 0 }) };
}

test('given METRICS_TOKEN, when /metrics is read without it, with an API key or with it, then only the token is let in', async () => {
  const { app, base } = await gateway({ token: METRICS_TOKEN });
  try {
    expect((await fetch(`${base}/metrics`)).status).toBe(403);
    const withApiKey = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(withApiKey.status).toBe(403);
    const ok = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/plain');
    expect(await ok.text()).toContain(
      'digitoll_gateway_requests_total{route="/metrics",method="GET",status="403"} 2',
    );
  } finally {
    await app.close();
  }
});

test('given no METRICS_TOKEN, when a loopback caller reads /metrics, then it is let in without an API key', async () => {
  const { app, base } = await gateway();
  try {
    const answer = await fetch(`${base}/metrics`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('# TYPE digitoll_gateway_requests_total counter');
  } finally {
    await app.close();
  }
});

test('given a status request with an API key, then each of its log lines carries the workflow id and business key, and none a key', async () => {
  let output = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output += chunk.toString();
      done();
    },
  });
  const { app, base } = await gateway({ token: METRICS_TOKEN, logTo: sink });
  try {
    const answer = await fetch(`${base}/v1/consignments/N730/DOC-LOG-1`, {
      headers: { 'x-api-key': API_KEY },
    });
    expect(answer.status).toBe(200);
    await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  } finally {
    await app.close();
  }
  const lines = output
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const request = lines.filter((line) => line.req !== undefined || line.res !== undefined);
  const about = request.filter((line) => line.documentNumber === 'DOC-LOG-1');
  expect(about.map((line) => line.msg)).toEqual(['incoming request', 'request completed']);
  for (const line of about) expect(line).toMatchObject({ workflowId: 'hc:N730:DOC-LOG-1', type: 'N730' });
  expect(output).not.toContain(API_KEY);
  expect(output).not.toContain(METRICS_TOKEN);
});
