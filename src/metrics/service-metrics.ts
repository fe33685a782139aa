// The service's own metrics (prom-client, every name prefixed `digitoll_`). Labels are kept to
// small, fixed sets: an endpoint name, a status, a scope, a phase. An MRN, a document number or a
// workflow id never becomes a label (one series per consignment would swamp Prometheus).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { TokenRefreshObserver } from '../auth';
import type { CallObserver } from '../digitoll';

/** Seconds; Customs answers in tens of milliseconds to seconds, the request timeout is 12 s. */
const CUSTOMS_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];
const GATEWAY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type ServiceMetrics = ReturnType<typeof createServiceMetrics>;

/** `2xx`, `4xx`, `5xx`, or `error` when no answer came (timeout, network). */
export function statusClass(status: number | undefined): string {
  return status === undefined ? 'error' : `${Math.floor(status / 100)}xx`;
}

/**
 * Every metric on one registry (one per process, or per test). `processMetrics` adds Node's
 * process metrics (CPU, memory, event loop lag) once per registry.
 */
export function createServiceMetrics(
  options: { registry?: Registry; processMetrics?: boolean; clock?: () => number } = {},
) {
  const registry = options.registry ?? new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const customsRequests = new Counter({
    name: 'digitoll_customs_requests_total',
    help: 'HTTP requests to Customs (Digitoll) by endpoint, method and status (status "none": no answer)',
    labelNames: ['endpoint', 'method', 'status', 'status_class'] as const,
    registers,
  });
  const customsDuration = new Histogram({
    name: 'digitoll_customs_request_duration_seconds',
    help: 'Time of one HTTP request to Customs, answer body included',
    labelNames: ['endpoint', 'method', 'status_class'] as const,
    buckets: CUSTOMS_BUCKETS,
    registers,
  });
  const tokenRefreshes = new Counter({
    name: 'digitoll_token_refreshes_total',
    help: 'Customs token refreshes (Maskinporten grant + exchange) by scope and outcome (success, failure, fallback)',
    labelNames: ['scope', 'outcome'] as const,
    registers,
  });
  const tokenRefreshDuration = new Histogram({
    name: 'digitoll_token_refresh_duration_seconds',
    help: 'Time of one token refresh, retries included',
    labelNames: ['scope', 'outcome'] as const,
    buckets: CUSTOMS_BUCKETS,
    registers,
  });
  const gatewayRequests = new Counter({
    name: 'digitoll_gateway_requests_total',
    help: 'Gateway requests by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers,
  });
  const gatewayDuration = new Histogram({
    name: 'digitoll_gateway_request_duration_seconds',
    help: 'Time the gateway took to answer, by route pattern',
    labelNames: ['route', 'method'] as const,
    buckets: GATEWAY_BUCKETS,
    registers,
  });

  const customsCall: CallObserver = ({ endpoint, method, status, durationMs }) => {
    const cls = statusClass(status);
    customsRequests.inc({
      endpoint,
      method,
      status: status === undefined ? 'none' : String(status),
      status_class: cls,
    });
    customsDuration.observe({ endpoint, method, status_class: cls }, durationMs / 1000);
  };
  const tokenRefresh: TokenRefreshObserver = ({ scope, outcome, durationMs }) => {
    tokenRefreshes.inc({ scope, outcome });
    tokenRefreshDuration.observe({ scope, outcome }, durationMs / 1000);
  };
  const gatewayRequest = (route: string, method: string, status: number, durationMs: number) => {
    gatewayRequests.inc({ route, method, status: String(status) });
    gatewayDuration.observe({ route, method }, durationMs / 1000);
  };

  return {
    registry,
    /** For createDigitollClient's `observer`. */
    customsCall,
    /** For createTokenProvider's `observer`. */
    tokenRefresh,
    gatewayRequest,
    workflows: workflowGauges(registers, options.clock ?? Date.now),
  };
}

/** Gauges set by the visibility sampler (see sampler.ts): sampled, not counted at each transition. */
function workflowGauges(registers: Registry[], clock: () => number) {
  /** When each organisation's feed last polled successfully, as far as this process has seen. */
  const feedLastSuccessMs = new Map<string, number>();
  return {
    feedLastSuccessMs,
    feedLag: new Gauge({
      name: 'digitoll_routing_feed_lag_seconds',
      help: 'Seconds since the routing feed last polled Customs successfully (computed at scrape time)',
      labelNames: ['organisation'] as const,
      registers,
      collect() {
        this.reset();
        for (const [organisation, at] of feedLastSuccessMs)
          this.set({ organisation }, Math.max(0, (clock() - at) / 1000));
      },
    }),
    consignments: new Gauge({
      name: 'digitoll_consignments',
      help: 'House consignments by current phase and execution status (running, or closed within retention), sampled from Temporal visibility',
      labelNames: ['phase', 'status'] as const,
      registers,
    }),
    parked: new Gauge({
      name: 'digitoll_parked',
      help: 'Running workflows that need an operator (DigitollNeedsAttention = true), by level',
      labelNames: ['level'] as const,
      registers,
    }),
    feedUnacknowledged: new Gauge({
      name: 'digitoll_routing_feed_unexplained',
      help: 'Routing-feed items (unexplained or undeliverable) no operator has acknowledged yet',
      labelNames: ['organisation'] as const,
      registers,
    }),
    feedFailures: new Gauge({
      name: 'digitoll_routing_feed_consecutive_failures',
      help: 'Routing-feed polls that failed in a row (0 after a successful poll)',
      labelNames: ['organisation'] as const,
      registers,
    }),
    feedItems: new Gauge({
      name: 'digitoll_routing_feed_items',
      help: "Routing-feed items by class since the feed started (the feed's own totals; only grow)",
      labelNames: ['organisation', 'class'] as const,
      registers,
    }),
    sampleFailures: new Counter({
      name: 'digitoll_metrics_sample_failures_total',
      help: 'Samples of Temporal (visibility counts, the routing feed status) that failed',
      labelNames: ['sample'] as const,
      registers,
    }),
  };
}
