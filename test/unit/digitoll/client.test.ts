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
      documentStatus: { value: 'INCOMPLETE', known: true },
      incompleteDocumentationReasonList: ['X'],
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

  it('given a validation answer with nulls, a numeric requestId and an unknown status, when read, then nothing throws and the unknown value is kept, flagged', async () => {
    fake.apiReplies.push(
      { statusCode: 202, data: { requestId: 12345 } },
      {
        statusCode: 202,
        data: { status: 'FAILURE', mrn: null, documentStatus: '', validationErrorList: null, extra: {} },
      },
      { statusCode: 200, data: { status: 'PARTIAL', incompleteDocumentationReasonList: ['NEW_CODE'] } },
    );
    await expect(client.submitHouseConsignment('road', sampleHouseConsignment())).resolves.toEqual({
      requestId: '12345',
    });
    const failure = await client.getValidationStatus('road', 'r1');
    expect(failure).toMatchObject({
      status: { value: 'FAILURE', known: true },
      validationErrorList: [],
      incompleteDocumentationReasonList: [],
    });
    expect(failure.mrn).toBeUndefined();
    expect(failure.documentStatus).toBeUndefined();
    await expect(client.getValidationStatus('road', 'r2')).resolves.toMatchObject({
      status: { value: 'PARTIAL', known: false },
      incompleteDocumentationReasonList: ['NEW_CODE'],
    });
  });

  describe('document status by key', () => {
    const key = { documentNumber: 'D 1', type: 'N730', carrierId: 'NO984661185' };
    const doc = (documentNumber: string, extra: object = {}) => ({ documentNumber, type: 'N730', ...extra });

    it('given one object for our house, when asked by key, then it is found, on the documented path with the key as query parameters', async () => {
      fake.apiReplies.push({
        statusCode: 200,
        data: doc('D 1', {
          documentStatus: 'INCOMPLETE',
          incompleteDocumentationReasonList: ['INCOMPLETE_DOCUMENTATION'],
        }),
      });
      await expect(client.getHouseDocumentStatusByKey('road', key)).resolves.toEqual({
        kind: 'found',
        documentStatus: 'INCOMPLETE',
        incompleteReasons: ['INCOMPLETE_DOCUMENTATION'],
      });
      expect(fake.apiSeen[0]!.path).toBe(
        '/api/movement/road/status/v2/house-consignment/transport-document/status?documentNumber=D+1&type=N730&carrierId=NO984661185',
      );
    });

    it('given a list holding other houses and ours, with null reasons, when asked by key, then ours is found', async () => {
      fake.apiReplies.push({
        statusCode: 200,
        data: [
          doc('OTHER', { documentStatus: 'INCOMPLETE' }),
          doc('D 1', { documentStatus: 'SUCCESS', incompleteDocumentationReasonList: null }),
        ],
      });
      await expect(client.getHouseDocumentStatusByKey('air', key)).resolves.toEqual({
        kind: 'found',
        documentStatus: 'SUCCESS',
        incompleteReasons: [],
      });
    });

    it.each([[''], [[]], [null], [[doc('OTHER')]]])(
      'given a 200 with %p, when asked by key, then the house is absent',
      async (data) => {
        fake.apiReplies.push({ statusCode: 200, data: data === '' ? '' : JSON.stringify(data) });
        await expect(client.getHouseDocumentStatusByKey('rail', key)).resolves.toEqual({ kind: 'absent' });
      },
    );

    it.each([400, 404])(
      'given %d, when asked by key, then the look-up is unavailable, not a failure',
      async (status) => {
        fake.apiReplies.push({
          statusCode: status,
          data: { validationErrors: [{ field: 'carrierId', error: 'unknown parameter' }] },
        });
        await expect(client.getHouseDocumentStatusByKey('maritime', key)).resolves.toEqual({
          kind: 'unavailable',
          status,
        });
      },
    );

    it.each([
      [403, 'UNAUTHORIZED'],
      [429, 'RATE_LIMITED'],
      [503, 'UNAVAILABLE'],
    ])('given %d, when asked by key, then it throws %s as elsewhere', async (status, code) => {
      fake.apiReplies.push({ statusCode: status, data: '' });
      await expect(client.getHouseDocumentStatusByKey('road', key)).rejects.toMatchObject({ code });
    });
  });

  describe('presentation', () => {
    it.each([200, 201, 202, 204])(
      'given a %d with an empty body, when presenting, then it is accepted',
      async (statusCode) => {
        fake.apiReplies.push({ statusCode, data: '' });
        await expect(
          client.present({
            level: 'entry-summary-declaration',
            requestId: 'p',
            customsOfficeOfPresentation: 'NO351001',
            mrn: '23NO00000000000001',
          }),
        ).resolves.toBeUndefined();
      },
    );

    it.each([
      ['one object without requestId', 200, { status: 'SUCCESS' }],
      [
        'one object with our requestId',
        202,
        { requestId: 'p-7', status: 'FAILURE', validationErrorList: [{ description: 'x', pointer: null }] },
      ],
      [
        'a list with ours among others',
        200,
        [
          { requestId: 'p-6', status: 'FAILURE' },
          { requestId: 'p-7', status: 'SUCCESS', validationErrorList: null },
        ],
      ],
    ])('given %s (HTTP %d), when polled, then our status is read', async (_what, statusCode, data) => {
      fake.apiReplies.push({ statusCode, data });
      const status = await client.getPresentationValidationStatus('p-7');
      expect(status.status.known).toBe(true);
      expect(Array.isArray(status.validationErrorList)).toBe(true);
    });

    it.each([[[]], [[{ requestId: 'p-6', status: 'SUCCESS' }]]])(
      'given a list without our requestId (%p), when polled, then it is not ready yet',
      async (data) => {
        fake.apiReplies.push({ statusCode: 200, data });
        await expect(client.getPresentationValidationStatus('p-7')).rejects.toMatchObject({
          code: 'NOT_READY',
        });
      },
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

  it('given a 400 whose list or fields are null, then ValidationRejected with what could be read', async () => {
    fake.apiReplies.push(
      { statusCode: 400, data: { validationErrors: null } },
      { statusCode: 400, data: { validationErrors: [{ field: null, error: 'must not be null' }] } },
    );
    const submit = () => client.submitHouseConsignment('road', sampleHouseConsignment());
    expect(await watch.rejection(submit())).toMatchObject({
      code: 'VALIDATION_REJECTED',
      validationErrors: [],
    });
    const second = await watch.rejection(submit());
    expect(second).toMatchObject({ validationErrors: [{ error: 'must not be null' }] });
    expect(second.message).toContain('(no field): must not be null');
  });

  it('an answer without status -> UnexpectedResponse with the zod issues', async () => {
    fake.apiReplies.push({ statusCode: 200, data: { mrn: 'X' } });
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
