// Typed helpers over the control API, for tests and demos that drive a running emulator over HTTP
// (the workflow tests use these against an emulator started in-process or by `npm run emulator`).
import { request } from 'undici';
import type { z } from 'zod';
import {
  CONTROL_PREFIX,
  type behaviourSchema,
  type bulkSignalsSchema,
  type entryPlanSchema,
  type faultSchema,
  type processingSchema,
  type routingStepSchema,
  type signalSchema,
  type styleSchema,
} from './control-schemas';
import type { RoutingItemBody } from './feed-items';
import type { CallSummary } from './faults';
import type { AnswerStyle } from './style';
import type { EndpointKind, HouseRef } from './types';

export class EmulatorControlError extends Error {
  override readonly name = 'EmulatorControlError';
  readonly code = 'EMULATOR_CONTROL_FAILED';
  constructor(
    readonly status: number,
    readonly path: string,
    readonly body: unknown,
  ) {
    super(`emulator control call ${path} answered ${status}`);
  }
}

export interface HouseState extends HouseRef {
  mrn: string;
  mode: string;
  documentStatus: 'SUCCESS' | 'INCOMPLETE';
  incompleteDocumentationReasonList: string[];
  deleted: boolean;
  /** Presented: by an arrival, an explicit presentation or Customs' automatic presentation. */
  arrived: boolean;
}

export type SignalInput = z.input<typeof signalSchema>;
export type StyleInput = z.input<typeof styleSchema>;
export type BehaviourInput = z.input<typeof behaviourSchema>;
export interface BehaviourState {
  autoPresentAfterMs: number | 'off';
  extraRoutingItemsEvery: number;
  lookupUnavailable: 400 | 404 | null;
}
/** firstId/lastId are feed sequence numbers (the routing ids when idsAsNumbers); the others the UUIDs. */
export interface BulkResult {
  published: number;
  firstId?: number;
  lastId?: number;
  firstRoutingId?: string;
  lastRoutingId?: string;
}
export interface TransportState {
  mrn: string;
  mode: string;
  identificationNumber: string;
  conveyanceReferenceNumber: string | null;
  scheduledDateAndTimeOfArrival: string | null;
  estimatedDateAndTimeOfArrival: string | null;
  /** Registered at the border (at its estimated arrival, on the border clock). */
  entered: boolean;
  deleted: boolean;
  /** Cancelled by Customs: no arrival within 72 h of the estimated arrival. */
  cancelledByCustoms: boolean;
}
export interface MasterState extends HouseRef {
  mrn: string;
  mode: string;
  deleted: boolean;
}
export type EntryPlanInput = z.input<typeof entryPlanSchema>;
export interface ClockState {
  offsetMs: number;
  borderTime: string;
}
export type RoutingStepInput = z.input<typeof routingStepSchema>;
export type FaultInput = z.input<typeof faultSchema>;

async function call<T>(
  baseUrl: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
) {
  const response = await request(`${baseUrl}${CONTROL_PREFIX}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed: unknown = await response.body.json();
  if (response.statusCode >= 300) throw new EmulatorControlError(response.statusCode, path, parsed);
  return parsed as T;
}

export function createEmulatorControl(baseUrl: string) {
  const url = baseUrl.replace(/\/$/, '');
  return {
    /** Registers the arrival of one house: its routing plan starts now. */
    registerArrival: (house: HouseRef) =>
      call<{ houses: number; scheduled: number }>(url, 'POST', '/arrivals', house),
    /** Registers the arrival of every house registered (and not deleted) at the emulator. */
    registerAllArrivals: () =>
      call<{ houses: number; scheduled: number }>(url, 'POST', '/arrivals', { all: true }),
    /** Publishes items at once; returns them as the routing feed sends them. */
    injectSignals: (signals: SignalInput[]) =>
      call<{ items: RoutingItemBody[] }>(url, 'POST', '/routing/signals', { signals }),
    injectBulkSignals: (input: z.input<typeof bulkSignalsSchema>) =>
      call<BulkResult>(url, 'POST', '/routing/bulk', input),
    setRoutingPlan: (house: HouseRef, steps: RoutingStepInput[]) =>
      call<unknown>(url, 'PUT', '/routing/plans', { ...house, steps }),
    routingState: () =>
      call<{ published: number; pending: number; lastId: number; lastRoutingId?: string }>(
        url,
        'GET',
        '/routing',
      ),
    /** Changes how answers are worded (style.ts); returns the whole style now in force. */
    setStyle: (style: StyleInput) => call<{ style: AnswerStyle }>(url, 'PUT', '/style', style),
    /** Automatic presentation, extra routing items, the query-by-key switch. */
    setBehaviour: (input: BehaviourInput) => call<BehaviourState>(url, 'PUT', '/behaviour', input),
    behaviour: () => call<BehaviourState>(url, 'GET', '/behaviour'),
    /** Global delay (no house), or a house's delay and "answer 404 to the next N polls". */
    setProcessing: (input: z.input<typeof processingSchema>) =>
      call<{ delayMs: number }>(url, 'PUT', '/processing', input),
    injectFault: (fault: FaultInput) => call<{ faults: FaultInput[] }>(url, 'POST', '/faults', fault),
    clearFaults: () => call<{ faults: [] }>(url, 'DELETE', '/faults'),
    /** The faults not yet taken (a fault is taken when a matching request arrives). */
    faults: () => call<{ faults: FaultInput[] }>(url, 'GET', '/faults'),
    calls: (filter: { house?: HouseRef; endpoint?: EndpointKind } = {}) => {
      const query = new URLSearchParams();
      if (filter.house) query.set('house', `${filter.house.type}:${filter.house.documentNumber}`);
      if (filter.endpoint) query.set('endpoint', filter.endpoint);
      return call<CallSummary>(url, 'GET', `/calls?${query.toString()}`);
    },
    houses: async () => (await call<{ houses: HouseState[] }>(url, 'GET', '/houses')).houses,
    transports: async () =>
      (await call<{ transports: TransportState[] }>(url, 'GET', '/transports')).transports,
    masters: async () => (await call<{ masters: MasterState[] }>(url, 'GET', '/masters')).masters,
    /** How the border treats a transport: `validEntry: false`, or `arrives: false` (never enters). */
    setEntryPlan: (plan: EntryPlanInput) => call<unknown>(url, 'PUT', '/entry-plans', plan),
    /** Shifts the border clock (arrival rules, entry status, 72 h cancellation); 0 undoes it. */
    setBorderClockOffset: (offsetMs: number) => call<ClockState>(url, 'PUT', '/clock', { offsetMs }),
    /** Expires every issued token, so clients meet a 401 on their next call. */
    expireTokens: () => call<{ expired: boolean }>(url, 'POST', '/tokens/expire'),
    reset: () => call<{ reset: boolean }>(url, 'POST', '/reset'),
  };
}

export type EmulatorControl = ReturnType<typeof createEmulatorControl>;
