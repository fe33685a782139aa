// ERPs are told of the whole movement, not only of houses: a transport, a master and a
// presentation started with a webhook push each phase change to a real HTTP receiver, signed and
// in order, and each run ends only once its ERP has been told.
import { WorkflowIdConflictPolicy } from '@temporalio/client';
import { MASTER_WORKFLOW_TYPE, masterWorkflowId, transportKey } from '../../src/shared';
import type { WebhookEvent } from '../../workflows/consignment/messages';
import {
  transportEnteredSignal,
  type MasterDocument,
  type MasterInput,
} from '../../workflows/master/messages';
import type { masterWorkflow } from '../../workflows/master/workflow';
import { eventually, SETTLE_MS } from '../helpers/temporal';
import { startHarness, waitForPhase, type Harness } from './consignment.harness';
import { sampleMaster } from './emulator/movement-helpers';
import {
  FAST_MASTER_TIMINGS,
  HOUR,
  startTransport,
  transportArriving,
  waitForMaster,
  waitForTransport,
} from './levels/levels.helpers';
import {
  houseDocument,
  startHouse,
  startPresentation,
  waitForHousesListed,
} from './presentation/presentation.helpers';
import { WebhookReceiver } from './webhook-receiver';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const receiver = new WebhookReceiver(SECRET);
let h: Harness;
beforeAll(async () => {
  await receiver.start();
  h = await startHarness({ webhookSecret: SECRET });
});
afterAll(async () => {
  await h?.close();
  await receiver.stop();
});
afterEach(async () => {
  await h.control.setBorderClockOffset(0);
});

const webhook = () => ({ webhook: { url: receiver.url() } });

/** The workflow's events, after checking each was signed and that they came as 1..n. */
function deliveredInOrder(workflowId: string): WebhookEvent[] {
  const received = receiver.eventsOf(workflowId);
  expect(received.length).toBeGreaterThan(0);
  expect(received.every((r) => r.verified)).toBe(true);
  const events = received.map((r) => r.event);
  expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
  expect(events.map((e) => e.deliveryId)).toEqual(events.map((e) => `${workflowId}:${e.sequence}`));
  return events;
}

/** The phases in the order they were told, repeats (an attention or MRN change) counted once. */
const phasesOf = (events: WebhookEvent[]) => events.map((e) => e.phase).filter((p, i, a) => p !== a[i - 1]);

test('given a road transport started with a webhook, when it registers and its ETA passes, then the receiver got every phase change signed and in order, ending REGISTERED, then ENTERED, each with the transport key', async () => {
  const doc = transportArriving('road', 4_000);
  const handle = await startTransport(h, 'road', doc, webhook());
  // REGISTERED or past it: the ETA is seconds away.
  await waitForTransport(handle, (s) => s.mrn !== undefined, 'REGISTERED');

  await h.control.setBorderClockOffset(HOUR);
  const result = await handle.result();

  // The run closed only once its deliveries were done: everything is at the receiver already.
  expect(result.phase).toBe('ENTERED');
  const events = deliveredInOrder(handle.workflowId);
  expect(phasesOf(events)).toEqual([
    'SUBMITTING',
    'AWAITING_VALIDATION',
    'REGISTERED',
    'AWAITING_ENTRY',
    'ENTERED',
  ]);
  const key = transportKey('road', doc);
  for (const e of events) {
    expect(e).toMatchObject({ level: 'transport', workflowId: handle.workflowId, transport: key });
    expect(e).not.toHaveProperty('documentNumber');
    expect(e).not.toHaveProperty('incompleteReasons');
  }
  expect(events.at(-1)).toMatchObject({ phase: 'ENTERED', mrn: result.mrn, needsAttention: false });
  expect(events.at(-1)!.nextStep).toMatch(/entered/);
});

test('given a master and a presentation of it started with a webhook, when the master registers, is presented and its transport enters, then the presentation tells PRESENTED and the master REGISTERED then ENTERED, signed and in order', async () => {
  const number = `MAWB-${Date.now().toString(36).toUpperCase()}-${Math.floor(Math.random() * 1e4)}`;
  const house = await startHouse(h, houseDocument('N740', `${number}-1`, number), { master: number });
  await waitForPhase(house, 'REGISTERED');
  await waitForHousesListed(h, number, 1);
  const master = await startMasterWithWebhook(sampleMaster(number) as MasterDocument);
  const registered = await waitForMaster(master, (s) => s.phase === 'REGISTERED', 'REGISTERED');

  const presentation = await startPresentation(h, {
    level: 'master-consignment',
    transportDocumentMasterLevel: { type: 'N741', documentNumber: number },
    ...webhook(),
  });
  expect((await presentation.result()).phase).toBe('PRESENTED');
  await master.signal(transportEnteredSignal, { transportWorkflowId: 'tr:road:TEST:entered' });
  expect((await master.result()).phase).toBe('ENTERED');

  const told = deliveredInOrder(presentation.workflowId);
  expect(phasesOf(told)).toEqual(['PRESENTING', 'AWAITING_VALIDATION', 'PRESENTED']);
  for (const e of told) {
    expect(e).toMatchObject({
      level: 'presentation',
      presentationLevel: 'master-consignment',
      identifier: `N741:${number}`,
    });
  }
  const events = deliveredInOrder(master.workflowId);
  expect(phasesOf(events)).toEqual(['SUBMITTING', 'AWAITING_VALIDATION', 'REGISTERED', 'ENTERED']);
  for (const e of events) {
    expect(e).toMatchObject({ level: 'master', type: 'N741', documentNumber: number });
    expect(e).not.toHaveProperty('transport');
  }
  expect(events.find((e) => e.phase === 'REGISTERED' && e.mrn)?.mrn).toBe(registered.mrn);
  // The house was started without a webhook: nothing of it reached the receiver.
  expect(receiver.eventsOf(house.workflowId)).toEqual([]);
});

test("given a house started with a webhook, when it registers, then its events carry the house's fields in the same order as before the other levels pushed", async () => {
  const handle = await h.start(h.document(), { erpReference: 'ERP-WEBHOOK-1', ...webhook() });
  await waitForPhase(handle, 'REGISTERED');
  const registered = await eventually(
    async () => receiver.eventsOf(handle.workflowId).find((r) => r.event.phase === 'REGISTERED'),
    { timeoutMs: SETTLE_MS, intervalMs: 100, what: 'the REGISTERED event at the receiver' },
  );

  expect(registered.verified).toBe(true);
  expect(Object.keys(registered.event)).toEqual([
    'deliveryId',
    'sequence',
    'level',
    'workflowId',
    'type',
    'documentNumber',
    'erpReference',
    'phase',
    'mrn',
    'incompleteReasons',
    'validationErrors',
    'needsAttention',
    'nextStep',
    'at',
  ]);
  expect(registered.event).toMatchObject({
    level: 'house',
    workflowId: handle.workflowId,
    erpReference: 'ERP-WEBHOOK-1',
    deliveryId: `${handle.workflowId}:${registered.event.sequence}`,
  });
  await handle.terminate('test finished');
});

function startMasterWithWebhook(document: MasterDocument) {
  const input: MasterInput = {
    mode: 'air',
    master: document,
    timings: FAST_MASTER_TIMINGS,
    digitollTaskQueue: h.taskQueues.digitoll,
    ...webhook(),
  };
  return h.client.workflow.start<typeof masterWorkflow>(MASTER_WORKFLOW_TYPE, {
    workflowId: masterWorkflowId(document),
    taskQueue: h.taskQueues.workflow,
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
  });
}
