// Every Digitoll path and every request field name that is not in the domain schemas, in one place
// (DOMAIN.md section 1), so a correction after reading the live Swagger pages touches one file.
// Entries marked "inferred" are guesses, each with its reason. The readers accept what else Customs
// may send (src/domain/status.ts, routing.ts), so a wrong guess about an answer costs little.
//
// To confirm against the live Swagger (api-test.toll.no/api/movement/<api>/<version>/swagger-ui):
// 1. transportDocumentStatus: the status base (`{mode-status}`) in front of the documented path.
// 2. houseDocumentStatusByKey: documentNumber, type and carrierId as query parameters, and the
//    status base; the answer as one object or a list.
// 3. presentationValidationStatus: requestId as a query parameter; the answer's shape.
// 4. presentationBody: the master, receptacle and container identifiers.
// 5. routingPageSchema: the `routingResults` / `items` envelopes (the plain array is confirmed).
// 6. validation status: the HTTP code of SUCCESS (any 2xx is accepted).
// 7. the routing item shape (src/domain/routing.ts), from the vendor's code and old docs.
import { z } from 'zod';
import type { Mode } from '../shared';
import type { PresentationLevel, PresentationRequest } from './api';
import type { NotificationLevel } from './levels-api';

/** Notification API base per mode (road is v2, the others v1). */
export const MODE_BASES: Readonly<Record<Mode, string>> = {
  road: 'road/v2',
  air: 'air/v1',
  rail: 'rail/v1',
  maritime: 'maritime/v1',
};

/** Status API base per mode. */
export const STATUS_BASES: Readonly<Record<Mode, string>> = {
  road: 'road/status/v2',
  air: 'air/status/v1',
  rail: 'rail/status/v1',
  maritime: 'maritime/status/v1',
};

const MOVEMENT = '/api/movement';
const seg = (value: string) => encodeURIComponent(value);

export const paths = {
  /** POST the document; PUT/DELETE go to houseConsignmentByMrn. */
  houseConsignment: (mode: Mode) => `${MOVEMENT}/${MODE_BASES[mode]}/house-consignment`,
  houseConsignmentByMrn: (mode: Mode, mrn: string) =>
    `${MOVEMENT}/${MODE_BASES[mode]}/house-consignment/${seg(mrn)}`,
  validationStatus: (mode: Mode, requestId: string) =>
    `${MOVEMENT}/${STATUS_BASES[mode]}/house-consignment/validation-status/${seg(requestId)}`,
  /** Documented as `.../house-consignment/{mrn}/transport-document/status`; inferred: the status base, as for validation status. */
  transportDocumentStatus: (mode: Mode, mrn: string) =>
    `${MOVEMENT}/${STATUS_BASES[mode]}/house-consignment/${seg(mrn)}/transport-document/status`,
  /**
   * The documented status query by key (answers no MRN). Inferred: the names go as query
   * parameters (the docs name them, not where they go); carrierId only when known.
   */
  houseDocumentStatusByKey: (mode: Mode, key: { documentNumber: string; type: string; carrierId?: string }) =>
    `${MOVEMENT}/${STATUS_BASES[mode]}/house-consignment/transport-document/status?${new URLSearchParams({
      documentNumber: key.documentNumber,
      type: key.type,
      ...(key.carrierId ? { carrierId: key.carrierId } : {}),
    }).toString()}`,
  presentation: (level: PresentationLevel) => `${MOVEMENT}/presentation/v1/${level}`,
  /** Inferred: the requestId as query parameter `requestId` (one endpoint since 2023, no path slot documented). */
  presentationValidationStatus: (requestId: string) =>
    `${MOVEMENT}/presentation/v1/validation-status?${new URLSearchParams({ requestId }).toString()}`,
  routing: (marker?: string) =>
    `${MOVEMENT}/routing/v1/house-consignment${marker === undefined ? '' : `?${new URLSearchParams({ marker }).toString()}`}`,
  testAuth: (mode: Mode) => `${MOVEMENT}/${MODE_BASES[mode]}/test-auth`,
  /** Transport and master (DOMAIN.md 1b): POST here, PUT/DELETE at levelByMrn, polled like a house. */
  level: (level: NotificationLevel, mode: Mode) => `${MOVEMENT}/${MODE_BASES[mode]}/${LEVEL_SEGMENTS[level]}`,
  levelByMrn: (level: NotificationLevel, mode: Mode, mrn: string) =>
    `${MOVEMENT}/${MODE_BASES[mode]}/${LEVEL_SEGMENTS[level]}/${seg(mrn)}`,
  levelValidationStatus: (level: NotificationLevel, mode: Mode, requestId: string) =>
    `${MOVEMENT}/${STATUS_BASES[mode]}/${LEVEL_SEGMENTS[level]}/validation-status/${seg(requestId)}`,
  /** Query API on the status base (production + documented). */
  levelDescendants: (level: NotificationLevel, mode: Mode, mrn: string) =>
    `${MOVEMENT}/${STATUS_BASES[mode]}/${LEVEL_SEGMENTS[level]}/${seg(mrn)}/status-with-descendants`,
  masterHouseStatuses: (mode: Mode, mrn: string) =>
    `${MOVEMENT}/${STATUS_BASES[mode]}/master-consignment/${seg(mrn)}/transport-document/status`,
  /** Entry status after the border, with the mode's scope (production). */
  entryStatus: (mode: Mode, transportMrn: string) =>
    `${MOVEMENT}/${STATUS_BASES[mode]}/entry/status/${seg(transportMrn)}`,
} as const;

