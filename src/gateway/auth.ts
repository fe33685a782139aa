// API-key authentication. Keys are compared as SHA-256 digests with timingSafeEqual against every
// configured key (no early exit), so neither the length nor the prefix of a key leaks by timing.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

export class GatewayConfigError extends Error {
  override readonly name = 'GatewayConfigError';
  readonly code = 'GATEWAY_NO_API_KEYS';
  constructor() {
    super('GATEWAY_API_KEYS: at least one API key is required; the gateway never runs open');
  }
}

export function createApiKeyCheck(apiKeys: readonly string[]): (presented: string | undefined) => boolean {
  const digests = apiKeys.filter((key) => key.length > 0).map(digest);
  if (digests.length === 0) throw new GatewayConfigError();
  return (presented) => {
    if (!presented) return false;
    const candidate = digest(presented);
    let match = false;
    for (const known of digests) match = timingSafeEqual(candidate, known) || match;
    return match;
  };
}

/**
 * The key from `Authorization: Bearer <key>`, else from `X-Api-Key: <key>`. An Authorization
 * header of another scheme (Basic added by a proxy, for one) does not hide the X-Api-Key.
 */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
  if (bearer) return bearer;
  const header = headers['x-api-key'];
  return typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined;
}
