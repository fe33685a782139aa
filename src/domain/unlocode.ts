// UN/LOCODEs as Customs takes them (DOMAIN.md section 2): `NOSVD` and `NO SVD` are the same place,
// so the spaced form is accepted. The code travels as the ERP gave it (Customs' own documents show
// both forms). Its country is checked against the ISO list; the place itself is checked by Customs
// against the full UNECE list (asynchronously): the compact list this build carries names places
// for operators, and refusing a real place it lacks would stop a valid consignment.
import { z } from 'zod';
import { isIsoCountryCode } from './countries';
import { MSG } from './fields';
import { UNLOCODE_LIST } from './unlocode-list';

/** Two-letter country, an optional space, three letters or digits 2-9 (the UNECE format). */
const UNLOCODE_FORMAT = /^([A-Z]{2}) ?([A-Z2-9]{3})$/;

export const UNLOCODE_MESSAGES = {
  format:
    'must be a UN/LOCODE: a country code and three characters, with or without a space (NOSVD or NO SVD)',
  unknownCountry: 'does not start with an ISO 3166 country code',
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

/** A UN/LOCODE of a real country, in either form, kept exactly as given. */
export function unLocode() {
  const string = z.string({ error: (iss) => (iss.input == null ? MSG.notNull : 'must be a string') });
  return string.superRefine((value, ctx) => {
    const compact = compactUnLocode(value);
    if (compact === undefined) {
      ctx.addIssue({ code: 'custom', message: UNLOCODE_MESSAGES.format });
    } else if (!isIsoCountryCode(compact.slice(0, 2))) {
      ctx.addIssue({ code: 'custom', message: `${value} ${UNLOCODE_MESSAGES.unknownCountry}` });
    }
  });
}
