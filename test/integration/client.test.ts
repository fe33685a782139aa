// Given DigitollFlow over real workers, the dev server and the emulator: starts by business key,
// typed errors for bad input, unknown consignments and refused actions, idempotent updates, lists.
import {
  DigitollFlow,
  ActionRefused,
  buildListQuery,
  ConsignmentNotFound,
  InvalidDocument,
} from '../../src/client';
import { SEARCH_ATTRIBUTE_KEYS } from '../../src/client';
import { consignmentWorkflowId } from '../../src/shared';
import { eventually, SETTLE_MS } from '../helpers/temporal';
import { FAST_TIMINGS, houseOf, startHarness, type Harness } from './consignment.harness';

let h: Harness;
let flow: DigitollFlow;
beforeAll(async () => {
  h = await startHarness();
  flow = new DigitollFlow({
    client: h.client,
    taskQueue: h.taskQueues.workflow,
    digitollTaskQueue: h.taskQueues.digitoll,
    defaultTimings: FAST_TIMINGS,
    organisation: h.organisation,
  });
});
afterAll(async () => {
  await h?.close();
});

const waitForPhase = (type: string, documentNumber: string, phase: string) =>
  eventually(
    async () => {
      const status = await flow.status(type, documentNumber);
      return status.phase === phase ? status : undefined;
    },
    { timeoutMs: SETTLE_MS, what: `${documentNumber} ${phase}` },
  );

const incomplete = () =>
  h.document({
    consignmentHouseLevel: {
      importProcedure: { importProcedure: 'IMMEDIATE_RELEASE_IMPORT', hasOutgoingProcedure: false },
      previousDocuments: [],
    },
  });

test('given a start, then the run is findable at once by its search attributes and summary; a repeat returns it', async () => {
  const doc = h.document();
  const { type, documentNumber } = houseOf(doc);
  const erpReference = `ERP-${documentNumber}`;
  const first = await flow.start({ mode: 'road', consignment: doc, erpReference });
  expect(first).toMatchObject({ workflowId: consignmentWorkflowId(type, documentNumber), created: true });
  const handle = h.client.workflow.getHandle(first.workflowId);
  const description = await handle.describe();
  expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTE_KEYS.documentNumber)).toBe(documentNumber);
  expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTE_KEYS.erpReference)).toBe(erpReference);
  expect(await description.staticSummary()).toBe(`House ${type} ${documentNumber} (road)`);
  expect(await description.staticDetails()).toContain(erpReference);
  const again = await flow.start({ mode: 'road', consignment: doc, erpReference });
  expect(again).toEqual({ ...first, created: false });
});

test('given an invalid document, then start throws InvalidDocument with every path and starts nothing', async () => {
  const doc = h.document({
    documentIssueDate: '2025-01-15',
    consignmentHouseLevel: { numberOfPackages: -1 },
  });
  const { type, documentNumber } = houseOf(doc);
  const error = await flow.start({ mode: 'ship' as 'road', consignment: doc }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidDocument);
  expect((error as InvalidDocument).issues.map((i) => i.path).sort()).toEqual([
    'consignment.consignmentHouseLevel.numberOfPackages',
    'consignment.documentIssueDate',
    'mode',
  ]);
  await expect(
    h.client.workflow.getHandle(consignmentWorkflowId(type, documentNumber)).describe(),
  ).rejects.toThrow(/not found/i);
});

test('given an unknown consignment, then every action throws ConsignmentNotFound', async () => {
  const doc = h.document();
  const { type, documentNumber } = houseOf(doc);
  await expect(flow.status(type, documentNumber)).rejects.toBeInstanceOf(ConsignmentNotFound);
  await expect(flow.arrive(type, documentNumber)).rejects.toBeInstanceOf(ConsignmentNotFound);
  await expect(flow.retry(type, documentNumber)).rejects.toBeInstanceOf(ConsignmentNotFound);
  await expect(flow.correct(type, documentNumber, doc, { reason: 'x' })).rejects.toMatchObject({
    code: 'CONSIGNMENT_NOT_FOUND',
  });
});

test('given an INCOMPLETE house, when corrected twice with one idempotency key, then the revision moves once; a changed key is InvalidDocument', async () => {
  const doc = incomplete();
  const { type, documentNumber } = houseOf(doc);
  await flow.start({ mode: 'road', consignment: doc });
  const parked = await waitForPhase(type, documentNumber, 'INCOMPLETE');
  expect(parked.incompleteReasons.map((r) => r.code)).toEqual(['INCOMPLETE_CUDE_DOCUMENTATION']);
  const other = h.document();
  await expect(flow.correct(type, documentNumber, other, { reason: 'wrong house' })).rejects.toBeInstanceOf(
    InvalidDocument,
  );
  const fixed = h.document(
    { consignmentHouseLevel: { importProcedure: { importProcedure: 'IMMEDIATE_RELEASE_IMPORT' } } },
    documentNumber,
  );
  const options = { reason: 'CUDE added', idempotencyKey: `fix-${documentNumber}` };
  expect(await flow.correct(type, documentNumber, fixed, options)).toBe(2);
  expect(await flow.correct(type, documentNumber, fixed, options)).toBe(2);
  const registered = await waitForPhase(type, documentNumber, 'REGISTERED');
  expect(registered.revision).toBe(2);
});

