// The undici implementation of DigitollApi: one function per endpoint, paths from paths.ts, every
// answer read by the tolerant readers in readers.ts (unknown fields kept, null/""/absent alike,
// objects or lists where the docs are unclear); only an answer we cannot act on is an error.
import { Agent, type Dispatcher } from 'undici';
import { type Logger, silentLogger, type TokenProvider } from '../auth';
import type { Mode } from '../shared';
import type { DigitollApi, HouseKeyQuery, HouseStatusByKey } from './api';
import { NotReady, UnexpectedResponse } from './errors';
import { type CallContext, type CallObserver, type CallSpec, call } from './http';
import { createLevelEndpoints } from './levels';
import { paths, presentationBody } from './paths';
import {
  type Reading,
  readHouseStatusByKey,
  readPresentationStatus,
  readRequestAccepted,
  readRoutingPageBody,
  readTransportDocumentStatus,
  readValidationStatus,
} from './readers';

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
  /** Told of every HTTP attempt (endpoint name, method, status, duration), e.g. for metrics. */
  observer?: CallObserver;
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
    observer: options.observer,
  };
  const { scopes } = options;

  async function parsed<T>(reader: (json: unknown) => Reading<T>, spec: CallSpec): Promise<T> {
    const { status, json } = await call(ctx, spec);
    const result = reader(json);
    if (!result.ok) throw new UnexpectedResponse(`${spec.method} ${spec.path}`, status, result.issues);
    return result.value;
  }
  const accepted = (spec: CallSpec) => parsed(readRequestAccepted, spec);
  const routingPage = (marker: string | undefined) =>
    parsed(readRoutingPageBody, {
      method: 'GET',
      endpoint: 'readRoutingPage',
      path: paths.routing(marker),
      scope: scopes.entry,
    });

  return {
    ...createLevelEndpoints(ctx, scopes),
    submitHouseConsignment: (mode, document) =>
      accepted({
        method: 'POST',
        endpoint: 'submitHouseConsignment',
        path: paths.houseConsignment(mode),
        scope: scopes[mode],
        body: document,
      }),
    replaceHouseConsignment: (mode, mrn, document) =>
      accepted({
        method: 'PUT',
        endpoint: 'replaceHouseConsignment',
        path: paths.houseConsignmentByMrn(mode, mrn),
        scope: scopes[mode],
        body: document,
      }),
    deleteHouseConsignment: (mode, mrn, documentIssueDate) =>
      accepted({
        method: 'DELETE',
        endpoint: 'deleteHouseConsignment',
        path: paths.houseConsignmentByMrn(mode, mrn),
        scope: scopes[mode],
        body: { documentIssueDate },
      }),
    getValidationStatus: (mode, requestId) =>
      parsed(readValidationStatus, {
        method: 'GET',
        endpoint: 'getValidationStatus',
        path: paths.validationStatus(mode, requestId),
        scope: scopes[mode],
        on404: 'not-ready',
      }),
    getTransportDocumentStatus: (mode, mrn) =>
      parsed(readTransportDocumentStatus, {
        method: 'GET',
        endpoint: 'getTransportDocumentStatus',
        path: paths.transportDocumentStatus(mode, mrn),
        scope: scopes[mode],
      }),
    getHouseDocumentStatusByKey: (mode, key) => houseStatusByKey(mode, key),
    present: async (request) => {
      await call(ctx, {
        method: 'POST',
        endpoint: 'present',
        path: paths.presentation(request.level),
        scope: scopes.entry,
        body: presentationBody(request),
        expectJson: false,
      });
    },
    getPresentationValidationStatus: async (requestId) => {
      const spec: CallSpec = {
        method: 'GET',
        endpoint: 'getPresentationValidationStatus',
        path: paths.presentationValidationStatus(requestId),
        scope: scopes.entry,
        on404: 'not-ready',
      };
      const status = await parsed((json) => readPresentationStatus(json, requestId), spec);
      if (status === undefined) throw new NotReady(`${spec.method} ${spec.path}`);
      return status;
    },
    getRoutingPage: async (marker) => (await routingPage(marker)).items,
    readRoutingPage: (marker) => routingPage(marker),
    testAuth: async (mode: Mode) => {
      await call(ctx, {
        method: 'GET',
        endpoint: 'testAuth',
        path: paths.testAuth(mode),
        scope: scopes[mode],
        expectJson: false,
      });
    },
  };

  /** 400 and 404 mean the look-up is not available here (its parameters are inferred), not a failure. */
  async function houseStatusByKey(mode: Mode, key: HouseKeyQuery): Promise<HouseStatusByKey> {
    const spec: CallSpec = {
      method: 'GET',
      endpoint: 'getHouseDocumentStatusByKey',
      path: paths.houseDocumentStatusByKey(mode, key),
      scope: scopes[mode],
      answerAsIs: [400, 404],
    };
    const { status, json } = await call(ctx, spec);
    if (status === 400 || status === 404) return { kind: 'unavailable', status };
    const result = readHouseStatusByKey(json, key);
    if (!result.ok) throw new UnexpectedResponse(`${spec.method} ${spec.path}`, status, result.issues);
    return result.value;
  }
}
