// The documented asynchronous transport rules (DOMAIN.md section 1b; the table is shared with the
// workflow's tests, test/fixtures/transport-rules.ts), over raw HTTP: each gives its FAILURE
// description and path on a POST and on a PUT, and a corrected PUT is accepted.
import { type Harness, type Mode, quietTwinPerFile } from './helpers';
import { TRANSPORT_RULE_CASES } from '../../fixtures/transport-rules';
import {
  HOUR,
  MOVEMENT_PATHS as P,
  answerOf,
  instantAt,
  registerTransport,
  rejectionsOf,
  sampleTransport,
  withMeans,
} from './movement-helpers';

let h: Harness;
quietTwinPerFile((twin) => (h = twin), { absent: 'null', successStatus: 200, extraFields: true });

const at = (ms: number) => instantAt(Date.now() + ms);
const post = (mode: Mode, doc: unknown) => answerOf(h, mode, 'transport', 'POST', P.transport(mode), doc);
const put = (mode: Mode, mrn: string, doc: unknown) =>
  answerOf(h, mode, 'transport', 'PUT', P.transportByMrn(mode, mrn), doc);
const rejection = (description: string, messageElementPath: string) => ({
  description,
  pointer: { messageElementPath },
});

describe('transport rules', () => {
  it.each(TRANSPORT_RULE_CASES)(
    'given $name, when posted and when put, then FAILURE 202 with that description and path; a corrected PUT succeeds',
    async ({ mode, breakIt, description, path }) => {
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
