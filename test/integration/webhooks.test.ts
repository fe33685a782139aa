// ERPs are told, not asked: every phase and needs-attention change reaches a real HTTP receiver,
// signed, in order per consignment; a receiver that is down for 30 s gets everything afterwards
// (duplicates recognisable by delivery id), and the consignments' Customs steps do not wait for it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WEBHOOK_HEADERS } from '../../activities/webhooks';
import { replayWebhooksSignal, statusQuery } from '../../workflows/consignment/messages';
import { eventually } from '../helpers/temporal';
import { FAST_TIMINGS, startHarness, waitForStatus, type Harness } from './consignment.harness';
import { WebhookReceiver } from './webhook-receiver';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const COUNT = 50;

let h: Harness;
const receiver = new WebhookReceiver(SECRET);
beforeAll(async () => {
  await receiver.start();
  h = await startHarness({ webhookSecret: SECRET, emulator: { autoPresentAfterMs: 100 } });
});
afterAll(async () => {
  await h?.close();
  await receiver.stop();
});

async function startMany(n: number) {
  const timings = { ...FAST_TIMINGS, webhookMaxInterval: '1s' as const };
  return Promise.all(
    Array.from({ length: n }, () => h.start(h.document(), { timings, webhook: { url: receiver.url() } })),
  );
}

test(`given ${COUNT} consignments with a webhook, when the receiver is down for 30 s on the way, then every change arrives signed and in order, and the Customs steps did not wait`, async () => {
  const first = await startMany(COUNT / 2);
  await Promise.all(first.map((handle) => handle.result()));

  await receiver.stop();
  const downAt = performance.now();
  const second = await startMany(COUNT / 2);
  // While nobody listens, the goods are still released: the deliveries wait, Customs steps do not.
  await Promise.all(
    second.map((handle) => waitForStatus(handle, (s) => s.phase === 'RELEASED', 'RELEASED', 25_000)),
  );
  const releasedWhileDown = performance.now() - downAt;
  const pending = await Promise.all(second.map((handle) => handle.query(statusQuery)));
  expect(pending.every((s) => (s.webhooks?.pending ?? 0) > 0 || (s.webhooks?.delivered ?? 0) < 5)).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 30_000 - (performance.now() - downAt))));
  await receiver.start();
  await Promise.all(second.map((handle) => handle.result()));

  expect(releasedWhileDown).toBeLessThan(25_000);
  expect(receiver.received.every((r) => r.verified)).toBe(true);
  const events = receiver.byWorkflow();
  expect(events.size).toBe(COUNT);
  for (const handle of [...first, ...second]) {
    const list = events.get(handle.workflowId) ?? [];
    // In order and complete: sequences 1..n as they arrived, ending with the release.
    expect(list.map((e) => e.sequence)).toEqual(list.map((_, i) => i + 1));
    expect(list.map((e) => e.phase)).toEqual(
      expect.arrayContaining(['SUBMITTING', 'AWAITING_VALIDATION', 'REGISTERED', 'RELEASED']),
    );
    expect(list.at(-1)!.phase).toBe('RELEASED');
    const status = await handle.query(statusQuery);
    expect(status.webhooks).toMatchObject({ delivered: list.length, pending: 0, failed: [] });
  }
  // A repeated delivery (a retry whose answer was lost) carries the same id and the same event.
  const bodies = new Map<string, string>();
  for (const { event } of receiver.received) {
    const body = JSON.stringify(event);
    expect(bodies.get(event.deliveryId) ?? body).toBe(body);
    bodies.set(event.deliveryId, body);
  }
}, 180_000);

test('given a receiver that refuses an event (HTTP 4xx), then the delivery is given up at once, listed in the status, and replayWebhooks sends it again even while another delivery is on its way', async () => {
  let accept = false;
  const answered: Array<{ deliveryId: string; status: number }> = [];
  // The second event is held unanswered until the replay has been asked for, so the replay
  // always meets a delivery in flight.
  let held: (() => void) | undefined;
  const refusing = createServer((req, res) => {
    const deliveryId = String(req.headers[WEBHOOK_HEADERS.delivery]);
    const answer = () => {
      const status = accept ? 204 : 410;
      answered.push({ deliveryId, status });
      res.writeHead(status).end();
    };
    if (deliveryId.endsWith(':2') && !answered.some((a) => a.deliveryId === deliveryId)) held = answer;
    else answer();
  });
  await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/gone`;
  try {
    const handle = await h.start(h.document(), { timings: FAST_TIMINGS, webhook: { url } });
    const failed = await eventually(
      async () => {
        const s = await handle.query(statusQuery);
        return (s.webhooks?.failed.length ?? 0) >= 1 && held ? s : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 200, what: 'a given-up delivery and the next one on its way' },
    );
    expect(failed.webhooks!.failed[0]).toMatchObject({ sequence: 1, phase: 'SUBMITTING' });
    expect(failed.webhooks!.failed[0]!.error).toMatch(/HTTP 410/);
    accept = true;
    await handle.signal(replayWebhooksSignal);
    await eventually(
      async () => ((await handle.query(statusQuery)).webhooks?.failed.length === 0 ? true : undefined),
      { timeoutMs: 10_000, intervalMs: 100, what: 'the replay to be taken in' },
    );
    held!();
    const ok = (id: string) => answered.filter((a) => a.deliveryId === id && a.status === 204).length;
    await eventually(async () => (ok(`${handle.workflowId}:1`) > 0 ? true : undefined), {
      timeoutMs: 20_000,
      intervalMs: 200,
      what: 'the replayed delivery',
    });
    // The delivery that was on its way went once, not again in the replay's place.
    expect(ok(`${handle.workflowId}:1`)).toBe(1);
    expect(ok(`${handle.workflowId}:2`)).toBe(1);
    await handle.terminate('test finished');
  } finally {
    refusing.closeAllConnections();
    await new Promise<void>((resolve) => refusing.close(() => resolve()));
  }
});
