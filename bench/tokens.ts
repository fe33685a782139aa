// How many token-endpoint requests do 1,000 Digitoll calls over 30 simulated minutes cost?
// Maskinporten, the exchange and Digitoll are undici MockAgent fakes; the clock is simulated, so
// the run takes seconds. Expected: one Maskinporten request and one exchange per token lifetime
// and scope, not one per call.
import { MockAgent } from 'undici';
import { createTokenProvider, generateDevCredentials } from '../src/auth';
import { createDigitollClient } from '../src/digitoll';
import { MODES } from '../src/shared';

const CALLS = 1_000;
const SPAN_MS = 30 * 60 * 1000;
const MP = 'https://maskinporten.bench';
const EXCHANGE = 'https://exchange.bench';
const API = 'https://api.bench';

async function run(expiresIn: number, credentials: ReturnType<typeof generateDevCredentials>) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const counts = { maskinporten: 0, exchange: 0, digitoll: 0 };
  let n = 0;
  agent
    .get(MP)
    .intercept({ path: '/token', method: 'POST' })
    .reply(() => {
      counts.maskinporten++;
      return { statusCode: 200, data: { access_token: `mp-${++n}`, token_type: 'Bearer', expires_in: 120 } };
    })
    .persist();
  agent
    .get(EXCHANGE)
    .intercept({ path: '/token', method: 'POST' })
    .reply(() => {
      counts.exchange++;
      return {
        statusCode: 200,
        data: { access_token: `customs-${++n}`, token_type: 'Bearer', expires_in: expiresIn },
      };
    })
    .persist();
  agent
    .get(API)
    .intercept({ path: () => true, method: () => true })
    .reply(() => {
      counts.digitoll++;
      return { statusCode: 404, data: '' };
    })
    .persist();

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
  });
  const scopes = {
    road: 'toll:movement/road/v2',
    air: 'a',
    rail: 'r',
    maritime: 'm',
    entry: 'toll:movement/entry',
  };
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

async function main() {
  const credentials = generateDevCredentials({ commonName: 'bench' });
  console.log(`${CALLS} Digitoll calls over 30 simulated minutes, 2 scopes (road + entry)\n`);
  console.log('expires_in  token lifetime used  maskinporten  exchange  digitoll');
  for (const expiresIn of [970, 3599, 120]) {
    const c = await run(expiresIn, credentials);
    const margin = Math.min(Math.max(60, expiresIn * 0.1), expiresIn / 2);
    console.log(
      `${String(expiresIn).padStart(8)} s  ${String(expiresIn - margin).padStart(15)} s  ${String(c.maskinporten).padStart(12)}  ${String(c.exchange).padStart(8)}  ${String(c.digitoll).padStart(8)}`,
    );
  }
  console.log(
    '\nWithout the cache every call would cost one Maskinporten request and one exchange: 1000 + 1000.',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
