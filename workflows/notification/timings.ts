// The waits every level's steps share, with their production defaults. Pure data, imported by the
// levels' message modules (and so by clients) as well as by the workflows.
import type { Duration } from '@temporalio/common';

/** The waits of a step; each level's timings include these (and add its own). */
export interface StepTimings {
  /** Durable wait after a submission before the first validation poll (Customs: "wait 1-2 s"). */
  firstValidationDelay: Duration;
  /** First interval between polls; grows by pollBackoff up to pollMaxInterval. */
  pollInitialInterval: Duration;
  pollBackoff: number;
  pollMaxInterval: Duration;
  /** How long validation may take before the step parks with NeedsAttention. */
  validationDeadline: Duration;
  /** After a park for a transient cause (deadline, 5xx, timeouts) the step is tried again by itself. */
  transientCoolDown: Duration;
  /** Longest pause between two tries of a webhook delivery (tried for 24 hours in all); 5 minutes unless set. */
  webhookMaxInterval?: Duration;
}

export const DEFAULT_STEP_TIMINGS: StepTimings = {
  firstValidationDelay: '2s',
  pollInitialInterval: '1s',
  pollBackoff: 1.5,
  pollMaxInterval: '30s',
  validationDeadline: '15 minutes',
  transientCoolDown: '15 minutes',
};