test('given a REGISTERED house, then a correction is accepted before the border; after cancel, arrive is refused and a new start returns the same run', async () => {
  const doc = h.document();
  const { type, documentNumber } = houseOf(doc);
  const started = await flow.start({ mode: 'road', consignment: doc });
  await waitForPhase(type, documentNumber, 'REGISTERED');
  expect(await flow.correct(type, documentNumber, doc, { reason: 'late' })).toBe(2);
  await eventually(
    async () => ((await flow.status(type, documentNumber)).phase === 'REGISTERED' ? true : undefined),
    { timeoutMs: SETTLE_MS, intervalMs: 100, what: 'back to REGISTERED after the PUT' },
  );
  const result = await flow.cancel(type, documentNumber, { reason: 'withdrawn' });
  expect(result).toMatchObject({ phase: 'CANCELLED', cancelReason: 'withdrawn' });
  await expect(flow.arrive(type, documentNumber)).rejects.toMatchObject({
    code: 'ACTION_REFUSED',
    reason: 'the consignment has ended (CANCELLED)',
  });
  expect(await flow.start({ mode: 'road', consignment: doc })).toEqual({ ...started, created: false });
  const calls = await h.control.calls({ house: houseOf(doc) });
  expect(calls.byEndpoint['house-create']).toBe(1);
});

test('given an arrival recorded, then a repeated arrival is not recorded again and a cancel is ActionRefused because the goods reached the border', async () => {
  const doc = h.document();
  const { type, documentNumber } = houseOf(doc);
  await flow.start({ mode: 'road', consignment: doc });
  await waitForPhase(type, documentNumber, 'REGISTERED');
  expect(await flow.arrive(type, documentNumber, {})).toEqual({ recorded: true });
  const repeat = await flow.arrive(type, documentNumber, {});
  expect(repeat).toMatchObject({ recorded: false, reason: expect.stringMatching(/already recorded/) });
  const refused = await flow.cancel(type, documentNumber, { reason: 'too late' }).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(ActionRefused);
  expect((refused as ActionRefused).reason).toMatch(/reached the border/);
});

test('given consignments in two phases with one ERP reference, then list filters by phase and needsAttention', async () => {
  const erpReference = `BATCH-${Date.now()}`;
  const ok = h.document();
  const parked = incomplete();
  await flow.start({ mode: 'road', consignment: ok, erpReference });
  await flow.start({ mode: 'road', consignment: parked, erpReference });
  await waitForPhase(houseOf(ok).type, houseOf(ok).documentNumber, 'REGISTERED');
  await waitForPhase(houseOf(parked).type, houseOf(parked).documentNumber, 'INCOMPLETE');
  const attention = await eventually(async () => {
    const { items } = await flow.list({ erpReference, needsAttention: true });
    return items.length === 1 ? items : undefined;
  });
  expect(attention[0]).toMatchObject({ documentNumber: houseOf(parked).documentNumber, phase: 'INCOMPLETE' });
  const registered = await eventually(async () => {
    const { items } = await flow.list({ erpReference, phase: 'REGISTERED' });
    return items.length === 1 ? items : undefined;
  });
  expect(registered[0]).toMatchObject({ documentNumber: houseOf(ok).documentNumber, needsAttention: false });
  await expect(flow.list({ phase: 'NOPE' as 'REGISTERED' })).rejects.toBeInstanceOf(InvalidDocument);
});

test('given an ERP reference with a quote, then the visibility query escapes it and finds the consignment', async () => {
  expect(buildListQuery({ phase: 'INCOMPLETE', needsAttention: true, erpReference: "O'Brien" })).toBe(
    "WorkflowType = 'consignmentWorkflow' AND DigitollPhase = 'INCOMPLETE' AND DigitollNeedsAttention = true AND ErpReference = 'O\\'Brien'",
  );
  const doc = h.document();
  const erpReference = `O'Brien-${houseOf(doc).documentNumber}`;
  await flow.start({ mode: 'road', consignment: doc, erpReference });
  const found = await eventually(async () => {
    const { items } = await flow.list({ erpReference });
    return items.length > 0 ? items : undefined;
  });
  expect(found.map((i) => i.erpReference)).toEqual([erpReference]);
});

test('given an ERP reference with a backslash or double quote, then start and list refuse it as InvalidDocument', async () => {
  for (const erpReference of ['A\\B', 'A"B']) {
    await expect(
      flow.start({ mode: 'road', consignment: h.document(), erpReference }),
    ).rejects.toBeInstanceOf(InvalidDocument);
    await expect(flow.list({ erpReference })).rejects.toMatchObject({
      code: 'INVALID_DOCUMENT',
      issues: [expect.objectContaining({ path: 'erpReference' })],
    });
  }
});

test('given the running feed, then routingFeedStatus reads it; another organisation has none', async () => {
  const status = await eventually(() => flow.routingFeedStatus());
  expect(status.organisation).toBe(h.organisation);
  const other = new DigitollFlow({ client: h.client, organisation: `${h.organisation}-none` });
  expect(await other.routingFeedStatus()).toBeUndefined();
});
