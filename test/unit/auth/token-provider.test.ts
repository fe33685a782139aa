import {
  MaskinportenError,
  TokenEndpointUnavailable,
  TokenExchangeError,
  maskinportenHint,
  refreshMarginSeconds,
} from '../../../src/auth';
import { FakeCustoms, SecretWatch } from '../digitoll/support';

const SCOPE = 'toll:movement/road/v2';
const watch = new SecretWatch();
let fake: FakeCustoms;
let now: number;
const clock = () => now;

beforeEach(() => {
  fake = new FakeCustoms(watch);
  now = Date.parse('2025-01-15T08:00:00Z');
});
afterEach(() => fake.close());

describe('token provider', () => {
  it('given 50 concurrent callers, then exactly one Maskinporten request and one exchange serve them all', async () => {
    const tokens = await fake.provider({ clock });
    const results = await Promise.all(Array.from({ length: 50 }, () => tokens.getToken(SCOPE)));
    expect(fake.counts).toEqual({ maskinporten: 1, exchange: 1 });
    expect(new Set(results)).toEqual(new Set([fake.customsTokens[0]]));
  });

  it.each([
    // [expires_in, seconds the token is used: expires_in - min(60 s, 25 %)]
    [90, 67.5],
    [120, 90],
    [970, 910],
    [3599, 3539],
  ])(
    'given a token with expires_in %i s, when %d s have passed, then it is refreshed, and not a millisecond earlier',
    async (expiresIn, usedFor) => {
      fake.expiresIn = expiresIn;
      const tokens = await fake.provider({ clock });
      const first = await tokens.getToken(SCOPE);
      now += usedFor * 1000 - 1;
      expect(await tokens.getToken(SCOPE)).toBe(first);
      expect(fake.counts).toEqual({ maskinporten: 1, exchange: 1 });
      now += 1;
      const second = await tokens.getToken(SCOPE);
      expect(second).not.toBe(first);
      expect(fake.counts).toEqual({ maskinporten: 2, exchange: 2 });
    },
  );

  it('given a refreshMargin option, when the token nears expiry, then that margin decides instead of the default', async () => {
    fake.expiresIn = 90;
    const tokens = await fake.provider({ clock, refreshMargin: (expiresIn) => expiresIn / 2 });
    const first = await tokens.getToken(SCOPE);
    now += 44_999;
    expect(await tokens.getToken(SCOPE)).toBe(first);
    now += 1;
    expect(await tokens.getToken(SCOPE)).not.toBe(first);
    expect(fake.counts.exchange).toBe(2);
  });

  it('given a refresh inside the margin fails, when the cached token is still valid, then calls keep using it and the next call retries', async () => {
    fake.expiresIn = 970; // refreshed from 910 s on
    const tokens = await fake.provider({ clock, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
    const first = await tokens.getToken(SCOPE);
    now += 930 * 1000; // inside the margin, 40 s before expiry
    fake.maskinportenReplies.push({ statusCode: 503, data: { error: 'temporarily_unavailable' } });
    expect(await tokens.getToken(SCOPE)).toBe(first);
    const second = await tokens.getToken(SCOPE);
    expect(second).not.toBe(first);
    expect(fake.counts).toEqual({ maskinporten: 3, exchange: 2 });
  });

  it('given a refresh fails, when the cached token has (nearly) expired, then the error reaches the caller', async () => {
    fake.expiresIn = 970;
    const tokens = await fake.provider({ clock, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
    await tokens.getToken(SCOPE);
    now += 965 * 1000; // 5 s before expiry: too close to hand out
    fake.maskinportenReplies.push({ statusCode: 503, data: { error: 'temporarily_unavailable' } });
    await expect(tokens.getToken(SCOPE)).rejects.toBeInstanceOf(TokenEndpointUnavailable);
  });

  it('caches per scope', async () => {
    const tokens = await fake.provider({ clock });
    await Promise.all([
      tokens.getToken(SCOPE),
      tokens.getToken('toll:movement/entry'),
      tokens.getToken(SCOPE),
    ]);
    expect(fake.counts).toEqual({ maskinporten: 2, exchange: 2 });
  });

  it('invalidate(scope, rejected) forgets only the token that was rejected', async () => {
    const tokens = await fake.provider({ clock });
    const first = await tokens.getToken(SCOPE);
    tokens.invalidate(SCOPE, 'some-older-token');
    expect(await tokens.getToken(SCOPE)).toBe(first);
    tokens.invalidate(SCOPE, first);
    expect(await tokens.getToken(SCOPE)).not.toBe(first);
    expect(fake.counts.exchange).toBe(2);
  });

  it.each([
    [90, 22.5],
    [100, 25],
    [120, 30],
    [240, 60],
    [970, 60],
    [3599, 60],
  ])('given expires_in %i s, then the refresh margin is min(60 s, 25 %%) = %d s', (expiresIn, margin) => {
    expect(refreshMarginSeconds(expiresIn)).toBe(margin);
  });
});

describe('token endpoint errors', () => {
  it('given MP-130 with a trace id, then MaskinportenError carries error, code, trace id and a clock hint, without retrying', async () => {
    fake.maskinportenReplies.push({
      statusCode: 400,
      data: {
        error: 'invalid_grant',
        error_description:
          'Invalid assertion. Issue time (iat) is too far from server time. (MP-130) [trace_id: 7f3a9c2e1b44]',
      },
    });
    const tokens = await fake.provider({ clock });
    const error = await watch.rejection(tokens.getToken(SCOPE));
    expect(error).toBeInstanceOf(MaskinportenError);
    expect(error).toMatchObject({
      code: 'MASKINPORTEN_ERROR',
      error: 'invalid_grant',
      mpCode: 'MP-130',
      traceId: '7f3a9c2e1b44',
    });
    expect((error as MaskinportenError).hint).toMatch(/clock/i);
    expect(fake.counts).toEqual({ maskinporten: 1, exchange: 0 });
  });

  it.each([
    ['MP-110', /environment/],
    ['MP-120', /certificate/],
    ['MP-200', /scope/i],
    ['MP-250', /scope/i],
    ['MP-012', /jti/],
    ['MP-999', undefined],
  ])('hint for %s', (code, expected) => {
    const hint = maskinportenHint(code, 'whatever');
    if (expected) expect(hint).toMatch(expected);
    else expect(hint).toBeUndefined();
  });

  it('given a 503 then a 200 from Maskinporten, then the request is retried once and succeeds', async () => {
    fake.maskinportenReplies.push({ statusCode: 503, data: 'busy' });
    const delays: number[] = [];
    const tokens = await fake.provider({ clock, sleep: async (ms) => void delays.push(ms) });
    const token = await tokens.getToken(SCOPE);
    expect(token).toBe(fake.customsTokens[0]);
    expect(fake.counts).toEqual({ maskinporten: 2, exchange: 1 });
    expect(delays).toEqual([250]);
  });

  it('given persistent 429s, then it gives up after the bounded attempts with TokenEndpointUnavailable', async () => {
    fake.maskinportenReplies.push(...Array.from({ length: 3 }, () => ({ statusCode: 429, data: '' })));
    const tokens = await fake.provider({ clock });
    const error = await watch.rejection(tokens.getToken(SCOPE));
    expect(error).toMatchObject({
      name: 'TokenEndpointUnavailable',
      code: 'TOKEN_ENDPOINT_UNAVAILABLE',
      status: 429,
    });
    expect(error).toBeInstanceOf(TokenEndpointUnavailable);
    expect(fake.counts.maskinporten).toBe(3);
  });

  it('given the exchange refuses with 401, then TokenExchangeError without retry, and the next call tries again', async () => {
    fake.exchangeReplies.push({
      statusCode: 401,
      data: { error: 'invalid_token', error_description: 'subject token rejected' },
    });
    const tokens = await fake.provider({ clock });
    const error = await watch.rejection(tokens.getToken(SCOPE));
    expect(error).toBeInstanceOf(TokenExchangeError);
    expect(error).toMatchObject({ code: 'TOKEN_EXCHANGE_FAILED', status: 401, error: 'invalid_token' });
    expect(fake.counts.exchange).toBe(1);
    const token = await tokens.getToken(SCOPE);
    expect(token).toBe(fake.customsTokens[0]);
    expect(fake.counts.exchange).toBe(2);
  });

  it('given a token response without access_token, then TokenResponseInvalid names the field', async () => {
    fake.exchangeReplies.push({ statusCode: 200, data: { token_type: 'Bearer', expires_in: 970 } });
    const tokens = await fake.provider({ clock });
    const error = await watch.rejection(tokens.getToken(SCOPE));
    expect(error).toMatchObject({
      code: 'TOKEN_RESPONSE_INVALID',
      issues: [expect.objectContaining({ path: 'access_token' })],
    });
  });
});

describe('tolerant token readers', () => {
  it('given null token_type, issued_token_type and scope, unknown fields and expires_in "970", then the token is used for 910 s', async () => {
    fake.maskinportenReplies.push({
      statusCode: 200,
      data: { access_token: 'mp-token-scripted', token_type: null, scope: null, expires_in: '120', extra: 1 },
    });
    fake.exchangeReplies.push({
      statusCode: 200,
      data: {
        access_token: 'customs-scripted',
        issued_token_type: null,
        token_type: null,
        expires_in: '970',
        future: { nested: true },
      },
    });
    const tokens = await fake.provider({ clock });
    expect(await tokens.getToken(SCOPE)).toBe('customs-scripted');
    now += 909_999;
    expect(await tokens.getToken(SCOPE)).toBe('customs-scripted');
    now += 1;
    expect(await tokens.getToken(SCOPE)).not.toBe('customs-scripted');
    expect(fake.counts).toEqual({ maskinporten: 2, exchange: 2 });
  });

  it.each([0, -5, '0', '-5', 'abc', '', null])(
    'given the exchange answers expires_in %p, then TokenResponseInvalid names expires_in and nothing is cached',
    async (expiresIn) => {
      fake.exchangeReplies.push({
        statusCode: 200,
        data: { access_token: 'customs-scripted', token_type: 'Bearer', expires_in: expiresIn },
      });
      const tokens = await fake.provider({ clock });
      const error = await watch.rejection(tokens.getToken(SCOPE));
      expect(error).toMatchObject({
        code: 'TOKEN_RESPONSE_INVALID',
        endpoint: 'exchange',
        issues: [expect.objectContaining({ path: 'expires_in' })],
      });
      expect(await tokens.getToken(SCOPE)).toBe(fake.customsTokens[0]);
    },
  );

  it('given Maskinporten answers expires_in "-1", then TokenResponseInvalid from maskinporten and no exchange', async () => {
    fake.maskinportenReplies.push({
      statusCode: 200,
      data: { access_token: 'mp-token-scripted', token_type: 'Bearer', expires_in: '-1' },
    });
    const tokens = await fake.provider({ clock });
    const error = await watch.rejection(tokens.getToken(SCOPE));
    expect(error).toMatchObject({ code: 'TOKEN_RESPONSE_INVALID', endpoint: 'maskinporten' });
    expect(fake.counts).toEqual({ maskinporten: 1, exchange: 0 });
  });
});

describe('secrets', () => {
  it('no token or grant appears in any log line or error message produced above', () => {
    expect(watch.secrets.size).toBeGreaterThan(10);
    expect(watch.texts.length).toBeGreaterThan(5);
    expect(watch.leaks()).toEqual([]);
  });
});
