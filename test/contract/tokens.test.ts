// Contract: every token answer Maskinporten and the Customs exchange may send (DOMAIN.md section 4)
// gives a token, and every Maskinporten error body gives a typed error with its MP code. The readers
// live in src/auth; they are exercised through the token provider over a MockAgent (no network).
import fc from 'fast-check';
import { MaskinportenError } from '../../src/auth';
import { FakeCustoms, SecretWatch } from '../unit/digitoll/support';
import { RUNS, SEED, extras, optional, settings, text } from './arbitraries';

const watch = new SecretWatch();
let fake: FakeCustoms;
beforeAll(() => {
  fake = new FakeCustoms(watch);
});
afterAll(() => fake.close());

const counts: Record<string, number> = {};
afterAll(() => {
  for (const [name, n] of Object.entries(counts))
    console.log(`${name}: ${n} generated cases checked (seed ${SEED})`);
});
const count = (name: string) => (counts[name] = (counts[name] ?? 0) + 1);

const token = fc.stringMatching(/^[A-Za-z0-9._-]{10,60}$/);
/** Seconds as a number or, as some servers send it, a numeric string. */
const expiresIn = fc
  .integer({ min: 1, max: 4000 })
  .chain((n) => fc.constantFrom<number | string>(n, String(n)));
const maskinportenAnswer = fc
  .record({
    access_token: token,
    token_type: optional(fc.constant('Bearer')),
    expires_in: expiresIn,
    scope: optional(fc.constant('toll:movement/entry')),
    extra: extras,
  })
  .map(({ extra, ...rest }) => ({ ...extra, ...rest }));
const exchangeAnswer = fc
  .record({
    access_token: token,
    issued_token_type: optional(fc.constant('access_token')),
    token_type: optional(fc.constant('Bearer')),
    expires_in: expiresIn,
    extra: extras,
  })
  .map(({ extra, ...rest }) => ({ ...extra, ...rest }));

test(`token answers: ${RUNS} generated pairs (seed ${SEED}) give the exchanged token`, async () => {
  await fc.assert(
    fc.asyncProperty(maskinportenAnswer, exchangeAnswer, async (mp, exchange) => {
      count('token answers');
      fake.maskinportenReplies.push({ statusCode: 200, data: mp });
      fake.exchangeReplies.push({ statusCode: 200, data: exchange });
      const provider = await fake.provider();
      await expect(provider.getToken('toll:movement/entry')).resolves.toBe(exchange.access_token);
    }),
    settings,
  );
});

const MP_CODES = ['MP-100', 'MP-110', 'MP-120', 'MP-012', 'MP-130', 'MP-200', 'MP-250'];
const errorBody = fc
  .record({
    error: fc.constantFrom('invalid_client', 'invalid_grant', 'invalid_scope', 'unauthorized_client'),
    mp: fc.constantFrom(...MP_CODES),
    rest: optional(text),
    trace: fc.option(fc.uuid(), { nil: undefined }),
    extra: extras,
  })
  .map(({ error, mp, rest, trace, extra }) => ({
    ...extra,
    error,
    error_description: `${mp} ${rest ?? ''}${trace ? ` (trace id ${trace})` : ''}`.trim(),
  }));

test(`Maskinporten error bodies: ${RUNS} generated cases (seed ${SEED}) give a MaskinportenError with the MP code`, async () => {
  await fc.assert(
    fc.asyncProperty(errorBody, fc.constantFrom(400, 401), async (body, status) => {
      count('Maskinporten error bodies');
      fake.maskinportenReplies.push({ statusCode: status, data: body });
      const provider = await fake.provider();
      const error = await provider.getToken('toll:movement/entry').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MaskinportenError);
      expect(error).toMatchObject({ mpCode: body.error_description.slice(0, 6), error: body.error });
    }),
    settings,
  );
});
