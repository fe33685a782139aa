// The Temporal Core runtime of a production worker process: the SDK's own log lines (worker,
// activity and workflow loggers, and Core's native lines) go to pino, and, when
// WORKER_SDK_METRICS_ADDRESS is set, Core serves its runtime metrics (task latencies,
// schedule-to-start, sticky cache, slots) in Prometheus format on that address, a port of its own.
// Core's exporter is used rather than merging into prom-client: the SDK's buffered metrics are
// experimental, and Core's series vary their label sets per update, which prom-client's fixed
// label names cannot hold. Runtime.install must run once per process, before any worker
// connection; tests never call it (they create many workers in one process).
import { type LogLevel, type LogMetadata, type Logger } from '@temporalio/common';
import { Runtime } from '@temporalio/worker';
import type { Logger as Pino } from 'pino';
import { parseConsignmentWorkflowId } from '../shared';

const LEVELS = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/** The SDK's log metadata without the activity task token (it can complete the activity). */
function fieldsOf(meta: LogMetadata | undefined): Record<string, unknown> {
  const { taskToken: _taskToken, ...rest } = (meta ?? {}) as Record<string, unknown>;
  const workflowId = typeof rest.workflowId === 'string' ? rest.workflowId : undefined;
  const key = workflowId ? parseConsignmentWorkflowId(workflowId) : undefined;
  return { ...rest, ...key };
}

/** The SDK's Logger interface over a pino logger. */
export function sdkLogger(pino: Pino): Logger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) =>
    pino[LEVELS[level]](fieldsOf(meta), message);
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}

export interface RuntimeSettings {
  logger: Pino;
  /** host:port for Core's Prometheus exporter (WORKER_SDK_METRICS_ADDRESS); absent: off. */
  sdkMetricsAddress?: string;
}

export function installRuntime(settings: RuntimeSettings): void {
  Runtime.install({
    logger: sdkLogger(settings.logger.child({ component: 'temporal-sdk' })),
    telemetryOptions: {
      logging: { forward: {} },
      ...(settings.sdkMetricsAddress
        ? { metrics: { prometheus: { bindAddress: settings.sdkMetricsAddress } } }
        : {}),
    },
  });
}
