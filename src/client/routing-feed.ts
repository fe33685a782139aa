// Reads the organisation's routing-feed workflow (one per organisation, started by the worker).
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { routingFeedWorkflowId } from '../shared';
import { routingFeedStatusQuery, type RoutingFeedStatus } from '../../workflows/routing-feed-messages';

export class RoutingFeedReader {
  constructor(
    private readonly client: Client,
    private readonly organisation = 'default',
  ) {}

  /** The feed's status query; undefined when no feed workflow exists for the organisation. */
  async status(): Promise<RoutingFeedStatus | undefined> {
    const handle = this.client.workflow.getHandle(routingFeedWorkflowId(this.organisation));
    try {
      return await handle.query(routingFeedStatusQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }
}
