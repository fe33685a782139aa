// Shared set-up of the gateway tests: the workflow harness (real dev server, workers, emulator)
// with a DigitollFlow on its task queues and the gateway listening on a loopback port.
import { WorkflowNotFoundError } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import type { HouseConsignment } from '../../src/domain';
import { buildGateway, temporalHealthCheck } from '../../src/gateway';
import { consignmentWorkflowId } from '../../src/shared';
import { flowOf, houseOf, startHarness, type Harness } from './consignment.harness';
import { eventually, SETTLE_MS } from '../helpers/temporal';

export const API_KEY = 'gateway-test-key-0123456789';
export const OTHER_KEY = 'second-key-for-rotation';

export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function startGatewayHarness(options: { bodyLimitBytes?: number } = {}) {
  const h: Harness = await startHarness();
  const flow = flowOf(h);
  const app: FastifyInstance = await buildGateway({
    flow,
    apiKeys: [API_KEY, OTHER_KEY],
    bodyLimitBytes: options.bodyLimitBytes ?? 64 * 1024,
    temporalHealth: temporalHealthCheck(h.temporal.connection),
  });

  // A real loopback listener: light-my-request (app.inject) loads an ESM-only module jest cannot require.
  const base = await app.listen({ host: '127.0.0.1', port: 0 });

  /** A request as an ERP sends it; `headers` add to or override the default key. */
  async function request(
    method: string,
    path: string,
    options: { payload?: unknown; headers?: Record<string, string>; raw?: string } = {},
  ): Promise<HttpAnswer> {
    const hasBody = options.payload !== undefined || options.raw !== undefined;
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: options.raw ?? (options.payload === undefined ? undefined : JSON.stringify(options.payload)),
    });
    const body = await response.text();
    return {
      statusCode: response.status,
      headers: Object.fromEntries(response.headers),
      body,
      json: <T = any>() => JSON.parse(body) as T, // eslint-disable-line @typescript-eslint/no-explicit-any
    };
  }

  /** An authenticated request with the first key. */
  function call(method: string, path: string, payload?: unknown, headers: Record<string, string> = {}) {
    return request(method, path, { payload, headers: { authorization: `Bearer ${API_KEY}`, ...headers } });
  }

  const pathOf = (doc: HouseConsignment) => {
    const { type, documentNumber } = houseOf(doc);
    return `/v1/consignments/${type}/${encodeURIComponent(documentNumber)}`;
  };

  /** Polls GET status until `predicate` holds; returns that status body. */
  function waitForHttpStatus(
    doc: HouseConsignment,
    predicate: (status: { phase: string; revision: number; needsAttention: boolean }) => boolean,
    what: string,
  ) {
    return eventually(
      async () => {
        const res = await call('GET', pathOf(doc));
        if (res.statusCode !== 200) return undefined;
        const status = res.json<{ phase: string; revision: number; needsAttention: boolean }>();
        return predicate(status) ? status : undefined;
      },
      { timeoutMs: SETTLE_MS, what: `${pathOf(doc)} ${what}` },
    );
  }

  /** Whether Temporal knows any workflow with this id (describe answers). */
  async function exists(type: string, documentNumber: string): Promise<boolean> {
    return h.client.workflow
      .getHandle(consignmentWorkflowId(type, documentNumber))
      .describe()
      .then(() => true)
      .catch((error: unknown) => {
        if (error instanceof WorkflowNotFoundError) return false;
        throw error;
      });
  }

  async function close(): Promise<void> {
    await app.close();
    await h.close();
  }

  return { h, flow, app, base, request, call, pathOf, waitForHttpStatus, exists, close };
}
