// Contract of the transport endpoints as DOMAIN.md section 1b describes them, over raw HTTP:
// notification, the synchronous 400, the keys a PUT cannot change, DELETE, the answer style and faults.
import { type Harness, type Mode, MODE_SCOPES, PATHS, eventually, quietTwinPerFile } from './helpers';
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
quietTwinPerFile((twin) => (h = twin), { absent: 'null', successStatus: 200, extraFields: true });

const ROAD = MODE_SCOPES.road;
const MEANS = 'transport.activeBorderTransportMeans';
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
