// What every recorded scenario shares: its declaration (the run and where it must run) and the
// small steps several scenarios take against the twin.
import type { WorkflowHandle } from '@temporalio/client';
import type { Phase } from '../../src/shared';
import type { consignmentWorkflow } from '../../workflows/consignment/workflow';
import type { ConsignmentStatus } from '../../workflows/consignment/messages';
import { routingFeedStatusQuery, type RoutingFeedStatus } from '../../workflows/routing-feed/messages';
import { waitForQuery } from '../helpers/temporal';
import {
  houseOf,
  waitForPhase,
  waitForStatus,
  type Harness,
  type startHarness,
} from '../integration/consignment.harness';

export interface RecordedHistory {
  name: string;
  workflowId: string;
  /** The run to record; the latest run when absent. */
  runId?: string;
}

export type HarnessOptions = NonNullable<Parameters<typeof startHarness>[0]>;

export interface Scenario {
  /** Drives one path on real workers against the twin; returns the finished or terminated run. */
  run(h: Harness): Promise<RecordedHistory>;
  /**
   * Ends or crowds the harness's routing feed, or needs other harness settings: runs on a harness
   * of its own, so the scenarios after it still have a feed.
   */
  ownHarness?: HarnessOptions;
  /** Server dynamic config this path needs (a dev server of its own is started for it). */
  dynamicConfig?: Record<string, string | number | boolean>;
  /**
   * false when the secrets test skips it for its cost (a server of its own); every Customs call
   * path stays in the scan through the other scenarios.
   */
  secretsScan?: boolean;
}

export type Handle = WorkflowHandle<typeof consignmentWorkflow>;
export type Doc = ReturnType<Harness['document']>;

/** Waits for the run to end (however it ends) and names it for the recorder. */
export async function record(name: string, handle: Handle): Promise<RecordedHistory> {
  await handle.result().catch(() => undefined);
  return { name, workflowId: handle.workflowId };
}

/** REGISTERED, then the twin registers the arrival and routes TO_ENTRY. */
export async function release(h: Harness, doc: Doc, handle: Handle): Promise<void> {
  await waitForPhase(handle, 'REGISTERED');
  await h.control.registerArrival(houseOf(doc));
}

/** Reached `phase` for the n-th time (a PUT goes through the same phases again). */
export function waitForNth(handle: Handle, phase: Phase, n: number): Promise<ConsignmentStatus> {
  return waitForStatus(
    handle,
    (s) => s.phase === phase && s.timeline.filter((t) => t.phase === phase).length >= n,
    `${phase} #${n}`,
  );
}

/** The same house with a changed description: a whole corrected document, as Customs wants it. */
export function amended(doc: Doc, description: string): Doc {
  const corrected = structuredClone(doc);
  corrected.consignmentHouseLevel.goodsDescription = description;
  return corrected;
}

/** A document whose POST Customs accepts and then answers with an asynchronous FAILURE. */
export function failingTwin(good: Doc): Doc {
  const bad = structuredClone(good);
  (bad.consignmentHouseLevel.previousDocuments![0] as { sequenceNumber?: string }).sequenceNumber = '99';
  return bad;
}

export async function feedWhen(
  h: Harness,
  predicate: (s: RoutingFeedStatus) => boolean,
  what: string,
): Promise<RoutingFeedStatus> {
  return waitForQuery(h.feed, routingFeedStatusQuery, predicate, what);
}
