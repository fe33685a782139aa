export { createServiceMetrics, statusClass, type ServiceMetrics } from './service-metrics';
export { startMetricsServer, type MetricsServer } from './http-server';
export { startSampler, type Sampler, type SamplerOptions } from './sampler';
export { gatewayMetrics, METRICS_PATH, type GatewayMetricsOptions } from './gateway';
export { ConsignmentLogController, consignmentKeyOf } from './request-logging';
export { logContextInterceptor, logContextMixin, currentLogContext, type LogContext } from './log-context';
export { installRuntime, sdkLogger, type RuntimeSettings } from './runtime';
export { startWorkerMetrics, type WorkerMetrics } from './worker-metrics';
