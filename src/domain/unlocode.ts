// UN/LOCODEs as Customs takes them (DOMAIN.md section 2): `NOSVD` and `NO SVD` are the same place,
// so the check is a look-up in the list this build carries, not a pattern that refuses the spaced
// form. The code travels as the ERP gave it (Customs' own documents show both forms); only its
// meaning is checked.
import { z } from 'zod';
import { MSG } from './fields';
import { UNLOCODE_LIST } from './unlocode-list';

/** Two-letter country, an optional space, three letters or digits 2-9 (the UNECE format). */
const UNLOCODE_FORMAT = /^([A-Z]{2}) ?([A-Z2-9]{3})$/;

export const UNLOCODE_MESSAGES = {
  format:
    'must be a UN/LOCODE: a country code and three characters, with or without a space (NOSVD or NO SVD)',
  unknown: 'not in the UN/LOCODE list this build carries',
} as const;

/** `NO SVD` -> `NOSVD`; undefined when the value is not shaped like a UN/LOCODE. */
export function compactUnLocode(value: string): string | undefined {
  const match = UNLOCODE_FORMAT.exec(value);
  return match ? `${match[1]}${match[2]}` : undefined;
}

/** The place's name when the code (with or without its space) is in the list. */
export function unLocodeName(value: string): string | undefined {
  const compact = compactUnLocode(value);
  return compact !== undefined && Object.prototype.hasOwnProperty.call(UNLOCODE_LIST, compact)
    ? UNLOCODE_LIST[compact]
    : undefined;
}

/** A UN/LOCODE from the list, kept exactly as given. */
export function unLocode() {
  const string = z.string({ error: (iss) => (iss.input == null ? MSG.notNull : 'must be a string') });
  return string.superRefine((value, ctx) => {
    if (compactUnLocode(value) === undefined) {
      ctx.addIssue({ code: 'custom', message: UNLOCODE_MESSAGES.format });
    } else if (unLocodeName(value) === undefined) {
      ctx.addIssue({ code: 'custom', message: `${value} is ${UNLOCODE_MESSAGES.unknown}` });
    }
  });
}
