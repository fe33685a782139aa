// One authenticated JSON call to Digitoll: token from the provider, a single retry after a 401 with
// a fresh token, the body always consumed, and every failure mapped to a typed DigitollError.
import { type Dispatcher, request } from 'undici';
import { AuthError, type Logger, type TokenProvider } from '../auth';
import { validationErrorsBodySchema } from '../domain';
import {
  NotReady,
  parseRetryAfter,
  RateLimited,
  Unauthorized,
  Unavailable,
  UnexpectedResponse,
  ValidationRejected,
} from './errors';
import { currentCallSignal } from './call-signal';

export interface CallContext {
  baseUrl: string;
  tokens: TokenProvider;
  dispatcher: Dispatcher;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Whole request, headers and body together; keeps a call inside its activity's time. */
  requestTimeoutMs: number;
  clock: () => number;
  logger: Logger;
  /** Told of every HTTP attempt (metrics); never changes the call's outcome. */
  observer?: CallObserver;
}

/** One HTTP attempt to Customs, as metrics see it: a stable endpoint name, never an MRN. */
export interface CallObservation {
  endpoint: string;
  method: CallSpec['method'];
  /** The HTTP status; undefined when no answer came (timeout, network error). */
  status: number | undefined;
  durationMs: number;
}

export type CallObserver = (observation: CallObservation) => void;

export interface CallSpec {
  /** Short description used in error messages, e.g. "POST /api/movement/road/v2/house-consignment". */
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A stable, low-cardinality name for metrics (e.g. "submitHouseConsignment"); never an id. */
  endpoint?: string;
  path: string;
  scope: string;
  body?: unknown;
  /** What a 404 means here: not processed yet, absent (returns status 404), or unexpected. */
  on404?: 'not-ready' | 'absent' | 'unexpected';
  /** Statuses handed back to the caller unmapped and unparsed (e.g. 400 of a look-up that may not exist). */
  answerAsIs?: readonly number[];
  /** False when only the status matters (test-auth, presentation): the body is read but not parsed. */
  expectJson?: boolean;
}

export interface CallResult {
  status: number;
  /** Parsed JSON body; undefined for an empty body. */
  json: unknown;
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

function requestSignal(ctx: CallContext): AbortSignal {
  const deadline = AbortSignal.timeout(ctx.requestTimeoutMs);
  const caller = currentCallSignal();
  return caller ? AbortSignal.any([deadline, caller]) : deadline;
}

async function send(ctx: CallContext, spec: CallSpec, token: string, what: string): Promise<Raw> {
  try {
    // Concatenated rather than resolved, so a base URL with a path prefix (a proxy) keeps it.
    const response = await request(`${ctx.baseUrl.replace(/\/+$/, '')}${spec.path}`, {
      method: spec.method,
      dispatcher: ctx.dispatcher,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      headersTimeout: ctx.headersTimeoutMs,
      bodyTimeout: ctx.bodyTimeoutMs,
      signal: requestSignal(ctx),
    });
    // Read the whole body even for errors, so the keep-alive connection goes back to the pool.
    const text = await response.body.text();
    return { status: response.statusCode, headers: response.headers, text };
  } catch (error) {
    const name = (error as { name?: unknown }).name;
    const code = name === 'TimeoutError' ? 'REQUEST_TIMEOUT' : (error as { code?: unknown }).code;
    throw new Unavailable(what, undefined, typeof code === 'string' ? code : 'NETWORK_ERROR', {
      cause: error,
    });
  }
}

/** Times one attempt and tells the observer; an observer that throws cannot fail the call. */
async function observed(ctx: CallContext, spec: CallSpec, token: string, what: string): Promise<Raw> {
  const observer = ctx.observer;
  if (!observer) return send(ctx, spec, token, what);
  const started = ctx.clock();
  const tell = (status: number | undefined) => {
    try {
      const endpoint = spec.endpoint ?? 'other';
      observer({ endpoint, method: spec.method, status, durationMs: ctx.clock() - started });
    } catch {
      // Metrics must never change what a call to Customs does.
    }
  };
  try {
    const raw = await send(ctx, spec, token, what);
    tell(raw.status);
    return raw;
  } catch (error) {
    tell(undefined);
    throw error;
  }
}

async function tokenFor(ctx: CallContext, scope: string, what: string): Promise<string> {
  try {
    return await ctx.tokens.getToken(scope);
  } catch (error) {
    if (error instanceof AuthError && error.transient) {
      throw new Unavailable(what, undefined, error.code, { cause: error });
    }
    throw new Unauthorized(what, undefined, { cause: error });
  }
}

function parseJson(raw: Raw, what: string): unknown {
  if (raw.text.trim() === '') return undefined;
  try {
    return JSON.parse(raw.text);
  } catch {
    throw new UnexpectedResponse(what, raw.status, [{ path: '', message: 'body is not valid JSON' }]);
  }
}

function mapFailure(ctx: CallContext, spec: CallSpec, raw: Raw, what: string): Error | undefined {
  const { status } = raw;
  if (spec.answerAsIs?.includes(status)) return undefined;
  if (status === 400) {
    let body: unknown;
    try {
      body = JSON.parse(raw.text);
    } catch {
      body = undefined;
    }
    const parsed = validationErrorsBodySchema.safeParse(body);
    return new ValidationRejected(what, parsed.success ? parsed.data.validationErrors : []);
  }
  if (status === 401 || status === 403) return new Unauthorized(what, status);
  if (status === 404 && spec.on404 === 'not-ready') return new NotReady(what);
  if (status === 429) return new RateLimited(what, parseRetryAfter(raw.headers['retry-after'], ctx.clock()));
  if (status >= 500) return new Unavailable(what, status, `HTTP_${status}`);
  if (status === 404 && spec.on404 === 'absent') return undefined;
  if (status < 200 || status >= 300) {
    return new UnexpectedResponse(what, status, [{ path: '', message: `unexpected HTTP status ${status}` }]);
  }
  return undefined;
}

export async function call(ctx: CallContext, spec: CallSpec): Promise<CallResult> {
  const what = `${spec.method} ${spec.path}`;
  const started = ctx.clock();
  let token = await tokenFor(ctx, spec.scope, what);
  let raw = await observed(ctx, spec, token, what);
  if (raw.status === 401) {
    // The token may have been revoked or expired early: one fresh token, one more try.
    ctx.tokens.invalidate(spec.scope, token);
    token = await tokenFor(ctx, spec.scope, what);
    raw = await observed(ctx, spec, token, what);
  }
  ctx.logger.debug(
    { method: spec.method, path: spec.path, status: raw.status, ms: ctx.clock() - started },
    'Digitoll call',
  );
  const failure = mapFailure(ctx, spec, raw, what);
  if (failure) throw failure;
  const skip = raw.status === 404 || spec.expectJson === false || spec.answerAsIs?.includes(raw.status);
  return { status: raw.status, json: skip ? undefined : parseJson(raw, what) };
}
