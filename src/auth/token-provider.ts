// Maskinporten token + Customs token exchange, cached per scope. One refresh at a time per scope
// (concurrent callers share it). A token is used for most of its life: it is refreshed when less
// than min(60 s, 25 % of expires_in) remains (Customs asks for "about a minute before it expires";
// the 25 % cap keeps short-lived tokens, 90 s or 120 s, from being renewed after half their life).
// So a 90 s token serves 67.5 s, a 970 s token 910 s. A 401 from Digitoll invalidates the token
// (only the one that was rejected) and the client retries once with a fresh one.
import { Agent, type Dispatcher } from 'undici';
import { z } from 'zod';
import { formatIssues } from '../domain';
import { MaskinportenError, TokenExchangeError, TokenResponseInvalid } from './errors';
import { DEFAULT_TOKEN_RETRY, type RetryPolicy, postForm } from './form-post';
import { type GrantAlgorithm, createGrantSigner } from './grant';
import { type Logger, silentLogger } from './logger';
import { refreshReporter, type TokenRefreshObserver } from './token-observer';

export interface TokenProvider {
  /** A Customs access token for the scope, from the cache when still fresh. */
  getToken(scope: string): Promise<string>;
  /** Forgets the scope's token; with `rejected`, only when that is still the cached one (a 401 race). */
  invalidate(scope: string, rejected?: string): void;
}

export interface TokenProviderOptions {
  clientId: string;
  privateKeyPem: string;
  certificateChainPem?: string;
  kid?: string;
  alg?: GrantAlgorithm;
  maskinportenIssuer: string;
  maskinportenTokenUrl: string;
  exchangeUrl: string;
  /** Milliseconds since the epoch; injectable for tests and the benchmark. */
  clock?: () => number;
  dispatcher?: Dispatcher;
  retry?: RetryPolicy;
  timeouts?: { connectMs?: number; headersMs?: number; bodyMs?: number };
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
  /** Source of grant jti values (tests). */
  newJti?: () => string;
  /** Seconds before expiry to refresh, given expires_in; default refreshMarginSeconds (the benchmark compares others). */
  refreshMargin?: (expiresIn: number) => number;
  /** Told of every refresh (Maskinporten grant + exchange) by scope and outcome, e.g. for metrics. */
  observer?: TokenRefreshObserver;
}

// Tolerant readers (DOMAIN.md section 4): unknown fields are kept, the descriptive fields may be
// null, and expires_in may come as a numeric string. A lifetime that is not a positive number is
// refused: caching on a guess could hand out a token Customs no longer accepts.
const NUMERIC_STRING = /^\s*\d+(\.\d+)?\s*$/;
const expiresInSchema = z
  .union([z.number(), z.string().regex(NUMERIC_STRING, 'must be a number of seconds').transform(Number)])
  .pipe(z.number().finite().positive('must be a positive number of seconds'));
const optionalText = () => z.string().nullish();

const maskinportenTokenSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: optionalText(),
  expires_in: expiresInSchema,
  scope: optionalText(),
});
const exchangeTokenSchema = z.looseObject({
  access_token: z.string().min(1),
  issued_token_type: optionalText(),
  token_type: optionalText(),
  expires_in: expiresInSchema,
});
const oauthErrorSchema = z.looseObject({ error: z.string(), error_description: z.string().optional() });

/** Seconds before expiry to refresh: min(60 s, 25 % of the lifetime). */
export function refreshMarginSeconds(expiresIn: number): number {
  return Math.min(60, expiresIn * 0.25);
}

interface Cached {
  token: string;
  refreshAtMs: number;
  /** When Customs stops accepting it; a failed early refresh may fall back to it until then. */
  expiresAtMs: number;
}

/** A cached token is not handed out closer than this to its expiry, even when a refresh failed. */
const FALLBACK_SAFETY_MS = 10_000;

