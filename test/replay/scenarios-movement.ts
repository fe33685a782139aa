// Recorded paths of the levels above the house (transports and masters): their timers, polls,
// PUTs and DELETEs are part of the contract as much as the house's are.
import type { WorkflowHandle } from '@temporalio/client';
import type { masterWorkflow } from '../../workflows/master/workflow';
import {
  masterCancelUpdate,
  masterCorrectUpdate,
  type MasterDocument,
} from '../../workflows/master/messages';
import type { transportWorkflow } from '../../workflows/transport/workflow';
import {
  transportCancelUpdate,
  transportCorrectUpdate,
  updateArrivalUpdate,
  type TransportStatus,
} from '../../workflows/transport/messages';
import { sampleMaster } from '../integration/emulator/movement-helpers';
import {
  HOUR,
  instantAt,
  registeredWithTree,
  startMaster,
  startTransport,
  transportArriving,
  waitForMaster,
  waitForTransport,
} from '../integration/levels/levels.helpers';
import type { RecordedHistory, Scenario } from './scenario-kit';

type TransportHandle = WorkflowHandle<typeof transportWorkflow>;

/** Waits for the run to end (however it ends) and names it for the recorder. */
export async function recordRun(
  name: string,
  handle: Pick<WorkflowHandle, 'workflowId' | 'result'>,
): Promise<RecordedHistory> {
  await handle.result().catch(() => undefined);
  return { name, workflowId: handle.workflowId };
}

/** REGISTERED with the tree Customs holds read: nothing more happens until the ETA. */
const registeredAndRead = (s: TransportStatus) =>
  s.phase === 'REGISTERED' && s.descendantsReadAt !== undefined;

/** Ends a transport parked until its ETA hours away, once it has nothing left to do before it. */
async function endWaiting(handle: TransportHandle, name: string): Promise<RecordedHistory> {
  await handle.terminate('history recorded');
  return recordRun(name, handle);
}

const unique = () => `MAWB-${Date.now().toString(36).toUpperCase()}-${Math.floor(Math.random() * 1e4)}`;

export const MOVEMENT_SCENARIOS: Record<string, Scenario> = {
  /** A road transport registered, then ENTERED once the twin's border clock is past its ETA. */
  transportEntered: {
    async run(h) {
      const handle = await startTransport(h, 'road', transportArriving('road', 4_000));
      await waitForTransport(handle, registeredWithTree, 'REGISTERED with the tree read');
      await h.control.setBorderClockOffset(HOUR);
      try {
        await waitForTransport(handle, (s) => s.phase === 'ENTERED', 'ENTERED');
        return await recordRun('transportEntered', handle);
      } finally {
        await h.control.setBorderClockOffset(0);
      }
    },
  },
  /** Customs answers FAILURE (an office of first entry outside CL141); the correction is REGISTERED. */
  transportRejected: {
    async run(h) {
      const valid = transportArriving('road', 2 * HOUR);
      const wrongOffice = { ...valid, customsOfficeOfFirstEntry: { referenceNumber: 'NO999999' } };
      const handle = await startTransport(h, 'road', wrongOffice);
      const rejected = await waitForTransport(handle, (s) => s.phase === 'REJECTED', 'REJECTED');
      if (rejected.timeline.every((t) => t.phase !== 'AWAITING_VALIDATION'))
        throw new Error('the transport was refused at once (400), not by a FAILURE');
      await handle.executeUpdate(transportCorrectUpdate, { args: [valid, { reason: 'office of entry' }] });
      await waitForTransport(
        handle,
        (s) => registeredAndRead(s) && s.revision === 2,
        'REGISTERED at revision 2',
      );
      return endWaiting(handle, 'transportRejected');
    },
  },
  /** An air transport's ETA moves: exactly one PUT, REGISTERED again; then cancelled (DELETE). */
  transportArrivalUpdate: {
    async run(h) {
      const doc = transportArriving('air', 2 * HOUR);
      const handle = await startTransport(h, 'air', doc);
      await waitForTransport(handle, registeredAndRead, 'REGISTERED with the tree read');
      const later = instantAt(Date.parse(doc.estimatedDateAndTimeOfArrival as string) + HOUR);
      await handle.executeUpdate(updateArrivalUpdate, { args: [{ estimatedDateAndTimeOfArrival: later }] });
      await waitForTransport(
        handle,
        (s) => registeredAndRead(s) && s.revision === 2 && s.estimatedDateAndTimeOfArrival === later,
        'REGISTERED with the new ETA',
      );
      await handle.executeUpdate(transportCancelUpdate, { args: [{ reason: 'flight cancelled' }] });
      return recordRun('transportArrivalUpdate', handle);
    },
  },
  /** A master registered, corrected by one PUT and cancelled by DELETE: CANCELLED. */
  masterLifecycle: {
    async run(h) {
      const master = sampleMaster(unique(), { grossMass: 100 }) as MasterDocument;
      const handle: WorkflowHandle<typeof masterWorkflow> = await startMaster(h, 'air', master);
      await waitForMaster(handle, (s) => s.phase === 'REGISTERED' && !!s.descendantsReadAt, 'REGISTERED');
      const corrected = {
        ...master,
        consignmentMasterLevel: { ...master.consignmentMasterLevel, grossMass: 250 },
      };
      await handle.executeUpdate(masterCorrectUpdate, { args: [corrected, { reason: 'weighed' }] });
      await waitForMaster(
        handle,
        (s) => s.phase === 'REGISTERED' && s.revision === 2 && s.descendants?.weight === 250,
        'REGISTERED at revision 2',
      );
      await handle.executeUpdate(masterCancelUpdate, { args: [{ reason: 'flight cancelled' }] });
      return recordRun('masterLifecycle', handle);
    },
  },
};
