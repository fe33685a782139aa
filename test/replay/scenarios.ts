// The paths whose histories are committed for replay tests: each runs on real workers against
// the emulator and returns the id of its finished run.
import type { WorkflowHandle } from '@temporalio/client';
import type { consignmentWorkflow } from '../../workflows/consignment';
import { arrivedSignal, cancelUpdate, correctUpdate } from '../../workflows/messages';
import { routingFeedStatusQuery, type RoutingFeedStatus } from '../../workflows/routing-feed-messages';
import { eventually } from '../helpers/temporal';
import { houseOf, waitForPhase, type Harness } from '../integration/consignment.harness';

export interface RecordedHistory {
  name: string;
  workflowId: string;
  runId?: string;
}

type Handle = WorkflowHandle<typeof consignmentWorkflow>;

async function record(name: string, handle: Handle): Promise<RecordedHistory> {
  await handle.result().catch(() => undefined);
  return { name, workflowId: handle.workflowId };
}

async function release(h: Harness, doc: ReturnType<Harness['document']>, handle: Handle): Promise<void> {
  await waitForPhase(handle, 'REGISTERED');
  await h.control.registerArrival(houseOf(doc));
}

export const SCENARIOS: Record<string, (h: Harness) => Promise<RecordedHistory>> = {
  async happy(h) {
    const doc = h.document();
    const handle = await h.start(doc, { presentation: { customsOfficeOfPresentation: 'NO351001' } });
    await waitForPhase(handle, 'REGISTERED');
    await handle.signal(arrivedSignal, {});
    return record('happy', handle);
  },
  async incomplete(h) {
    const complete = h.document({
      consignmentHouseLevel: { importProcedure: { importProcedure: 'IMMEDIATE_RELEASE_IMPORT' } },
    });
    const incomplete = structuredClone(complete);
    incomplete.consignmentHouseLevel.previousDocuments = [];
    const handle = await h.start(incomplete);
    await waitForPhase(handle, 'INCOMPLETE');
    await handle.executeUpdate(correctUpdate, { args: [complete, { reason: 'declaration reference' }] });
    await release(h, complete, handle);
    return record('incomplete', handle);
  },
  async rejected(h) {
    const good = h.document();
    const bad = structuredClone(good);
    bad.consignmentHouseLevel.goodsDescription = '';
    const handle = await h.start(bad);
    await waitForPhase(handle, 'REJECTED');
    await handle.executeUpdate(correctUpdate, { args: [good, { reason: 'description added' }] });
    await release(h, good, handle);
    return record('rejected', handle);
  },
  async cancelled(h) {
    const doc = h.document();
    const handle = await h.start(doc);
    await waitForPhase(handle, 'REGISTERED');
    await handle.executeUpdate(cancelUpdate, { args: [{ reason: 'order withdrawn' }] });
    return record('cancelled', handle);
  },
  /** Last: it ends the harness's routing feed, which the scenarios above rely on. */
  async routingFeed(h) {
    const doc = h.document();
    const handle = await h.start(doc);
    await waitForPhase(handle, 'REGISTERED');
    await h.control.injectFault({ endpoint: 'routing', action: { type: 'status', status: 403 }, count: 1 });
    await feedWhen(h, (s) => s.needsAttention, 'a failed poll');
    const { items } = await h.control.injectSignals([{ ...houseOf(doc), routing: 'TO_ENTRY' }]);
    await feedWhen(h, (s) => s.marker === String(items[0]!.routingResult.id), 'the marker to move');
    await waitForPhase(handle, 'RELEASED');
    await h.feed.terminate('history recorded');
    return { name: 'routingFeed', workflowId: h.feed.workflowId };
  },
};

async function feedWhen(h: Harness, predicate: (s: RoutingFeedStatus) => boolean, what: string) {
  return eventually(
    async () => {
      const status = await h.feed.query(routingFeedStatusQuery);
      return predicate(status) ? status : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 100, what },
  );
}
