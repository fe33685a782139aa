// The documented asynchronous transport rules (DOMAIN.md section 1b), over raw HTTP: each gives its
// FAILURE description and path on a POST and on a PUT, and a corrected PUT is accepted.
import { type Harness, type Mode, quietTwinPerFile } from './helpers';
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

describe('transport rules', () => {
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
});
