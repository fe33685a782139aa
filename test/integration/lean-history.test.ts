// Given real workers, the dev server and the twin: a house started now carries the
// rest-indexed patch (lean, and only the phases it rests in are indexed), so its history is
// short (one patch marker, no timer started only to be cancelled, the memo written only when what
// the search attributes do not say changes), and a status read still gives the whole summary by
// putting the memo and the search attributes together.
import { temporal } from '@temporalio/proto';
import {
  flowOf,
  holdRouting,
  houseOf,
  startHarness,
  waitForPhase,
  type Harness,
} from './consignment.harness';
import { statusQuery } from '../../workflows/consignment/messages';
import { SEARCH_ATTRIBUTES } from '../../src/shared';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const EventType = temporal.api.enums.v1.EventType;

/** A house started through the client, presented explicitly at NO351001 when it arrives; routed when the test says. */
async function startPresented(erpReference?: string) {
  const flow = flowOf(h);
  const doc = h.document();
  const { type, documentNumber } = houseOf(doc);
  await holdRouting(h, { type, documentNumber });
  const started = await flow.start({
    mode: 'road',
    consignment: doc,
    erpReference,
    presentation: { customsOfficeOfPresentation: 'NO351001' },
  });
  return { flow, type, documentNumber, handle: h.client.workflow.getHandle(started.workflowId) };
}

test('given a house started through the client, when Customs routes it after presentation, then its history is lean and its summary whole', async () => {
  const { flow, type, documentNumber, handle } = await startPresented('ERP-LEAN-1');
  const before = Date.now();
  await waitForPhase(handle, 'REGISTERED');
  await flow.arrive(type, documentNumber, {});
  await waitForPhase(handle, 'AWAITING_ROUTING');
  await h.control.injectSignals([{ type, documentNumber, routing: 'TO_ENTRY' }]);
  expect((await handle.result()).phase).toBe('RELEASED');

  const events = (await handle.fetchHistory()).events ?? [];
  const count = (t: temporal.api.enums.v1.EventType) => events.filter((e) => e.eventType === t).length;
  // One marker (lean-history) instead of one per patch the run passes.
  expect(count(EventType.EVENT_TYPE_MARKER_RECORDED)).toBe(1);
  // The validation deadline rides on the poll's schedule-to-close; the waits share one expiry timer.
  expect(count(EventType.EVENT_TYPE_TIMER_CANCELED)).toBe(0);
  // The start's memo already said what the phases before the routing say (the requestId stays out
  // of it once the MRN is known): written for the routing only.
  expect(count(EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED)).toBe(1);
  // Every update of the project's attributes carries the time of the change.
  const upserts = events
    .filter((e) => e.eventType === EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
    .map((e) =>
      Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}),
    )
    .filter((keys) => !keys.includes('TemporalChangeVersion'));
  expect(upserts.length).toBeGreaterThan(0);
  for (const keys of upserts) expect(keys).toContain(SEARCH_ATTRIBUTES.updatedAt.name);
  // Phases passed through (AWAITING_VALIDATION, PRESENTING) are not indexed: the start said
  // SUBMITTING, then the phases the house rests in.
  const indexedPhases = events.flatMap((e) => {
    const field =
      e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.[
        SEARCH_ATTRIBUTES.phase.name
      ];
    return field?.data ? [JSON.parse(Buffer.from(field.data).toString('utf8')) as string] : [];
  });
  expect(indexedPhases).toEqual(['REGISTERED', 'AWAITING_ROUTING', 'RELEASED']);
  // ...while the status query keeps every phase.
  const timeline = (await handle.query(statusQuery)).timeline.map((t) => t.phase);
  expect(timeline).toEqual(expect.arrayContaining(['AWAITING_VALIDATION', 'PRESENTING']));

  const summary = await flow.status(type, documentNumber);
  expect(summary).toMatchObject({
    phase: 'RELEASED',
    needsAttention: false,
    erpReference: 'ERP-LEAN-1',
    routing: { routing: 'TO_ENTRY' },
    executionStatus: 'COMPLETED',
  });
  expect(summary.mrn).toMatch(/^[0-9A-Z]{18}$/);
  expect(summary.nextStep).toContain('Released (TO_ENTRY)');
  expect(Date.parse(summary.updatedAt)).toBeGreaterThanOrEqual(before - 60_000);
  expect(Number.isNaN(Date.parse(summary.updatedAt))).toBe(false);
});

test('given a house whose goods reach the border before Customs registers it, when it is presented and routed, then the index skips REGISTERED and gets the MRN with AWAITING_ROUTING', async () => {
  const { flow, type, documentNumber, handle } = await startPresented();
  await flow.arrive(type, documentNumber, {});
  await waitForPhase(handle, 'AWAITING_ROUTING');
  await h.control.injectSignals([{ type, documentNumber, routing: 'TO_ENTRY' }]);
  expect((await handle.result()).phase).toBe('RELEASED');

  const events = (await handle.fetchHistory()).events ?? [];
  const upserted = events.flatMap((e) => {
    const fields = e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
    if (!fields?.[SEARCH_ATTRIBUTES.phase.name]) return [];
    const read = (name: string) => {
      const data = fields[name]?.data;
      return data ? (JSON.parse(Buffer.from(data).toString('utf8')) as string) : undefined;
    };
    return [{ phase: read(SEARCH_ATTRIBUTES.phase.name), mrn: read(SEARCH_ATTRIBUTES.mrn.name) }];
  });
  expect(upserted.map((u) => u.phase)).toEqual(['AWAITING_ROUTING', 'RELEASED']);
  const { mrn, timeline } = await handle.query(statusQuery);
  expect(upserted[0]?.mrn).toBe(mrn);
  expect(timeline.map((t) => t.phase)).toEqual(expect.arrayContaining(['REGISTERED', 'PRESENTING']));
  // The memo is written once, at the end: the requestId stays out of it once the MRN is known.
  const memos = events.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED);
  expect(memos).toHaveLength(1);
  const summary = await flow.status(type, documentNumber);
  expect(summary).toMatchObject({ phase: 'RELEASED', mrn, routing: { routing: 'TO_ENTRY' } });
  expect(summary.requestId).toBeUndefined();
});
