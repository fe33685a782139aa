// What an ERP does during the campaign: creates consignments and sends a few corrections through
// the gateway, repeating a request after a 429 or 503 (Retry-After), a 5xx or a broken connection, as
// the gateway's answers say it may.
import type { HouseConsignment } from '../../src/domain';
import { sampleHouseConsignment } from '../../test/fixtures/documents';

export const HOUSE_TYPE = 'N730';
/** The shortest polling the gateway accepts: the campaign should not wait on timers. */
const TIMINGS = { firstValidationDelay: '1s', pollInitialInterval: '1s', pollMaxInterval: '5s' };
const REQUEST_PATIENCE_MS = 120_000;

export interface Answer {
  status: number;
  body: unknown;
}

export class GatewayTraffic {
  /** Corrections the gateway accepted, per document number: the most PUTs Customs may see. */
  readonly correctionsAccepted = new Map<string, number>();

  constructor(
    private readonly base: string,
    private readonly apiKey: string,
  ) {}

  document(documentNumber: string): HouseConsignment {
    return sampleHouseConsignment({
      consignmentHouseLevel: { transportDocumentHouseLevel: { documentNumber, type: HOUSE_TYPE } },
    });
  }

  async create(documentNumber: string, erpReference: string): Promise<void> {
    const body = { mode: 'road', consignment: this.document(documentNumber), erpReference, timings: TIMINGS };
    const answer = await this.request('POST', '/v1/consignments', body);
    if (answer.status !== 200 && answer.status !== 201)
      throw new Error(`create ${documentNumber} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }

  /**
   * Waits (by status reads) until Customs registered the house, then sends one correction, so it
   * travels as a PUT; false when the phase no longer takes one (already presented) or never came.
   */
  async correctOnceRegistered(documentNumber: string, patienceMs: number): Promise<boolean> {
    const path = `/v1/consignments/${HOUSE_TYPE}/${encodeURIComponent(documentNumber)}`;
    const deadline = Date.now() + patienceMs;
    while (Date.now() < deadline) {
      const answer = await this.request('GET', path);
      const phase = (answer.body as { phase?: string } | undefined)?.phase;
      if (phase === 'REGISTERED') return this.correct(documentNumber);
      if (phase && !['SUBMITTING', 'AWAITING_VALIDATION'].includes(phase)) return false;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    return false;
  }

  /** One correction (a changed goods description); 409 means the phase no longer takes one. */
  async correct(documentNumber: string): Promise<boolean> {
    const document = this.document(documentNumber);
    document.consignmentHouseLevel.goodsDescription = 'Machine parts, corrected';
    const answer = await this.request(
      'POST',
      `/v1/consignments/${HOUSE_TYPE}/${encodeURIComponent(documentNumber)}/corrections`,
      { document, reason: 'crash campaign correction' },
      { 'idempotency-key': `chaos-${documentNumber}` },
    );
    if (answer.status === 200) {
      this.correctionsAccepted.set(documentNumber, 1);
      return true;
    }
    if (answer.status === 409) return false;
    throw new Error(`correct ${documentNumber} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }

  /** Repeats on 429, 5xx and broken connections (after Retry-After if given); other answers return. */
  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const deadline = Date.now() + REQUEST_PATIENCE_MS;
    for (let attempt = 1; ; attempt += 1) {
      let waitMs = Math.min(500 * attempt, 5_000);
      try {
        const response = await fetch(`${this.base}${path}`, {
          method,
          headers: {
            'x-api-key': this.apiKey,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await response.text();
        const answer = { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
        if (response.status < 500 && response.status !== 429) return answer;
        const retryAfter = Number(response.headers.get('retry-after'));
        if (retryAfter > 0) waitMs = retryAfter * 1_000;
        if (Date.now() + waitMs > deadline) return answer;
      } catch (error) {
        if (Date.now() + waitMs > deadline) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

/** Runs `task` over `items` with at most `limit` at a time. */
export async function inBatches<T>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
