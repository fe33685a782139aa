import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, importX509, jwtVerify } from 'jose';
import { AuthConfigError, createGrantSigner, generateDevCredentials, pemChainToX5c } from '../../../src/auth';
import { devCredentials } from '../digitoll/support';

const FROZEN_MS = 1_736_930_000_123; // a fixed instant; iat drops the milliseconds
const FROZEN_S = 1_736_930_000;
const JTI = '5b0d3c8e-0c4c-4a71-9a4b-2f4a8a0f6c11';
const ISSUER = 'https://test.maskinporten.no/';

const base = () => ({
  clientId: 'client-123',
  privateKeyPem: devCredentials().privateKeyPem,
  issuer: ISSUER,
  newJti: () => JTI,
});

describe('Maskinporten grant', () => {
  it('given a certificate chain, when signed at a frozen time, then header is exactly {alg, x5c} and claims exactly aud/iss/scope/iat/exp/jti', async () => {
    const signer = await createGrantSigner({
      ...base(),
      certificateChainPem: devCredentials().certificatePem,
    });
    const grant = await signer.sign('toll:movement/road/v2', FROZEN_MS);

    const certDer = new X509Certificate(devCredentials().certificatePem).raw.toString('base64');
    expect(decodeProtectedHeader(grant)).toStrictEqual({ alg: 'RS256', x5c: [certDer] });
    expect(decodeJwt(grant)).toStrictEqual({
      aud: ISSUER,
      iss: 'client-123',
      scope: 'toll:movement/road/v2',
      iat: FROZEN_S,
      exp: FROZEN_S + 120,
      jti: JTI,
    });
    const key = await importX509(devCredentials().certificatePem, 'RS256');
    await expect(jwtVerify(grant, key, { currentDate: new Date(FROZEN_MS) })).resolves.toBeDefined();
  });

  it('given a kid and RS512, when signed, then header is exactly {alg: RS512, kid} and the claims are the same six', async () => {
    const signer = await createGrantSigner({
      ...base(),
      kid: 'key-2025',
      alg: 'RS512',
      issuer: 'https://maskinporten.no',
    });
    const grant = await signer.sign('toll:movement/entry', FROZEN_MS);

    expect(decodeProtectedHeader(grant)).toStrictEqual({ alg: 'RS512', kid: 'key-2025' });
    expect(decodeJwt(grant)).toStrictEqual({
      aud: 'https://maskinporten.no/',
      iss: 'client-123',
      scope: 'toll:movement/entry',
      iat: FROZEN_S,
      exp: FROZEN_S + 120,
      jti: JTI,
    });
  });

  it('given the default jti source, when signing twice, then each grant has a fresh UUID', async () => {
    const signer = await createGrantSigner({ ...base(), newJti: undefined, kid: 'k' });
    const [a, b] = [
      decodeJwt(await signer.sign('s', FROZEN_MS)),
      decodeJwt(await signer.sign('s', FROZEN_MS)),
    ];
    expect(a.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.jti).not.toBe(b.jti);
  });

  it('given a chain of two certificates, then x5c keeps file order, leaf first', () => {
    const other = generateDevCredentials({ commonName: 'intermediate' }).certificatePem;
    const x5c = pemChainToX5c(devCredentials().certificatePem + other);
    expect(x5c).toHaveLength(2);
    expect(new X509Certificate(Buffer.from(x5c[0]!, 'base64')).subject).toBe('CN=unit test');
    expect(new X509Certificate(Buffer.from(x5c[1]!, 'base64')).subject).toBe('CN=intermediate');
  });

  it.each([
    ['both x5c and kid', { kid: 'k', certificateChainPem: devCredentials().certificatePem }],
    ['neither x5c nor kid', {}],
    ['an algorithm other than RS256/384/512', { kid: 'k', alg: 'ES256' as never }],
    ['a certificate of another key', { certificateChainPem: generateDevCredentials().certificatePem }],
    [
      'a PKCS#1 key',
      {
        kid: 'k',
        privateKeyPem: generateKeyPairSync('rsa', {
          modulusLength: 2048,
          privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
          publicKeyEncoding: { type: 'spki', format: 'pem' },
        }).privateKey,
      },
    ],
  ])('given %s, then configuration is refused with AuthConfigError', async (_label, extra) => {
    await expect(createGrantSigner({ ...base(), ...extra })).rejects.toBeInstanceOf(AuthConfigError);
  });

  it('given a PKCS#1 key, then the error names what it found and how to convert it', async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    await expect(createGrantSigner({ ...base(), kid: 'k', privateKeyPem: privateKey })).rejects.toThrow(
      /found "RSA PRIVATE KEY"[\s\S]*openssl pkcs8 -topk8/,
    );
  });
});

test.each([
  ['00 10', Buffer.from([0x00, 0x10, 1, 2, 3, 4, 5, 6])],
  ['ff 00', Buffer.from([0xff, 0x00, 1, 2, 3, 4, 5, 6])],
  ['7f ff', Buffer.from([0x7f, 0xff, 1, 2, 3, 4, 5, 6])],
])(
  'given a development certificate whose random serial starts %s, then the chain is readable (shortest DER INTEGER)',
  (_bytes, serial) => {
    const { certificatePem } = generateDevCredentials({ serial });
    expect(pemChainToX5c(certificatePem)).toHaveLength(1);
  },
);
