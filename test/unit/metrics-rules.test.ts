// The Prometheus alert rules and the Grafana dashboard are checked like code: the rules file
// parses as YAML (PyYAML, which the compose checks use too) and each alert has what Alertmanager
// needs; every digitoll_ metric they query is one the service registers.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createServiceMetrics } from '../../src/metrics';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const yaml = (file: string): unknown =>
  JSON.parse(
    execFileSync(
      'python3',
      ['-c', 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'],
      {
        input: read(file),
        encoding: 'utf8',
      },
    ),
  );

interface Rule {
  alert?: string;
  expr?: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** digitoll_ names in PromQL, without the histogram suffixes. */
function metricNames(text: string): string[] {
  return [
    ...new Set([...text.matchAll(/\bdigitoll_\w+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, ''))),
  ];
}

async function registered(): Promise<Set<string>> {
  const metrics = await createServiceMetrics().registry.getMetricsAsJSON();
  return new Set(metrics.map((m) => m.name));
}

test('given the alert rules file, when parsed, then the three alerts exist, each with expr, for, labels and annotations', () => {
  const file = yaml('docker/prometheus/alerts.yml') as { groups: Array<{ name: string; rules: Rule[] }> };
  const rules = file.groups.flatMap((group) => group.rules);
  expect(rules.map((r) => r.alert).sort()).toEqual([
    'DigitollConsignmentsParked',
    'DigitollCustoms5xxRate',
    'DigitollRoutingFeedNotPolling',
  ]);
  for (const rule of rules) {
    expect({ alert: rule.alert, expr: typeof rule.expr, for: rule.for }).toEqual({
      alert: rule.alert,
      expr: 'string',
      for: expect.stringMatching(/^\d+[smh]$/),
    });
    expect(rule.labels?.severity).toMatch(/^(warning|critical)$/);
    expect(rule.annotations?.summary).toBeTruthy();
  }
  const byName = Object.fromEntries(rules.map((r) => [r.alert, r]));
  expect(byName.DigitollRoutingFeedNotPolling!.expr).toMatch(/digitoll_routing_feed_lag_seconds.*> 300/);
  expect(byName.DigitollConsignmentsParked).toMatchObject({
    for: '15m',
    expr: expect.stringContaining('> 0'),
  });
  expect(byName.DigitollCustoms5xxRate).toMatchObject({
    for: '10m',
    expr: expect.stringContaining('> 0.05'),
  });
  expect(byName.DigitollCustoms5xxRate!.expr).toContain('[10m]');
});

test('given the rules and the dashboard, then every digitoll_ metric they query is registered by the service', async () => {
  const known = await registered();
  const dashboard = JSON.parse(read('docker/grafana/dashboards/digitoll-flow.json')) as {
    panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
  };
  const exprs = dashboard.panels.flatMap((panel) => panel.targets.map((t) => t.expr));
  const used = metricNames([read('docker/prometheus/alerts.yml'), ...exprs].join('\n'));
  expect(used.filter((name) => !known.has(name))).toEqual([]);
  for (const name of [
    'digitoll_customs_requests_total',
    'digitoll_customs_request_duration_seconds',
    'digitoll_token_refreshes_total',
    'digitoll_consignments',
    'digitoll_parked',
    'digitoll_routing_feed_lag_seconds',
  ])
    expect(used).toContain(name);
  expect(yaml('docker/prometheus/prometheus.yml')).toMatchObject({
    rule_files: ['/etc/prometheus/alerts.yml'],
  });
});
