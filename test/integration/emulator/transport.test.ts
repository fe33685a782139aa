// Contract of the transport endpoints as DOMAIN.md section 1b describes them, over raw HTTP: the
// documented asynchronous rules each give their FAILURE description and path, a corrected PUT is
// accepted, the keys cannot change, and the entry status follows the border.
import { type Harness, type Mode, MODE_SCOPES, PATHS, QUIET, eventually, startHarness } from './helpers';
import {
  HOUR,
  MOVEMENT_PATHS as P,
  type TransportBody,
  answerOf,
  instantAt,
  registerTransport,
  rejectionsOf,
  sampleTransport,
  withMeans,
} from './movement-helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(QUIET);
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control.reset();
  await h.control.setStyle({ absent: 'null', successStatus: 200, extraFields: true });
});

const ROAD = MODE_SCOPES.road;
const MEANS = 'transport.activeBorderTransportMeans';
const YEAR_AND_MORE = 400 * 24 * HOUR;
const at = (ms: number) => instantAt(Date.now() + ms);
/** The document with the estimated and/or scheduled arrival `ms` from now (undefined: left out). */
function arriving(doc: TransportBody, ms: number | undefined, fields: Array<'estimated' | 'scheduled'>) {
  const out: Record<string, unknown> = { ...doc };
  for (const f of fields) out[`${f}DateAndTimeOfArrival`] = ms === undefined ? undefined : at(ms);
  return out;
}
const post = (mode: Mode, doc: unknown) => answerOf(h, mode, 'transport', 'POST', P.transport(mode), doc);
const put = (mode: Mode, mrn: string, doc: unknown) =>
  answerOf(h, mode, 'transport', 'PUT', P.transportByMrn(mode, mrn), doc);
const rejection = (description: string, messageElementPath: string) => ({
  description,
  pointer: { messageElementPath },
});

