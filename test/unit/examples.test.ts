// The files in examples/ are what a newcomer runs first: each must pass the shared schemas, and the
// emulator's own checks must give the outcome the examples' README promises (one INCOMPLETE).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createConsignmentSchema } from '../../src/client/schemas';
import { createMasterSchema, createTransportSchema } from '../../src/client/movement-schemas';
import { arrivingIn } from '../../src/cli/movement-commands';
import { formatIssues, houseConsignmentSchema, houseKey } from '../../src/domain';
import { assess } from '../../src/emulator/processing';
import { loadPlayground } from '../../src/emulator/playground';
import { MODES } from '../../src/shared';

const DIR = path.resolve(__dirname, '../../examples');
const read = (name: string): unknown => JSON.parse(readFileSync(path.join(DIR, name), 'utf8'));
const submissions = readdirSync(DIR).filter(
  (f) => f.endsWith('.json') && !f.includes('correction') && !f.startsWith('shipment-'),
);
const shipments = readdirSync(DIR).filter((f) => f.startsWith('shipment-') && f.endsWith('.json'));
const playground = loadPlayground();

function parseSubmission(name: string) {
  const parsed = createConsignmentSchema.safeParse(read(name));
  if (!parsed.success) throw new Error(`${name}: ${JSON.stringify(formatIssues(parsed.error))}`);
  return parsed.data;
}

test('given examples/, then there is exactly one submission per transport mode', () => {
  const modes = submissions.map((name) => parseSubmission(name).mode).sort();
  expect(modes).toEqual([...MODES].sort());
});

test.each(submissions)('given %s, then it passes the create schema with a unique house key', (name) => {
  const { consignment } = parseSubmission(name);
  const keys = submissions.map((other) => houseKey(parseSubmission(other).consignment).documentNumber);
  expect(keys.filter((k) => k === houseKey(consignment).documentNumber)).toHaveLength(1);
});

test('given the emulator rules, then only air.json comes back INCOMPLETE (missing CUDE) and nothing is rejected', () => {
  const outcomes = Object.fromEntries(
    submissions.map((name) => [name, assess(parseSubmission(name).consignment, playground)]),
  );
  for (const [name, outcome] of Object.entries(outcomes)) {
    expect({ name, errors: outcome.errors }).toEqual({ name, errors: [] });
    expect({ name, reasons: outcome.reasons }).toEqual({
      name,
      reasons: name === 'air.json' ? ['INCOMPLETE_CUDE_DOCUMENTATION'] : [],
    });
  }
});

test('given air-correction.json, then it is a whole document with the same key that completes air.json', () => {
  const parsed = houseConsignmentSchema.safeParse(read('air-correction.json'));
  expect(parsed.success ? [] : formatIssues(parsed.error)).toEqual([]);
  const correction = parsed.data!;
  expect(houseKey(correction)).toEqual(houseKey(parseSubmission('air.json').consignment));
  expect(assess(correction, playground)).toEqual({ errors: [], reasons: [] });
});

test('given examples/, then there is a road and an air shipment', () => {
  expect(shipments.sort()).toEqual(['shipment-air.json', 'shipment-road.json']);
});

test.each(shipments)(
  'given %s sent with --arrive-in, then the transport, every master and every house pass their schemas, the houses name masters of the shipment, and the transport lists them all',
  (name) => {
    const shipment = arrivingIn(read(name) as Record<string, unknown>, '2h') as {
      mode: string;
      transport: unknown;
      masters: unknown[];
      houses: unknown[];
    };
    const issues = (result: { success: boolean; error?: Parameters<typeof formatIssues>[0] }) =>
      result.success ? [] : formatIssues(result.error!);
    const transport = createTransportSchema.safeParse({ mode: shipment.mode, transport: shipment.transport });
    expect(issues(transport)).toEqual([]);
    const masters = shipment.masters.map((master) =>
      createMasterSchema.safeParse({ mode: shipment.mode, master }),
    );
    for (const m of masters) expect(issues(m)).toEqual([]);
    const houses = shipment.houses.map((consignment) =>
      createConsignmentSchema.safeParse({ mode: shipment.mode, consignment }),
    );
    for (const h of houses) expect(issues(h)).toEqual([]);
    const masterKeys = masters.map((m) =>
      JSON.stringify(m.data!.master.consignmentMasterLevel.transportDocumentMasterLevel),
    );
    for (const h of houses)
      expect(masterKeys).toContain(
        JSON.stringify(
          h.data!.consignment.consignmentHouseLevel.consignmentMasterLevel!.transportDocumentMasterLevel,
        ),
      );
    const listed = (transport.data!.transport.consignmentMasterLevel ?? []).map((m) =>
      JSON.stringify(m.transportDocumentMasterLevel),
    );
    expect(listed.sort()).toEqual([...masterKeys].sort());
  },
);

test('given the road shipment, then by the emulator rules only TRIP-2025-H5 is INCOMPLETE (missing CUDE) and nothing is rejected', () => {
  const { houses } = read('shipment-road.json') as { houses: unknown[] };
  const outcomes = houses.map((house) => {
    const consignment = houseConsignmentSchema.parse(house);
    return [houseKey(consignment).documentNumber, assess(consignment, playground)] as const;
  });
  for (const [documentNumber, outcome] of outcomes) {
    expect({ documentNumber, errors: outcome.errors }).toEqual({ documentNumber, errors: [] });
    expect({ documentNumber, reasons: outcome.reasons }).toEqual({
      documentNumber,
      reasons: documentNumber === 'TRIP-2025-H5' ? ['INCOMPLETE_CUDE_DOCUMENTATION'] : [],
    });
  }
});
