// Field builders that speak Customs' own validation wording (DOMAIN.md section 1, step 1), so a
// problem caught here reads the same as the 400 Customs would have sent.
import { z } from 'zod';

export const MSG = {
  notNull: 'must not be null',
  notBlank: 'must not be blank',
  instant: 'invalid ISO-8601 instant in UTC (yyyy-MM-ddTHH:mm:ssZ)',
  localDate: 'invalid date (yyyy-MM-dd)',
  oneOf: (values: readonly (string | number)[]) => `Must be one of [${values.join(', ')}]`,
  atLeastOne: (fields: readonly string[]) =>
    `At least one of the following fields should be non null: [${fields.join(', ')}]`,
} as const;

const missing = (input: unknown) => input === undefined || input === null;

/** A required, non-blank string. */
export function text() {
  return z
    .string({ error: (iss) => (missing(iss.input) ? MSG.notNull : 'must be a string') })
    .refine((s) => s.trim().length > 0, MSG.notBlank);
}

/** A required nested object (unknown fields kept) whose absence reads like Customs' own message. */
export function requiredObject<const T extends z.core.$ZodLooseShape>(shape: T) {
  return z.looseObject(shape, { error: (iss) => (missing(iss.input) ? MSG.notNull : 'must be an object') });
}

/** A required number (optionally an integer, optionally >= 0). */
export function num(opts: { int?: boolean; min?: number } = {}) {
  let schema = z.number({ error: (iss) => (missing(iss.input) ? MSG.notNull : 'must be a number') });
  if (opts.int) schema = schema.int('must be an integer');
  if (opts.min !== undefined) schema = schema.min(opts.min, `must be greater than or equal to ${opts.min}`);
  return schema;
}

/** A required value from a code list, rejected with Customs' "Must be one of [...]". */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: (iss) => (missing(iss.input) ? MSG.notNull : MSG.oneOf(values)) });
}

/** A required numeric code from a small set (containerIndicator, typeOfPerson). */
export function numericCode<const T extends readonly number[]>(values: T) {
  return z
    .number({ error: (iss) => (missing(iss.input) ? MSG.notNull : MSG.oneOf(values)) })
    .refine((n) => (values as readonly number[]).includes(n), MSG.oneOf(values))
    .transform((n) => n as T[number]);
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A UTC instant without milliseconds: `yyyy-MM-ddTHH:mm:ssZ`. */
export function instant() {
  return z.string({ error: (iss) => (missing(iss.input) ? MSG.notNull : MSG.instant) }).refine((s) => {
    const m = INSTANT.exec(s);
    if (!m) return false;
    const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
    return isRealDate(y, mo, d) && h < 24 && mi < 60 && se < 60;
  }, MSG.instant);
}

/** A calendar date `yyyy-MM-dd`. */
export function localDate() {
  return z.string({ error: (iss) => (missing(iss.input) ? MSG.notNull : MSG.localDate) }).refine((s) => {
    const m = LOCAL_DATE.exec(s);
    return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
  }, MSG.localDate);
}

/** Formats `date` as Customs wants an instant: UTC, seconds precision, no milliseconds. */
export function toCustomsInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
