// The movement examples (examples/shipment-*.json) made unique for one test run: every document
// number gets a suffix, and the transport arrives a few seconds from now (Customs refuses an
// estimated arrival in the past), as `shipment submit --arrive-in` does for people.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { arrivingIn } from '../../src/cli/movement-commands';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function exampleShipment(name: 'road' | 'air', suffix: string, arriveIn: string): Json {
  const text = readFileSync(join(__dirname, '..', '..', 'examples', `shipment-${name}.json`), 'utf8');
  // Document numbers in the examples all start with TRIP-2025- or FLT-2025-.
  const unique = text.replace(/"((TRIP|FLT)-2025-[A-Z0-9]+)"/g, `"$1-${suffix}"`);
  return arrivingIn(JSON.parse(unique) as Json, arriveIn) as Json;
}

/** The type and document number of the i-th house of a shipment. */
export function houseKeyOf(shipment: Json, i: number): { type: string; documentNumber: string } {
  return shipment.houses[i].consignmentHouseLevel.transportDocumentHouseLevel;
}

/** The house's document with the customs declaration (CUDE) it lacked: the INCOMPLETE reason. */
export function withCustomsDeclaration(house: Json, sequenceNumber: string): Json {
  const level = house.consignmentHouseLevel;
  return {
    ...house,
    consignmentHouseLevel: {
      ...level,
      previousDocuments: [
        {
          typeOfReference: 'CUDE',
          declarantNumber: '123456789',
          declarationDate: '2022-08-10',
          sequenceNumber,
        },
      ],
    },
  };
}
