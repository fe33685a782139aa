// A shipment: one transport with its masters and houses in one request. Each is started as its own
// workflow, idempotently, exactly as a single start would be: an item that fails its schema starts
// nothing and does not stop the others, and a repeat of the whole request starts nothing new.
// Masters and houses are linked to the transport by the DigitollTransport search attribute.
import type { FormattedIssue } from '../domain';
import { transportKey, type Mode } from '../shared';
import { mapBounded, DEFAULT_BATCH_CONCURRENCY } from './batch';
import {
  InvalidDocument,
  isFlowError,
  TemporarilyUnavailable,
  unavailableCause,
  type FlowError,
} from './errors';
import type { LevelStartResult, MovementLevel } from './movement-start';
import { shipmentSchema, type ShipmentRequest } from './movement-schemas';
import type { StartResult } from './start';
import { formatIssues } from '../domain';

export type ShipmentItemLevel = Exclude<MovementLevel, 'presentation'> | 'house';

export type ShipmentItemOutcome =
  | { outcome: 'created' | 'existing'; workflowId: string; key: string }
  | { outcome: 'invalid'; issues: FormattedIssue[] }
  | { outcome: 'failed'; error: FlowError | Error };

export interface ShipmentItem {
  /** Where the item sits in the request: `transport`, `masters[0]`, `houses[3]`. */
  item: string;
  level: ShipmentItemLevel;
  result: ShipmentItemOutcome;
}

export interface ShipmentResult {
  /** The transport's key (DigitollTransport of every item), when the request names one. */
  transport?: string;
  items: ShipmentItem[];
}

/** The starts a shipment makes; DigitollFlow passes its own. */
export interface ShipmentStarters {
  transport(request: unknown): Promise<LevelStartResult>;
  master(request: unknown): Promise<LevelStartResult>;
  house(request: unknown, transport: string | undefined): Promise<StartResult>;
}

/** The key of a transport document as sent, when its key fields are there at all (even if invalid). */
function keyOf(mode: Mode, transport: unknown): string | undefined {
  const doc = transport as {
    activeBorderTransportMeans?: { identificationNumber?: unknown; conveyanceReferenceNumber?: unknown };
    scheduledDateAndTimeOfArrival?: unknown;
  };
  const means = doc?.activeBorderTransportMeans;
  if (
    typeof means?.identificationNumber !== 'string' ||
    typeof doc.scheduledDateAndTimeOfArrival !== 'string'
  )
    return undefined;
  const flight = typeof means.conveyanceReferenceNumber === 'string' ? means.conveyanceReferenceNumber : null;
  return transportKey(mode, {
    activeBorderTransportMeans: {
      identificationNumber: means.identificationNumber,
      conveyanceReferenceNumber: flight,
    },
    scheduledDateAndTimeOfArrival: doc.scheduledDateAndTimeOfArrival,
  });
}

/** An item's issues with paths as the shipment spells them (`houses[2].consignmentHouseLevel…`). */
function reprefixed(issues: FormattedIssue[], from: string, to: string): FormattedIssue[] {
  return issues.map((issue) => ({
    message: issue.message,
    path:
      issue.path === from
        ? to
        : issue.path.startsWith(`${from}.`) || issue.path.startsWith(`${from}[`)
          ? `${to}${issue.path.slice(from.length)}`
          : `${to}.${issue.path}`.replace(/\.$/, ''),
  }));
}

async function outcomeOf(
  start: () => Promise<{ workflowId: string; created: boolean; key?: string }>,
  field: string,
  item: string,
): Promise<ShipmentItemOutcome> {
  try {
    const started = await start();
    return {
      outcome: started.created ? 'created' : 'existing',
      workflowId: started.workflowId,
      key: started.key ?? started.workflowId.replace(/^[a-z]{2}:/, ''),
    };
  } catch (error) {
    if (error instanceof InvalidDocument)
      return { outcome: 'invalid', issues: reprefixed(error.issues, field, item) };
    const cause = unavailableCause(error, false);
    if (cause) return { outcome: 'failed', error: new TemporarilyUnavailable('start', cause) };
    if (isFlowError(error) || error instanceof Error) return { outcome: 'failed', error };
    return { outcome: 'failed', error: new Error(String(error)) };
  }
}

export async function submitShipment(
  request: ShipmentRequest,
  starters: ShipmentStarters,
): Promise<ShipmentResult> {
  const parsed = shipmentSchema.safeParse(request);
  if (!parsed.success) throw new InvalidDocument(formatIssues(parsed.error));
  const { mode, erpReference, transport, callbackUrl } = parsed.data;
  const key = keyOf(mode, transport);
  // A shipment's callbackUrl is every item's webhook.
  const common = { mode, ...(erpReference ? { erpReference } : {}), ...(callbackUrl ? { callbackUrl } : {}) };
  const transportItem: ShipmentItem = {
    item: 'transport',
    level: 'transport',
    result: await outcomeOf(() => starters.transport({ ...common, transport }), 'transport', 'transport'),
  };
  const masters = parsed.data.masters ?? [];
  const houses = parsed.data.houses ?? [];
  const tasks: Array<() => Promise<ShipmentItem>> = [
    ...masters.map((master, i) => async (): Promise<ShipmentItem> => ({
      item: `masters[${i}]`,
      level: 'master',
      result: await outcomeOf(
        () => starters.master({ ...common, master, ...(key ? { transport: key } : {}) }),
        'master',
        `masters[${i}]`,
      ),
    })),
    ...houses.map((consignment, i) => async (): Promise<ShipmentItem> => ({
      item: `houses[${i}]`,
      level: 'house',
      result: await outcomeOf(
        () => starters.house({ ...common, consignment }, key),
        'consignment',
        `houses[${i}]`,
      ),
    })),
  ];
  const rest = await mapBounded(tasks, DEFAULT_BATCH_CONCURRENCY, (task) => task());
  return { transport: key, items: [transportItem, ...rest] };
}
