// Errors of the Digitoll client, typed by what the caller should do about them. Activities map
// them once to Temporal failures by `code`. Messages name the method and path, never a header,
// a token or a grant.
import type { FormattedIssue, ValidationError } from '../domain';

export const DIGITOLL_ERROR_CODES = [
  'VALIDATION_REJECTED',
  'NOT_READY',
  'UNAUTHORIZED',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'UNEXPECTED_RESPONSE',
] as const;
export type DigitollErrorCode = (typeof DIGITOLL_ERROR_CODES)[number];

export abstract class DigitollError extends Error {
  abstract readonly code: DigitollErrorCode;
  /** Whether the same call may succeed later without any change. */
  abstract readonly retryable: boolean;
  /** HTTP status, when there was an answer. */
  readonly status: number | undefined;
  constructor(message: string, status: number | undefined, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}

/** 400: nothing was stored; fix the document and send it again. */
export class ValidationRejected extends DigitollError {
  override readonly name = 'ValidationRejected';
  readonly code = 'VALIDATION_REJECTED';
  readonly retryable = false;
  constructor(
    what: string,
    readonly validationErrors: ValidationError[],
  ) {
    super(
      `${what} rejected by Customs: ${validationErrors.map((e) => `${e.field ?? '(no field)'}: ${e.error ?? '(no error text)'}`).join('; ') || 'no details'}`,
      400,
    );
  }
}

/** 404 on a validation status: Customs has not processed the request yet; ask again. */
export class NotReady extends DigitollError {
  override readonly name = 'NotReady';
  readonly code = 'NOT_READY';
  readonly retryable = true;
  constructor(what: string) {
    super(`${what}: not processed yet`, 404);
  }
}

/** 401/403, or no token could be obtained for a reason retrying cannot fix. */
export class Unauthorized extends DigitollError {
  override readonly name = 'Unauthorized';
  readonly code = 'UNAUTHORIZED';
  readonly retryable = false;
  constructor(what: string, status: number | undefined, options?: { cause?: unknown }) {
    const reason = status === undefined ? 'no access token' : `HTTP ${status}`;
    const detail = options?.cause instanceof Error ? ` (${options.cause.message})` : '';
    super(`${what}: not authorised, ${reason}${detail}`, status, options);
  }
}

/** 429: slow down; `retryAfterMs` from Retry-After when Customs sent one. */
export class RateLimited extends DigitollError {
  override readonly name = 'RateLimited';
  readonly code = 'RATE_LIMITED';
  readonly retryable = true;
  constructor(
    what: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(
      `${what}: rate limited${retryAfterMs === undefined ? '' : `, retry after ${retryAfterMs} ms`}`,
      429,
    );
  }
}

/** 5xx, network error or timeout: try again later. `reason` is e.g. HTTP_503, UND_ERR_HEADERS_TIMEOUT, ECONNRESET. */
export class Unavailable extends DigitollError {
  override readonly name = 'Unavailable';
  readonly code = 'UNAVAILABLE';
  readonly retryable = true;
  constructor(
    what: string,
    status: number | undefined,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${what}: Customs unavailable (${reason})`, status, options);
  }
}

/** An answer this client does not understand (status or shape); the zod issues say why. */
export class UnexpectedResponse extends DigitollError {
  override readonly name = 'UnexpectedResponse';
  readonly code = 'UNEXPECTED_RESPONSE';
  readonly retryable = false;
  constructor(
    what: string,
    status: number | undefined,
    readonly issues: FormattedIssue[],
  ) {
    super(
      `${what}: unexpected response${status === undefined ? '' : ` (HTTP ${status})`}: ${issues
        .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
        .join('; ')}`,
      status,
    );
  }
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === '') return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim()) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

export function isDigitollError(error: unknown): error is DigitollError {
  return error instanceof DigitollError;
}
