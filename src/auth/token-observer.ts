// What the token provider tells an observer (metrics) about each refresh. Only the scope, the
// outcome, the time taken and an error code leave the provider: never a token or a grant.
/** One token refresh: `fallback` is a failed early refresh that kept the still-valid cached token. */
export interface TokenRefreshObservation {
  scope: string;
  outcome: 'success' | 'failure' | 'fallback';
  durationMs: number;
  /** The AuthError code of a failure (never a token or a message from the endpoint). */
  errorCode?: string;
}

export type TokenRefreshObserver = (observation: TokenRefreshObservation) => void;

/** A reporter that never throws: metrics must never change how tokens are obtained. */
export function refreshReporter(observer: TokenRefreshObserver | undefined, clock: () => number) {
  return (scope: string, outcome: TokenRefreshObservation['outcome'], started: number, error?: unknown) => {
    if (!observer) return;
    try {
      const code = (error as { code?: unknown } | undefined)?.code;
      observer({
        scope,
        outcome,
        durationMs: clock() - started,
        errorCode: typeof code === 'string' ? code : undefined,
      });
    } catch {
      // Ignored on purpose: see above.
    }
  };
}
