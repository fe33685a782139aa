// A real HTTP receiver on loopback for webhook tests: it checks each delivery's signature and
// delivery header and keeps what came, so a test can read one workflow's events in order.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WEBHOOK_HEADERS, verifyWebhookSignature } from '../../activities/webhooks';
import type { WebhookEvent } from '../../workflows/consignment/messages';

export interface ReceivedEvent {
  event: WebhookEvent;
  /** The signature matched the secret and the delivery header named the event's deliveryId. */
  verified: boolean;
}

export class WebhookReceiver {
  readonly received: ReceivedEvent[] = [];
  private server?: Server;
  private port = 0;

  constructor(private readonly secret: string) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const header = req.headers[WEBHOOK_HEADERS.signature] as string | undefined;
        const signed = verifyWebhookSignature(this.secret, header, body, Math.floor(Date.now() / 1000));
        const event = JSON.parse(body) as WebhookEvent;
        const verified = signed && req.headers[WEBHOOK_HEADERS.delivery] === event.deliveryId;
        this.received.push({ event, verified });
        res.writeHead(verified ? 204 : 401).end();
      });
    });
    // A restart listens on the same port, so the URL the workflows hold stays good.
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  url(): string {
    return `http://127.0.0.1:${this.port}/digitoll/events`;
  }

  /** One workflow's deliveries as they came, a repeated delivery (same id) counted once. */
  eventsOf(workflowId: string): ReceivedEvent[] {
    const seen = new Set<string>();
    return this.received.filter(({ event }) => {
      if (event.workflowId !== workflowId || seen.has(event.deliveryId)) return false;
      seen.add(event.deliveryId);
      return true;
    });
  }

  /** Each workflow's events, repeated deliveries (same id) removed, in the order they came. */
  byWorkflow(): Map<string, WebhookEvent[]> {
    const seen = new Set<string>();
    const result = new Map<string, WebhookEvent[]>();
    for (const { event } of this.received) {
      if (seen.has(event.deliveryId)) continue;
      seen.add(event.deliveryId);
      result.set(event.workflowId, [...(result.get(event.workflowId) ?? []), event]);
    }
    return result;
  }
}
