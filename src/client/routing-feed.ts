// Reads and acknowledges the organisation's routing-feed workflow (one per organisation, started
// by the worker).
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { formatIssues } from '../domain';
import { routingFeedWorkflowId } from '../shared';
import {
  acknowledgeSignal,
  routingFeedStatusQuery,
  type AcknowledgeRequest,
  type RoutingFeedStatus,
} from '../../workflows/routing-feed/messages';
import { InvalidDocument } from './errors';

/** An operator's acknowledgement as the gateway and the CLI accept it. */
export const acknowledgeSchema = z.strictObject({
  upTo: z
    .string({ error: 'upTo must be a routing id (text)' })
    .min(1)
    .max(200)
    .optional()
    .describe('routingResult.id of the last listed item to acknowledge; absent: every item seen so far'),
  note: z.string({ error: 'note must be text' }).max(1000).optional().describe('Why, for the record'),
});

export class RoutingFeedReader {
  constructor(
    private readonly client: Client,
    private readonly organisation = 'default',
  ) {}

  /** The feed's status query; undefined when no feed workflow exists for the organisation. */
  async status(): Promise<RoutingFeedStatus | undefined> {
    try {
      return await this.handle().query(routingFeedStatusQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  /** See {@link acknowledgeRoutingFeed}. */
  acknowledge(request: AcknowledgeRequest = {}): Promise<RoutingFeedStatus | undefined> {
    return acknowledgeRoutingFeed(this.client, this.organisation, request);
  }

  private handle() {
    return this.client.workflow.getHandle(routingFeedWorkflowId(this.organisation));
  }
}

/**
 * Operator: the feed's unexplained and undeliverable items were looked at; NeedsAttention clears
 * unless polls are failing. Returns the status afterwards, or undefined when the feed does not run.
 * An `upTo` that names no listed item is refused (InvalidDocument) rather than acknowledging nothing.
 */
export async function acknowledgeRoutingFeed(
  client: Client,
  organisation: string,
  request: AcknowledgeRequest = {},
): Promise<RoutingFeedStatus | undefined> {
  const parsed = acknowledgeSchema.safeParse(request);
  if (!parsed.success) throw new InvalidDocument(formatIssues(parsed.error));
  const handle = client.workflow.getHandle(routingFeedWorkflowId(organisation));
  try {
    const { upTo } = parsed.data;
    if (upTo !== undefined) {
      const before = await handle.query(routingFeedStatusQuery);
      const listed = [...before.unexplained, ...before.undeliverable].some((i) => i.routingId === upTo);
      if (!listed) {
        throw new InvalidDocument([
          { path: 'upTo', message: 'no listed item of the feed has this routing id' },
        ]);
      }
    }
    await handle.signal(acknowledgeSignal, parsed.data);
    // A query sees every signal the server took before it.
    return await handle.query(routingFeedStatusQuery);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}
