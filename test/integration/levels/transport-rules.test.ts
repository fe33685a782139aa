// Each documented transport rule (DOMAIN.md 1b) through the workflow: the violating transport is
// REJECTED and parked with Customs' description and path in its status; the corrected document is
// sent again and REGISTERED.
import type { Mode } from '../../../src/shared';
import { transportCorrectUpdate, type TransportDocument } from '../../../workflows/transport/messages';
import { startHarness, type Harness } from '../consignment.harness';
import { HOUR, instantAt, startTransport, transportArriving, waitForTransport } from './levels.helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const MEANS = 'transport.activeBorderTransportMeans';
const YEAR_AND_MORE = 400 * 24 * HOUR;
const at = (ms: number) => instantAt(Date.now() + ms);
type Doc = TransportDocument;
const means = (d: Doc, fields: Record<string, unknown>): Doc => ({
  ...d,
  activeBorderTransportMeans: { ...d.activeBorderTransportMeans, ...fields },
});
const without = (d: Doc, field: keyof Doc): Doc => {
  const out = { ...d };
  delete out[field];
  return out;
};

it.each<[string, Mode, (doc: Doc) => Doc, string, string]>([
  [
    'no scheduled arrival',
    'road',
    (d) => without(d, 'scheduledDateAndTimeOfArrival'),
    'scheduledDateAndTimeOfArrival should be present',
    'transport.scheduledDateAndTimeOfArrival',
  ],
  [
    'a scheduled arrival over a year ahead',
    'road',
    (d) => ({ ...d, scheduledDateAndTimeOfArrival: at(YEAR_AND_MORE) }),
    'scheduledDateAndTimeOfArrival cannot be more than one year into the future',
    'transport.scheduledDateAndTimeOfArrival',
  ],
  [
    'no estimated arrival',
    'road',
    (d) => without(d, 'estimatedDateAndTimeOfArrival'),
    'estimatedDateAndTimeOfArrival should be present',
    'transport.estimatedDateAndTimeOfArrival',
  ],
  [
    'an estimated arrival that has passed',
    'air',
    (d) => ({ ...d, estimatedDateAndTimeOfArrival: at(-HOUR) }),
    'estimatedDateAndTimeOfArrival has already passed',
    'transport.estimatedDateAndTimeOfArrival',
  ],
  [
    'an estimated arrival over a year ahead',
    'maritime',
    (d) => ({ ...d, estimatedDateAndTimeOfArrival: at(YEAR_AND_MORE) }),
    'estimatedDateAndTimeOfArrival cannot be more than one year into the future',
    'transport.estimatedDateAndTimeOfArrival',
  ],
  [
    'a road transport with a conveyance reference',
    'road',
    (d) => means(d, { conveyanceReferenceNumber: 'RC1' }),
    `${MEANS}.modeOfTransportCode is 3, then this field should not be provided`,
    `${MEANS}.conveyanceReferenceNumber`,
  ],
  [
    'a rail transport with a conveyance reference',
    'rail',
    (d) => means(d, { conveyanceReferenceNumber: 'RC1' }),
    `${MEANS}.modeOfTransportCode is 2, then this field should not be provided`,
    `${MEANS}.conveyanceReferenceNumber`,
  ],
  [
    'a road transport identified as a trailer (31)',
    'road',
    (d) => means(d, { typeOfIdentification: 31 }),
    `${MEANS}.modeOfTransportCode is 3, then this field should have value 30`,
    `${MEANS}.typeOfIdentification`,
  ],
  [
    'a rail transport identified as a wagon (20)',
    'rail',
    (d) => means(d, { typeOfIdentification: 20 }),
    `${MEANS}.modeOfTransportCode is 2, then this field should have value 21`,
    `${MEANS}.typeOfIdentification`,
  ],
  [
    'a Norwegian truck missing from the vehicle register',
    'road',
    (d) => means(d, { identificationNumber: 'XY99999' }),
    "Could not find identificationNumber in Norwegian Public Roads Administration's register of motor vehicles",
    `${MEANS}.identificationNumber`,
  ],
  [
    'an office of first entry outside CL141',
    'road',
    (d) => ({ ...d, customsOfficeOfFirstEntry: { referenceNumber: 'NO999999' } }),
    'Must be a valid customs office',
    'transport.customsOfficeOfFirstEntry.referenceNumber',
  ],
])(
  'given %s, when started, then REJECTED and parked with that description and path; when corrected, then REGISTERED',
  async (_name, mode, breakIt, description, path) => {
    const valid = transportArriving(mode, 2 * HOUR);
    const handle = await startTransport(h, mode, breakIt(valid));

    const rejected = await waitForTransport(handle, (s) => s.phase === 'REJECTED', 'REJECTED');
    expect(rejected.validationIssues).toContainEqual({ path, description });
    expect(rejected.needsAttention).toBe(true);
    expect(rejected.needsAttentionReason).toContain(description);
    expect(rejected.mrn).toBeUndefined();

    await handle.executeUpdate(transportCorrectUpdate, { args: [valid, { reason: 'fixed' }] });
    const registered = await waitForTransport(handle, (s) => s.phase === 'REGISTERED', 'REGISTERED');
    expect(registered.mrn).toHaveLength(18);
    expect(registered.revision).toBe(2);
    expect(registered.needsAttention).toBe(false);
    expect(registered.validationIssues).toEqual([]);
    await handle.terminate('test finished');
  },
);

it('given a transport Customs refuses at once (400, no carrier), when started, then REJECTED with the field and error; when corrected, then REGISTERED', async () => {
  const valid = transportArriving('road', 2 * HOUR);
  const handle = await startTransport(h, 'road', without(valid, 'carrier'));

  const rejected = await waitForTransport(handle, (s) => s.phase === 'REJECTED', 'REJECTED');
  expect(rejected.validationIssues).toContainEqual({
    path: expect.stringMatching(/carrier/),
    description: expect.any(String),
  });
  expect(rejected.needsAttention).toBe(true);
  expect(rejected.timeline.map((t) => t.phase)).toEqual(['SUBMITTING', 'REJECTED']);

  await handle.executeUpdate(transportCorrectUpdate, { args: [valid] });
  await waitForTransport(handle, (s) => s.phase === 'REGISTERED', 'REGISTERED');
  await handle.terminate('test finished');
});
