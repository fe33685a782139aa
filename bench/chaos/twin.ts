// The twin's side of the campaign: the faults it injects (as Customs misbehaves), and what it saw
// afterwards: a house registered twice, a POST repeated after its answer had arrived, more PUTs
// than the corrections the gateway accepted. Read from GET /__emulator/houses and /calls.
import type { EmulatorControl, FaultInput } from '../../src/emulator/control-client';
import { HOUSE_TYPE } from './traffic';

/** Every Customs fault the client must survive, by probability, for the whole pass. */
export const FAULTS: FaultInput[] = [
  { endpoint: 'house-create', action: { type: 'status', status: 500 }, probability: 0.05 },
  { endpoint: 'house-create', action: { type: 'rate-limit', retryAfterSeconds: 2 }, probability: 0.05 },
  { endpoint: 'house-create', action: { type: 'drop-after-write' }, probability: 0.05 },
  { endpoint: 'house-validation-status', action: { type: 'status', status: 503 }, probability: 0.05 },
  {
    endpoint: 'house-validation-status',
    action: { type: 'rate-limit', retryAfterSeconds: 1 },
    probability: 0.03,
  },
  { endpoint: 'house-replace', action: { type: 'status', status: 500 }, probability: 0.1 },
  { endpoint: 'routing', action: { type: 'status', status: 503 }, probability: 0.1 },
  { endpoint: 'routing', action: { type: 'rate-limit', retryAfterSeconds: 1 }, probability: 0.05 },
];

/** The twin's call log keeps this many records (its counters stay exact beyond). */
const CALL_LOG_LIMIT = 10_000;

export async function injectFaults(control: EmulatorControl): Promise<void> {
  for (const fault of FAULTS) await control.injectFault(fault);
}

export interface TwinFindings {
  /** Keys the twin's house list holds more than once (not deleted). */
  registeredTwice: string[];
  /** Houses POSTed again after a POST whose answer had arrived (a lost answer excuses a repeat). */
  repeatedCreates: string[];
  /** Houses with more accepted PUTs than corrections the gateway accepted for them. */
  duplicatePuts: string[];
  puts: number;
  creates: number;
  droppedAnswers: number;
  /** false when the call log overflowed, so repeats may be undercounted. */
  logComplete: boolean;
}

const wrote = (call: { status: number; fault?: string }) =>
  (call.status >= 200 && call.status < 300 && call.fault === undefined) || call.fault === 'drop-after-write';

export async function twinFindings(
  control: EmulatorControl,
  correctionsAccepted: ReadonlyMap<string, number>,
): Promise<TwinFindings> {
  const houses = await control.houses();
  const seen = new Map<string, number>();
  for (const house of houses.filter((h) => !h.deleted)) {
    const key = `${house.type}:${house.documentNumber}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const creates = (await control.calls({ endpoint: 'house-create' })).calls.filter(
    (c) => c.house !== undefined,
  );
  const answered = new Set<string>();
  const repeated = new Set<string>();
  for (const call of creates.filter(wrote)) {
    if (answered.has(call.house!)) repeated.add(call.house!);
    if (call.fault === 'drop-after-write') answered.delete(call.house!);
    else answered.add(call.house!);
  }
  const puts = (await control.calls({ endpoint: 'house-replace' })).calls.filter((c) => c.house && wrote(c));
  const putsByHouse = new Map<string, number>();
  for (const put of puts) putsByHouse.set(put.house!, (putsByHouse.get(put.house!) ?? 0) + 1);
  const duplicatePuts = [...putsByHouse]
    .filter(([house, count]) => count > (correctionsAccepted.get(house.slice(HOUSE_TYPE.length + 1)) ?? 0))
    .map(([house]) => house);
  return {
    registeredTwice: [...seen].filter(([, count]) => count > 1).map(([key]) => key),
    repeatedCreates: [...repeated],
    duplicatePuts,
    puts: puts.length,
    creates: creates.filter(wrote).length,
    droppedAnswers: creates.filter((c) => c.fault === 'drop-after-write').length,
    logComplete: (await control.calls()).total <= CALL_LOG_LIMIT,
  };
}
