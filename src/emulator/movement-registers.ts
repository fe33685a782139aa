// The twin's static registers for transports (DOMAIN.md section 1b): the code lists a transport is
// checked against, a small stand-in for the Norwegian Public Roads Administration's vehicle register
// and a small part of CL141 (customs offices). Customs checks against the full registers; the twin
// knows only these values, so tests and demos must use them.

/** CL018 mode of transport codes. */
export const MODE_OF_TRANSPORT = { maritime: 1, rail: 2, road: 3, air: 4 } as const;
export const MODE_OF_TRANSPORT_CODES: readonly number[] = Object.values(MODE_OF_TRANSPORT);

/** CL750 type of identification of the active means of transport. */
export const IDENTIFICATION_TYPES: readonly number[] = [10, 20, 21, 30, 31, 41, 80];

/**
 * The typeOfIdentification a mode requires (inferred from CL750 and the documented meaning of
 * identificationNumber): road carries the tractor's registration, so 30 (road vehicle), not 31
 * (trailer, which is not the active means); rail carries the train number, so 21 (train), not 20
 * (wagon). Air and sea have no such documented rule.
 */
export const REQUIRED_IDENTIFICATION_TYPE: Readonly<Record<number, number>> = {
  [MODE_OF_TRANSPORT.road]: 30,
  [MODE_OF_TRANSPORT.rail]: 21,
};

/** Modes where conveyanceReferenceNumber "should not be provided" (documented for road and rail). */
export const NO_CONVEYANCE_REFERENCE: readonly number[] = [MODE_OF_TRANSPORT.road, MODE_OF_TRANSPORT.rail];

/**
 * Norwegian registration plates the twin's vehicle register knows (a Norwegian vehicle, countryCode
 * NO, with any other plate is refused). Compared without spaces and case.
 */
export const NORWEGIAN_VEHICLES: readonly string[] = ['AB12345', 'EL98765', 'EK12345', 'ZT40404'];

/**
 * The customs offices (CL141) the twin accepts. Only NO351001 (the playground's example office) comes
 * from DOMAIN.md; the others are placeholders of the same shape, so a test can use a second office.
 */
export const CUSTOMS_OFFICES: readonly string[] = [
  'NO351001',
  'NO341001',
  'NO343001',
  'NO345001',
  'NO370001',
];

export function isRegisteredVehicle(plate: string): boolean {
  const normal = plate.replace(/\s+/g, '').toUpperCase();
  return NORWEGIAN_VEHICLES.includes(normal);
}