describe('transport notification', () => {
  it('given a valid road transport, when posted, then its validation status is 404 until processed, then 200 SUCCESS with an MRN, nulls and extra fields', async () => {
    await h.control.setProcessing({ delayMs: 300 });
    const sent = await h.call('POST', P.transport('road'), ROAD, sampleTransport());
    expect(sent.status).toBe(202);
    const { requestId } = sent.body as { requestId: string };
    expect((await h.call('GET', P.transportValidation('road', requestId), ROAD)).status).toBe(404);
    const answer = await eventually(async () => {
      const r = await h.call('GET', P.transportValidation('road', requestId), ROAD);
      return r.status === 404 ? undefined : r;
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      requestId,
      status: 'SUCCESS',
      mrn: expect.stringMatching(/^\d{2}NO[A-Z0-9]{14}$/),
      validationErrorList: null,
      timestamp: expect.any(String),
      traceId: expect.any(String),
    });
    expect((await h.control.calls({ endpoint: 'transport-create' })).byEndpoint).toEqual({
      'transport-create': 1,
    });
  });

  it('given a transport requestId, when asked on the house validation-status path, then 404: each level has its own', async () => {
    const sent = await h.call('POST', P.transport('road'), ROAD, sampleTransport());
    const { requestId } = sent.body as { requestId: string };
    await post('road', sampleTransport('road', { documentIssueDate: at(-HOUR) })); // waits until processed
    expect((await h.call('GET', PATHS.validation('road', requestId), ROAD)).status).toBe(404);
    expect((await h.call('GET', P.transportValidation('road', requestId), ROAD)).status).not.toBe(404);
  });

  it('given missing and malformed fields, when posted, then 400 lists each in Customs wording and nothing is stored', async () => {
    const bad = withMeans(sampleTransport(), { typeOfIdentification: 99 }) as Record<string, unknown>;
    bad.carrier = undefined;
    bad.customsOfficeOfFirstEntry = { referenceNumber: 'NO35' };
    bad.documentIssueDate = '2024-05-01T10:00:00.123Z';
    const r = await h.call('POST', P.transport('road'), ROAD, bad);
    expect(r.status).toBe(400);
    const errors = (r.body as { validationErrors: Array<{ field: string; error: string }> }).validationErrors;
    expect(errors.map((e) => `${e.field}: ${e.error}`)).toEqual(
      expect.arrayContaining([
        'documentIssueDate: invalid ISO-8601 instant in UTC (yyyy-MM-ddTHH:mm:ssZ)',
        'carrier: must not be null',
        'customsOfficeOfFirstEntry.referenceNumber: size must be between 8 and 8',
        'activeBorderTransportMeans.typeOfIdentification: Must be one of [10, 20, 21, 30, 31, 41, 80]',
      ]),
    );
    expect(await h.control.transports()).toEqual([]);
  });

  it.each<[string, Mode, (doc: TransportBody) => unknown, string, string]>([
    [
      'no scheduled arrival',
      'road',
      (d) => arriving(d, undefined, ['scheduled']),
      'scheduledDateAndTimeOfArrival should be present',
      'transport.scheduledDateAndTimeOfArrival',
    ],
    [
      'a scheduled arrival over a year ahead',
      'road',
      (d) => arriving(d, YEAR_AND_MORE, ['scheduled']),
      'scheduledDateAndTimeOfArrival cannot be more than one year into the future',
      'transport.scheduledDateAndTimeOfArrival',
    ],
    [
      'no estimated arrival',
      'road',
      (d) => arriving(d, undefined, ['estimated']),
      'estimatedDateAndTimeOfArrival should be present',
      'transport.estimatedDateAndTimeOfArrival',
    ],
    [
      'an estimated arrival that has passed',
      'air',
      (d) => arriving(d, -HOUR, ['estimated']),
      'estimatedDateAndTimeOfArrival has already passed',
      'transport.estimatedDateAndTimeOfArrival',
    ],
    [
      'an estimated arrival over a year ahead',
      'maritime',
      (d) => arriving(d, YEAR_AND_MORE, ['estimated']),
      'estimatedDateAndTimeOfArrival cannot be more than one year into the future',
      'transport.estimatedDateAndTimeOfArrival',
    ],
    [
      'a road transport with a conveyance reference',
      'road',
      (d) => withMeans(d, { conveyanceReferenceNumber: 'RC1' }),
      `${MEANS}.modeOfTransportCode is 3, then this field should not be provided`,
      `${MEANS}.conveyanceReferenceNumber`,
    ],
    [
      'a rail transport with a conveyance reference',
      'rail',
      (d) => withMeans(d, { conveyanceReferenceNumber: 'RC1' }),
      `${MEANS}.modeOfTransportCode is 2, then this field should not be provided`,
      `${MEANS}.conveyanceReferenceNumber`,
    ],
    [
      'a road transport identified as a trailer (31)',
      'road',
      (d) => withMeans(d, { typeOfIdentification: 31 }),
      `${MEANS}.modeOfTransportCode is 3, then this field should have value 30`,
      `${MEANS}.typeOfIdentification`,
    ],
    [
      'a rail transport identified as a wagon (20)',
      'rail',
      (d) => withMeans(d, { typeOfIdentification: 20 }),
      `${MEANS}.modeOfTransportCode is 2, then this field should have value 21`,
      `${MEANS}.typeOfIdentification`,
    ],
    [
      'a Norwegian truck missing from the vehicle register',
      'road',
      (d) => withMeans(d, { identificationNumber: 'XY99999' }),
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
    'given %s, when posted and when put, then FAILURE 202 with that description and path; a corrected PUT succeeds',
    async (_name, mode, breakIt, description, path) => {
      const valid = sampleTransport(mode);
      const posted = await post(mode, breakIt(valid));
      expect(posted.status).toBe(202);
      expect(posted.body).toMatchObject({ status: 'FAILURE', mrn: null });
      expect(rejectionsOf(posted)).toContainEqual(rejection(description, path));
      const mrn = await registerTransport(h, mode, valid);
      expect(rejectionsOf(await put(mode, mrn, breakIt(valid)))).toContainEqual(rejection(description, path));
      const corrected = { ...valid, estimatedDateAndTimeOfArrival: at(3 * HOUR) };
      expect((await put(mode, mrn, corrected)).body).toMatchObject({ status: 'SUCCESS', mrn });
    },
  );

  it('given a foreign truck, when posted, then the Norwegian vehicle register is not consulted', async () => {
    const swedish = withMeans(sampleTransport(), { identificationNumber: 'ABC123', countryCode: 'SE' });
    await registerTransport(h, 'road', swedish);
  });

  it('given a registered transport, when a PUT changes a key, then FAILURE names each key that cannot change', async () => {
    const road = sampleTransport('road');
    const roadMrn = await registerTransport(h, 'road', road);
    const moved = arriving(withMeans(road, { identificationNumber: 'EL98765' }), 5 * HOUR, [
      'scheduled',
      'estimated',
    ]);
    expect(rejectionsOf(await put('road', roadMrn, moved))).toEqual(
      expect.arrayContaining([
        rejection('identificationNumber cannot be changed', `${MEANS}.identificationNumber`),
        rejection(
          'scheduledDateAndTimeOfArrival cannot be changed',
          'transport.scheduledDateAndTimeOfArrival',
        ),
      ]),
    );
    const air = sampleTransport('air');
    const airMrn = await registerTransport(h, 'air', air);
    expect(
      rejectionsOf(await put('air', airMrn, withMeans(air, { conveyanceReferenceNumber: 'SK4712' }))),
    ).toEqual([
      rejection('conveyanceReferenceNumber cannot be changed', `${MEANS}.conveyanceReferenceNumber`),
    ]);
  });

  it('given a first POST whose scheduled and estimated arrivals differ, when posted, then FAILURE: they must be equal at first', async () => {
    const doc = { ...sampleTransport(), estimatedDateAndTimeOfArrival: at(3 * HOUR) };
    expect(rejectionsOf(await post('road', doc))).toEqual([
      rejection(
        'scheduledDateAndTimeOfArrival must be equal to estimatedDateAndTimeOfArrival',
        'transport.scheduledDateAndTimeOfArrival',
      ),
    ]);
  });

  it('given a registered transport, when deleted with its documentIssueDate, then SUCCESS, it is gone, and a second DELETE fails', async () => {
    const mrn = await registerTransport(h, 'road', sampleTransport());
    expect((await h.call('DELETE', P.transportByMrn('road', mrn), ROAD, {})).status).toBe(400);
    const del = () =>
      answerOf(h, 'road', 'transport', 'DELETE', P.transportByMrn('road', mrn), { documentIssueDate: at(0) });
    expect((await del()).body).toMatchObject({ status: 'SUCCESS', mrn });
    expect((await h.call('GET', P.transportDescendants('road', mrn), ROAD)).status).toBe(404);
    expect(rejectionsOf(await del())).toEqual([rejection(`MRN ${mrn} not found`, 'mrn')]);
  });

  it('given the style absent/202 without extras, when a SUCCESS is read, then 202 and the empty list left out', async () => {
    await h.control.setStyle({ absent: 'absent', successStatus: 202, extraFields: false });
    const answer = await post('road', sampleTransport());
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({
      requestId: expect.any(String),
      status: 'SUCCESS',
      mrn: expect.any(String),
    });
  });

  it('given a 503 fault on transport-create, when posted twice, then the first is refused and the second accepted', async () => {
    await h.control.injectFault({ endpoint: 'transport-create', action: { type: 'status', status: 503 } });
    expect((await h.call('POST', P.transport('road'), ROAD, sampleTransport())).status).toBe(503);
    expect((await h.call('POST', P.transport('road'), ROAD, sampleTransport())).status).toBe(202);
  });
});

describe('entry status', () => {
  it('given a transport before its estimated arrival, when asked, then 404; after it, validEntry with the office, the time in milliseconds and the MRN', async () => {
    const doc = sampleTransport();
    const mrn = await registerTransport(h, 'road', doc);
    expect((await h.call('GET', P.entryStatus('road', mrn), ROAD)).status).toBe(404);
    await h.control.setBorderClockOffset(3 * HOUR);
    const entry = await h.call('GET', P.entryStatus('road', mrn), ROAD);
    expect(entry.status).toBe(200);
    expect(entry.body).toEqual({
      validEntry: true,
      customsOfficeOfEntry: 'NO351001',
      timeOfEntry: doc.estimatedDateAndTimeOfArrival.replace('Z', '.000Z'),
      mrn,
      timestamp: expect.any(String),
      traceId: expect.any(String),
    });
  });

  it('given entry plans by vehicle and by MRN that refuse entry, when asked after arrival, then validEntry is false', async () => {
    await h.control.setEntryPlan({ key: { identificationNumber: 'AB12345' }, validEntry: false });
    const byKey = await registerTransport(h, 'road', sampleTransport());
    const train = await registerTransport(h, 'rail', sampleTransport('rail'));
    await h.control.setEntryPlan({
      transportMrn: train,
      validEntry: false,
      customsOfficeOfEntry: 'NO345001',
    });
    await h.control.setBorderClockOffset(3 * HOUR);
    expect((await h.call('GET', P.entryStatus('road', byKey), ROAD)).body).toMatchObject({
      validEntry: false,
    });
    expect((await h.call('GET', P.entryStatus('rail', train), MODE_SCOPES.rail)).body).toMatchObject({
      validEntry: false,
      customsOfficeOfEntry: 'NO345001',
    });
  });

  it('given a transport that never reaches the border, when 72 h have passed since its ETA, then Customs has cancelled it', async () => {
    const mrn = await registerTransport(h, 'road', sampleTransport());
    await h.control.setEntryPlan({ transportMrn: mrn, arrives: false });
    await h.control.setBorderClockOffset(3 * HOUR);
    expect((await h.call('GET', P.entryStatus('road', mrn), ROAD)).status).toBe(404);
    expect((await h.control.transports())[0]).toMatchObject({ entered: false, deleted: false });
    await h.control.setBorderClockOffset(76 * HOUR);
    expect((await h.control.transports())[0]).toMatchObject({ deleted: true, cancelledByCustoms: true });
    const corrected = { ...sampleTransport(), estimatedDateAndTimeOfArrival: at(77 * HOUR) };
    expect(rejectionsOf(await put('road', mrn, corrected))).toEqual([
      rejection(`MRN ${mrn} not found`, 'mrn'),
    ]);
  });
});
