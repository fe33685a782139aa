// The emulator's Maskinporten: verifies a JWT grant as strictly as the real service (DOMAIN.md
// section 4) and answers failures with `{error, error_description}` carrying the MP code and a
// trace id.
import { X509Certificate, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { compactVerify, decodeJwt, decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import { z } from 'zod';
import { type EmulatorContext, issuerOf } from './context';
import { ALL_SCOPES } from './scopes';
import type { RegisteredClient } from './types';

export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ALGORITHMS = ['RS256', 'RS384', 'RS512'];
const MAX_LIFETIME_SECONDS = 120;
const MAX_SKEW_SECONDS = 10;

export class GrantRefused extends Error {
  override readonly name = 'GrantRefused';
  constructor(
    readonly code: 'MP-100' | 'MP-110' | 'MP-120' | 'MP-012' | 'MP-130' | 'MP-200' | 'MP-250',
    readonly error: 'invalid_grant' | 'invalid_client' | 'invalid_scope',
    message: string,
  ) {
    super(message);
  }

  toBody(): { error: string; error_description: string } {
    const traceId = randomBytes(16).toString('hex');
    return { error: this.error, error_description: `${this.code}: ${this.message} (trace id: ${traceId})` };
  }
}

/** Exactly these claims; anything else is refused (the real service rejects unknown claims). */
const claimsSchema = z.strictObject({
  aud: z.string(),
  iss: z.string(),
  scope: z.string().min(1),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string().min(1),
});

function unverifiedClaims(assertion: string): Record<string, unknown> {
  try {
    return decodeJwt(assertion);
  } catch {
    throw new GrantRefused('MP-100', 'invalid_grant', 'Invalid assertion: not a signed JWT');
  }
}

function header(assertion: string): ProtectedHeaderParameters {
  try {
    return decodeProtectedHeader(assertion);
  } catch {
    throw new GrantRefused('MP-100', 'invalid_grant', 'Invalid assertion: not a signed JWT');
  }
}

/** The key the grant must be signed with: the registered certificate (x5c) or key (kid). */
function verificationKey(client: RegisteredClient, head: ProtectedHeaderParameters, now: number): KeyObject {
  if ((head.x5c === undefined) === (head.kid === undefined)) {
    throw new GrantRefused(
      'MP-100',
      'invalid_grant',
      'Invalid assertion: exactly one of x5c or kid is required',
    );
  }
  if (head.kid !== undefined) {
    const key = client.keys?.find((k) => k.kid === head.kid);
    if (!key)
      throw new GrantRefused('MP-120', 'invalid_grant', `Key ${head.kid} is not registered on the client`);
    return createPublicKey(key.publicKeyPem);
  }
  let presented: X509Certificate;
  try {
    presented = new X509Certificate(Buffer.from(head.x5c?.[0] ?? '', 'base64'));
  } catch {
    throw new GrantRefused('MP-120', 'invalid_grant', 'Invalid certificate in x5c');
  }
  const registered = client.certificatePem ? new X509Certificate(client.certificatePem) : undefined;
  if (!registered || registered.fingerprint256 !== presented.fingerprint256) {
    throw new GrantRefused('MP-120', 'invalid_grant', 'Certificate is not the one registered for the client');
  }
  if (Date.parse(presented.validTo) < now || Date.parse(presented.validFrom) > now) {
    throw new GrantRefused('MP-120', 'invalid_grant', 'Certificate is not valid at this time');
  }
  return presented.publicKey;
}

function checkClaims(ctx: EmulatorContext, client: RegisteredClient, raw: Record<string, unknown>) {
  const parsed = claimsSchema.safeParse(raw);
  if (!parsed.success) {
    const unknown = Object.keys(raw).filter((k) => !(k in claimsSchema.shape));
    const detail =
      unknown.length > 0 ? `unknown claim(s) ${unknown.join(', ')}` : 'missing or malformed claims';
    throw new GrantRefused('MP-100', 'invalid_grant', `Invalid assertion: ${detail}`);
  }
  const claims = parsed.data;
  if (claims.aud !== issuerOf(ctx)) {
    throw new GrantRefused('MP-110', 'invalid_grant', `Invalid audience; expected ${issuerOf(ctx)}`);
  }
  const now = Math.floor(ctx.now() / 1000);
  // A grant that ends before (or when) it starts is a time error: MP-130, like expired and skew.
  if (claims.exp <= claims.iat) {
    throw new GrantRefused('MP-130', 'invalid_grant', 'exp must be after iat');
  }
  if (claims.exp - claims.iat > MAX_LIFETIME_SECONDS) {
    throw new GrantRefused(
      'MP-130',
      'invalid_grant',
      `exp may be at most ${MAX_LIFETIME_SECONDS} s after iat`,
    );
  }
  if (Math.abs(now - claims.iat) > MAX_SKEW_SECONDS || claims.exp <= now) {
    throw new GrantRefused(
      'MP-130',
      'invalid_grant',
      'Assertion expired or iat outside the allowed clock skew',
    );
  }
  if (ctx.tokens.isSpent(client.clientId, claims.jti)) {
    throw new GrantRefused('MP-012', 'invalid_grant', 'The grant (jti) has already been used');
  }
  const scopes = claims.scope.split(/\s+/).filter(Boolean);
  // No scope at all is a malformed grant, answered as the empty scope claim is (MP-100); the
  // scope codes (MP-200, MP-250) name a scope that is not granted, and there is none to name.
  if (scopes.length === 0) {
    throw new GrantRefused('MP-100', 'invalid_grant', 'Invalid assertion: scope is empty');
  }
  for (const scope of scopes) {
    if (!ALL_SCOPES.includes(scope)) {
      throw new GrantRefused('MP-250', 'invalid_scope', `Scope ${scope} is not granted to the organisation`);
    }
    if (!client.scopes.includes(scope)) {
      throw new GrantRefused('MP-200', 'invalid_scope', `Scope ${scope} is not registered for the client`);
    }
  }
  return { jti: claims.jti, scopes };
}

/** Verifies a grant; returns the client and scopes, or throws GrantRefused. Spends the jti. */
export async function verifyGrant(ctx: EmulatorContext, assertion: string) {
  const head = header(assertion);
  if (typeof head.alg !== 'string' || !ALGORITHMS.includes(head.alg)) {
    throw new GrantRefused(
      'MP-100',
      'invalid_grant',
      `Invalid assertion: alg must be one of ${ALGORITHMS.join(', ')}`,
    );
  }
  const raw = unverifiedClaims(assertion);
  const client = typeof raw.iss === 'string' ? ctx.clients.get(raw.iss) : undefined;
  if (!client) throw new GrantRefused('MP-100', 'invalid_client', 'Client not found');
  const key = verificationKey(client, head, ctx.now());
  try {
    await compactVerify(assertion, key, { algorithms: ALGORITHMS });
  } catch {
    throw new GrantRefused('MP-120', 'invalid_grant', 'Invalid signature on the assertion');
  }
  const { jti, scopes } = checkClaims(ctx, client, raw);
  ctx.tokens.spend(client.clientId, jti);
  return { clientId: client.clientId, scopes };
}

export function metadata(ctx: EmulatorContext): Record<string, unknown> {
  return {
    issuer: issuerOf(ctx),
    token_endpoint: `${ctx.baseUrl}/token`,
    grant_types_supported: [JWT_BEARER],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ALGORITHMS,
    scopes_supported: ALL_SCOPES,
  };
}
