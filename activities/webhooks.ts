// Delivery of one webhook event to the ERP: POSTed as JSON and signed with HMAC-SHA256 over the
// timestamp and the body, so the receiver can check it came from us and is fresh. The secret comes
// from the worker's configuration; it never enters workflow history. Any 2xx is delivered; 408,
// 429, 5xx and network errors are retried by Temporal; another 4xx is the receiver refusing it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { request, type Dispatcher } from 'undici';
import type { WebhookEvent } from '../workflows/consignment/messages';

export const WEBHOOK_HEADERS = {
  signature: 'x-digitoll-signature',
  delivery: 'x-digitoll-delivery',
  event: 'x-digitoll-event',
} as const;

export const WEBHOOK_FAILURES = {
  refused: 'WEBHOOK_REFUSED',
  notConfigured: 'WEBHOOK_NOT_CONFIGURED',
} as const;

export interface DeliverWebhookInput {
  url: string;
  event: WebhookEvent;
}
export interface DeliverWebhookResult {
  status: number;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** For receivers (and tests): the signature matches and is at most `toleranceSeconds` old. */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !parts.v1) return false;
  const expected = Buffer.from(signWebhook(secret, body, t).split('v1=')[1]!, 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function cancellationSignal(): AbortSignal | undefined {
  try {
    return Context.current().cancellationSignal;
  } catch {
    return undefined;
  }
}

export function createWebhookActivities(deps: {
  /** HMAC key; without one every delivery fails with a message that names the setting. */
  secret?: string;
  dispatcher?: Dispatcher;
  clock?: () => number;
}) {
  const clock = deps.clock ?? Date.now;
  return {
    async deliverWebhook(input: DeliverWebhookInput): Promise<DeliverWebhookResult> {
      if (!deps.secret) {
        throw ApplicationFailure.create({
          type: WEBHOOK_FAILURES.notConfigured,
          message: 'WEBHOOK_SECRET is not set on the worker: events cannot be signed',
          nonRetryable: true,
        });
      }
      const body = JSON.stringify(input.event);
      const response = await request(input.url, {
        method: 'POST',
        dispatcher: deps.dispatcher,
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_HEADERS.signature]: signWebhook(deps.secret, body, Math.floor(clock() / 1000)),
          [WEBHOOK_HEADERS.delivery]: input.event.deliveryId,
          [WEBHOOK_HEADERS.event]: 'consignment.changed',
        },
        body,
        headersTimeout: 10_000,
        bodyTimeout: 10_000,
        signal: cancellationSignal(),
      });
      await response.body.dump();
      const status = response.statusCode;
      if (status >= 200 && status < 300) return { status };
      const retryable = status === 408 || status === 429 || status >= 500;
      throw ApplicationFailure.create({
        type: retryable ? 'WEBHOOK_UNAVAILABLE' : WEBHOOK_FAILURES.refused,
        message: `the receiver answered HTTP ${status}`,
        nonRetryable: !retryable,
      });
    },
  };
}

export type WebhookActivities = ReturnType<typeof createWebhookActivities>;
