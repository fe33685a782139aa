// Shared setup of the twin's contract tests. They speak raw HTTP with paths and fields written
// from DOMAIN.md, never through the project's Digitoll client: the twin is a second opinion on
// Customs, so its tests must not inherit the client's guesses either.
import { randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { request } from 'undici';
import {
  ENTRY_SCOPE,
  LEGACY_OPTIONS,
  MODE_SCOPES,
  certificateToX5c,
  createEmulatorControl,
  startEmulator,
  type EmulatorControl,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../../src/emulator';
import { eventually as sharedEventually } from '../../helpers/temporal';

export type Mode = 'road' | 'air' | 'rail' | 'maritime';

/** DOMAIN.md section 1: notification and status bases per mode. */
const BASES: Record<Mode, [string, string]> = {
  road: ['road/v2', 'road/status/v2'],
  air: ['air/v1', 'air/status/v1'],
  rail: ['rail/v1', 'rail/status/v1'],
  maritime: ['maritime/v1', 'maritime/status/v1'],
};
const M = '/api/movement';
export const PATHS = {
  house: (mode: Mode) => `${M}/${BASES[mode][0]}/house-consignment`,
  houseByMrn: (mode: Mode, mrn: string) => `${M}/${BASES[mode][0]}/house-consignment/${mrn}`,
  validation: (mode: Mode, id: string) => `${M}/${BASES[mode][1]}/house-consignment/validation-status/${id}`,
  documentStatus: (mode: Mode, mrn: string) =>
    `${M}/${BASES[mode][1]}/house-consignment/${mrn}/transport-document/status`,
  byKey: (mode: Mode, query: Record<string, string>) =>
    `${M}/${BASES[mode][1]}/house-consignment/transport-document/status?${new URLSearchParams(query).toString()}`,
  testAuth: (mode: Mode) => `${M}/${BASES[mode][0]}/test-auth`,
  present: (level: string) => `${M}/presentation/v1/${level}`,
  presentationStatus: (id: string) => `${M}/presentation/v1/validation-status?requestId=${id}`,
  routing: (marker?: string) =>
    `${M}/routing/v1/house-consignment${marker === undefined ? '' : `?marker=${encodeURIComponent(marker)}`}`,
};

export interface Reply {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export interface Harness {
  emulator: RunningEmulator;
  control: EmulatorControl;
  /** One call with a Customs token for `scope` (the mode's scope or the entry scope). */
  call(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    scope: string,
    body?: unknown,
  ): Promise<Reply>;
  close(): Promise<void>;
}

async function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Reply> {
  const r = await request(url, { method: method as 'GET', headers, body });
  const text = await r.body.text();
  return {
    status: r.statusCode,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
    headers: r.headers,
  };
}

async function customsToken(emulator: RunningEmulator, scope: string): Promise<string> {
  const dev = emulator.devCredentials;
  const now = Math.floor(Date.now() / 1000);
  const grant = await new SignJWT({ scope, jti: randomUUID() })
    .setProtectedHeader({ alg: 'RS256', x5c: [certificateToX5c(dev.certificatePem)] })
    .setAudience(emulator.issuer)
    .setIssuer(dev.clientId)
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .sign(await importPKCS8(dev.privateKeyPem, 'RS256'));
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const grantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
  const mp = await send(`${emulator.url}/token`, 'POST', form, `grant_type=${grantType}&assertion=${grant}`);
  const subject = (mp.body as { access_token: string }).access_token;
  const exchangeBody = `grant_type=token-exchange&subject_token_type=access_token&subject_token=${subject}`;
  const customs = await send(`${emulator.url}/api/access/external/oauth/token`, 'POST', form, exchangeBody);
  return (customs.body as { access_token: string }).access_token;
}

/** The twin with the given options (real-service defaults unless a test says otherwise). */
export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator(options);
  const tokens = new Map<string, Promise<string>>();
  const call: Harness['call'] = async (method, path, scope, body) => {
    if (!tokens.has(scope)) tokens.set(scope, customsToken(emulator, scope));
    const headers: Record<string, string> = { authorization: `Bearer ${await tokens.get(scope)!}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return send(
      `${emulator.url}${path}`,
      method,
      headers,
      body === undefined ? undefined : JSON.stringify(body),
    );
  };
  return { emulator, control: createEmulatorControl(emulator.url), call, close: () => emulator.close() };
}

/** Options for tests that look at one behaviour at a time: no automatic presentation, no extra items. */
export const QUIET: EmulatorOptions = { autoPresentAfterMs: 'off', extraRoutingItemsEvery: 0 };
export { ENTRY_SCOPE, LEGACY_OPTIONS, MODE_SCOPES };

/** Calls `probe` until it yields a value or the deadline passes (the shared helper, short intervals). */
export function eventually<T>(probe: () => Promise<T | undefined>, deadlineMs = 5_000): Promise<T> {
  return sharedEventually(probe, { timeoutMs: deadlineMs, intervalMs: 20 });
}

/** Posts a house and returns its requestId. */
export async function submit(h: Harness, mode: Mode, doc: unknown): Promise<string> {
  const r = await h.call('POST', PATHS.house(mode), MODE_SCOPES[mode], doc);
  expect(r.status).toBe(202);
  return (r.body as { requestId: string }).requestId;
}

/** Polls a house validation status until it is no longer 404. */
export function validationOf(h: Harness, mode: Mode, requestId: string): Promise<Reply> {
  return eventually(async () => {
    const r = await h.call('GET', PATHS.validation(mode, requestId), MODE_SCOPES[mode]);
    return r.status === 404 ? undefined : r;
  });
}

/** Posts a house and waits for its SUCCESS; returns the MRN. */
export async function register(h: Harness, mode: Mode, doc: unknown): Promise<string> {
  const r = await validationOf(h, mode, await submit(h, mode, doc));
  const body = r.body as { status: string; mrn: string };
  expect(body.status).toBe('SUCCESS');
  return body.mrn;
}

export interface RoutingItem {
  transportDocumentHouseLevel: { referenceNumber: string; type?: string } | null;
  routingResult: { id: string | number; routing: string; documentIssueDate?: string | null };
  [field: string]: unknown;
}

/** Reads the feed from `marker` to its end, page by page. */
export async function readFeed(h: Harness, marker?: string): Promise<RoutingItem[]> {
  const all: RoutingItem[] = [];
  for (;;) {
    const r = await h.call('GET', PATHS.routing(marker), ENTRY_SCOPE);
    const page = r.body as RoutingItem[];
    if (page.length === 0) return all;
    all.push(...page);
    marker = String(page.at(-1)!.routingResult.id);
  }
}

const party = (country: string) => ({
  name: `Company ${country}`,
  typeOfPerson: 2,
  address: { country, city: 'Oslo', postcode: '0150', streetLine: 'Storgata 1' },
});

/** A valid house consignment; `house` fields override the consignmentHouseLevel. */
export function sampleHouse(documentNumber: string, house: Record<string, unknown> = {}, type = 'N730') {
  return {
    documentIssueDate: '2024-05-01T10:00:00Z',
    consignmentHouseLevel: {
      transportDocumentHouseLevel: { documentNumber, type },
      containerIndicator: 0,
      totalGrossMass: 12.5,
      numberOfPackages: 2,
      goodsDescription: 'Spare parts',
      importProcedure: { importProcedure: 'CUSTOMS_DECLARATION' },
      consignor: party('SE'),
      consignee: party('NO'),
      ...house,
    },
  };
}

export const TVINN_CUDE = {
  typeOfReference: 'CUDE',
  declarantNumber: '123456789',
  declarationDate: '2022-08-10',
  sequenceNumber: '3',
};

/**
 * One quiet twin for the whole test file (no automatic presentation, no extra feed items), reset
 * before each test and then set to `style` when one is given; `use` receives it once it runs.
 */
export function quietTwinPerFile(
  use: (harness: Harness) => void,
  style?: Parameters<Harness['control']['setStyle']>[0],
): void {
  let twin: Harness | undefined;
  beforeAll(async () => {
    twin = await startHarness(QUIET);
    use(twin);
  });
  afterAll(() => twin?.close());
  beforeEach(async () => {
    await twin!.control.reset();
    if (style) await twin!.control.setStyle(style);
  });
}
