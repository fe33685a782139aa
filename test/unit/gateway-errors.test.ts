// Given the errors Temporal's client throws when no worker polls or the server is down, the one
// mapping (toFlowError) makes them TemporarilyUnavailable, the gateway answers 503 with
// Retry-After, and the CLI exits 1 saying the command can be repeated.
import { Client, Connection, ServiceError } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { DigitollFlow, TemporarilyUnavailable } from '../../src/client';
import { toFlowError, unavailableCause } from '../../src/client/errors';
import { runCli } from '../../src/cli/run';
import { buildGateway } from '../../src/gateway';

/** The shape @grpc/grpc-js gives a failed call, wrapped as the SDK wraps it. */
function serviceError(code: number, details: string): ServiceError {
  const grpc = Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
  return new ServiceError('Failed to query Workflow', { cause: grpc });
}

const context = (action: string) => ({
  action,
  type: 'N730',
  documentNumber: 'DOC-1',
  closedPhase: async () => undefined,
});

describe('toFlowError: Temporal not able to answer now', () => {
  test.each([
    [14, 'No connection established', 'TEMPORAL_UNREACHABLE'],
    [4, 'Deadline exceeded after 5.000s', 'TIMEOUT'],
    [9, 'no poller seen for task queue recently, worker may be down', 'NO_WORKER'],
    [1, 'Call cancelled', 'TIMEOUT'],
  ])(
    'given a status query failing with gRPC %i (%s), then TemporarilyUnavailable %s',
    async (code, details, cause) => {
      const mapped = await toFlowError(serviceError(code, details), context('status'));
      expect(mapped).toBeInstanceOf(TemporarilyUnavailable);
      expect(mapped).toMatchObject({
        code: 'TEMPORARILY_UNAVAILABLE',
        unavailable: cause,
        retryAfterSeconds: 5,
      });
    },
  );

  test('given FAILED_PRECONDITION or CANCELLED for an update (not a query), then it is not read as unavailable', async () => {
    const error = serviceError(9, 'something else');
    expect(unavailableCause(error, false)).toBeUndefined();
    expect(unavailableCause(serviceError(1, 'Call cancelled'), false)).toBeUndefined();
    expect(await toFlowError(error, context('correct'))).toBe(error);
  });

  test('given UNAVAILABLE for a signal, then it is TemporarilyUnavailable too', async () => {
    expect(await toFlowError(serviceError(14, 'down'), context('retry'))).toMatchObject({
      code: 'TEMPORARILY_UNAVAILABLE',
      action: 'retry',
    });
  });

  test('given other errors, then they keep their own mapping or pass through unchanged', async () => {
    const notFound = await toFlowError(
      new WorkflowNotFoundError('gone', 'hc:N730:DOC-1', undefined),
      context('status'),
    );
    expect(notFound).toMatchObject({ code: 'CONSIGNMENT_NOT_FOUND' });
    const internal = serviceError(13, 'internal');
    expect(await toFlowError(internal, context('status'))).toBe(internal);
    const plain = new Error('boom');
    expect(await toFlowError(plain, context('status'))).toBe(plain);
  });
});

describe('over a Temporal address where nothing listens', () => {
  const flow = () =>
    new DigitollFlow({
      client: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }),
      statusTimeoutMs: 500,
    });

  test('given a status read at the gateway, then 503 with Retry-After and a body that says it can be repeated', async () => {
    const app = await buildGateway({ flow: flow(), apiKeys: ['k'], temporalHealth: async () => false });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const res = await fetch(`${base}/v1/consignments/N730/DOC-1`, { headers: { 'x-api-key': 'k' } });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await res.json()).toEqual({
        error: expect.stringContaining('repeat the request'),
        code: 'TEMPORARILY_UNAVAILABLE',
        cause: expect.stringMatching(/^(TIMEOUT|TEMPORAL_UNREACHABLE)$/),
        retryable: true,
        retryAfterSeconds: 5,
        requestId: expect.any(String),
      });
    } finally {
      await app.close();
    }
  });

  test('given `status` at the command line, then exit 1 with the reason and when to repeat', async () => {
    let stderr = '';
    const code = await runCli(['status', 'N730', 'DOC-1'], {
      flow: flow(),
      stdout: { write: () => true },
      stderr: { write: (chunk: string) => (stderr += chunk) },
    });
    expect(code).toBe(1);
    expect(stderr).toContain('status cannot be answered now');
    expect(stderr).toContain('run the command again in 5 s');
  });
});
