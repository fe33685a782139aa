// Where webhook events may go: HTTPS only, except plain HTTP to this machine (loopback) outside
// production, for development and tests. One rule for the configuration and for ERP requests.

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why `url` cannot receive webhook events, or undefined when it can. */
export function webhookUrlProblem(url: string, allowLoopbackHttp: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute URL';
  }
  if (parsed.username || parsed.password) return 'must not carry credentials (use WEBHOOK_SECRET to sign)';
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && allowLoopbackHttp && LOOPBACK.has(parsed.hostname)) return undefined;
  return allowLoopbackHttp
    ? 'must be https (plain http only to 127.0.0.1, localhost or [::1])'
    : 'must be https';
}
