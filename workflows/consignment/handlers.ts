// Message handlers of the consignment workflow. Registered first and synchronously; update
// validators are synchronous and refuse what the handler must not see; malformed signals are
// recorded in the status instead of breaking the workflow.
import { ApplicationFailure, CancellationScope, condition, setHandler } from '@temporalio/workflow';
import type * as Domain from '../../src/domain';
import { TERMINAL_PHASES, type Phase } from '../../src/shared';
import { houseKeyOf, type ConsignmentState } from './state';
import {
  arrivedSignal,
  arrivedUpdate,
  cancelSignal,
  cancelUpdate,
  correctSignal,
  correctUpdate,
  provideMrnSignal,
  provideMrnUpdate,
  retrySignal,
  routingSignal,
  REFUSAL_TYPES,
  replayWebhooksSignal,
  statusQuery,
  type ArrivalNotice,
  type CancelRequest,
  type ConsignmentDocument,
  type CorrectionOptions,
  type ProvideMrnRequest,
} from './messages';
import { workflowNow } from '../notification/clock';
import { correctedDocumentProblemsV1, readRoutingSignalV1 } from './frozen-signal-readers';

/**
 * Phases that accept a corrected document: waiting for one (REJECTED, INCOMPLETE, ENTRY_PENDING) or
 * registered before the border (REGISTERED, MRN_UNKNOWN: "all information may be changed up to the
 * border crossing"); all but REJECTED are sent with a PUT.
 */
const CORRECTABLE: ReadonlySet<Phase> = new Set<Phase>([
  'REJECTED',
  'INCOMPLETE',
  'ENTRY_PENDING',
  'REGISTERED',
  'MRN_UNKNOWN',
]);

/** An MRN as Customs writes them: 18 capital letters and digits (e.g. 22NO4TU2HUD59UCBT8). */
const MRN_FORMAT = /^[0-9]{2}[A-Z]{2}[A-Z0-9]{14}$/;

function provideMrnProblem(c: ConsignmentState, request: unknown): string | undefined {
  const mrn = (request as { mrn?: unknown } | undefined)?.mrn;
  if (typeof mrn !== 'string' || !MRN_FORMAT.test(mrn.trim()))
    return 'mrn must be 18 characters: two digits, the country code and 14 capital letters or digits (e.g. 22NO4TU2HUD59UCBT8)';
  if (c.status.mrn) return `the MRN is already known (${c.status.mrn})`;
  if (!c.status.mrnUnknown && !c.mrnWanted)
    return 'Customs has not said it holds this house yet: no MRN is missing';
  if (TERMINAL_PHASES.has(c.phase)) return `phase ${c.phase} has ended: the MRN is no longer needed`;
  return undefined;
}

/** The failure type of a cancel update whose consignment reached another end first. */
export const CANCEL_OVERTAKEN = 'CANCEL_OVERTAKEN';

/** Why a correction is refused, or undefined when it is acceptable. */
/**
 * Why a correction is refused, or undefined. The signal (replayed) checks the document with the
 * frozen reader; the update's validator (never replayed) also applies today's full rules.
 */
export function correctionProblem(
  c: ConsignmentState,
  document: unknown,
  options: unknown,
  rules: 'frozen' | 'current',
): string | undefined {
  if (!CORRECTABLE.has(c.phase)) return `phase ${c.phase} does not accept corrections`;
  if (c.pendingCorrection) return 'a correction is already waiting to be sent';
  const reason = (options as CorrectionOptions | undefined)?.reason;
  if (typeof reason !== 'string' || reason.trim() === '') return 'a correction needs a reason';
  const issues = rules === 'frozen' ? correctedDocumentProblemsV1(document) : currentRuleProblems(document);
  if (issues.length > 0) return `invalid document: ${issues.join('; ')}`;
  const key = houseKeyOf(document);
  if (key?.documentNumber !== c.status.documentNumber || key.type !== c.status.type) {
    return 'documentNumber and type cannot change';
  }
  return undefined;
}

