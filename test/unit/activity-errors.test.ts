// Customs client errors become Temporal failures once, typed by the error's code.
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { FAILURE_TYPES, toApplicationFailure } from '../../activities';
import {
  DIGITOLL_ERROR_CODES,
  NotReady,
  RateLimited,
  Unauthorized,
  Unavailable,
  UnexpectedResponse,
  ValidationRejected,
} from '../../src/digitoll';

function mapped(error: Error): ApplicationFailure {
  const failure = toApplicationFailure(error);
  expect(failure).toBeInstanceOf(ApplicationFailure);
  return failure as ApplicationFailure;
}

test('the failure types the workflow decides on are exactly the client error codes', () => {
  expect(Object.values(FAILURE_TYPES).sort()).toEqual([...DIGITOLL_ERROR_CODES].sort());
});

test('given ValidationRejected, then a non-retryable VALIDATION_REJECTED failure carries the list', () => {
  const f = mapped(
    new ValidationRejected('POST', [{ field: 'goodsDescription', error: 'must not be blank' }]),
  );
  expect(f).toMatchObject({ type: 'VALIDATION_REJECTED', nonRetryable: true });
  expect(f.details).toEqual([[{ field: 'goodsDescription', error: 'must not be blank' }]]);
});

test('given NotReady, then a retryable benign NOT_READY failure', () => {
  expect(mapped(new NotReady('GET'))).toMatchObject({
    type: 'NOT_READY',
    nonRetryable: false,
    category: ApplicationFailureCategory.BENIGN,
  });
});

test('given RateLimited with Retry-After, then the failure asks for that retry delay', () => {
  expect(mapped(new RateLimited('POST', 2_000))).toMatchObject({
    type: 'RATE_LIMITED',
    nonRetryable: false,
    nextRetryDelay: 2_000,
  });
});

test('given Unavailable, Unauthorized and UnexpectedResponse, then retryable, non-retryable and non-retryable', () => {
  expect(mapped(new Unavailable('POST', 503, 'HTTP_503'))).toMatchObject({
    type: 'UNAVAILABLE',
    nonRetryable: false,
  });
  expect(mapped(new Unauthorized('POST', 403))).toMatchObject({ type: 'UNAUTHORIZED', nonRetryable: true });
  const unexpected = mapped(new UnexpectedResponse('GET', 200, [{ path: 'mrn', message: 'Required' }]));
  expect(unexpected).toMatchObject({ type: 'UNEXPECTED_RESPONSE', nonRetryable: true });
  expect(unexpected.details).toEqual([[{ path: 'mrn', message: 'Required' }]]);
});

test('given an error that is not from the Customs client, then it passes through unchanged', () => {
  const bug = new TypeError('bug');
  expect(toApplicationFailure(bug)).toBe(bug);
});
