// Issued tokens (opaque random strings) and spent grant ids. In memory only.
import { randomBytes } from 'node:crypto';

interface Issued {
  clientId: string;
  scopes: string[];
  expiresAt: number;
}

export interface AuthProblem {
  status: 401 | 403;
  body: { error: string; error_description: string };
}

export class Tokens {
  private maskinporten = new Map<string, Issued>();
  private customs = new Map<string, Issued>();
  private spentJtis = new Set<string>();

  constructor(
    readonly maskinportenTtlSeconds: number,
    readonly customsTtlSeconds: number,
  ) {}

  /** True the first time a jti is seen; a grant is spent once it has been used. */
  spend(clientId: string, jti: string): boolean {
    const key = `${clientId} ${jti}`;
    if (this.spentJtis.has(key)) return false;
    this.spentJtis.add(key);
    return true;
  }

  isSpent(clientId: string, jti: string): boolean {
    return this.spentJtis.has(`${clientId} ${jti}`);
  }

  issueMaskinporten(clientId: string, scopes: string[], now: number): string {
    return this.issue(this.maskinporten, clientId, scopes, now + this.maskinportenTtlSeconds * 1000);
  }

  /** Exchanges a live Maskinporten token; undefined when it is unknown or expired. */
  exchange(subjectToken: string, now: number): string | undefined {
    const subject = this.maskinporten.get(subjectToken);
    if (!subject || subject.expiresAt <= now) return undefined;
    return this.issue(this.customs, subject.clientId, subject.scopes, now + this.customsTtlSeconds * 1000);
  }

  private issue(map: Map<string, Issued>, clientId: string, scopes: string[], expiresAt: number): string {
    const token = randomBytes(32).toString('base64url');
    map.set(token, { clientId, scopes, expiresAt });
    return token;
  }

  /** Checks an Authorization header for a Customs token carrying `scope`. */
  check(authorization: string | undefined, scope: string, now: number): AuthProblem | undefined {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return problem(401, 'invalid_token', 'Missing bearer token');
    const issued = this.customs.get(match[1]!);
    if (!issued) return problem(401, 'invalid_token', 'Unknown or revoked token');
    if (issued.expiresAt <= now) return problem(401, 'invalid_token', 'Token expired');
    if (!issued.scopes.includes(scope))
      return problem(403, 'insufficient_scope', `Token lacks scope ${scope}`);
    return undefined;
  }

  /** Makes every issued token expire now (lets tests exercise a client's 401 recovery). */
  expireAll(): void {
    for (const issued of [...this.maskinporten.values(), ...this.customs.values()]) issued.expiresAt = 0;
  }

  clear(): void {
    this.maskinporten.clear();
    this.customs.clear();
    this.spentJtis.clear();
  }
}

function problem(status: 401 | 403, error: string, description: string): AuthProblem {
  return { status, body: { error, error_description: description } };
}
