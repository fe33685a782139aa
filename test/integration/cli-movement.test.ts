// The movement from the command line: `shipment submit` of the air example (with --arrive-in), then
// `transport status`, `transport arrival`, `master status` and `list --transport`; a shipment with an
// invalid house exits 1 after starting the rest, and unknown levels exit 1 naming them.
import { randomBytes } from 'node:crypto';
import { eventually, SETTLE_MS } from '../helpers/temporal';
import { startCliHarness } from './cli.harness';
import { exampleShipment } from './movement.fixtures';

let c: Awaited<ReturnType<typeof startCliHarness>>;
beforeAll(async () => {
  c = await startCliHarness();
});
afterAll(async () => {
  await c?.close();
});

const suffix = () => randomBytes(3).toString('hex').toUpperCase();

test('given the air shipment example, when submitted from the CLI, then every item starts and the transport, its master and its houses can be followed by key', async () => {
  const flight = exampleShipment('air', suffix(), '2h');
  const file = await c.file('flight.json', JSON.stringify(flight));
  const submitted = await c.cli('shipment', 'submit', file, '--json');
  expect(submitted.code).toBe(0);
  const result = JSON.parse(submitted.stdout) as {
    transport: string;
    items: Array<{ result: { outcome: string } }>;
  };
  expect(result.items.map((i) => i.result.outcome)).toEqual(Array(5).fill('created'));
  expect(result.transport).toMatch(/^air:LNRKA:.+:SK4711$/);

  const registered = await eventually(
    async () => {
      const run = await c.cli('transport', 'status', result.transport);
      return run.stdout.includes('Phase: REGISTERED') ? run : undefined;
    },
    { timeoutMs: SETTLE_MS, what: 'the transport to be REGISTERED' },
  );
  expect(registered.stdout).toMatch(/MRN: \w{18}/);
  const eta = new Date(Date.parse(flight.transport.estimatedDateAndTimeOfArrival) + 15 * 60_000);
  const arrival = await c.cli(
    'transport',
    'arrival',
    result.transport,
    '--eta',
    eta.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  );
  expect(arrival).toMatchObject({ code: 0, stdout: expect.stringMatching(/revision 2/) });

  const master = flight.masters[0].consignmentMasterLevel.transportDocumentMasterLevel;
  const masterStatus = await eventually(
    async () => {
      const run = await c.cli('master', 'status', `${master.type}:${master.documentNumber}`);
      return run.stdout.includes('Phase: REGISTERED') ? run : undefined;
    },
    { timeoutMs: SETTLE_MS, what: 'the master to be REGISTERED' },
  );
  expect(masterStatus.code).toBe(0);
  const listed = await eventually(
    async () => {
      const run = await c.cli('list', '--transport', result.transport, '--json');
      const page = JSON.parse(run.stdout) as { items: unknown[] };
      return page.items.length === 3 ? page : undefined;
    },
    { timeoutMs: 15_000, what: 'the three houses listed by transport' },
  );
  expect(listed.items).toHaveLength(3);
}, 150_000);

test('given a shipment with an invalid house, when submitted, then it exits 1 naming the item and its path, and the other items start', async () => {
  const trip = exampleShipment('road', suffix(), '2h');
  trip.houses[1].consignmentHouseLevel.totalGrossMass = 'heavy';
  const run = await c.cli('shipment', 'submit', await c.file('trip.json', JSON.stringify(trip)));
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/houses\[1\] \(house\): INVALID, nothing started/);
  expect(run.stdout).toMatch(/houses\[1\]\.consignmentHouseLevel\.totalGrossMass: must be a number/);
  expect(run.stdout.match(/: started /g)).toHaveLength(8);
});

test('given unknown levels, when their status is asked, then each exits 1 naming what was not found', async () => {
  const transport = await c.cli('transport', 'status', 'road:NOPE1:2030-01-01T00:00:00Z');
  expect(transport.code).toBe(1);
  expect(transport.stderr).toMatch(/No transport road:NOPE1:2030-01-01T00:00:00Z/);
  const master = await c.cli('master', 'status', 'N741:NOPE');
  expect(master.code).toBe(1);
  expect(master.stderr).toMatch(/No master N741:NOPE/);
  const usage = await c.cli('master', 'status', 'no-colon');
  expect(usage.code).toBe(2);
});
