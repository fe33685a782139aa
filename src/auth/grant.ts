// The Maskinporten JWT grant (DOMAIN.md section 4.1): header alg + exactly one of x5c or kid,
// claims exactly aud/iss/scope/iat/exp/jti. Keys are PKCS#8 PEM.
import { X509Certificate, createPrivateKey, randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { AuthConfigError } from './errors';

export const GRANT_ALGORITHMS = ['RS256', 'RS384', 'RS512'] as const;
export type GrantAlgorithm = (typeof GRANT_ALGORITHMS)[number];

/** Maskinporten rejects grants living longer than this. */
export const MAX_GRANT_LIFETIME_SECONDS = 120;

export type GrantIdentity = { x5c: string[]; kid?: undefined } | { kid: string; x5c?: undefined };

export interface GrantSigner {
  /** Signs a fresh grant for one scope; `nowMs` is the clock used for iat/exp. */
  sign(scope: string, nowMs: number): Promise<string>;
}

export interface GrantSignerOptions {
  clientId: string;
  /** PKCS#8 PEM private key. */
  privateKeyPem: string;
  /** PEM certificate chain, leaf first (becomes x5c). Exactly one of this and kid. */
  certificateChainPem?: string;
  kid?: string;
  alg?: GrantAlgorithm;
  /** Maskinporten issuer, e.g. https://test.maskinporten.no/ (used as aud, trailing slash kept). */
  issuer: string;
  lifetimeSeconds?: number;
  /** Source of jti values (tests may fix it). */
  newJti?: () => string;
}

/** The certificates of a PEM chain as base64 DER strings, in file order (leaf first). */
export function pemChainToX5c(pem: string): string[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new AuthConfigError('The certificate chain contains no PEM certificate');
  return blocks.map((block) => {
    const der = block.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
    try {
      new X509Certificate(Buffer.from(der, 'base64'));
    } catch {
      throw new AuthConfigError('The certificate chain contains an unreadable certificate');
    }
    return der;
  });
}

/** The issuer as Maskinporten wants it in aud: with its trailing slash. */
export function audienceOf(issuer: string): string {
  return issuer.endsWith('/') ? issuer : `${issuer}/`;
}

function identityOf(options: GrantSignerOptions): GrantIdentity {
  const hasChain = options.certificateChainPem !== undefined && options.certificateChainPem !== '';
  const hasKid = options.kid !== undefined && options.kid !== '';
  if (hasChain === hasKid)
    throw new AuthConfigError('Exactly one of a certificate chain (x5c) or a kid is required');
  if (hasKid) return { kid: options.kid! };
  const x5c = pemChainToX5c(options.certificateChainPem!);
  const leaf = new X509Certificate(Buffer.from(x5c[0]!, 'base64'));
  // A mismatched pair is rejected by Maskinporten as MP-120; catching it here names the files instead.
  if (!leaf.checkPrivateKey(createPrivateKey(options.privateKeyPem))) {
    throw new AuthConfigError('The first certificate of the chain does not belong to the private key');
  }
  return { x5c };
}

/** The PEM label of an unencrypted PKCS#8 private key. */
const PKCS8_PEM_LABEL = 'PRIVATE KEY';

export async function createGrantSigner(options: GrantSignerOptions): Promise<GrantSigner> {
  const alg = options.alg ?? 'RS256';
  if (!(GRANT_ALGORITHMS as readonly string[]).includes(alg)) {
    throw new AuthConfigError(`Unsupported grant algorithm; use one of ${GRANT_ALGORITHMS.join(', ')}`);
  }
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(options.privateKeyPem)?.[1];
  if (label !== PKCS8_PEM_LABEL) {
    throw new AuthConfigError(
      `The private key must be a PKCS#8 PEM ("${PKCS8_PEM_LABEL}"); found ${label ? `"${label}"` : 'no PEM block'}. ` +
        'Convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pkcs8.pem',
    );
  }
  const lifetime = Math.min(
    options.lifetimeSeconds ?? MAX_GRANT_LIFETIME_SECONDS,
    MAX_GRANT_LIFETIME_SECONDS,
  );
  const identity = identityOf(options);
  const key = await importPKCS8(options.privateKeyPem, alg).catch(() => {
    throw new AuthConfigError(`The private key cannot be used for ${alg}`);
  });
  const header = identity.kid !== undefined ? { alg, kid: identity.kid } : { alg, x5c: identity.x5c };
  const aud = audienceOf(options.issuer);
  const newJti = options.newJti ?? randomUUID;

  return {
    sign(scope, nowMs) {
      const iat = Math.floor(nowMs / 1000);
      return new SignJWT({ scope })
        .setProtectedHeader(header)
        .setAudience(aud)
        .setIssuer(options.clientId)
        .setIssuedAt(iat)
        .setExpirationTime(iat + lifetime)
        .setJti(newJti())
        .sign(key);
    },
  };
}
