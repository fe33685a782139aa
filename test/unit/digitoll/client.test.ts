import { createDigitollClient, type DigitollApi } from '../../../src/digitoll';
import { sampleHouseConsignment } from '../../fixtures/documents';
import { API_ORIGIN, FakeCustoms, SecretWatch } from './support';

const SCOPES = {
  road: 'scope-road',
  air: 'scope-air',
  rail: 'scope-rail',
  maritime: 'scope-sea',
  entry: 'scope-entry',
};
const NOW = Date.parse('2025-01-15T08:00:00Z');
const watch = new SecretWatch();
let fake: FakeCustoms;
let client: DigitollApi;

beforeEach(async () => {
  fake = new FakeCustoms(watch);
  const tokens = await fake.provider({ clock: () => NOW });
  client = createDigitollClient({
    baseUrl: API_ORIGIN,
    tokens,
    scopes: SCOPES,
    dispatcher: fake.agent,
    logger: watch.logger,
    clock: () => NOW,
  });
});
afterEach(() => fake.close());

describe('Digitoll client endpoints', () => {
  it('submits a road house to the v2 path with the Bearer token and returns the requestId', async () => {
    fake.apiReplies.push({ statusCode: 202, data: { requestId: 'req-1', extra: true } });
    const document = sampleHouseConsignment();
    await expect(client.submitHouseConsignment('road', document)).resolves.toEqual({ requestId: 'req-1' });
    const [seen] = fake.apiSeen;
    expect(seen).toMatchObject({ method: 'POST', path: '/api/movement/road/v2/house-consignment' });
    expect(seen!.headers.authorization).toBe(`Bearer ${fake.customsTokens[0]}`);
    expect(JSON.parse(seen!.body!)).toEqual(document);
  });

  it('uses v1 and status paths per mode, and the entry scope for presentation and routing', async () => {
    fake.apiReplies.push(
      { statusCode: 202, data: { requestId: 'r2' } },
      { statusCode: 200, data: { status: 'SUCCESS', mrn: '22NO4TU2HUD59UCBT8', documentStatus: 'SUCCESS' } },
      {
        statusCode: 200,
        data: {
          documentNumber: 'A',
          type: 'N740',
          documentStatus: 'INCOMPLETE',
          incompleteDocumentationReasonList: ['X'],
        },
      },
      { statusCode: 202, data: { requestId: 'r3' } },
      { statusCode: 202, data: '' },
      { statusCode: 200, data: { status: 'SUCCESS' } },
      { statusCode: 200, data: [] },
      { statusCode: 200, data: 'ok' },
    );
    await client.replaceHouseConsignment('air', 'MRN1', sampleHouseConsignment());
    await expect(client.getValidationStatus('air', 'r2')).resolves.toMatchObject({
      mrn: '22NO4TU2HUD59UCBT8',
    });
    await expect(client.getTransportDocumentStatus('maritime', 'MRN1')).resolves.toMatchObject({
      documentStatus: 'INCOMPLETE',
    });
    await client.deleteHouseConsignment('rail', 'MRN1', '2025-01-15T08:00:00Z');
    await client.present({
      level: 'receptacle',
      requestId: 'p-1',
      customsOfficeOfPresentation: 'NO351001',
      receptacleIdentificationNumber: 'R1',
    });
    await client.getPresentationValidationStatus('p-1');
    await expect(client.getRoutingPage('41')).resolves.toEqual([]);
    await expect(client.getRoutingPage(undefined)).rejects.toMatchObject({ code: 'UNEXPECTED_RESPONSE' });
    expect(fake.apiSeen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'PUT /api/movement/air/v1/house-consignment/MRN1',
      'GET /api/movement/air/status/v1/house-consignment/validation-status/r2',
      'GET /api/movement/maritime/status/v1/house-consignment/MRN1/transport-document/status',
      'DELETE /api/movement/rail/v1/house-consignment/MRN1',
      'POST /api/movement/presentation/v1/receptacle',
      'GET /api/movement/presentation/v1/validation-status?requestId=p-1',
      'GET /api/movement/routing/v1/house-consignment?marker=41',
      'GET /api/movement/routing/v1/house-consignment',
    ]);
    expect(JSON.parse(fake.apiSeen[3]!.body!)).toEqual({ documentIssueDate: '2025-01-15T08:00:00Z' });
    expect(JSON.parse(fake.apiSeen[4]!.body!)).toEqual({
      requestId: 'p-1',
      customsOfficeOfPresentation: 'NO351001',
      receptacleIdentificationNumber: 'R1',
    });
    // air, maritime, rail, entry: one token each (road never asked)
    expect(fake.counts).toEqual({ maskinporten: 4, exchange: 4 });
  });

  it('finds a house by business key, and returns undefined on 404', async () => {
    fake.apiReplies.push(
      { statusCode: 200, data: { mrn: 'M1', documentNumber: 'D1', type: 'N730' } },
      { statusCode: 404, data: '' },
    );
    await expect(client.findHouseConsignment('road', 'D1', 'N730')).resolves.toEqual({
      mrn: 'M1',
      documentNumber: 'D1',
      type: 'N730',
    });
    await expect(client.findHouseConsignment('road', 'D 2', 'N730')).resolves.toBeUndefined();
    expect(fake.apiSeen[1]!.path).toBe(
      '/api/movement/road/v2/house-consignment?documentNumber=D+2&type=N730',
    );
  });
});

