// Explicit presentation of an ENS, a master, a container or a receptacle by a ground handler
// (DOMAIN.md section 1, step 5): present with a requestId made here, poll its validation, park a
// refusal with Customs' reason until `retry`, and once presented tell every tracked house inside
// that it is presented, so each follows its routing without presenting itself.
import { ApplicationFailure, allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { openWebhooks, webhooksDelivered } from '../notification/webhooks';
import { gatherHouses, tellHouses } from './houses';
import {
  presentationIdentifier,
  presentationInputProblems,
  presentationRetrySignal,
  presentationStatusQuery,
  type PresentationInput,
  type PresentationResult,
} from './messages';
import { presentUntilAccepted } from './present';
import { PresentationState } from './state';
import { presentationSteps } from './steps';

export async function presentationWorkflow(input: PresentationInput): Promise<PresentationResult> {
  const problems = presentationInputProblems(input);
  const identifier = presentationIdentifier(input);
  if (problems.length > 0 || identifier === undefined) {
    // The callers validate with the same function: an input that reaches here invalid is a bug.
    throw ApplicationFailure.nonRetryable(
      `invalid presentation input: ${problems.join('; ')}`,
      'INVALID_INPUT',
    );
  }
  const p = new PresentationState(input, identifier);
  // Deliveries run beside the presentation and never hold up a Customs step.
  p.webhooks = openWebhooks(input, p.timings);
  p.offerWebhook();
  setHandler(presentationStatusQuery, () => p.snapshot(), {
    description: 'Phase, requestId, refusal reason, houses told and whether a person must act',
  });
  setHandler(
    presentationRetrySignal,
    () => {
      p.retryRequested = true;
    },
    { description: 'Present again after a refusal (new requestId), or resume a parked step at once' },
  );
  const steps = presentationSteps(p);
  if (await presentUntilAccepted(p, steps)) {
    await gatherHouses(p, steps);
    await tellHouses(p, steps);
  }
  await webhooksDelivered(p.webhooks);
  await condition(allHandlersFinished);
  return { phase: p.phase, requestId: p.status.requestId, houses: p.status.houses };
}
