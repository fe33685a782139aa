// Activity log lines carry their workflow id and business key without each activity passing
// them on: an activity inbound interceptor runs every activity inside an AsyncLocalStorage scope,
// and pino's `mixin` adds that scope to each line written meanwhile, including the Digitoll
// client's and the token cache's lines. Only ids go in (no document, no token, no name).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { parseConsignmentWorkflowId } from '../shared';

export interface LogContext {
  workflowId?: string;
  workflowType?: string;
  activityType: string;
  attempt: number;
  /** The consignment's business key, when the workflow is a consignment. */
  type?: string;
  documentNumber?: string;
}

const scope = new AsyncLocalStorage<LogContext>();

/** pino's `mixin`: the current activity's ids, or nothing outside an activity. */
export function logContextMixin(): object {
  return scope.getStore() ?? {};
}

/** The current activity's ids (tests, and code that logs through something other than pino). */
export function currentLogContext(): LogContext | undefined {
  return scope.getStore();
}

/** Runs each activity inside its log scope; registered on every activity worker. */
export const logContextInterceptor: ActivityInterceptorsFactory = (ctx) => ({
  inbound: {
    execute(input, next) {
      const workflowId = ctx.info.workflowExecution?.workflowId;
      const key = workflowId ? parseConsignmentWorkflowId(workflowId) : undefined;
      const fields: LogContext = {
        workflowId,
        workflowType: ctx.info.workflowType,
        activityType: ctx.info.activityType,
        attempt: ctx.info.attempt,
        ...key,
      };
      return scope.run(fields, () => next(input));
    },
  },
});
