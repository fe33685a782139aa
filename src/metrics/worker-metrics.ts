// A worker process's metrics, wired from configuration: the visibility sampler and, unless
// WORKER_METRICS_PORT is 0, the /metrics server. The Customs and token observers are handed to
// createDigitollFromConfig by the caller (they live on the same ServiceMetrics).
import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import { startMetricsServer } from './http-server';
import { startSampler } from './sampler';
import type { ServiceMetrics } from './service-metrics';

export interface WorkerMetrics {
  /** The /metrics URL; undefined when the server is off. */
  url?: string;
  stop(): Promise<void>;
}

export async function startWorkerMetrics(options: {
  config: Config;
  client: Client;
  metrics: ServiceMetrics;
  onSampleError?: (sample: string, error: unknown) => void;
}): Promise<WorkerMetrics> {
  const { config, metrics } = options;
  const sampler = startSampler({
    client: options.client,
    metrics,
    organisations: [config.routingFeed.organisation],
    intervalMs: config.metrics.sampleIntervalMs,
    onError: options.onSampleError,
  });
  const server =
    config.metrics.workerPort > 0
      ? await startMetricsServer({
          registry: metrics.registry,
          host: config.metrics.workerHost,
          port: config.metrics.workerPort,
        }).catch(async (error: unknown) => {
          await sampler.stop();
          throw error;
        })
      : undefined;
  return {
    url: server?.url,
    async stop() {
      await sampler.stop();
      await server?.close();
    },
  };
}
