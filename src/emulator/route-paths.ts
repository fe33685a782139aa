// The twin's own route table, written from DOMAIN.md (sections 1, 1b and 4). The client keeps its
// paths in src/digitoll/paths.ts; the two are deliberately separate so a wrong guess on one side
// shows up as a 404 instead of being confirmed.
import { type Mode, MODE_VERSIONS } from './model';

const MOVEMENT = '/api/movement';

/** Fastify patterns of the notification and status endpoints of one mode. */
export function modeRoutes(mode: Mode) {
  const { base, statusBase } = MODE_VERSIONS[mode];
  const status = `${MOVEMENT}/${statusBase}/house-consignment`;
  return {
    house: `${MOVEMENT}/${base}/house-consignment`,
    houseByMrn: `${MOVEMENT}/${base}/house-consignment/:mrn`,
    validationStatus: `${status}/validation-status/:requestId`,
    transportDocumentStatus: `${status}/:mrn/transport-document/status`,
    /** Query by key: `?documentNumber=&type=&carrierId=`; answers without an MRN. */
    documentStatusByKey: `${status}/transport-document/status`,
    testAuth: `${MOVEMENT}/${base}/test-auth`,
  };
}

/**
 * Transport, master consignment and entry endpoints of one mode (DOMAIN.md section 1b): the same
 * write/validation pattern as houses, and the query API on the status base.
 */
export function movementRoutes(mode: Mode) {
  const { base, statusBase } = MODE_VERSIONS[mode];
  const write = `${MOVEMENT}/${base}`;
  const status = `${MOVEMENT}/${statusBase}`;
  return {
    transport: `${write}/transport`,
    transportByMrn: `${write}/transport/:mrn`,
    transportValidationStatus: `${status}/transport/validation-status/:requestId`,
    transportDescendants: `${status}/transport/:mrn/status-with-descendants`,
    transportMasters: `${status}/transport/:mrn/master-consignment/transport-document/status`,
    transportHouses: `${status}/transport/:mrn/house-consignment/transport-document/status`,
    master: `${write}/master-consignment`,
    masterByMrn: `${write}/master-consignment/:mrn`,
    masterValidationStatus: `${status}/master-consignment/validation-status/:requestId`,
    masterDescendants: `${status}/master-consignment/:mrn/status-with-descendants`,
    masterHouses: `${status}/master-consignment/:mrn/transport-document/status`,
    entryStatus: `${status}/entry/status/:transportMrn`,
  };
}

export const PRESENTATION_LEVELS = [
  'house-consignment',
  'master-consignment',
  'container',
  'receptacle',
  'entry-summary-declaration',
] as const;
export type PresentationLevel = (typeof PRESENTATION_LEVELS)[number];

export const entryRoutes = {
  /** `:level` is one of PRESENTATION_LEVELS. */
  present: `${MOVEMENT}/presentation/v1/:level`,
  /** `?requestId=` */
  presentationStatus: `${MOVEMENT}/presentation/v1/validation-status`,
  /** `?marker=` */
  routing: `${MOVEMENT}/routing/v1/house-consignment`,
};

/** Maskinporten's token endpoint (below the issuer) and Customs' token exchange. */
export const TOKEN_ROUTES = {
  maskinportenToken: '/token',
  customsExchange: '/api/access/external/oauth/token',
} as const;
