// A transport, master or presentation request may name its own webhook (callbackUrl) under the
// same rule as a house's, a shipment's callbackUrl reaches every item it starts, and the OpenAPI
// event names every level that pushes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { arrivingIn } from '../../src/cli/movement-commands';
import {
  createMasterSchema,
  createPresentationSchema,
  createTransportSchema,
} from '../../src/client/movement-schemas';
import { submitShipment, type ShipmentStarters } from '../../src/client/shipment';
import type { StartResult } from '../../src/client/start';
import type { LevelStartResult } from '../../src/client/movement';
import { openApiDocument } from '../../src/gateway/openapi';
import { WEBHOOK_LEVELS } from '../../workflows/consignment/messages';

const shipment = arrivingIn(
  JSON.parse(readFileSync(path.resolve(__dirname, '../../examples/shipment-road.json'), 'utf8')) as Record<
    string,
    unknown
  >,
  '2h',
) as { mode: string; transport: unknown; masters: unknown[]; houses: unknown[] };

const requests = {
  transport: (callbackUrl: string) =>
    createTransportSchema.safeParse({ mode: shipment.mode, transport: shipment.transport, callbackUrl }),
  master: (callbackUrl: string) =>
    createMasterSchema.safeParse({ mode: shipment.mode, master: shipment.masters[0], callbackUrl }),
  presentation: (callbackUrl: string) =>
    createPresentationSchema.safeParse({
      level: 'container',
      containerIdentificationNumber: 'JARU0000010',
      customsOfficeOfPresentation: 'NO351001',
      callbackUrl,
    }),
};

test.each(Object.entries(requests))(
  'given a %s request, when its callbackUrl is https or http to loopback, then it is accepted; plain http elsewhere is refused at callbackUrl',
  (_level, parse) => {
    expect(parse('https://erp.example.no/digitoll').success).toBe(true);
    expect(parse('http://127.0.0.1:9000/events').success).toBe(true);
    const refused = parse('http://erp.example.no/digitoll');
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.map((i) => i.path.join('.'))).toEqual(['callbackUrl']);
  },
);

test('given a shipment with a callbackUrl, when it is submitted, then the transport, every master and every house are started with it', async () => {
  const seen: Array<[string, unknown]> = [];
  const started = { workflowId: 'x', runId: 'r', created: true };
  const starters: ShipmentStarters = {
    transport: async (r) => (seen.push(['transport', r]), started as unknown as LevelStartResult),
    master: async (r) => (seen.push(['master', r]), started as unknown as LevelStartResult),
    house: async (r) => (seen.push(['house', r]), started as unknown as StartResult),
  };
  const callbackUrl = 'https://erp.example.no/digitoll';

  await submitShipment({ ...shipment, mode: 'road', callbackUrl }, starters);

  expect(seen.map(([level]) => level)).toEqual([
    'transport',
    ...shipment.masters.map(() => 'master'),
    ...shipment.houses.map(() => 'house'),
  ]);
  for (const [, request] of seen) expect(request).toMatchObject({ callbackUrl });
});

test("given the OpenAPI document, then WebhookEvent names every level that pushes and each level's key fields", () => {
  const doc = openApiDocument() as unknown as {
    components: {
      schemas: Record<string, { properties?: Record<string, { enum?: string[] }>; required?: string[] }>;
    };
  };
  const event = doc.components.schemas.WebhookEvent!;
  expect(event.properties!.level!.enum).toEqual([...WEBHOOK_LEVELS]);
  expect(Object.keys(event.properties!)).toEqual(
    expect.arrayContaining(['type', 'documentNumber', 'transport', 'presentationLevel', 'identifier']),
  );
  expect(event.properties!.phase!.enum).toEqual(expect.arrayContaining(['RELEASED', 'ENTERED', 'PRESENTED']));
  expect(event.required).not.toContain('documentNumber');
});
