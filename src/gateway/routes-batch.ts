// POST /v1/consignments:batch: up to 1,000 create requests, each started as a single create would
// be (idempotent; an invalid item starts nothing and does not stop the others), one outcome per
// item in order, as the HTTP status a single create would have answered.
import type { FastifyInstance } from 'fastify';
import {
  batchCreateSchema,
  InvalidDocument,
  isFlowError,
  type CreateConsignmentRequest,
  type DigitollFlow,
  type StartManyOutcome,
} from '../client';
import { formatIssues } from '../domain';
import { flowErrorBody } from './errors';
import { local, ROUTES } from './routes-table';

/** A batch body may be this many times the single-request body limit. */
export const BATCH_BODY_FACTOR = 32;

function itemResult(outcome: StartManyOutcome, index: number) {
  switch (outcome.outcome) {
    case 'created':
    case 'existing':
      return { index, status: outcome.outcome === 'created' ? 201 : 200, result: outcome.result };
    case 'invalid':
      return { index, status: 400, error: flowErrorBody(new InvalidDocument(outcome.issues)) };
    case 'failed': {
      const error = outcome.error;
      if (isFlowError(error) && error.code === 'TEMPORARILY_UNAVAILABLE')
        return { index, status: 503, error: flowErrorBody(error) };
      return { index, status: 500, error: { error: 'internal error', code: 'INTERNAL' } };
    }
  }
}

export function batchRoute(v1: FastifyInstance, flow: DigitollFlow): void {
  v1.post(
    local(ROUTES.batch),
    { bodyLimit: v1.initialConfig.bodyLimit! * BATCH_BODY_FACTOR },
    async (request) => {
      const parsed = batchCreateSchema.safeParse(request.body ?? {});
      if (!parsed.success) throw new InvalidDocument(formatIssues(parsed.error));
      const outcomes = await flow.startMany(parsed.data.items as CreateConsignmentRequest[]);
      for (const o of outcomes)
        if (o.outcome === 'failed') request.log.error({ err: o.error }, 'batch item failed');
      return { items: outcomes.map(itemResult) };
    },
  );
}
