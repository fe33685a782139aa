// Fastify route patterns derived from the client's paths (src/digitoll/paths.ts), so the emulator
// and the client can never disagree on a path.
import { paths } from '../digitoll/paths';
import type { Mode } from '../shared';

const MRN = 'EMULATORMRNPARAM';
const REQUEST = 'EMULATORREQUESTPARAM';
const withoutQuery = (path: string) => path.split('?')[0] ?? path;

export function modeRoutes(mode: Mode) {
  return {
    house: withoutQuery(paths.houseConsignment(mode)),
    houseByMrn: paths.houseConsignmentByMrn(mode, MRN).replace(MRN, ':mrn'),
    validationStatus: paths.validationStatus(mode, REQUEST).replace(REQUEST, ':requestId'),
    transportDocumentStatus: paths.transportDocumentStatus(mode, MRN).replace(MRN, ':mrn'),
    lookup: withoutQuery(paths.findHouseConsignment(mode, 'x', 'y')),
    testAuth: paths.testAuth(mode),
  };
}

export const presentationRoutes = {
  /** `:level` is one of the PresentationLevel values. */
  present: paths.presentation('house-consignment').replace(/house-consignment$/, ':level'),
  validationStatus: withoutQuery(paths.presentationValidationStatus(REQUEST)),
  routing: withoutQuery(paths.routing()),
};
