// Fakes for the token endpoints and the Digitoll API on an undici MockAgent (no network), plus a
// watch that collects every log line and error so tests can prove no secret leaks into them.
import { MockAgent } from 'undici';
import {
  createTokenProvider,
  generateDevCredentials,
  type DevCredentials,
  type Logger,
  type TokenProvider,
  type TokenProviderOptions,
} from '../../../src/auth';

export const MP_ORIGIN = 'https://maskinporten.test';
export const MP_ISSUER = `${MP_ORIGIN}/`;
export const EXCHANGE_ORIGIN = 'https://exchange.test';
export const API_ORIGIN = 'https://api.test';

let credentials: DevCredentials | undefined;
export function devCredentials(): DevCredentials {
  credentials ??= generateDevCredentials({ commonName: 'unit test' });
  return credentials;
}

/** Collects log lines and errors; `leaks()` lists the secrets found in them. */
export class SecretWatch {
  readonly secrets = new Set<string>();
  readonly texts: string[] = [];
  readonly logger: Logger = {
    info: (obj, msg) => this.texts.push(JSON.stringify({ ...obj, msg })),
    warn: (obj, msg) => this.texts.push(JSON.stringify({ ...obj, msg })),
    debug: (obj, msg) => this.texts.push(JSON.stringify({ ...obj, msg })),
  };

  recordError(error: unknown): void {
    for (let e: unknown = error; e instanceof Error; e = e.cause) {
      this.texts.push(`${e.name} ${e.message} ${e.stack ?? ''} ${JSON.stringify(e)}`);
    }
  }

  /** Awaits `promise`, expecting it to reject, and records the error. */
  async rejection(promise: Promise<unknown>): Promise<Error> {
    try {
      await promise;
    } catch (error) {
      this.recordError(error);
      return error as Error;
    }
    throw new Error('expected a rejection');
  }

  leaks(): string[] {
    return [...this.secrets].filter((secret) => this.texts.some((text) => text.includes(secret)));
  }
}

type Reply = {
  statusCode: number;
  data?: string | object;
  responseOptions?: { headers?: Record<string, string> };
};
export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function headersOf(h: unknown): Record<string, string> {
  if (h instanceof Headers) return Object.fromEntries(h.entries());
  return Object.fromEntries(
    Object.entries((h ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
  );
}

/** Token endpoints and a scriptable Digitoll API on one MockAgent. */
export class FakeCustoms {
  readonly agent = new MockAgent();
  readonly counts = { maskinporten: 0, exchange: 0 };
  readonly grants: string[] = [];
  readonly customsTokens: string[] = [];
  expiresIn = 970;
  /** Replaces the next Maskinporten answers (shifted per request). */
  readonly maskinportenReplies: Reply[] = [];
  readonly exchangeReplies: Reply[] = [];
  /** Digitoll answers, shifted per request; when empty `apiDefault` answers. */
  readonly apiReplies: Reply[] = [];
  apiDefault: (req: SeenRequest) => Reply = () => ({ statusCode: 200, data: {} });
  readonly apiSeen: SeenRequest[] = [];

  constructor(private readonly watch: SecretWatch) {
    this.agent.disableNetConnect();
    const any = { path: () => true, method: () => true };
    this.agent
      .get(MP_ORIGIN)
      .intercept({ ...any, path: '/token', method: 'POST' })
      .reply((o) => this.maskinporten(o.body))
      .persist();
    this.agent
      .get(EXCHANGE_ORIGIN)
      .intercept({ ...any, path: '/api/access/external/oauth/token', method: 'POST' })
      .reply((o) => this.exchange(o.body))
      .persist();
    this.agent
      .get(API_ORIGIN)
      .intercept(any)
      .reply((o) => {
        const seen = {
          method: o.method,
          path: o.path,
          headers: headersOf(o.headers),
          body: o.body as string | undefined,
        };
        this.apiSeen.push(seen);
        return this.apiReplies.shift() ?? this.apiDefault(seen);
      })
      .persist();
  }

  private maskinporten(body: unknown): Reply {
    this.counts.maskinporten++;
    const form = new URLSearchParams(String(body));
    const grant = form.get('assertion') ?? '';
    this.grants.push(grant);
    this.watch.secrets.add(grant);
    const scripted = this.maskinportenReplies.shift();
    if (scripted) return scripted;
    const token = `mp-token-${this.counts.maskinporten}-${Math.random().toString(36).slice(2)}`;
    this.watch.secrets.add(token);
    return {
      statusCode: 200,
      data: { access_token: token, token_type: 'Bearer', expires_in: 120, scope: 'x' },
    };
  }

  private exchange(body: unknown): Reply {
    this.counts.exchange++;
    const scripted = this.exchangeReplies.shift();
    if (scripted) return scripted;
    const form = new URLSearchParams(String(body));
    if (!form.get('subject_token')?.startsWith('mp-token-'))
      return { statusCode: 401, data: { error: 'invalid_token' } };
    const token = `customs-token-${this.counts.exchange}-${Math.random().toString(36).slice(2)}`;
    this.customsTokens.push(token);
    this.watch.secrets.add(token);
    return {
      statusCode: 200,
      data: {
        access_token: token,
        issued_token_type: 'access_token',
        token_type: 'Bearer',
        expires_in: this.expiresIn,
      },
    };
  }

  provider(overrides: Partial<TokenProviderOptions> = {}): Promise<TokenProvider> {
    return createTokenProvider({
      clientId: 'test-client',
      privateKeyPem: devCredentials().privateKeyPem,
      certificateChainPem: devCredentials().certificatePem,
      maskinportenIssuer: MP_ISSUER,
      maskinportenTokenUrl: `${MP_ORIGIN}/token`,
      exchangeUrl: `${EXCHANGE_ORIGIN}/api/access/external/oauth/token`,
      dispatcher: this.agent,
      logger: this.watch.logger,
      sleep: () => Promise.resolve(),
      ...overrides,
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
