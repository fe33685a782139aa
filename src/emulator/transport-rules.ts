// The asynchronous checks Customs runs on a transport after the 202 (DOMAIN.md section 1b): arrival
// times, the road and rail rules on the active means of transport, the vehicle register and the
// customs office, and on a PUT the keys that cannot change. The descriptions are the ones DOMAIN.md
// quotes from Customs' documents; where it quotes none (the key rules, scheduled = estimated on the
// first POST) the wording is the twin's own (inferred).
import type { RejectionItem } from './model';
import type { TransportDocument } from './movement-documents';
import {
  CUSTOMS_OFFICES,
  MODE_OF_TRANSPORT,
  NO_CONVEYANCE_REFERENCE,
  REQUIRED_IDENTIFICATION_TYPE,
  isRegisteredVehicle,
} from './movement-registers';
import { rejection } from './outcomes';

/**
 * Root of Customs' element paths for a transport: the quoted description
 * "transport.activeBorderTransportMeans.modeOfTransportCode is …" names fields this way (inferred
 * for the pointers).
 */
export const ROOT = 'transport';
const MEANS = `${ROOT}.activeBorderTransportMeans`;
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

const SCHEDULED = 'scheduledDateAndTimeOfArrival';
const ESTIMATED = 'estimatedDateAndTimeOfArrival';

function timeRules(
  field: typeof SCHEDULED | typeof ESTIMATED,
  value: string | null | undefined,
  now: number,
): RejectionItem[] {
  const path = `${ROOT}.${field}`;
  if (value === undefined || value === null) return [rejection(`${field} should be present`, path)];
  const at = Date.parse(value);
  if (at > now + YEAR_MS) return [rejection(`${field} cannot be more than one year into the future`, path)];
  // Only the estimate must lie ahead: the scheduled time stays as it was once the transport has arrived.
  if (field === ESTIMATED && at < now) return [rejection(`${field} has already passed`, path)];
  return [];
}

function arrivalRules(document: TransportDocument, now: number, first: boolean): RejectionItem[] {
  const scheduled = document.scheduledDateAndTimeOfArrival;
  const estimated = document.estimatedDateAndTimeOfArrival;
  const errors = [...timeRules(SCHEDULED, scheduled, now), ...timeRules(ESTIMATED, estimated, now)];
  if (first && errors.length === 0 && scheduled !== estimated) {
    // Documented: the scheduled time "must equal the estimate on the first POST" (wording inferred).
    errors.push(rejection(`${SCHEDULED} must be equal to ${ESTIMATED}`, `${ROOT}.${SCHEDULED}`));
  }
  return errors;
}

function meansRules(document: TransportDocument): RejectionItem[] {
  const means = document.activeBorderTransportMeans;
  const code = means.modeOfTransportCode;
  const because = `${MEANS}.modeOfTransportCode is ${code}, then this field`;
  const errors: RejectionItem[] = [];
  const reference = means.conveyanceReferenceNumber;
  if (NO_CONVEYANCE_REFERENCE.includes(code) && reference !== undefined && reference !== null) {
    errors.push(rejection(`${because} should not be provided`, `${MEANS}.conveyanceReferenceNumber`));
  }
  const required = REQUIRED_IDENTIFICATION_TYPE[code];
  if (required !== undefined && means.typeOfIdentification !== required) {
    errors.push(rejection(`${because} should have value ${required}`, `${MEANS}.typeOfIdentification`));
  }
  const norwegianRoad = code === MODE_OF_TRANSPORT.road && means.countryCode === 'NO';
  if (norwegianRoad && !isRegisteredVehicle(means.identificationNumber)) {
    const text =
      "Could not find identificationNumber in Norwegian Public Roads Administration's register of motor vehicles";
    errors.push(rejection(text, `${MEANS}.identificationNumber`));
  }
  return errors;
}

function officeRule(document: TransportDocument): RejectionItem[] {
  const office = document.customsOfficeOfFirstEntry.referenceNumber;
  if (CUSTOMS_OFFICES.includes(office)) return [];
  return [rejection('Must be a valid customs office', `${ROOT}.customsOfficeOfFirstEntry.referenceNumber`)];
}

/** Documented: these cannot change on a PUT (the conveyance reference only for air). */
function keyRules(document: TransportDocument, previous: TransportDocument, air: boolean): RejectionItem[] {
  const now = document.activeBorderTransportMeans;
  const before = previous.activeBorderTransportMeans;
  const keys: Array<[string, unknown, unknown]> = [
    [`${MEANS}.identificationNumber`, now.identificationNumber, before.identificationNumber],
    [`${MEANS}.typeOfIdentification`, now.typeOfIdentification, before.typeOfIdentification],
    [`${ROOT}.${SCHEDULED}`, document.scheduledDateAndTimeOfArrival, previous.scheduledDateAndTimeOfArrival],
  ];
  if (air) {
    keys.push([
      `${MEANS}.conveyanceReferenceNumber`,
      now.conveyanceReferenceNumber ?? null,
      before.conveyanceReferenceNumber ?? null,
    ]);
  }
  return keys
    .filter(([, value, old]) => value !== old)
    .map(([path]) => rejection(`${path.split('.').at(-1)} cannot be changed`, path));
}

/**
 * Every rejection of a transport notified at `now` (border clock); `previous` is the registered
 * document when this is a PUT.
 */
export function assessTransport(
  document: TransportDocument,
  now: number,
  options: { previous?: TransportDocument; air: boolean },
): RejectionItem[] {
  const { previous, air } = options;
  return [
    ...(previous ? keyRules(document, previous, air) : []),
    ...arrivalRules(document, now, previous === undefined),
    ...meansRules(document),
    ...officeRule(document),
  ];
}
