// Given the gateway over real workers, the dev server and the emulator: authentication, input
// validation that starts nothing, idempotent create and corrections, and the HTTP status codes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run';
import { API_KEY, OTHER_KEY, startGatewayHarness } from './gateway.harness';
import { houseOf } from './consignment.harness';
import { eventually } from '../helpers/temporal';

let g: Awaited<ReturnType<typeof startGatewayHarness>>;
beforeAll(async () => {
  g = await startGatewayHarness();
});
afterAll(async () => {
  await g?.close();
});

const incomplete = () =>
  g.h.document({
    consignmentHouseLevel: {
      importProcedure: { importProcedure: 'IMMEDIATE_RELEASE_IMPORT', hasOutgoingProcedure: false },
      previousDocuments: [],
    },
  });

describe('authentication', () => {
  test('given no API key, when listing, then 401 and a Bearer challenge', async () => {
    const res = await g.request('GET', '/v1/consignments');
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.json()).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  test('given a wrong key (Bearer or X-Api-Key), when creating, then 401 and nothing is started', async () => {
    const doc = g.h.document();
    for (const headers of <Array<Record<string, string>>>[
      { authorization: `Bearer ${API_KEY}x` },
      { 'x-api-key': 'nope' },
    ]) {
      const res = await g.request('POST', '/v1/consignments', {
        headers,
        payload: { mode: 'road', consignment: doc },
      });
      expect(res.statusCode).toBe(401);
    }
    const { type, documentNumber } = houseOf(doc);
    expect(await g.exists(type, documentNumber)).toBe(false);
  });

  test('given either configured key in either header, when listing, then 200', async () => {
    const bearer = await g.call('GET', '/v1/consignments?limit=1', undefined, {
      authorization: `Bearer ${OTHER_KEY}`,
    });
    const header = await g.request('GET', '/v1/consignments?limit=1', { headers: { 'x-api-key': API_KEY } });
    expect(bearer.statusCode).toBe(200);
    expect(header.statusCode).toBe(200);
  });
});

describe('bad input', () => {
  test('given missing fields, a wrong date format and an unknown type code, then 400 lists every issue and nothing starts', async () => {
    type Loose = Record<string, unknown> & { transportDocumentHouseLevel: Record<string, unknown> };
    const doc = g.h.document() as unknown as { documentIssueDate: string; consignmentHouseLevel: Loose };
    const house = doc.consignmentHouseLevel;
    doc.documentIssueDate = '15.01.2025 08:30';
    house.transportDocumentHouseLevel.type = 'X999';
    delete house.goodsDescription;
    delete house.consignor;
    const res = await g.call('POST', '/v1/consignments', { consignment: doc });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: string; issues: Array<{ path: string; message: string }> }>();
    expect(body.error).toEqual(expect.any(String));
    const paths = body.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'mode',
        'consignment.documentIssueDate',
        'consignment.consignmentHouseLevel.transportDocumentHouseLevel.type',
        'consignment.consignmentHouseLevel.goodsDescription',
        'consignment.consignmentHouseLevel.consignor',
      ]),
    );
    expect(body.issues.find((i) => i.path === 'consignment.documentIssueDate')?.message).toMatch(
      /yyyy-MM-ddTHH:mm:ssZ/,
    );
    expect(body.issues.find((i) => i.path.endsWith('.type'))?.message).toMatch(/Must be one of \[C624/);
    const number = house.transportDocumentHouseLevel.documentNumber as string;
    expect(await g.exists('X999', number)).toBe(false);
    expect(await g.exists('N730', number)).toBe(false);
  });

  test('given a body that is not JSON, then 400; given a body over the limit, then 413; nothing starts', async () => {
    const broken = await g.request('POST', '/v1/consignments', {
      headers: { authorization: `Bearer ${API_KEY}` },
      raw: '{"mode": "road",',
    });
    expect(broken.statusCode).toBe(400);
    const doc = g.h.document({ consignmentHouseLevel: { goodsDescription: 'x'.repeat(70 * 1024) } });
    const big = await g.call('POST', '/v1/consignments', { mode: 'road', consignment: doc });
    expect(big.statusCode).toBe(413);
    const { type, documentNumber } = houseOf(doc);
    expect(await g.exists(type, documentNumber)).toBe(false);
  });

  test('given an unknown phase filter, then 400 names the parameter', async () => {
    const res = await g.call('GET', '/v1/consignments?phase=DONE');
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([expect.objectContaining({ path: 'phase' })]);
  });
});

