// Maskinporten and the Customs token exchange: strict grant checks with the documented MP codes,
// and the 401/403 answers of the Digitoll endpoints.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { request } from 'undici';
import {
  certificateToX5c,
  generateDevClient,
  startEmulator,
  type RunningEmulator,
  TOKEN_ROUTES,
} from '../../../src/emulator';

let emulator: RunningEmulator;
beforeAll(async () => {
  const dev = generateDevClient();
  // A second client with the same certificate but only the road scope registered.
  const roadOnly = {
    clientId: 'road-only',
    certificatePem: dev.certificatePem,
    scopes: ['toll:movement/road/v2'],
  };
  emulator = await startEmulator({ devCredentials: dev, clients: [roadOnly] });
});
afterAll(() => emulator.close());

interface GrantParts {
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  privateKeyPem?: string;
}

async function grant(parts: GrantParts = {}): Promise<string> {
  const dev = emulator.devCredentials;
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    aud: emulator.issuer,
    iss: dev.clientId,
    scope: 'toll:movement/road/v2',
    iat: now,
    exp: now + 120,
    jti: randomUUID(),
    ...parts.claims,
  };
  const header = { alg: 'RS256', x5c: [certificateToX5c(dev.certificatePem)], ...parts.header };
  const key = await importPKCS8(parts.privateKeyPem ?? dev.privateKeyPem, String(header.alg));
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(key);
}

async function postForm(path: string, form: Record<string, string>) {
  const response = await request(`${emulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
}

const tokenFor = (assertion: string) =>
  postForm(TOKEN_ROUTES.maskinportenToken, {
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    assertion,
  });

async function customsToken(scope = 'toll:movement/road/v2'): Promise<string> {
  const mp = await tokenFor(await grant({ claims: { scope } }));
  const exchanged = await postForm(TOKEN_ROUTES.customsExchange, {
    grant_type: 'token-exchange',
    subject_token_type: 'access_token',
    subject_token: String(mp.body.access_token),
  });
  return String(exchanged.body.access_token);
}

describe('Maskinporten', () => {
  it('given the metadata endpoint, when read, then the issuer is the emulator URL with a trailing slash', async () => {
    const response = await request(`${emulator.url}/.well-known/oauth-authorization-server`);
    const body = (await response.body.json()) as { issuer: string; token_endpoint: string };
    expect(body.issuer).toBe(`${emulator.url}/`);
    expect(body.token_endpoint).toBe(`${emulator.url}/token`);
  });

  it('given a valid x5c grant, when posted, then a bearer token with expires_in and scope', async () => {
    const { status, body } = await tokenFor(await grant());
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 120, scope: 'toll:movement/road/v2' });
  });

  it('given a valid kid grant, when posted, then a token', async () => {
    const { status } = await tokenFor(
      await grant({ header: { x5c: undefined, kid: emulator.devCredentials.kid } }),
    );
    expect(status).toBe(200);
  });

  const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const refusals: Array<[string, () => Promise<GrantParts>, string, string]> = [
    [
      'an extra claim',
      async () => ({ claims: { client_amr: 'virksomhetssertifikat' } }),
      'invalid_grant',
      'MP-100',
    ],
    [
      'a wrong aud (the token URL)',
      async () => ({ claims: { aud: `${emulator.url}/token` } }),
      'invalid_grant',
      'MP-110',
    ],
    [
      'exp - iat = 121',
      async () => ({ claims: { exp: Math.floor(Date.now() / 1000) + 121 } }),
      'invalid_grant',
      'MP-130',
    ],
    [
      'exp before iat (iat 5 s ahead, exp 3 s ahead)',
      async () => {
        const now = Math.floor(Date.now() / 1000);
        return { claims: { iat: now + 5, exp: now + 3 } };
      },
      'invalid_grant',
      'MP-130',
    ],
    [
      'exp equal to iat',
      async () => {
        const now = Math.floor(Date.now() / 1000);
        return { claims: { iat: now + 5, exp: now + 5 } };
      },
      'invalid_grant',
      'MP-130',
    ],
    ['a whitespace-only scope', async () => ({ claims: { scope: '  \t ' } }), 'invalid_grant', 'MP-100'],
    ['an empty scope', async () => ({ claims: { scope: '' } }), 'invalid_grant', 'MP-100'],
    [
      'iat 11 s in the future',
      async () => ({ claims: { iat: Math.floor(Date.now() / 1000) + 11 } }),
      'invalid_grant',
      'MP-130',
    ],
    ['a wrong signature', async () => ({ privateKeyPem: other }), 'invalid_grant', 'MP-120'],
    [
      'a scope not registered for the client',
      async () => ({ claims: { iss: 'road-only', scope: 'toll:movement/entry' } }),
      'invalid_scope',
      'MP-200',
    ],
    [
      'a scope that does not exist',
      async () => ({ claims: { scope: 'toll:movement/teleport' } }),
      'invalid_scope',
      'MP-250',
    ],
    [
      'a kid not registered on the client',
      async () => ({ header: { x5c: undefined, kid: 'unknown-kid' } }),
      'invalid_grant',
      'MP-120',
    ],
    ['an alg outside RS256/384/512', async () => ({ header: { alg: 'PS256' } }), 'invalid_grant', 'MP-100'],
    ['an unknown client', async () => ({ claims: { iss: 'nobody' } }), 'invalid_client', 'MP-100'],
    [
      'both x5c and kid',
      async () => ({ header: { kid: emulator.devCredentials.kid } }),
      'invalid_grant',
      'MP-100',
    ],
  ];

  it.each(refusals)(
    'given a grant with %s, when posted, then it is refused',
    async (_name, parts, error, code) => {
      const { status, body } = await tokenFor(await grant(await parts()));
      expect(status).toBe(400);
      expect(body.error).toBe(error);
      expect(body.error_description).toMatch(new RegExp(`^${code}: .+\\(trace id: [0-9a-f]{32}\\)$`));
    },
  );

  it('given a grant already used, when posted again, then MP-012', async () => {
    const assertion = await grant();
    expect((await tokenFor(assertion)).status).toBe(200);
    const { status, body } = await tokenFor(assertion);
    expect(status).toBe(400);
    expect(body.error_description).toMatch(/^MP-012: /);
  });
});

describe('Customs token exchange and Digitoll authorisation', () => {
  const testAuth = (token?: string) =>
    request(`${emulator.url}/api/movement/road/v2/test-auth`, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    }).then(async (r) => {
      await r.body.dump();
      return r.statusCode;
    });

  it('given a Maskinporten token, when exchanged, then the Customs token opens the endpoint of its scope', async () => {
    expect(await testAuth(await customsToken())).toBe(200);
  });

  it('given no token or an unknown one, when a Digitoll endpoint is called, then 401', async () => {
    expect(await testAuth()).toBe(401);
    expect(await testAuth('not-a-token')).toBe(401);
  });

  it('given a token of another scope, when a Digitoll endpoint is called, then 403', async () => {
    expect(await testAuth(await customsToken('toll:movement/air'))).toBe(403);
  });

  it('given an expired token, when a Digitoll endpoint is called, then 401', async () => {
    const token = await customsToken();
    emulator.context.tokens.expireAll();
    expect(await testAuth(token)).toBe(401);
  });

  it('given an unknown subject token, when exchanged, then 400 invalid_grant', async () => {
    const { status, body } = await postForm(TOKEN_ROUTES.customsExchange, {
      grant_type: 'token-exchange',
      subject_token_type: 'access_token',
      subject_token: 'forged',
    });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
  });
});