export async function createTokenProvider(options: TokenProviderOptions): Promise<TokenProvider> {
  const signer = await createGrantSigner({ ...options, issuer: options.maskinportenIssuer });
  const clock = options.clock ?? Date.now;
  const log = options.logger ?? silentLogger;
  const refreshMargin = options.refreshMargin ?? refreshMarginSeconds;
  const dispatcher =
    options.dispatcher ??
    new Agent({ connect: { timeout: options.timeouts?.connectMs ?? 5_000 }, keepAliveTimeout: 30_000 });
  const post = (endpoint: 'maskinporten' | 'exchange', url: string, form: Record<string, string>) =>
    postForm({
      endpoint,
      url,
      form,
      dispatcher,
      retry: options.retry ?? DEFAULT_TOKEN_RETRY,
      headersTimeoutMs: options.timeouts?.headersMs ?? 10_000,
      bodyTimeoutMs: options.timeouts?.bodyMs ?? 10_000,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    });

  async function maskinportenToken(scope: string): Promise<string> {
    const assertion = await signer.sign(scope, clock());
    const res = await post('maskinporten', options.maskinportenTokenUrl, {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion,
    });
    if (res.status !== 200) {
      const err = oauthErrorSchema.safeParse(res.json);
      throw new MaskinportenError(
        res.status,
        err.success ? err.data.error : `http_${res.status}`,
        err.success ? (err.data.error_description ?? '') : 'no error body',
      );
    }
    const parsed = maskinportenTokenSchema.safeParse(res.json);
    if (!parsed.success) throw new TokenResponseInvalid('maskinporten', formatIssues(parsed.error));
    return parsed.data.access_token;
  }

  async function exchange(subjectToken: string): Promise<{ token: string; expiresIn: number }> {
    const res = await post('exchange', options.exchangeUrl, {
      grant_type: 'token-exchange',
      subject_token_type: 'access_token',
      subject_token: subjectToken,
    });
    if (res.status !== 200) {
      const err = oauthErrorSchema.safeParse(res.json);
      throw new TokenExchangeError(res.status, err.data?.error, err.data?.error_description);
    }
    const parsed = exchangeTokenSchema.safeParse(res.json);
    if (!parsed.success) throw new TokenResponseInvalid('exchange', formatIssues(parsed.error));
    return { token: parsed.data.access_token, expiresIn: parsed.data.expires_in };
  }

  const tell = refreshReporter(options.observer, clock);
  const cache = new Map<string, Cached>();
  const inFlight = new Map<string, Promise<string>>();

  async function refresh(scope: string): Promise<string> {
    const started = clock();
    const { token, expiresIn } = await exchange(await maskinportenToken(scope));
    const refreshAtMs = started + (expiresIn - refreshMargin(expiresIn)) * 1000;
    cache.set(scope, { token, refreshAtMs, expiresAtMs: started + expiresIn * 1000 });
    log.info({ scope, expiresIn }, 'Customs token obtained');
    return token;
  }

  return {
    getToken(scope) {
      const cached = cache.get(scope);
      if (cached && clock() < cached.refreshAtMs) return Promise.resolve(cached.token);
      let pending = inFlight.get(scope);
      if (!pending) {
        const started = clock();
        pending = refresh(scope)
          .then((token) => {
            tell(scope, 'success', started);
            return token;
          })
          .catch((error: unknown) => {
            // An early refresh failed, but the cached token is still accepted: keep working
            // with it and try again on the next call instead of failing calls that could succeed.
            const stillValid = cache.get(scope);
            if (stillValid && clock() < stillValid.expiresAtMs - FALLBACK_SAFETY_MS) {
              log.warn(
                { scope, error: (error as { code?: string }).code },
                'token refresh failed; using the cached token',
              );
              tell(scope, 'fallback', started, error);
              return stillValid.token;
            }
            tell(scope, 'failure', started, error);
            throw error;
          })
          .finally(() => inFlight.delete(scope));
        inFlight.set(scope, pending);
      }
      return pending;
    },
    invalidate(scope, rejected) {
      const cached = cache.get(scope);
      if (cached && (rejected === undefined || cached.token === rejected)) {
        cache.delete(scope);
        log.info({ scope }, 'Customs token invalidated');
      }
    },
  };
}
