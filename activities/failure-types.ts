// The failure types activities raise toward workflows. Each equals the `code` of the Customs
// client error it comes from (src/digitoll/errors.ts); this module is pure so workflows may
// import it to decide what to do. A unit test keeps both in step.
export const FAILURE_TYPES = {
  validationRejected: 'VALIDATION_REJECTED',
  notReady: 'NOT_READY',
  unauthorized: 'UNAUTHORIZED',
  rateLimited: 'RATE_LIMITED',
  unavailable: 'UNAVAILABLE',
  unexpectedResponse: 'UNEXPECTED_RESPONSE',
} as const;
export type FailureType = (typeof FAILURE_TYPES)[keyof typeof FAILURE_TYPES];

/** Failure types that retrying cannot fix: the workflow parks and waits for an operator or a correction. */
export const NON_RETRYABLE_FAILURE_TYPES: readonly string[] = [
  FAILURE_TYPES.validationRejected,
  FAILURE_TYPES.unauthorized,
  FAILURE_TYPES.unexpectedResponse,
];
