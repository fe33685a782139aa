// Per-call latency of the emulator: starts one on 127.0.0.1 (in this process, so figures include
// the client's own work), drives every endpoint kind through the project's token provider and
// Digitoll client, and prints p50/p95/max per endpoint. Usage: npm run bench:emulator [-- --n 200]
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { createGrantSigner, createTokenProvider } from '../src/auth';
import { NotReady, TOKEN_PATHS, createDigitollClient } from '../src/digitoll';
import type { HouseConsignment } from '../src/domain';
import { ENTRY_SCOPE, LEGACY_OPTIONS, MODE_SCOPES, startEmulator } from '../src/emulator';

/** The documented query by key (DOMAIN.md section 1, step 2): the document status without an MRN. */
const BY_KEY = '/api/movement/road/status/v2/house-consignment/transport-document/status';

const party = {
  name: 'Bench AS',
  typeOfPerson: 2,
  address: { country: 'NO', city: 'Oslo', postcode: '0150', streetLine: 'Gate 1' },
};
const house = (documentNumber: string) =>
  ({
    documentIssueDate: '2024-05-01T10:00:00Z',
    consignmentHouseLevel: {
      transportDocumentHouseLevel: { documentNumber, type: 'N730' },
      containerIndicator: 0,
      totalGrossMass: 10,
      numberOfPackages: 1,
      goodsDescription: 'Bench goods',
      importProcedure: { importProcedure: 'CUSTOMS_DECLARATION' },
      consignor: party,
      consignee: party,
    },
  }) as HouseConsignment;

const samples = new Map<string, number[]>();
async function timed<T>(name: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const value = await run();
  const list = samples.get(name) ?? [];
  list.push(performance.now() - start);
  samples.set(name, list);
  return value;
}

function report(): void {
  const pct = (sorted: number[], p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
  console.log(
    'endpoint'.padEnd(32),
    'n'.padStart(5),
    'p50 ms'.padStart(9),
    'p95 ms'.padStart(9),
    'max ms'.padStart(9),
  );
  for (const [name, list] of samples) {
    const s = [...list].sort((a, b) => a - b);
    const f = (v: number) => v.toFixed(2).padStart(9);
    console.log(
      name.padEnd(32),
      String(s.length).padStart(5),
      f(pct(s, 0.5)),
      f(pct(s, 0.95)),
      f(s.at(-1) ?? 0),
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { n: { type: 'string', default: '200' } } });
  const n = Number(values.n);
  // Legacy answers: this measures latency, not tolerance; no automatic presentation or extra items.
  const emulator = await startEmulator({ ...LEGACY_OPTIONS, processingDelayMs: 0 });
  const dev = emulator.devCredentials;
  const auth = {
    clientId: dev.clientId,
    privateKeyPem: dev.privateKeyPem,
    certificateChainPem: dev.certificatePem,
    maskinportenIssuer: emulator.issuer,
    maskinportenTokenUrl: `${emulator.url}${TOKEN_PATHS.maskinportenToken}`,
    exchangeUrl: `${emulator.url}${TOKEN_PATHS.customsExchange}`,
  };
  const signer = await createGrantSigner({ ...auth, issuer: emulator.issuer });
  const tokens = await createTokenProvider(auth);
  const digitoll = createDigitollClient({
    baseUrl: emulator.url,
    tokens,
    scopes: { ...MODE_SCOPES, entry: ENTRY_SCOPE },
  });
  await digitoll.testAuth('road'); // warm-up: tokens cached, connection open
  for (let i = 0; i < n; i += 1) {
    const assertion = await signer.sign(MODE_SCOPES.road, Date.now());
    const form = (body: Record<string, string>) => ({
      method: 'POST' as const,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(body).toString(),
    });
    const mp = await timed('POST /token (grant check)', async () => {
      const r = await request(
        `${emulator.url}${TOKEN_PATHS.maskinportenToken}`,
        form({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      );
      return (await r.body.json()) as { access_token: string };
    });
    await timed('POST token exchange', async () => {
      const r = await request(
        `${emulator.url}${TOKEN_PATHS.customsExchange}`,
        form({
          grant_type: 'token-exchange',
          subject_token_type: 'access_token',
          subject_token: mp.access_token,
        }),
      );
      await r.body.dump();
    });
    const documentNumber = `BENCH-${i}`;
    const { requestId } = await timed('POST house-consignment', () =>
      digitoll.submitHouseConsignment('road', house(documentNumber)),
    );
    const status = await timed('GET validation-status', () =>
      digitoll.getValidationStatus('road', requestId),
    );
    const mrn = status.mrn!;
    await timed('GET transport-document/status', () => digitoll.getTransportDocumentStatus('road', mrn));
    await timed('GET document status by key', async () => {
      const query = new URLSearchParams({ documentNumber, type: 'N730' }).toString();
      const r = await request(`${emulator.url}${BY_KEY}?${query}`, {
        headers: { authorization: `Bearer ${await tokens.getToken(MODE_SCOPES.road)}` },
      });
      await r.body.dump();
    });
    await timed('PUT house-consignment', () =>
      digitoll.replaceHouseConsignment('road', mrn, house(documentNumber)),
    );
    const presentationId = randomUUID();
    await timed('POST presentation', () =>
      digitoll.present({
        level: 'house-consignment',
        requestId: presentationId,
        customsOfficeOfPresentation: 'NO351001',
        transportDocumentHouseLevel: { documentNumber, type: 'N730' },
      }),
    );
    await timed('GET presentation validation', () =>
      digitoll.getPresentationValidationStatus(presentationId),
    );
    await timed('GET routing page', () => digitoll.getRoutingPage(i > 0 ? String(i - 1) : undefined));
    await timed('DELETE house-consignment', () =>
      digitoll.deleteHouseConsignment('road', mrn, '2024-05-02T10:00:00Z'),
    );
    await timed('GET validation-status (404)', () =>
      digitoll.getValidationStatus('road', randomUUID()).catch((e: unknown) => {
        if (!(e instanceof NotReady)) throw e;
      }),
    );
  }
  console.log(
    `Emulator at ${emulator.url}, ${n} iterations per endpoint, Node ${process.version}, in-process client:`,
  );
  report();
  await emulator.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
