// Activity factories: the worker wires real dependencies, tests may pass others.
import type { Client } from '@temporalio/client';
import type { DigitollApi } from '../src/digitoll/api';
import { createDigitollActivities } from './digitoll';
import { createLevelActivities } from './levels';
import { createPresentationActivities } from './presentation';
import { createRoutingActivities } from './routing';

export interface ActivityDeps {
  digitoll: DigitollApi;
  client: Client;
  /** How many routing signals are delivered at once. */
  routingDeliveryConcurrency?: number;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createDigitollActivities({ digitoll: deps.digitoll }),
    ...createLevelActivities({ digitoll: deps.digitoll }),
    ...createPresentationActivities({ digitoll: deps.digitoll, client: deps.client }),
    ...createRoutingActivities({
      digitoll: deps.digitoll,
      client: deps.client,
      concurrency: deps.routingDeliveryConcurrency,
    }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { DigitollActivities } from './digitoll';
export type { RoutingActivities } from './routing';
export type { LevelActivities } from './levels';
export type * from './levels-outcomes';
export type { PresentationActivities } from './presentation';
export * from './digitoll';
export * from './routing';
export type { ValidationOutcome, IncompleteReasonView, ValidationIssueView } from './outcomes';
export { FAILURE_TYPES, NON_RETRYABLE_FAILURE_TYPES, type FailureType } from './failure-types';
export { toApplicationFailure, mapCustomsErrors } from './errors';
