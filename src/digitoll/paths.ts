// Every Digitoll path and every request field name that is not in the domain schemas, in one place
// (DOMAIN.md section 1), so a correction after reading the live Swagger pages touches one file.
// Entries marked "not documented offline" are plausible choices the emulator implements as written.
import { z } from 'zod';
import type { Mode } from '../shared';
import type { PresentationLevel, PresentationRequest } from './api';

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
  /** Documented as `.../house-consignment/{mrn}/transport-document/status`; the status base is inferred. */
  transportDocumentStatus: (mode: Mode, mrn: string) =>
    `${MOVEMENT}/${STATUS_BASES[mode]}/house-consignment/${seg(mrn)}/transport-document/status`,
  /**
   * not documented offline: lookup of a house by its business key. Answers 200
   * `{mrn, documentNumber, type}` or 404 when Customs does not know the house.
   */
  findHouseConsignment: (mode: Mode, documentNumber: string, type: string) =>
    `${MOVEMENT}/${MODE_BASES[mode]}/house-consignment?${new URLSearchParams({ documentNumber, type }).toString()}`,
  presentation: (level: PresentationLevel) => `${MOVEMENT}/presentation/v1/${level}`,
  /** not documented offline: how the requestId is passed (chosen: query parameter `requestId`). */
  presentationValidationStatus: (requestId: string) =>
    `${MOVEMENT}/presentation/v1/validation-status?${new URLSearchParams({ requestId }).toString()}`,
  routing: (marker?: string) =>
    `${MOVEMENT}/routing/v1/house-consignment${marker === undefined ? '' : `?${new URLSearchParams({ marker }).toString()}`}`,
  testAuth: (mode: Mode) => `${MOVEMENT}/${MODE_BASES[mode]}/test-auth`,
} as const;

/** The Maskinporten token endpoint path below the issuer, and the Customs exchange path. */
export const TOKEN_PATHS = {
  maskinportenToken: '/token',
  customsExchange: '/api/access/external/oauth/token',
} as const;

/**
 * The body of an explicit presentation. requestId and customsOfficeOfPresentation are documented;
 * the level identifiers are: ENS `mrn` (seen), house `transportDocumentHouseLevel` (documented),
 * receptacle `receptacleIdentificationNumber` (documented), container
 * `containerIdentificationNumber` (not documented offline), master `transportDocumentMasterLevel`
 * (not documented offline).
 */
export function presentationBody(request: PresentationRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    requestId: request.requestId,
    customsOfficeOfPresentation: request.customsOfficeOfPresentation,
  };
  switch (request.level) {
    case 'house-consignment':
      body.transportDocumentHouseLevel = request.transportDocumentHouseLevel;
      break;
    case 'master-consignment':
      body.transportDocumentMasterLevel = request.transportDocumentMasterLevel;
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

/** not documented offline: the answer of findHouseConsignment. */
export const houseLookupSchema = z.looseObject({
  mrn: z.string().min(1),
  documentNumber: z.string(),
  type: z.string(),
});

/**
 * not documented offline: the routing page is taken to be a plain JSON array of items. An object
 * wrapping the array in `routingResults` or `items` is accepted too, in case the live API does so.
 */
export function routingPageSchema<S extends z.ZodType>(item: S) {
  const list = z.array(item);
  return z.union([
    list,
    z.looseObject({ routingResults: list }).transform((o) => o.routingResults),
    z.looseObject({ items: list }).transform((o) => o.items),
  ]);
}
