// The undici implementation of DigitollApi: one function per endpoint, paths from paths.ts,
// every answer parsed with zod (loose: unknown fields are kept, missing ones are an error).
import { Agent, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { type Logger, silentLogger, type TokenProvider } from '../auth';
import {
  formatIssues,
  presentationValidationStatusSchema,
  requestAcceptedSchema,
  routingItemSchema,
  transportDocumentStatusSchema,
  validationStatusSchema,
} from '../domain';
import type { Mode } from '../shared';
import type { DigitollApi, HouseLookup } from './api';
import { UnexpectedResponse } from './errors';
import { type CallContext, type CallSpec, call } from './http';
import { houseLookupSchema, paths, presentationBody, routingPageSchema } from './paths';
import { parseRoutingItems, rawRoutingPageSchema } from './routing-page';

export interface DigitollScopes {
  road: string;
  air: string;
  rail: string;
  maritime: string;
  /** Presentation and routing. */
  entry: string;
}

export interface DigitollClientOptions {
  /** e.g. https://api-test.toll.no (paths start with /api). */
  baseUrl: string;
  tokens: TokenProvider;
  scopes: DigitollScopes;
  /** requestMs bounds a whole request (default 12 s: two tries after a 401 fit an activity's 30 s). */
  timeouts?: {
    connectMs?: number;
    headersMs?: number;
    bodyMs?: number;
    requestMs?: number;
    keepAliveMs?: number;
  };
  /** Defaults to an own keep-alive Agent with the timeouts above; tests pass a MockAgent. */
  dispatcher?: Dispatcher;
  logger?: Logger;
  clock?: () => number;
}

export function createDigitollClient(options: DigitollClientOptions): DigitollApi {
  const t = options.timeouts ?? {};
  const ctx: CallContext = {
    baseUrl: options.baseUrl,
    tokens: options.tokens,
    dispatcher:
      options.dispatcher ??
      new Agent({
        connect: { timeout: t.connectMs ?? 5_000 },
        keepAliveTimeout: t.keepAliveMs ?? 30_000,
        headersTimeout: t.headersMs ?? 15_000,
        bodyTimeout: t.bodyMs ?? 15_000,
      }),
    headersTimeoutMs: t.headersMs ?? 15_000,
    bodyTimeoutMs: t.bodyMs ?? 15_000,
    requestTimeoutMs: t.requestMs ?? 12_000,
    clock: options.clock ?? Date.now,
    logger: options.logger ?? silentLogger,
  };
  const { scopes } = options;

  async function parsed<S extends z.ZodType>(schema: S, spec: CallSpec): Promise<z.output<S>> {
    const { status, json } = await call(ctx, spec);
    const result = schema.safeParse(json);
    if (!result.success)
      throw new UnexpectedResponse(`${spec.method} ${spec.path}`, status, formatIssues(result.error));
    return result.data;
  }
  const accepted = (spec: CallSpec) =>
    parsed(requestAcceptedSchema, spec).then(({ requestId }) => ({ requestId }));

  return {
    submitHouseConsignment: (mode, document) =>
      accepted({ method: 'POST', path: paths.houseConsignment(mode), scope: scopes[mode], body: document }),
    replaceHouseConsignment: (mode, mrn, document) =>
      accepted({
        method: 'PUT',
        path: paths.houseConsignmentByMrn(mode, mrn),
        scope: scopes[mode],
        body: document,
      }),
    deleteHouseConsignment: (mode, mrn, documentIssueDate) =>
      accepted({
        method: 'DELETE',
        path: paths.houseConsignmentByMrn(mode, mrn),
        scope: scopes[mode],
        body: { documentIssueDate },
      }),
    getValidationStatus: (mode, requestId) =>
      parsed(validationStatusSchema, {
        method: 'GET',
        path: paths.validationStatus(mode, requestId),
        scope: scopes[mode],
        on404: 'not-ready',
      }),
    getTransportDocumentStatus: (mode, mrn) =>
      parsed(transportDocumentStatusSchema, {
        method: 'GET',
        path: paths.transportDocumentStatus(mode, mrn),
        scope: scopes[mode],
      }),
    findHouseConsignment: (mode, documentNumber, type) => findHouse(mode, documentNumber, type),
    present: async (request) => {
      await call(ctx, {
        method: 'POST',
        path: paths.presentation(request.level),
        scope: scopes.entry,
        body: presentationBody(request),
        expectJson: false,
      });
    },
    getPresentationValidationStatus: (requestId) =>
      parsed(presentationValidationStatusSchema, {
        method: 'GET',
        path: paths.presentationValidationStatus(requestId),
        scope: scopes.entry,
        on404: 'not-ready',
      }),
    getRoutingPage: (marker) =>
      parsed(routingPageSchema(routingItemSchema), {
        method: 'GET',
        path: paths.routing(marker),
        scope: scopes.entry,
      }),
    readRoutingPage: async (marker) =>
      parseRoutingItems(
        await parsed(rawRoutingPageSchema, {
          method: 'GET',
          path: paths.routing(marker),
          scope: scopes.entry,
        }),
      ),
    testAuth: async (mode: Mode) => {
      await call(ctx, { method: 'GET', path: paths.testAuth(mode), scope: scopes[mode], expectJson: false });
    },
  };

  async function findHouse(
    mode: Mode,
    documentNumber: string,
    type: string,
  ): Promise<HouseLookup | undefined> {
    const spec: CallSpec = {
      method: 'GET',
      path: paths.findHouseConsignment(mode, documentNumber, type),
      scope: scopes[mode],
      on404: 'absent',
    };
    const { status, json } = await call(ctx, spec);
    if (status === 404) return undefined;
    const result = houseLookupSchema.safeParse(json);
    if (!result.success) throw new UnexpectedResponse(`GET ${spec.path}`, status, formatIssues(result.error));
    return { mrn: result.data.mrn, documentNumber: result.data.documentNumber, type: result.data.type };
  }
}
