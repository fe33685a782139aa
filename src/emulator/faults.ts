// Fault injection and the call log: what tests use to make the emulator misbehave on purpose and
// to see what a client actually sent.
import { type EndpointKind, type FaultAction, type FaultRule } from './types';

interface ActiveRule extends FaultRule {
  remaining: number;
}

export class Faults {
  private rules: ActiveRule[] = [];

  constructor(private readonly random: () => number) {}

  add(rule: FaultRule): void {
    const remaining = rule.probability === undefined ? (rule.count ?? 1) : (rule.count ?? Infinity);
    this.rules.push({ ...rule, remaining });
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this call, if any; a count-limited rule is consumed by the call it hits. */
  take(endpoint: EndpointKind): FaultAction | undefined {
    for (const rule of this.rules) {
      if (rule.endpoint !== '*' && rule.endpoint !== endpoint) continue;
      if (rule.remaining <= 0) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      rule.remaining -= 1;
      this.rules = this.rules.filter((r) => r.remaining > 0);
      return rule.action;
    }
    return undefined;
  }

  list(): FaultRule[] {
    return this.rules.map(({ remaining, ...rule }) => ({ ...rule, count: remaining }));
  }
}

export interface CallRecord {
  at: string;
  endpoint: EndpointKind;
  method: string;
  path: string;
  status: number;
  house?: string;
  fault?: FaultAction['type'];
}

export interface CallSummary {
  total: number;
  byEndpoint: Partial<Record<EndpointKind, number>>;
  byHouse: Record<string, number>;
  calls: CallRecord[];
}

/** Bounded call log with counters; the counters stay exact when old records are dropped. */
export class CallLog {
  private records: CallRecord[] = [];
  private byEndpoint = new Map<EndpointKind, number>();
  private byHouse = new Map<string, Map<EndpointKind, number>>();

  constructor(private readonly limit = 10_000) {}

  record(call: CallRecord): void {
    this.records.push(call);
    if (this.records.length > this.limit) this.records.shift();
    this.byEndpoint.set(call.endpoint, (this.byEndpoint.get(call.endpoint) ?? 0) + 1);
    if (call.house !== undefined) {
      const counts = this.byHouse.get(call.house) ?? new Map<EndpointKind, number>();
      counts.set(call.endpoint, (counts.get(call.endpoint) ?? 0) + 1);
      this.byHouse.set(call.house, counts);
    }
  }

  summary(filter: { house?: string; endpoint?: EndpointKind } = {}): CallSummary {
    const calls = this.records.filter(
      (c) =>
        (filter.house === undefined || c.house === filter.house) &&
        (filter.endpoint === undefined || c.endpoint === filter.endpoint),
    );
    const counts =
      filter.house === undefined ? this.byEndpoint : (this.byHouse.get(filter.house) ?? new Map());
    const byHouse: Record<string, number> = {};
    for (const [house, perEndpoint] of this.byHouse) {
      if (filter.house !== undefined && house !== filter.house) continue;
      byHouse[house] = [...perEndpoint.values()].reduce((a, b) => a + b, 0);
    }
    const byEndpoint = Object.fromEntries(
      [...counts].filter(([endpoint]) => filter.endpoint === undefined || endpoint === filter.endpoint),
    ) as Partial<Record<EndpointKind, number>>;
    const total = Object.values(byEndpoint).reduce((a, b) => a + (b ?? 0), 0);
    return { total, byEndpoint, byHouse, calls };
  }

  clear(): void {
    this.records = [];
    this.byEndpoint.clear();
    this.byHouse.clear();
  }
}
