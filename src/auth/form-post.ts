// Form POSTs to the token endpoints. Only network errors, 5xx and 429 are retried (a small bounded
// backoff): every 4xx from Maskinporten is a configuration problem that retrying cannot fix.
import { type Dispatcher, request } from 'undici';
import { TokenEndpointUnavailable } from './errors';

export interface RetryPolicy {
  /** Total attempts, including the first. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_TOKEN_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 250, maxDelayMs: 2_000 };

export interface FormPostOptions {
  endpoint: 'maskinporten' | 'exchange';
  url: string;
  form: Record<string, string>;
  dispatcher: Dispatcher;
  retry: RetryPolicy;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

export interface FormResponse {
  status: number;
  /** Parsed JSON, or undefined when the body was not JSON. */
  json: unknown;
}

async function once(options: FormPostOptions): Promise<FormResponse> {
  const response = await request(options.url, {
    method: 'POST',
    dispatcher: options.dispatcher,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(options.form).toString(),
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
  });
  // Always read the body so the connection returns to the pool.
  const text = await response.body.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, json };
}

const isTransientStatus = (status: number) => status === 429 || status >= 500;

export async function postForm(options: FormPostOptions): Promise<FormResponse> {
  let last: TokenEndpointUnavailable | undefined;
  for (let attempt = 1; attempt <= options.retry.attempts; attempt++) {
    if (attempt > 1) {
      const delay = Math.min(options.retry.baseDelayMs * 2 ** (attempt - 2), options.retry.maxDelayMs);
      await options.sleep(delay);
    }
    try {
      const response = await once(options);
      if (!isTransientStatus(response.status)) return response;
      last = new TokenEndpointUnavailable(options.endpoint, response.status, `HTTP ${response.status}`);
    } catch (error) {
      // undici errors carry the URL at most, never the form body.
      const code = (error as { code?: unknown }).code;
      last = new TokenEndpointUnavailable(
        options.endpoint,
        undefined,
        typeof code === 'string' ? code : 'network error',
        {
          cause: error,
        },
      );
    }
  }
  throw last!;
}
