// What every notification level (house, master, transport) shares: parsing a body into Customs' 400,
// the shape of an asynchronous rejection, and the 202 + requestId that stores an outcome for the
// validation-status endpoint of its level.
import type { z } from 'zod';
import type { EmulatorContext } from './context';
import { validationErrorsOf } from './document';
import type { Answer } from './http';
import type { RejectionItem, ValidationOutcome } from './model';
import type { RequestLevel, StoredHouse } from './store';

export const failure = (...errors: RejectionItem[]): ValidationOutcome => ({
  status: 'FAILURE',
  validationErrorList: errors,
});

export const rejection = (description: string, messageElementPath: string): RejectionItem => ({
  description,
  pointer: { messageElementPath },
});

export function parse<T>(
  schema: z.ZodType<T>,
  body: unknown,
): { ok: true; value: T } | { ok: false; answer: Answer } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, answer: { status: 400, body: validationErrorsOf(parsed.error) } };
}

/** 202 {requestId}; the outcome shows on the validation-status endpoint of `level` after the delay. */
export function accepted(
  ctx: EmulatorContext,
  result: ValidationOutcome,
  options: { house?: string; registers?: StoredHouse; level?: RequestLevel } = {},
): Answer {
  const requestId = ctx.store.addRequest(result, ctx.now(), options);
  return { status: 202, body: { requestId }, house: options.house };
}
