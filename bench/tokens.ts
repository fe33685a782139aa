// How many token-endpoint requests do 1,000 Digitoll calls over 30 simulated minutes cost, per scope,
// with the refresh margin in force (min(60 s, 25 %)) and with the previous one (max(60 s, 10 %),
// capped at half the lifetime) as the baseline? Maskinporten, the exchange and Digitoll are undici
// MockAgent fakes; the clock is simulated, so the run takes seconds. Expected: one Maskinporten
// request and one exchange per token lifetime and scope, not one per call.
import { MockAgent } from 'undici';
import { createTokenProvider, generateDevCredentials, refreshMarginSeconds } from '../src/auth';
import { createDigitollClient } from '../src/digitoll';
import { MODES } from '../src/shared';

const CALLS = 1_000;
const SPAN_MS = 30 * 60 * 1000;
const MP = 'https://maskinporten.bench';
const EXCHANGE = 'https://exchange.bench';
const API = 'https://api.bench';
const SCOPES = { road: 'toll:movement/road/v2', entry: 'toll:movement/entry' } as const;
type ScopeName = keyof typeof SCOPES;
const LIFETIMES = [90, 120, 970, 3599];
/** With 90 s tokens, each scope may cost at most this many requests per endpoint over the span. */
const MAX_REQUESTS_90S = 28;

/** The margin before this change, kept here only as the benchmark's baseline. */
const previousMargin = (expiresIn: number) => Math.min(Math.max(60, expiresIn * 0.1), expiresIn / 2);

type PerScope = Record<ScopeName, number>;
interface Counts {
  maskinporten: PerScope;
  exchange: PerScope;
}

function scopeOfGrant(form: URLSearchParams): ScopeName {
  const payload = (form.get('assertion') ?? '').split('.')[1] ?? '';
  const scope = (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { scope: string }).scope;
  return scope === SCOPES.entry ? 'entry' : 'road';
}

/** Token endpoints that count requests per scope (the exchange learns the scope from the subject token). */
function fakeEndpoints(agent: MockAgent, expiresIn: number): Counts {
  const counts: Counts = { maskinporten: { road: 0, entry: 0 }, exchange: { road: 0, entry: 0 } };
  const scopeOfSubject = new Map<string, ScopeName>();
  let n = 0;
  agent
    .get(MP)
    .intercept({ path: '/token', method: 'POST' })
    .reply((request) => {
      const scope = scopeOfGrant(new URLSearchParams(String(request.body)));
      counts.maskinporten[scope]++;
      const token = `mp-${++n}`;
      scopeOfSubject.set(token, scope);
      return { statusCode: 200, data: { access_token: token, token_type: 'Bearer', expires_in: 120 } };
    })
    .persist();
  agent
    .get(EXCHANGE)
    .intercept({ path: '/token', method: 'POST' })
    .reply((request) => {
      const subject = new URLSearchParams(String(request.body)).get('subject_token') ?? '';
      counts.exchange[scopeOfSubject.get(subject) ?? 'road']++;
      const data = { access_token: `customs-${++n}`, token_type: 'Bearer', expires_in: expiresIn };
      return { statusCode: 200, data };
    })
    .persist();
  agent
    .get(API)
    .intercept({ path: () => true, method: () => true })
    .reply(() => ({ statusCode: 404, data: '' }))
    .persist();
  return counts;
}

async function run(
  expiresIn: number,
  refreshMargin: (expiresIn: number) => number,
  credentials: ReturnType<typeof generateDevCredentials>,
): Promise<Counts> {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const counts = fakeEndpoints(agent, expiresIn);
  let now = Date.parse('2025-01-15T08:00:00Z');
  const clock = () => now;
  const tokens = await createTokenProvider({
    clientId: 'bench',
    privateKeyPem: credentials.privateKeyPem,
    certificateChainPem: credentials.certificatePem,
    maskinportenIssuer: `${MP}/`,
    maskinportenTokenUrl: `${MP}/token`,
    exchangeUrl: `${EXCHANGE}/token`,
    dispatcher: agent,
    clock,
    refreshMargin,
  });
  const scopes = { road: SCOPES.road, air: 'a', rail: 'r', maritime: 'm', entry: SCOPES.entry };
  const client = createDigitollClient({ baseUrl: API, tokens, scopes, dispatcher: agent, clock });
  for (let i = 0; i < CALLS; i++) {
    now += SPAN_MS / CALLS;
    // Half the calls poll a validation status (road scope), half fetch routing pages (entry scope).
    const call =
      i % 2 === 0 ? client.getValidationStatus(MODES[0], `req-${i}`) : client.getRoutingPage(String(i));
    await call.catch(() => undefined);
  }
  await agent.close();
  return counts;
}

const cell = (value: string | number, width: number) => String(value).padStart(width);
const pair = (c: PerScope) => `${c.road}/${c.entry}`;

function row(expiresIn: number, current: Counts, previous: Counts): string {
  return [
    cell(`${expiresIn} s`, 10),
    cell(`${expiresIn - refreshMarginSeconds(expiresIn)} s`, 9),
    cell(pair(current.maskinporten), 13),
    cell(pair(current.exchange), 9),
    cell(`${expiresIn - previousMargin(expiresIn)} s`, 9),
    cell(pair(previous.maskinporten), 13),
    cell(pair(previous.exchange), 9),
  ].join('  ');
}

async function main() {
  const credentials = generateDevCredentials({ commonName: 'bench' });
  console.log(`${CALLS} Digitoll calls over 30 simulated minutes, 2 scopes; requests shown as road/entry\n`);
  console.log(`${' '.repeat(12)}${'now: min(60 s, 25 %)'.padEnd(38)}previous: max(60 s, 10 %) <= 50 %`);
  const header = [
    'expires_in',
    'used for',
    'maskinporten',
    'exchange',
    'used for',
    'maskinporten',
    'exchange',
  ];
  const widths = [10, 9, 13, 9, 9, 13, 9];
  console.log(header.map((h, i) => cell(h, widths[i]!)).join('  '));
  let within = true;
  for (const expiresIn of LIFETIMES) {
    const current = await run(expiresIn, refreshMarginSeconds, credentials);
    const previous = await run(expiresIn, previousMargin, credentials);
    console.log(row(expiresIn, current, previous));
    if (expiresIn === 90) {
      const all = [...Object.values(current.maskinporten), ...Object.values(current.exchange)];
      within = all.every((count) => count <= MAX_REQUESTS_90S);
    }
  }
  console.log(
    `\n90 s tokens: at most ${MAX_REQUESTS_90S} requests per endpoint and scope: ${within ? 'yes' : 'NO'}`,
  );
  console.log(
    'Without the cache every call would cost one Maskinporten request and one exchange: 1000 + 1000.',
  );
  if (!within) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
