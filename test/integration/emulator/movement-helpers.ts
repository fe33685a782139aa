// Paths and sample documents for the transport and master consignment endpoints, written from
// DOMAIN.md section 1b (never from the client), for the twin's contract tests over raw HTTP.
import { type Harness, MODE_SCOPES, type Mode, type Reply, eventually } from './helpers';

const BASES: Record<Mode, [string, string]> = {
  road: ['road/v2', 'road/status/v2'],
  air: ['air/v1', 'air/status/v1'],
  rail: ['rail/v1', 'rail/status/v1'],
  maritime: ['maritime/v1', 'maritime/status/v1'],
};
const M = '/api/movement';
const write = (mode: Mode) => `${M}/${BASES[mode][0]}`;
const status = (mode: Mode) => `${M}/${BASES[mode][1]}`;

export const MOVEMENT_PATHS = {
  transport: (mode: Mode) => `${write(mode)}/transport`,
  transportByMrn: (mode: Mode, mrn: string) => `${write(mode)}/transport/${mrn}`,
  transportValidation: (mode: Mode, id: string) => `${status(mode)}/transport/validation-status/${id}`,
  transportDescendants: (mode: Mode, mrn: string) =>
    `${status(mode)}/transport/${mrn}/status-with-descendants`,
  transportMasters: (mode: Mode, mrn: string) =>
    `${status(mode)}/transport/${mrn}/master-consignment/transport-document/status`,
  transportHouses: (mode: Mode, mrn: string) =>
    `${status(mode)}/transport/${mrn}/house-consignment/transport-document/status`,
  master: (mode: Mode) => `${write(mode)}/master-consignment`,
  masterByMrn: (mode: Mode, mrn: string) => `${write(mode)}/master-consignment/${mrn}`,
  masterValidation: (mode: Mode, id: string) => `${status(mode)}/master-consignment/validation-status/${id}`,
  masterDescendants: (mode: Mode, mrn: string) =>
    `${status(mode)}/master-consignment/${mrn}/status-with-descendants`,
  masterHouses: (mode: Mode, mrn: string) =>
    `${status(mode)}/master-consignment/${mrn}/transport-document/status`,
  entryStatus: (mode: Mode, transportMrn: string) => `${status(mode)}/entry/status/${transportMrn}`,
};

export const HOUR = 60 * 60 * 1000;
export const CARRIER = 'NO984661185';

/** UTC instant without milliseconds, as Customs wants it (yyyy-MM-ddTHH:mm:ssZ). */
export const instantAt = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const address = { country: 'NO', city: 'Oslo', postcode: '0150', streetLine: 'Storgata 1' };

/** Active means per mode: a registered Norwegian truck, a train, an aircraft, a vessel. */
const MEANS: Record<Mode, Record<string, unknown>> = {
  road: { identificationNumber: 'AB12345', typeOfIdentification: 30, modeOfTransportCode: 3 },
  rail: { identificationNumber: '41234', typeOfIdentification: 21, modeOfTransportCode: 2 },
  air: {
    identificationNumber: 'LNRKA',
    typeOfIdentification: 41,
    modeOfTransportCode: 4,
    conveyanceReferenceNumber: 'SK4711',
  },
  maritime: { identificationNumber: '9074729', typeOfIdentification: 10, modeOfTransportCode: 1 },
};

/** A valid transport arriving in two hours (scheduled = estimated); `extra` overrides top-level fields. */
export function sampleTransport(mode: Mode = 'road', extra: Record<string, unknown> = {}) {
  const eta = instantAt(Date.now() + 2 * HOUR);
  return {
    documentIssueDate: instantAt(Date.now()),
    activeBorderTransportMeans: {
      typeOfMeansOfTransport: 30,
      countryCode: 'NO',
      operator: { name: 'Driver', communication: [] },
      ...MEANS[mode],
    },
    carrier: { name: 'Carrier AS', identificationNumber: CARRIER, address },
    customsOfficeOfFirstEntry: { referenceNumber: 'NO351001' },
    estimatedDateAndTimeOfArrival: eta,
    scheduledDateAndTimeOfArrival: eta,
    consignmentMasterLevel: [] as unknown[],
    ...extra,
  };
}
export type TransportBody = ReturnType<typeof sampleTransport>;

/** The transport's means with some fields changed (undefined removes a field). */
export function withMeans(doc: TransportBody, means: Record<string, unknown>): TransportBody {
  return { ...doc, activeBorderTransportMeans: { ...doc.activeBorderTransportMeans, ...means } };
}

const party = { name: 'Company', typeOfPerson: 2, address };

/** A valid master consignment; `level` overrides consignmentMasterLevel fields. */
export function sampleMaster(documentNumber: string, level: Record<string, unknown> = {}, type = 'N741') {
  return {
    documentIssueDate: instantAt(Date.now()),
    consignmentMasterLevel: {
      containerIndicator: 0,
      grossMass: 100,
      carrier: { identificationNumber: CARRIER },
      consignee: party,
      consignor: party,
      transportDocumentMasterLevel: { documentNumber, type },
      ...level,
    },
  };
}

/** The consignmentMasterLevel a house names its master with. */
export const underMaster = (documentNumber: string, type = 'N741') => ({
  consignmentMasterLevel: {
    carrierIdentificationNumber: CARRIER,
    transportDocumentMasterLevel: { documentNumber, type },
  },
});

export type Level = 'transport' | 'master';

/** Sends a write of a level and waits for its validation answer. */
export async function answerOf(
  h: Harness,
  mode: Mode,
  level: Level,
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  body: unknown,
): Promise<Reply> {
  const sent = await h.call(method, path, MODE_SCOPES[mode], body);
  expect(sent.status).toBe(202);
  const { requestId } = sent.body as { requestId: string };
  const url =
    level === 'transport'
      ? MOVEMENT_PATHS.transportValidation(mode, requestId)
      : MOVEMENT_PATHS.masterValidation(mode, requestId);
  return eventually(async () => {
    const r = await h.call('GET', url, MODE_SCOPES[mode]);
    return r.status === 404 ? undefined : r;
  });
}

/** Posts a transport and returns its MRN (expects SUCCESS). */
export async function registerTransport(h: Harness, mode: Mode, doc: unknown): Promise<string> {
  const r = await answerOf(h, mode, 'transport', 'POST', MOVEMENT_PATHS.transport(mode), doc);
  expect(r.body).toMatchObject({ status: 'SUCCESS' });
  return (r.body as { mrn: string }).mrn;
}

/** Posts a master and returns its MRN (expects SUCCESS). */
export async function registerMaster(h: Harness, mode: Mode, doc: unknown): Promise<string> {
  const r = await answerOf(h, mode, 'master', 'POST', MOVEMENT_PATHS.master(mode), doc);
  expect(r.body).toMatchObject({ status: 'SUCCESS' });
  return (r.body as { mrn: string }).mrn;
}

export interface Rejection {
  description: string;
  pointer: { messageElementPath: string };
}

export const rejectionsOf = (r: Reply) =>
  (r.body as { validationErrorList: Rejection[] }).validationErrorList;
