// The entry status after the border (DOMAIN.md section 1b) and Customs' 72 h cancellation of a
// transport that never arrives (section 1, step 7), driven by the twin's border clock.
import { type Harness, type Mode, MODE_SCOPES, quietTwinPerFile } from './helpers';
import {
  HOUR,
  MOVEMENT_PATHS as P,
  answerOf,
  instantAt,
  registerTransport,
  rejectionsOf,
  sampleTransport,
} from './movement-helpers';

let h: Harness;
quietTwinPerFile((twin) => (h = twin), { absent: 'null', successStatus: 200, extraFields: true });

const ROAD = MODE_SCOPES.road;
const at = (ms: number) => instantAt(Date.now() + ms);
const put = (mode: Mode, mrn: string, doc: unknown) =>
  answerOf(h, mode, 'transport', 'PUT', P.transportByMrn(mode, mrn), doc);
const rejection = (description: string, messageElementPath: string) => ({
  description,
  pointer: { messageElementPath },
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