function currentRuleProblems(document: unknown): string[] {
  // Loaded when an update needs it, not with every workflow: see frozen-signal-readers.ts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { formatIssues, houseConsignmentSchema } = require('../../src/domain') as typeof Domain;
  const parsed = houseConsignmentSchema.safeParse(document);
  if (parsed.success) return [];
  return formatIssues(parsed.error).map((i) => `${i.path || '(document)'}: ${i.message}`);
}

/** Phases after the border: Customs holds the goods in routing, a DELETE no longer applies. */
const PAST_THE_BORDER: ReadonlySet<Phase> = new Set<Phase>([
  'PRESENTING',
  'AWAITING_ROUTING',
  'TO_CONTROL',
  'ENTRY_PENDING',
]);

function cancelProblem(c: ConsignmentState, request: unknown): string | undefined {
  if (TERMINAL_PHASES.has(c.phase) || c.cancelRequest) return `phase ${c.phase} cannot be cancelled`;
  if (PAST_THE_BORDER.has(c.phase) || c.arrival !== undefined || c.routingVersion > 0) {
    return `the goods have reached the border (phase ${c.phase}): Customs now decides by routing and a DELETE no longer applies; contact Customs to withdraw them`;
  }
  const reason = (request as CancelRequest | undefined)?.reason;
  if (typeof reason !== 'string' || reason.trim() === '') return 'a cancellation needs a reason';
  return undefined;
}

/** Why an arrival update is refused (with ALREADY_RECORDED when it only repeats), or undefined. */
function arrivalProblem(
  c: ConsignmentState,
  notice: unknown,
): { type?: string; message: string } | undefined {
  if (notice !== undefined && (typeof notice !== 'object' || notice === null))
    return { message: 'payload must be an object' };
  if (TERMINAL_PHASES.has(c.phase)) return { message: `phase ${c.phase} has ended` };
  const office = (notice as ArrivalNotice | undefined)?.customsOfficeOfPresentation;
  const known = c.arrival !== undefined || c.routingVersion > 0;
  if (known && (office === undefined || office === c.arrival?.customsOfficeOfPresentation)) {
    const by = c.arrival ? 'an earlier arrival' : 'routing from Customs';
    return { type: REFUSAL_TYPES.alreadyRecorded, message: `arrival already recorded (${by})` };
  }
  return undefined;
}