describe('401 handling', () => {
  it('given a 401, then exactly one token refresh and one retry with the new token', async () => {
    fake.apiReplies.push({ statusCode: 401, data: '' }, { statusCode: 200, data: 'ok' });
    await client.testAuth('road');
    expect(fake.counts).toEqual({ maskinporten: 2, exchange: 2 });
    expect(fake.apiSeen.map((s) => s.headers.authorization)).toEqual([
      `Bearer ${fake.customsTokens[0]}`,
      `Bearer ${fake.customsTokens[1]}`,
    ]);
  });

  it('given 401 twice, then Unauthorized after the single retry', async () => {
    fake.apiReplies.push({ statusCode: 401, data: '' }, { statusCode: 401, data: '' });
    const error = await watch.rejection(client.testAuth('road'));
    expect(error).toMatchObject({ name: 'Unauthorized', code: 'UNAUTHORIZED', status: 401 });
    expect(fake.apiSeen).toHaveLength(2);
  });

  it('given a 403, then Unauthorized without a refresh', async () => {
    fake.apiReplies.push({ statusCode: 403, data: '' });
    const error = await watch.rejection(client.testAuth('road'));
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', status: 403 });
    expect(fake.counts.exchange).toBe(1);
  });

  it('given Maskinporten refuses the grant, then Unauthorized with the MaskinportenError as cause', async () => {
    fake.maskinportenReplies.push({
      statusCode: 400,
      data: { error: 'invalid_scope', error_description: 'MP-250 scope not granted' },
    });
    const error = await watch.rejection(client.testAuth('road'));
    expect(error).toMatchObject({
      code: 'UNAUTHORIZED',
      cause: expect.objectContaining({ mpCode: 'MP-250' }),
    });
  });
});

describe('error mapping', () => {
  const status = () => client.getValidationStatus('road', 'req-9');

  it('400 with validationErrors -> ValidationRejected with the list', async () => {
    const validationErrors = [
      { field: 'consignmentHouseLevel.goodsDescription', error: 'must not be blank' },
    ];
    fake.apiReplies.push({ statusCode: 400, data: { validationErrors } });
    const error = await watch.rejection(client.submitHouseConsignment('road', sampleHouseConsignment()));
    expect(error).toMatchObject({
      name: 'ValidationRejected',
      code: 'VALIDATION_REJECTED',
      validationErrors,
    });
  });

  it('404 on a validation status -> NotReady', async () => {
    fake.apiReplies.push({ statusCode: 404, data: '' });
    expect(await watch.rejection(status())).toMatchObject({
      name: 'NotReady',
      code: 'NOT_READY',
      retryable: true,
    });
  });

  it('429 with Retry-After in seconds -> RateLimited with retryAfterMs', async () => {
    fake.apiReplies.push({ statusCode: 429, data: '', responseOptions: { headers: { 'retry-after': '7' } } });
    expect(await watch.rejection(status())).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 7000 });
  });

  it('429 with Retry-After as an HTTP date -> RateLimited with the time until then', async () => {
    const headers = { 'retry-after': 'Wed, 15 Jan 2025 08:00:30 GMT' };
    fake.apiReplies.push({ statusCode: 429, data: '', responseOptions: { headers } });
    expect(await watch.rejection(status())).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 30_000 });
  });

  it('503 -> Unavailable', async () => {
    fake.apiReplies.push({ statusCode: 503, data: 'maintenance' });
    expect(await watch.rejection(status())).toMatchObject({
      name: 'Unavailable',
      code: 'UNAVAILABLE',
      status: 503,
      reason: 'HTTP_503',
    });
  });

  it('malformed JSON -> UnexpectedResponse', async () => {
    fake.apiReplies.push({ statusCode: 200, data: '{"status": "SUCC' });
    expect(await watch.rejection(status())).toMatchObject({
      code: 'UNEXPECTED_RESPONSE',
      issues: [{ path: '', message: 'body is not valid JSON' }],
    });
  });

  it('unexpected shape -> UnexpectedResponse with the zod issues', async () => {
    fake.apiReplies.push({ statusCode: 200, data: { status: 'MAYBE' } });
    const error = await watch.rejection(status());
    expect(error).toMatchObject({
      name: 'UnexpectedResponse',
      issues: [expect.objectContaining({ path: 'status' })],
    });
  });
});

describe('secrets', () => {
  it('no token or grant appears in any log line or error message produced above', () => {
    expect(watch.secrets.size).toBeGreaterThan(10);
    expect(watch.texts.some((t) => t.includes('Digitoll call'))).toBe(true);
    expect(watch.leaks()).toEqual([]);
  });
});