describe('consignments', () => {
  test('given a create repeated, then 201 then 200 with the same run, and one POST reached Customs', async () => {
    const doc = g.h.document();
    const first = await g.call('POST', '/v1/consignments', { mode: 'road', consignment: doc });
    const second = await g.call('POST', '/v1/consignments', { mode: 'road', consignment: doc });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(first.json().created).toBe(true);
    expect(second.json()).toMatchObject({ created: false, runId: first.json().runId });
    expect(first.headers.location).toBe(g.pathOf(doc));
    await g.waitForHttpStatus(doc, (s) => s.phase === 'REGISTERED', 'REGISTERED');
    const calls = await g.h.control.calls({ house: houseOf(doc) });
    expect(calls.byEndpoint['house-create']).toBe(1);
  });

  test('given an INCOMPLETE house, when a correction is sent twice with one Idempotency-Key, then it is applied once', async () => {
    const doc = incomplete();
    await g.call('POST', '/v1/consignments', { mode: 'road', consignment: doc });
    const parked = await g.waitForHttpStatus(doc, (s) => s.phase === 'INCOMPLETE', 'INCOMPLETE');
    expect(parked).toMatchObject({ revision: 1, needsAttention: true });
    const fixed = g.h.document(
      { consignmentHouseLevel: { importProcedure: { importProcedure: 'IMMEDIATE_RELEASE_IMPORT' } } },
      houseOf(doc).documentNumber,
    );
    const body = { document: fixed, reason: 'CUDE added' };
    const headers = { 'idempotency-key': `fix-${houseOf(doc).documentNumber}` };
    const first = await g.call('POST', `${g.pathOf(doc)}/corrections`, body, headers);
    const repeat = await g.call('POST', `${g.pathOf(doc)}/corrections`, body, headers);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ revision: 2 });
    expect(repeat.statusCode).toBe(200);
    expect(repeat.json()).toEqual({ revision: 2 });
    const registered = await g.waitForHttpStatus(doc, (s) => s.phase === 'REGISTERED', 'REGISTERED');
    expect(registered.revision).toBe(2);
    const calls = await g.h.control.calls({ house: houseOf(doc) });
    expect(calls.byEndpoint['house-replace']).toBe(1);
  });

  test('given a correction sent through the gateway with Idempotency-Key K, when the CLI and the library send it again with K, then it is applied once', async () => {
    const doc = incomplete();
    const { type, documentNumber } = houseOf(doc);
    await g.call('POST', '/v1/consignments', { mode: 'road', consignment: doc });
    await g.waitForHttpStatus(doc, (s) => s.phase === 'INCOMPLETE', 'INCOMPLETE');
    const fixed = g.h.document(
      { consignmentHouseLevel: { importProcedure: { importProcedure: 'IMMEDIATE_RELEASE_IMPORT' } } },
      documentNumber,
    );
    const key = `shared-${documentNumber}`;
    const viaGateway = await g.call(
      'POST',
      `${g.pathOf(doc)}/corrections`,
      { document: fixed, reason: 'CUDE added' },
      { 'idempotency-key': key },
    );
    expect(viaGateway.json()).toEqual({ revision: 2 });

    const dir = await mkdtemp(join(tmpdir(), 'gateway-idempotency-'));
    let stdout = '';
    try {
      const file = join(dir, 'fixed.json');
      await writeFile(file, JSON.stringify(fixed));
      const code = await runCli(
        ['correct', type, documentNumber, file, '--reason', 'CUDE added', '--idempotency-key', key, '--json'],
        { flow: g.flow, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true } },
      );
      expect(code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(JSON.parse(stdout)).toMatchObject({ revision: 2 });
    expect(await g.flow.correct(type, documentNumber, fixed, { reason: 'again', idempotencyKey: key })).toBe(
      2,
    );

    const registered = await g.waitForHttpStatus(doc, (s) => s.phase === 'REGISTERED', 'REGISTERED');
    expect(registered.revision).toBe(2);
    const calls = await g.h.control.calls({ house: houseOf(doc) });
    expect(calls.byEndpoint['house-replace']).toBe(1);
  });

  test('given an unknown consignment, then status, arrival, retry and cancel answer 404', async () => {
    const path = '/v1/consignments/N730/NO-SUCH-HOUSE-42';
    expect((await g.call('GET', path)).statusCode).toBe(404);
    expect((await g.call('POST', `${path}/arrival`, {})).statusCode).toBe(404);
    expect((await g.call('POST', `${path}/retry`)).statusCode).toBe(404);
    const res = await g.call('POST', `${path}/cancel`, { reason: 'test' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'CONSIGNMENT_NOT_FOUND' });
  });

  test('given a REGISTERED house, when corrected before the border, then it is PUT; a repeat without a key applies once; when cancelled twice, then 202 both times and one DELETE', async () => {
    const doc = g.h.document();
    await g.call('POST', '/v1/consignments', { mode: 'road', consignment: doc });
    await g.waitForHttpStatus(doc, (s) => s.phase === 'REGISTERED', 'REGISTERED');
    const corrected = await g.call('POST', `${g.pathOf(doc)}/corrections`, { document: doc, reason: 'late' });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json()).toEqual({ revision: 2 });
    // The same request again (an HTTP retry after a lost answer) attaches to the applied update.
    const repeated = await g.call('POST', `${g.pathOf(doc)}/corrections`, { document: doc, reason: 'late' });
    expect(repeated.statusCode).toBe(200);
    expect(repeated.json()).toEqual({ revision: 2 });
    await g.waitForHttpStatus(doc, (s) => s.phase === 'REGISTERED' && s.revision === 2, 'PUT and back');
    expect((await g.h.control.calls({ house: houseOf(doc) })).byEndpoint['house-replace']).toBe(1);
    const cancelled = await g.call('POST', `${g.pathOf(doc)}/cancel`, { reason: 'order withdrawn' });
    expect(cancelled.statusCode).toBe(202);
    await g.waitForHttpStatus(doc, (s) => s.phase === 'CANCELLED', 'CANCELLED');
    expect((await g.call('GET', g.pathOf(doc))).json()).toMatchObject({ cancelReason: 'order withdrawn' });
    const again = await g.call('POST', `${g.pathOf(doc)}/cancel`, { reason: 'again' });
    expect(again.statusCode).toBe(202);
    expect((await g.h.control.calls({ house: houseOf(doc) })).byEndpoint['house-delete']).toBe(1);
    const recreate = await g.call('POST', '/v1/consignments', { mode: 'road', consignment: doc });
    expect(recreate.statusCode).toBe(200);
    expect(recreate.json().created).toBe(false);
  });

  test('given a REGISTERED house with explicit presentation, when arrival is posted, then it is RELEASED and listed by phase and ERP reference', async () => {
    const doc = g.h.document();
    const erpReference = `ERP-${houseOf(doc).documentNumber}`;
    const created = await g.call('POST', '/v1/consignments', {
      mode: 'road',
      consignment: doc,
      erpReference,
      presentation: { customsOfficeOfPresentation: 'NO351001' },
    });
    expect(created.statusCode).toBe(201);
    await g.waitForHttpStatus(doc, (s) => s.phase === 'REGISTERED', 'REGISTERED');
    const arrival = await g.call('POST', `${g.pathOf(doc)}/arrival`, { at: new Date().toISOString() });
    expect(arrival.statusCode).toBe(202);
    // A repeat changes nothing: recorded once, answered 200, no history written for it.
    const repeat = await g.call('POST', `${g.pathOf(doc)}/arrival`, {});
    expect(repeat.statusCode).toBe(200);
    expect(repeat.json()).toMatchObject({ accepted: true, alreadyRecorded: true });
    await g.waitForHttpStatus(doc, (s) => s.phase === 'RELEASED', 'RELEASED');
    const result = await g.h.client.workflow.getHandle(created.json().workflowId).result();
    expect(result).toMatchObject({ phase: 'RELEASED' });
    const items = await eventuallyListed(
      `/v1/consignments?phase=RELEASED&needsAttention=&erpReference=${erpReference}`,
    );
    expect(items).toEqual([
      expect.objectContaining({ workflowId: created.json().workflowId, phase: 'RELEASED', erpReference }),
    ]);
  });

  test('given an INCOMPLETE house, when listing needsAttention=true by its ERP reference, then it is there', async () => {
    const doc = incomplete();
    const erpReference = `ERP-${houseOf(doc).documentNumber}`;
    await g.call('POST', '/v1/consignments', { mode: 'road', consignment: doc, erpReference });
    const items = await eventuallyListed(`/v1/consignments?needsAttention=true&erpReference=${erpReference}`);
    expect(items).toEqual([expect.objectContaining({ phase: 'INCOMPLETE', needsAttention: true })]);
  });
});

describe('operations', () => {
  test('given a running feed and a reachable Temporal, then routing-feed and healthz answer 200', async () => {
    const feed = await g.call('GET', '/v1/routing-feed');
    expect(feed.statusCode).toBe(200);
    expect(feed.json()).toMatchObject({ organisation: g.h.organisation });
    const health = await g.request('GET', '/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ ok: true, temporal: 'up' });
  });
});

/** Visibility is eventually consistent: polls the list until it has an item. */
async function eventuallyListed(url: string): Promise<Array<Record<string, unknown>>> {
  return eventually(
    async () => {
      const res = await g.call('GET', url);
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
      const items = res.json<{ items: Array<Record<string, unknown>> }>().items;
      return items.length > 0 ? items : undefined;
    },
    { what: `list ${url}` },
  );
}
