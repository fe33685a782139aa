// The paths whose histories are committed for replay tests: each runs on real workers against
// the emulator and returns the id of its finished run.
import type { WorkflowHandle } from '@temporalio/client';
import type { consignmentWorkflow } from '../../workflows/consignment';
import { arrivedSignal, cancelUpdate, correctUpdate } from '../../workflows/messages';
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
};
