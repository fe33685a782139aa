// Given the routing feed's status as the workflow reports it: the gateway's response schema (and so
// the OpenAPI document) carries every field, and the CLI makes a failing feed obvious.
import { formatFeed } from '../../src/cli/format';
import type { RoutingFeedStatus } from '../../src/client';
import { routingFeedSchema } from '../../src/gateway/api-schemas';

/** Required<>: a field added to RoutingFeedStatus fails to compile here until it is filled in. */
const failing: Required<RoutingFeedStatus> = {
  organisation: '987654321',
  marker: '1700000000123',
  totals: { pages: 12, received: 40, delivered: 35, unmatched: 3, malformed: 2, failedPolls: 4 },
  recentUnmatched: [{ workflowId: 'consignment:N730:UNKNOWN-1', routingId: '1700000000100' }],
  recentMalformed: [
    {
      routingId: '1700000000120',
      index: 7,
      issues: [{ path: 'routingResult.routing', message: 'Invalid option: expected one of ...' }],
    },
    { index: 9, issues: [{ path: '', message: 'not an object' }] },
  ],
  lastPollAt: '2025-03-01T10:00:00.000Z',
  lastPageSize: 0,
  needsAttention: true,
  consecutiveFailures: 3,
  lastError: { type: 'UNAUTHORIZED', message: 'Customs answered 401', at: '2025-03-01T10:00:05.000Z' },
};

const healthy: RoutingFeedStatus = {
  ...failing,
  needsAttention: false,
  consecutiveFailures: 0,
  recentMalformed: [],
  recentUnmatched: [],
  lastError: undefined,
};

describe('gateway routingFeedSchema', () => {
  test('given a status with every field, then the schema keeps every field (none is stripped)', () => {
    const parsed = routingFeedSchema.safeParse(failing);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(failing);
  });

  test('given a healthy status without lastError or marker, then it is valid too', () => {
    const { marker: _marker, ...fromStart } = healthy;
    expect(routingFeedSchema.safeParse(fromStart).success).toBe(true);
  });
});

describe('CLI formatFeed', () => {
  test('given a failing feed, then the output says it needs attention, the consecutive failures, the last error and the malformed items', () => {
    const out = formatFeed(failing);
    expect(out).toContain('Status:      NEEDS ATTENTION: the last 3 poll(s) failed');
    expect(out).toContain('Last error:  UNAUTHORIZED at 2025-03-01T10:00:05.000Z: Customs answered 401');
    expect(out).toContain('2 malformed, 4 failed poll(s)');
    expect(out).toContain(
      '- routing id 1700000000120, item 7 of its page: routingResult.routing: Invalid option',
    );
    expect(out).toContain('- routing id (none), item 9 of its page: (item): not an object');
    expect(out).toContain('- consignment:N730:UNKNOWN-1 (routing id 1700000000100)');
    // The problem comes before the routine numbers.
    expect(out.indexOf('NEEDS ATTENTION')).toBeLessThan(out.indexOf('Marker:'));
  });

  test('given a healthy feed, then the output says OK and shows no error or item lists', () => {
    const out = formatFeed(healthy);
    expect(out).toContain('Status:      OK');
    expect(out).not.toMatch(/NEEDS ATTENTION|Last error|malformed items|untracked consignments:/);
    expect(out).toContain('2 malformed, 4 failed poll(s)');
  });

  test('given a feed that recovered, then the last error is shown as recovered', () => {
    const out = formatFeed({ ...healthy, lastError: failing.lastError });
    expect(out).toContain('Status:      OK');
    expect(out).toContain('Last error:  (recovered since) UNAUTHORIZED at 2025-03-01T10:00:05.000Z');
  });
});