/** The path segment of each notification level above the house. */
export const LEVEL_SEGMENTS: Readonly<Record<NotificationLevel, string>> = {
  transport: 'transport',
  master: 'master-consignment',
};

/** The Maskinporten token endpoint path below the issuer, and the Customs exchange path. */
export const TOKEN_PATHS = {
  maskinportenToken: '/token',
  customsExchange: '/api/access/external/oauth/token',
} as const;

/**
 * The body of an explicit presentation (DOMAIN.md section 1, step 5): the client-generated
 * requestId, customsOfficeOfPresentation, optionally transportMRN (v2), and the level's identifier:
 * house `consignmentHouseLevel.transportDocumentHouseLevel` (documented in the v1 to v2 change
 * log; no top-level transportDocumentHouseLevel), master
 * `consignmentMasterLevel.transportDocumentMasterLevel` (inferred), receptacle
 * `receptacleIdentificationNumber` (inferred), container `containerIdentificationNumber`
 * (inferred), ENS `mrn` (production).
 *
 * The ENS level (`entry-summary-declaration`) is deprecated by Customs: master-consignment
 * "replaces the ENS endpoint", which is still served, so it stays for ICS2 goods presented by MRN.
 */
export function presentationBody(request: PresentationRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    requestId: request.requestId,
    customsOfficeOfPresentation: request.customsOfficeOfPresentation,
  };
  if (request.transportMRN !== undefined) body.transportMRN = request.transportMRN;
  switch (request.level) {
    case 'house-consignment':
      body.consignmentHouseLevel = { transportDocumentHouseLevel: request.transportDocumentHouseLevel };
      break;
    case 'master-consignment':
      body.consignmentMasterLevel = { transportDocumentMasterLevel: request.transportDocumentMasterLevel };
      break;
    case 'receptacle':
      body.receptacleIdentificationNumber = request.receptacleIdentificationNumber;
      break;
    case 'container':
      body.containerIdentificationNumber = request.containerIdentificationNumber;
      break;
    case 'entry-summary-declaration':
      body.mrn = request.mrn;
      break;
  }
  return body;
}

/**
 * The routing page is a plain JSON array (confirmed). Inferred, as a precaution only: an object
 * wrapping the array in `routingResults` or `items` is accepted too, in case a version does so.
 */
export function routingPageSchema<S extends z.ZodType>(item: S) {
  const list = z.array(item);
  return z.union([
    list,
    z.looseObject({ routingResults: list }).transform((o) => o.routingResults),
    z.looseObject({ items: list }).transform((o) => o.items),
  ]);
}
