// Generators of Customs' answers across the variation space DOMAIN.md describes, written from that
// document and NOT from the client's schemas: code lists are spelled out here again, optional
// fields are absent, null, "" or present, ids strings or numbers, unknown fields appear anywhere.
// Everything goes through JSON, as it does on the wire (undefined keys vanish: "absent").
import fc from 'fast-check';

/** Fixed so a failure can be replayed; printed in every test title. */
export const SEED = 20_250_115;
export const RUNS = 1000;
export const settings = { numRuns: RUNS, seed: SEED } as const;

export const wire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/** DOMAIN.md 1.6. */
export const KNOWN_ROUTINGS = ['TO_ENTRY', 'TO_CONTROL', 'ENTRY_PENDING', 'ENTRY_DENIED'] as const;
export const CONTROL_LOCATIONS = ['ON_ENTRY', 'AFTER_ENTRY'] as const;
/** DOMAIN.md section 3. */
export const KNOWN_REASONS = [
  'INCOMPLETE_CUDE_DOCUMENTATION',
  'INCOMPLETE_EXP_DOCUMENTATION',
  'INCOMPLETE_TRA_DOCUMENTATION',
  'INCOMPLETE_VOEC_DOCUMENTATION',
  'INCOMPLETE_GONU_DOCUMENTATION',
  'INCOMPLETE_DOCUMENTATION',
  'INCOMPLETE_CUDE_VALIDATION',
  'CANNOT_VERIFY_CUDE_DOCUMENTATION',
  'CANNOT_VERIFY_TRA_DOCUMENTATION',
] as const;
export const DOCUMENT_TYPES = ['N703', 'N730', 'N740', 'N741', 'N750', 'N714', 'C664'] as const;
/** DOMAIN.md 1.2: both wordings seen for "this house is already registered". */
export const ALREADY_IN_USE = [
  'Document number {n} is already in use',
  'One or more transport documents are already submitted',
];

export const BLANKS = [undefined, null, ''] as const;
export const isBlank = (v: unknown) => v === undefined || v === null || v === '';

/** Absent, null, "" or a value. */
export const optional = <T>(value: fc.Arbitrary<T>) => fc.oneof(fc.constantFrom(...BLANKS), value);
/** Absent, null, [] or a list. */
export const optionalList = <T>(item: fc.Arbitrary<T>) =>
  fc.oneof(fc.constantFrom(undefined, null), fc.array(item, { maxLength: 4 }));

export const code = fc.stringMatching(/^[A-Z][A-Z_]{2,24}$/);
export const unknownCode = (known: readonly string[]) => code.filter((c) => !known.includes(c));
export const knownOrNew = (known: readonly string[]) =>
  fc.oneof(fc.constantFrom(...known), unknownCode(known));
export const text = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '');
export const mrn = fc.stringMatching(/^[0-9]{2}NO[A-Z0-9]{14}$/);
export const instant = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => `${d.toISOString().slice(0, 19)}Z`);
/** Ids: UUID strings (production) or numbers (older items). */
export const id = fc.oneof(fc.uuid(), fc.nat({ max: 1e12 }));

/** Fields Customs may add at any time; the prefix keeps them apart from documented names. */
export const extras = fc.dictionary(
  fc.stringMatching(/^[a-z]{1,8}$/).map((k) => `future_${k}`),
  fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
  { maxKeys: 3 },
);

/** Vehicle data and a driver's name: personal data that must never reach an excerpt. */
export const PERSONAL_MARK = 'PRIVATE';
export const vehicle = fc.record({
  identificationNumber: fc.stringMatching(/^[A-Z]{2}[0-9]{5}$/).map((s) => `${PERSONAL_MARK}${s}`),
  countryCode: fc.constantFrom('NO', 'SE'),
  operator: fc.record({ name: fc.constantFrom('Kari', 'Ola').map((n) => `${PERSONAL_MARK} ${n} Nordmann`) }),
});
