// Delivery of one routing item to its house's workflow, classified: one item Temporal will not
// take (a limit of that workflow, an invalid argument) is listed as undeliverable and never
// stops the page; a house that does not exist or has finished is counted; only an error nobody
// can classify stops the page (and its sibling lanes), so the attempt is retried from its heartbeat.
import { ServiceError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { routingSignal, type RoutingSignal } from '../workflows/consignment/messages';

export type DeliveryOutcome =
  | { kind: 'delivered' }
  | { kind: 'untracked' }
  | { kind: 'already-final' }
  | { kind: 'undeliverable'; reason: string };

/** Sends one routing signal to a workflow id; the default uses the Temporal client. */
export type SignalRouting = (workflowId: string, item: RoutingSignal) => Promise<void>;

export interface DeliveryOptions {
  /** Attempts for a transient failure (unavailable, deadline exceeded) of one item. */
  attempts: number;
  /** Wait before the second attempt; doubled for each further one. */
  backoffMs: number;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = { attempts: 3, backoffMs: 200 };

/**
 * gRPC status codes, fixed by the gRPC specification. Spelled here rather than imported from
 * @grpc/grpc-js, which reaches this project only through the Temporal client.
 */
const GRPC = {
  DEADLINE_EXCEEDED: 4,
  FAILED_PRECONDITION: 9,
  INVALID_ARGUMENT: 3,
  RESOURCE_EXHAUSTED: 8,
  UNAVAILABLE: 14,
} as const;
const GRPC_NAMES = new Map<number, string>(Object.entries(GRPC).map(([name, code]) => [code, name]));
/** The server refuses this item for good (e.g. history.maximumSignalsPerExecution reached). */
const REFUSED = new Set<number>([GRPC.INVALID_ARGUMENT, GRPC.FAILED_PRECONDITION, GRPC.RESOURCE_EXHAUSTED]);
const TRANSIENT = new Set<number>([GRPC.UNAVAILABLE, GRPC.DEADLINE_EXCEEDED]);
const MAX_REASON = 300;

export function defaultSignalRouting(client: Client): SignalRouting {
  return (workflowId, item) => client.workflow.getHandle(workflowId).signal(routingSignal, item);
}

/** The gRPC status code behind a client error, if there is one. */
function grpcCode(error: unknown): number | undefined {
  if (!(error instanceof ServiceError)) return undefined;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

function reasonOf(error: ServiceError, code: number): string {
  const details = (error.cause as { details?: unknown } | undefined)?.details;
  const text = typeof details === 'string' && details !== '' ? details : error.message;
  return `${GRPC_NAMES.get(code) ?? `gRPC ${code}`}: ${text}`.slice(0, MAX_REASON);
}

/**
 * Temporal answers "not found" both for a workflow id it never saw and for a closed run; the
 * description tells them apart (closed: the house finished, Customs re-sent its routing).
 */
async function notFoundOutcome(client: Client, workflowId: string): Promise<DeliveryOutcome> {
  try {
    const description = await client.workflow.getHandle(workflowId).describe();
    return description.status.name === 'RUNNING' ? { kind: 'untracked' } : { kind: 'already-final' };
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return { kind: 'untracked' };
    throw error;
  }
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Delivers one item; throws only for an error it cannot classify. */
export async function deliverOne(
  client: Client,
  signal: SignalRouting,
  workflowId: string,
  item: RoutingSignal,
  options: DeliveryOptions,
): Promise<DeliveryOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      await signal(workflowId, item);
      return { kind: 'delivered' };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return notFoundOutcome(client, workflowId);
      const code = grpcCode(error);
      if (code === undefined || !(REFUSED.has(code) || TRANSIENT.has(code))) throw error;
      const reason = reasonOf(error as ServiceError, code);
      if (REFUSED.has(code) || attempt >= options.attempts) return { kind: 'undeliverable', reason };
      await pause(options.backoffMs * 2 ** (attempt - 1));
    }
  }
}

/**
 * Runs `fn` over the lanes, at most `limit` at once. The first failure stops every lane before
 * its next item (the abort flag), and is thrown only after all lanes have stopped, so nothing is
 * still signalling when the attempt reports its failure.
 */
export async function forEachLane<T>(
  lanes: T[],
  limit: number,
  fn: (lane: T, aborted: () => boolean) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const aborted = () => failure !== undefined;
  const worker = async (): Promise<void> => {
    while (next < lanes.length && !aborted()) {
      const lane = lanes[next++] as T;
      try {
        await fn(lane, aborted);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, lanes.length) }, worker));
  if (failure) throw failure.error;
}
