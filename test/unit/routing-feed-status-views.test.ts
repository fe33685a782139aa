// Given the routing feed's status as the workflow reports it: the gateway's response schema (and so
// the OpenAPI document) carries every field, and the CLI makes a feed that needs attention obvious.
import { formatFeed } from '../../src/cli/format';
import { runCli, type CliDependencies } from '../../src/cli/run';
import type { AcknowledgeRequest, DigitollFlow, RoutingFeedStatus } from '../../src/client';
import { routingFeedSchema } from '../../src/gateway/api-schemas';

/** Required<>: a field added to RoutingFeedStatus fails to compile here until it is filled in. */
const failing: Required<RoutingFeedStatus> = {
  organisation: '987654321',
  marker: '1700000000123',
  totals: {
    pages: 12,
    received: 40,
    delivered: 30,
    unmatched: 3,
    alreadyFinal: 1,
    transportLevel: 2,
    unknownRouting: 1,
    unreadable: 1,
    undeliverable: 1,
    failedPolls: 4,
  },
  recentUnmatched: [{ workflowId: 'hc:N730:UNKNOWN-1', routingId: '1700000000100' }],
  unexplained: [
    {
      seq: 1,
      class: 'unknown-routing',
      routingId: '1700000000120',
      routing: 'TO_SPACE',
      index: 7,
      excerpt: '{"routingResult":{"id":"1700000000120","routing":"TO_SPACE"}}',
      issues: [{ path: 'routingResult.routing', message: 'Invalid option: expected one of ...' }],
      seenAt: '2025-03-01T09:00:00.000Z',
      acknowledgedAt: '2025-03-01T09:30:00.000Z',
    },
    {
      seq: 2,
      class: 'unreadable',
      index: 9,
      excerpt: '42',
      issues: [{ path: '', message: 'not an object' }],
      seenAt: '2025-03-01T09:00:00.000Z',
    },
  ],
  undeliverable: [
    {
      seq: 3,
      workflowId: 'hc:N730:FULL-1',
      routingId: '1700000000121',
      routing: 'TO_CONTROL',
      reason: 'INVALID_ARGUMENT: exceeded workflow execution limit for signal events',
      seenAt: '2025-03-01T09:00:00.000Z',
    },
  ],
  unacknowledged: 2,
  attention: { lastSeq: 3, acknowledgedThrough: 1 },
  lastAcknowledgement: { at: '2025-03-01T09:30:00.000Z', note: 'known new code', acknowledged: 1 },
  lastPollAt: '2025-03-01T10:00:00.000Z',
  lastPageSize: 0,
  needsAttention: true,
  needsAttentionReason: 'the last 3 poll(s) failed (UNAUTHORIZED); routing signals are not arriving',
  consecutiveFailures: 3,
  lastError: { type: 'UNAUTHORIZED', message: 'Customs answered 401', at: '2025-03-01T10:00:05.000Z' },
};

const healthy: RoutingFeedStatus = {
  ...failing,
  needsAttention: false,
  needsAttentionReason: undefined,
  consecutiveFailures: 0,
  unexplained: [],
  undeliverable: [],
  unacknowledged: 0,
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
  test('given a feed that needs attention, then the output says why, the counts by class, the last error and every listed item', () => {
    const out = formatFeed(failing);
    expect(out).toContain('Status:      NEEDS ATTENTION: the last 3 poll(s) failed (UNAUTHORIZED)');
    expect(out).toContain('digitoll-flow feed acknowledge');
    expect(out).toContain('Last error:  UNAUTHORIZED at 2025-03-01T10:00:05.000Z: Customs answered 401');
    expect(out).toContain('3 for untracked consignments, 1 for finished ones, 2 transport-level');
    expect(out).toContain('1 unknown routing, 1 unreadable; 1 undeliverable; 2 not acknowledged');
    expect(out).toContain(
      '- unknown-routing, routing id 1700000000120, item 7 of its page [acknowledged 2025-03-01T09:30:00.000Z]: routingResult.routing: Invalid option',
    );
    expect(out).toContain('- unreadable, routing id (none), item 9 of its page: (item): not an object');
    expect(out).toContain(
      '- hc:N730:FULL-1 TO_CONTROL (routing id 1700000000121): INVALID_ARGUMENT: exceeded workflow execution limit',
    );
    expect(out).toContain('- hc:N730:UNKNOWN-1 (routing id 1700000000100)');
    // The problem comes before the routine numbers.
    expect(out.indexOf('NEEDS ATTENTION')).toBeLessThan(out.indexOf('Marker:'));
  });

  test('given a healthy feed, then the output says OK and shows no error or item lists', () => {
    const out = formatFeed(healthy);
    expect(out).toContain('Status:      OK');
    expect(out).not.toMatch(
      /NEEDS ATTENTION|Last error|Unexplained items|Undeliverable items|untracked consignments:/,
    );
    expect(out).toContain('4 failed poll(s)');
  });

  test('given a feed that recovered, then the last error is shown as recovered', () => {
    const out = formatFeed({ ...healthy, lastError: failing.lastError });
    expect(out).toContain('Status:      OK');
    expect(out).toContain('Last error:  (recovered since) UNAUTHORIZED at 2025-03-01T10:00:05.000Z');
  });
});

describe('CLI feed acknowledge', () => {
  /** The client library's two feed calls, recording what the CLI asked for. */
  function feedOnly() {
    const asked: AcknowledgeRequest[] = [];
    const flow = {
      routingFeedStatus: async () => failing,
      acknowledgeRoutingFeed: async (request: AcknowledgeRequest) => {
        asked.push(request);
        return { ...healthy, lastAcknowledgement: { at: 'now', acknowledged: 2, ...request } };
      },
    } as unknown as DigitollFlow;
    const out: string[] = [];
    const err: string[] = [];
    const deps = {
      flow,
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
    };
    return { asked, out, err, run: (...argv: string[]) => runCli(argv, deps as CliDependencies) };
  }

  test('given feed acknowledge with --up-to and --note, then the library is asked for exactly that and the output says how many', async () => {
    const cli = feedOnly();
    expect(await cli.run('feed', 'acknowledge', '--up-to', '1700000000121', '--note', 'reported')).toBe(0);
    expect(cli.asked).toEqual([{ upTo: '1700000000121', note: 'reported' }]);
    expect(cli.out.join('')).toContain('Acknowledged 2 item(s).');
    expect(cli.out.join('')).toContain('Status:      OK');
  });

  test('given feed with an unknown action, then it exits 2 and asks nothing', async () => {
    const cli = feedOnly();
    expect(await cli.run('feed', 'forget')).toBe(2);
    expect(cli.asked).toEqual([]);
    expect(cli.err.join('')).toContain('unknown feed action "forget"');
  });
});
