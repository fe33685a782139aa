// Activities of an explicit presentation above the house (ENS, master, container, receptacle):
// the POST at Customs, and, in Temporal, finding the tracked houses under a master and telling
// houses they are presented. The validation poll is `checkPresentation` (activities/digitoll.ts),
// which is the same for every level.
import { Context } from '@temporalio/activity';
import { ServiceError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { DigitollApi } from '../src/digitoll/api';
import {
  CONSIGNMENT_WORKFLOW_TYPE,
  SEARCH_ATTRIBUTES,
  consignmentWorkflowId,
  parseConsignmentWorkflowId,
  type PresentationLevel,
} from '../src/shared';
import { arrivedSignal } from '../workflows/consignment/messages';
import type { HouseNoticeOutcome, PresentedHouseKey } from '../workflows/presentation/messages';
import { presentOnce } from './errors';

export interface PresentLevelInput {
  level: PresentationLevel;
  /** Made by the workflow; the same on every retry of one attempt (Customs' idempotency key). */
  requestId: string;
  customsOfficeOfPresentation: string;
  transportMRN?: string;
  mrn?: string;
  transportDocumentMasterLevel?: PresentedHouseKey;
  containerIdentificationNumber?: string;
  receptacleIdentificationNumber?: string;
}
export interface PresentLevelResult {
  requestId: string;
  /** An earlier try of this requestId was stored (its answer was lost): poll it. */
  alreadyAccepted: boolean;
}
export interface FindHousesInput {
  /** The master's `{type}:{documentNumber}`, as DigitollMasterDocument holds it. */
  masterDocument: string;
  /** At most this many houses are returned (a larger master is reported as truncated). */
  limit?: number;
}
export interface FindHousesResult {
  houses: PresentedHouseKey[];
  truncated: boolean;
}
export interface TellHousesInput {
  houses: PresentedHouseKey[];
  /** The presentation's workflow id, sent to each house as `presentedBy`. */
  presentedBy: string;
  at: string;
}
export interface TellHousesResult {
  outcomes: Array<{ workflowId: string; outcome: Exclude<HouseNoticeOutcome, 'pending'>; reason?: string }>;
}

const DEFAULT_FIND_LIMIT = 10_000;
/** Houses signalled at once: enough to be quick, few enough not to swamp the frontend. */
const TELL_CONCURRENCY = 10;

/** A string literal of Temporal's list filter (quotes and backslashes escaped). */
function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** gRPC codes with which the server refuses a signal for good (a limit of that workflow, a bad argument). */
const REFUSED_CODES = new Set<number>([3, 8, 9]);

async function tellOne(client: Client, workflowId: string, input: TellHousesInput) {
  try {
    await client.workflow
      .getHandle(workflowId)
      .signal(arrivedSignal, { at: input.at, presentedBy: input.presentedBy });
    return { workflowId, outcome: 'told' as const };
  } catch (error) {
    // Not running (finished, or never started): nothing to tell, never an error.
    if (error instanceof WorkflowNotFoundError)
      return { workflowId, outcome: await endedOrUnknown(client, workflowId) };
    if (error instanceof ServiceError) {
      const code = (error.cause as { code?: unknown } | undefined)?.code;
      if (typeof code === 'number' && REFUSED_CODES.has(code))
        return { workflowId, outcome: 'undeliverable' as const, reason: error.message.slice(0, 300) };
    }
    throw error;
  }
}

/** A house that cannot be signalled: its workflow ended, or there never was one. */
async function endedOrUnknown(client: Client, workflowId: string): Promise<'finished' | 'not-tracked'> {
  try {
    await client.workflow.getHandle(workflowId).describe();
    return 'finished';
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return 'not-tracked';
    throw error;
  }
}

export function createPresentationActivities(deps: { digitoll: DigitollApi; client: Client }) {
  const { digitoll: api, client } = deps;
  return {
    /** One presentation POST at any level above the house; a reused requestId means it was stored. */
    presentLevel(input: PresentLevelInput): Promise<PresentLevelResult> {
      return presentOnce(input.requestId, () => api.present(input));
    },
    /** Running house workflows whose DigitollMasterDocument names the master (Temporal visibility). */
    async findHousesUnderMaster(input: FindHousesInput): Promise<FindHousesResult> {
      const limit = input.limit ?? DEFAULT_FIND_LIMIT;
      const query = [
        `WorkflowType = ${literal(CONSIGNMENT_WORKFLOW_TYPE)}`,
        `ExecutionStatus = 'Running'`,
        `${SEARCH_ATTRIBUTES.masterDocument.name} = ${literal(input.masterDocument)}`,
      ].join(' AND ');
      const houses = new Map<string, PresentedHouseKey>();
      for await (const execution of client.workflow.list({ query })) {
        const key = parseConsignmentWorkflowId(execution.workflowId);
        if (key) houses.set(execution.workflowId, key);
        if (houses.size > limit) break;
      }
      const truncated = houses.size > limit;
      return { houses: [...houses.values()].slice(0, limit), truncated };
    },
    /** Signals `arrived` with `presentedBy` to each house; a house that is not running is reported. */
    async tellHousesPresented(input: TellHousesInput): Promise<TellHousesResult> {
      const ids = input.houses.map((h) => consignmentWorkflowId(h.type, h.documentNumber));
      const outcomes: TellHousesResult['outcomes'] = [];
      for (let i = 0; i < ids.length; i += TELL_CONCURRENCY) {
        const lane = ids.slice(i, i + TELL_CONCURRENCY);
        outcomes.push(...(await Promise.all(lane.map((id) => tellOne(client, id, input)))));
        heartbeat();
      }
      return { outcomes };
    },
  };
}

export type PresentationActivities = ReturnType<typeof createPresentationActivities>;

function heartbeat(): void {
  try {
    Context.current().heartbeat();
  } catch {
    // Called outside an activity (a unit test): nothing to beat.
  }
}
