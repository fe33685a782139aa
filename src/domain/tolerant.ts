// Building blocks of the tolerant readers of Customs' answers (DOMAIN.md preamble): `null`, `""`
// and absent mean the same for every optional field, ids come as strings or numbers, and a code
// Customs adds later is kept as data and flagged instead of failing the whole answer. What we send
// is validated strictly elsewhere (house-consignment.ts); these helpers are for reading only.
import { z } from 'zod';

/** A code read from Customs: one we know, or one we do not (kept as sent, flagged). */
export type Known<T extends string> = { value: T; known: true } | { value: string; known: false };

const blankToUndefined = (value: unknown) =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;

/** Optional text: `null`, `""` (or blanks) and absent all read as `undefined`. */
export function optionalText() {
  return z.preprocess(blankToUndefined, z.string().optional());
}

/** Required text: a non-blank string. */
export function requiredText() {
  return z.string().trim().min(1);
}

/** Optional list: `null` and absent read as `[]`. */
export function optionalList<S extends z.ZodType>(item: S) {
  return z.preprocess((value) => (value === null || value === undefined ? [] : value), z.array(item));
}

/** An id Customs may send as a string or a number; always read as a non-empty string. */
export function idLike() {
  return z.union([z.string().trim().min(1), z.number().finite()]).transform(String);
}

/** Optional id: `null`, `""` and absent read as `undefined`. */
export function optionalIdLike() {
  return z.preprocess(blankToUndefined, idLike().optional());
}

/** Whether `value` is one of `values` (type guard for code lists). */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** A code from a list; an unknown non-blank string is kept with `known: false`. */
export function knownOr<T extends string>(values: readonly [T, ...T[]]) {
  return requiredText().transform((value): Known<T> =>
    isOneOf(values, value) ? { value, known: true } : { value, known: false },
  );
}

/** Optional code: `null`, `""` and absent read as `undefined`, otherwise as knownOr. */
export function optionalKnownOr<T extends string>(values: readonly [T, ...T[]]) {
  return z.preprocess(blankToUndefined, knownOr(values).optional());
}

/** An optional object: `null` reads as absent, unknown fields are kept. */
export function optionalObject<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => (value === null ? undefined : value), schema.optional());
}