export function registerHandlers(c: ConsignmentState, flow: CancellationScope): void {
  const applyCorrection = (document: ConsignmentDocument, options: CorrectionOptions): number => {
    c.status.revision += 1;
    c.pendingCorrection = { document, reason: options.reason };
    return c.status.revision;
  };
  const requestCancel = (request: CancelRequest): void => {
    c.cancelRequest = { reason: request.reason };
    c.status.cancelReason = request.reason;
    flow.cancel();
  };

  setHandler(statusQuery, () => c.snapshot(), { description: 'Phase, MRN, reasons, routing and timeline' });
  setHandler(correctUpdate, applyCorrection, {
    description: 'Replace the whole document (same documentNumber and type); returns the new revision',
    validator: (document, options) => {
      const problem = correctionProblem(c, document, options, 'current');
      if (problem) throw new Error(problem);
    },
  });
  setHandler(
    correctSignal,
    (document, options) => {
      const problem = correctionProblem(c, document, options, 'frozen');
      if (problem) c.rejectMessage('correct', problem);
      else applyCorrection(document, options);
    },
    { description: 'Same as the correct update, for the UI; refused corrections appear in rejectedMessages' },
  );
  setHandler(
    cancelUpdate,
    async (request) => {
      requestCancel(request);
      // A routing in the same activation may end the consignment first: wait for any end. Not
      // cancellable: Temporal's own cancellation of the run must not fail an accepted cancel.
      await CancellationScope.nonCancellable(() => condition(() => TERMINAL_PHASES.has(c.phase)));
      if (c.phase !== 'CANCELLED') {
        throw ApplicationFailure.create({
          type: CANCEL_OVERTAKEN,
          message: `the consignment ended as ${c.phase} before the cancellation took effect`,
          nonRetryable: true,
        });
      }
      return c.result();
    },
    {
      description:
        'Cancel the consignment (DELETE at Customs when it has an MRN); returns when CANCELLED, fails if it ended otherwise first',
      validator: (request) => {
        const problem = cancelProblem(c, request);
        if (problem) throw new Error(problem);
      },
    },
  );
  setHandler(
    cancelSignal,
    (request) => {
      const problem = cancelProblem(c, request);
      if (problem) c.rejectMessage('cancel', problem);
      else requestCancel(request);
    },
    { description: 'Cancel the consignment (DELETE at Customs when it has an MRN)' },
  );
  const recordArrival = (notice?: ArrivalNotice): ArrivalNotice => {
    // The first arrival time stays; a later notice may correct the office of presentation.
    const office = notice?.customsOfficeOfPresentation ?? c.arrival?.customsOfficeOfPresentation;
    c.arrival = { ...notice, ...c.arrival, customsOfficeOfPresentation: office };
    c.arrivalVersion += 1;
    return c.arrival;
  };
  setHandler(
    arrivedSignal,
    (notice) => {
      const ok = notice === undefined || (typeof notice === 'object' && notice !== null);
      if (!ok) c.rejectMessage('arrived', 'payload must be an object');
      else recordArrival(notice);
    },
    { description: 'The transport arrived; presents the consignment when configured' },
  );
  setHandler(arrivedUpdate, recordArrival, {
    description: 'The transport arrived; a repeat that changes nothing is refused (ALREADY_RECORDED)',
    validator: (notice) => {
      const problem = arrivalProblem(c, notice);
      if (problem) throw ApplicationFailure.create({ ...problem, nonRetryable: true });
    },
  });
  const storeMrn = (request: ProvideMrnRequest): string => {
    c.status.mrn = request.mrn.trim();
    c.clearAttention();
    c.publish();
    return c.status.mrn;
  };
  setHandler(provideMrnUpdate, storeMrn, {
    description: 'Operator: the MRN of a house Customs holds but whose MRN was lost (18 characters)',
    validator: (request) => {
      const problem = provideMrnProblem(c, request);
      if (problem) throw new Error(problem);
    },
  });
  setHandler(
    provideMrnSignal,
    (request) => {
      const problem = provideMrnProblem(c, request);
      if (problem) c.rejectMessage('provideMrn', problem);
      else storeMrn(request);
    },
    { description: 'Same as the provideMrn update, for the UI; a refused MRN appears in rejectedMessages' },
  );
  setHandler(replayWebhooksSignal, () => c.webhooks?.replayFailed(), {
    description: 'Operator: send the webhook deliveries that were given up again, in order',
  });
  setHandler(retrySignal, () => void (c.retryRequested = true), {
    description: 'Operator: try the parked step again',
  });
  setHandler(routingSignal, (item) => applyRouting(c, item), {
    description: 'A routing result from the routing feed (deduplicated; the latest wins)',
  });
}

function applyRouting(c: ConsignmentState, raw: unknown): void {
  const read = readRoutingSignalV1(raw);
  if (!read.ok) {
    c.rejectMessage('routing', `malformed routing item: ${read.problems.join('; ')}`);
    return;
  }
  const item = read.item;
  const house = item.transportDocumentHouseLevel;
  if (house.referenceNumber !== c.status.documentNumber || house.type !== c.status.type) {
    c.rejectMessage(
      'routing',
      `routing ${item.routingResult.id} is for ${house.type} ${house.referenceNumber}`,
    );
    return;
  }
  if (c.seenRoutingIds.has(item.routingResult.id)) return;
  c.seenRoutingIds.add(item.routingResult.id);
  const record = {
    id: item.routingResult.id,
    routing: item.routingResult.routing,
    controlLocation: item.routingControlLocation ?? item.routingResult.routingControlLocation,
    receivedAt: workflowNow(),
  };
  c.status.routingHistory.push(record);
  c.status.routing = record;
  c.routingVersion += 1;
  // In a lean run the routing loop, when it waits, publishes this with the phase it leads to: one
  // write of the search attributes and memo instead of two in the same activation.
  if (!(c.lean && c.routingAwaited)) c.publish();
}
