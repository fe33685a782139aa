// Typed errors of the token flow. Messages never carry a token, a grant or a key: descriptions
// from the token endpoints are scrubbed of anything shaped like a JWT before they are kept.

export const AUTH_ERROR_CODES = [
  'AUTH_CONFIG_INVALID',
  'MASKINPORTEN_ERROR',
  'TOKEN_EXCHANGE_FAILED',
  'TOKEN_RESPONSE_INVALID',
  'TOKEN_ENDPOINT_UNAVAILABLE',
] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

const JWT_LIKE = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/** Replaces anything shaped like a JWT (grant or token) with a marker. */
export function redactSecrets(text: string): string {
  return text.replace(JWT_LIKE, '[redacted]');
}

export abstract class AuthError extends Error {
  abstract readonly code: AuthErrorCode;
  /** Whether trying again later can help (network, 5xx, 429); configuration errors cannot. */
  readonly transient: boolean = false;
}

export class AuthConfigError extends AuthError {
  override readonly name = 'AuthConfigError';
  readonly code = 'AUTH_CONFIG_INVALID';
}

export class TokenEndpointUnavailable extends AuthError {
  override readonly name = 'TokenEndpointUnavailable';
  readonly code = 'TOKEN_ENDPOINT_UNAVAILABLE';
  override readonly transient = true;
  constructor(
    readonly endpoint: 'maskinporten' | 'exchange',
    readonly status: number | undefined,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${endpoint} token endpoint unavailable: ${redactSecrets(detail)}`, options);
  }
}

export class TokenResponseInvalid extends AuthError {
  override readonly name = 'TokenResponseInvalid';
  readonly code = 'TOKEN_RESPONSE_INVALID';
  constructor(
    readonly endpoint: 'maskinporten' | 'exchange',
    readonly issues: ReadonlyArray<{ path: string; message: string }>,
  ) {
    super(
      `${endpoint} token response has an unexpected shape: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  }
}

export class TokenExchangeError extends AuthError {
  override readonly name = 'TokenExchangeError';
  readonly code = 'TOKEN_EXCHANGE_FAILED';
  constructor(
    readonly status: number,
    readonly error: string | undefined,
    description: string | undefined,
  ) {
    super(
      `Customs token exchange failed (HTTP ${status}${error ? `, ${error}` : ''})${description ? `: ${redactSecrets(description)}` : ''}`,
    );
  }
}

/** Hints for the MP codes that point at something an operator can fix. */
export function maskinportenHint(mpCode: string | undefined, description: string): string | undefined {
  if (mpCode === 'MP-130' || /issue time|\biat\b|clock/i.test(description)) {
    return 'Clock skew or an expired grant: check that this machine keeps time (NTP); iat must be within 10 s of Maskinporten.';
  }
  if (mpCode === 'MP-110' || mpCode === 'MP-120') {
    return 'Wrong environment or certificate: check that aud is the issuer of the environment used (test vs production) and that the certificate/key is the one registered for the client.';
  }
  if (mpCode === 'MP-200' || mpCode === 'MP-250') {
    return 'Scope not registered on the client or not granted to the organisation: ask for access to the scope or fix the scope name.';
  }
  if (mpCode === 'MP-100') return 'Client not found or authentication failed: check the client id and key.';
  if (mpCode === 'MP-012') return 'Grant reused: every grant needs a fresh jti.';
  return undefined;
}

export class MaskinportenError extends AuthError {
  override readonly name = 'MaskinportenError';
  readonly code = 'MASKINPORTEN_ERROR';
  /** `MP-nnn` from error_description. */
  readonly mpCode: string | undefined;
  readonly traceId: string | undefined;
  readonly hint: string | undefined;
  readonly description: string;

  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    const clean = redactSecrets(description);
    const mpCode = /\bMP-\d{3}\b/.exec(clean)?.[0];
    const traceId = /trace[ _-]?id\W{0,3}([A-Za-z0-9-]{6,})/i.exec(clean)?.[1];
    const hint = maskinportenHint(mpCode, clean);
    super(
      `Maskinporten refused the grant (${error}${mpCode ? `, ${mpCode}` : ''}): ${clean}${hint ? ` Hint: ${hint}` : ''}`,
    );
    this.mpCode = mpCode;
    this.traceId = traceId;
    this.hint = hint;
    this.description = clean;
  }
}
