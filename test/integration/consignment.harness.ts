// Shared set-up of the workflow integration tests: the real dev server, real workers on task
// queues of their own, the emulator in-process, a routing feed polling it, and shortened timings.
import path from 'node:path';
import type { Duration } from '@temporalio/common';
import {
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  type WorkflowHandle,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import { createTokenProvider } from '../../src/auth';
import { DigitollFlow, type MovementTimings } from '../../src/client';
import { createDigitollClient } from '../../src/digitoll';
import type { HouseConsignment } from '../../src/domain';
import {
  createEmulatorControl,
  ENTRY_SCOPE,
  MODE_SCOPES,
  startEmulator,
  type EmulatorOptions,
} from '../../src/emulator';
import { TOKEN_PATHS } from '../../src/digitoll';
import { consignmentWorkflowId, type Phase } from '../../src/shared';
import { startDevServer } from '../../src/dev/dev-server';
import { createWorkers, ensureRoutingFeed } from '../../src/worker';
import type { consignmentWorkflow } from '../../workflows/consignment/workflow';
import {
  statusQuery,
  type ConsignmentInput,
  type ConsignmentStatus,
  type ConsignmentTimings,
} from '../../workflows/consignment/messages';
import { sampleHouseConsignment, type DeepPartial } from '../fixtures/documents';
import {
  bundleWorkflows,
  connectTestTemporal,
  waitForQuery,
  uniqueTaskQueue,
  SETTLE_MS,
} from '../helpers/temporal';

export const FAST_TIMINGS: ConsignmentTimings = {
  firstValidationDelay: '100ms',
  pollInitialInterval: '100ms',
  pollBackoff: 1.5,
  pollMaxInterval: '500ms',
  validationDeadline: '20s',
  correctionWait: '1 hour',
  expireAfter: '1 hour',
  transientCoolDown: '1 hour',
  webhookMaxInterval: '1s',
};

/** Transports, masters and presentations at the same pace (entry polled every second at most). */
export const FAST_MOVEMENT_TIMINGS: MovementTimings = {
  firstValidationDelay: '100ms',
  pollInitialInterval: '100ms',
  pollBackoff: 1.5,
  pollMaxInterval: '500ms',
  validationDeadline: '20s',
  correctionWait: '1 hour',
  transientCoolDown: '1 hour',
  entryPollMaxInterval: '1s',
};

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export async function startHarness(
  options: {
    emulator?: EmulatorOptions;
    feedPollInterval?: Duration;
    temporalAddress?: string;
    /** The Customs task queue's rate limit (default 200: not a limit in tests). */
    digitollActivitiesPerSecond?: number;
    /** Signs webhook events (the worker's WEBHOOK_SECRET). */
    webhookSecret?: string;
  } = {},
) {
  const temporal = await connectTestTemporal(options.temporalAddress);
  // These tests drive arrivals and count routing items and ids themselves: no presentation by
  // Customs, no extra items, numeric routing ids (a test may override any of them).
  const emulator = await startEmulator({
    processingDelayMs: 0,
    autoPresentAfterMs: 'off',
    extraRoutingItemsEvery: 0,
    style: { idsAsNumbers: true },
    ...options.emulator,
  });
  const control = createEmulatorControl(emulator.url);
  const creds = emulator.devCredentials;
  const tokens = await createTokenProvider({
    clientId: creds.clientId,
    privateKeyPem: creds.privateKeyPem,
    certificateChainPem: creds.certificatePem,
    maskinportenIssuer: emulator.issuer,
    maskinportenTokenUrl: `${emulator.url}${TOKEN_PATHS.maskinportenToken}`,
    exchangeUrl: `${emulator.url}${TOKEN_PATHS.customsExchange}`,
  });
  const digitoll = createDigitollClient({
    baseUrl: emulator.url,
    tokens,
    scopes: { ...MODE_SCOPES, entry: ENTRY_SCOPE },
    timeouts: { headersMs: 3_000, bodyMs: 3_000 },
  });
  const taskQueues = { workflow: uniqueTaskQueue('hc-wf'), digitoll: uniqueTaskQueue('hc-customs') };
  const workers = await createWorkers({
    nativeConnection: temporal.nativeConnection,
    client: temporal.client,
    namespace: temporal.namespace,
    digitoll,
    taskQueues,
    digitollActivitiesPerSecond: options.digitollActivitiesPerSecond ?? 200,
    webhookSecret: options.webhookSecret,
    shutdownGraceTime: '1s',
    workflowBundle: await bundleWorkflows(path.resolve(__dirname, '../../workflows')),
  });
  const running = workers.run();
  const organisation = uniqueTaskQueue('org');
  const feed = await ensureRoutingFeed(temporal.client, {
    organisation,
    pollInterval: options.feedPollInterval ?? '300ms',
    taskQueues,
  });
  let counter = 0;
  const prefix = `T${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;

  /** A fresh valid document with a document number no other test uses. */
  function document(
    overrides: DeepPartial<HouseConsignment> = {},
    documentNumber?: string,
  ): HouseConsignment {
    counter += 1;
    const number = documentNumber ?? `${prefix}-${counter}`;
    return sampleHouseConsignment({
      ...overrides,
      consignmentHouseLevel: {
        ...overrides.consignmentHouseLevel,
        transportDocumentHouseLevel: { documentNumber: number, type: 'N730' },
      },
    });
  }

  async function start(
    doc: HouseConsignment,
    extra: Partial<ConsignmentInput> = {},
  ): Promise<WorkflowHandleWithFirstExecutionRunId<typeof consignmentWorkflow>> {
    const key = doc.consignmentHouseLevel.transportDocumentHouseLevel;
    const input: ConsignmentInput = {
      mode: 'road',
      consignment: doc,
      timings: FAST_TIMINGS,
      digitollTaskQueue: taskQueues.digitoll,
      ...extra,
    };
    return temporal.client.workflow.start<typeof consignmentWorkflow>('consignmentWorkflow', {
      workflowId: consignmentWorkflowId(key.type, key.documentNumber),
      taskQueue: taskQueues.workflow,
      args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      staticSummary: `House ${key.type} ${key.documentNumber}`,
    });
  }

  async function close(): Promise<void> {
    await feed.terminate('test finished').catch(() => undefined);
    await workers.shutdown();
    await running.catch(() => undefined);
    await emulator.close();
    await temporal.close();
  }

  return {
    temporal,
    client: temporal.client,
    emulator,
    control,
    digitoll,
    tokens,
    taskQueues,
    feed,
    organisation,
    document,
    start,
    close,
  };
}

export function houseOf(doc: HouseConsignment): { documentNumber: string; type: string } {
  const { documentNumber, type } = doc.consignmentHouseLevel.transportDocumentHouseLevel;
  return { documentNumber, type };
}

/** Waits until the consignment's status satisfies `predicate`; returns that status. */
export async function waitForStatus(
  handle: WorkflowHandle<typeof consignmentWorkflow>,
  predicate: (status: ConsignmentStatus) => boolean,
  what = 'status',
  timeoutMs = SETTLE_MS,
): Promise<ConsignmentStatus> {
  return waitForQuery(handle, statusQuery, predicate, what, timeoutMs);
}

/**
 * The twin routes a presented house TO_ENTRY at once, so AWAITING_ROUTING can pass before a test
 * sees it. This moves that house's own routing an hour away: it waits until the test injects one.
 */
export async function holdRouting(
  h: Harness,
  house: { type: string; documentNumber: string },
): Promise<void> {
  await h.control.setRoutingPlan(house, [{ routing: 'TO_ENTRY', afterMs: 3_600_000 }]);
}

export function waitForPhase(handle: WorkflowHandle<typeof consignmentWorkflow>, phase: Phase) {
  return waitForStatus(handle, (s) => s.phase === phase, `phase ${phase}`);
}

/** The client library over the harness's task queues and feed, as an ERP would use it. */
export function flowOf(h: Harness): DigitollFlow {
  return new DigitollFlow({
    client: h.client,
    taskQueue: h.taskQueues.workflow,
    digitollTaskQueue: h.taskQueues.digitoll,
    defaultTimings: FAST_TIMINGS,
    movementTimings: FAST_MOVEMENT_TIMINGS,
    organisation: h.organisation,
  });
}

/**
 * A harness on a dev server of its own, started with `dynamicConfig` (a server limit a test needs,
 * e.g. history.maximumSignalsPerExecution); `close()` stops both.
 */
export async function startHarnessOnOwnServer(
  dynamicConfig: Record<string, string | number | boolean>,
  options: Omit<NonNullable<Parameters<typeof startHarness>[0]>, 'temporalAddress'> = {},
): Promise<{ h: Harness; close(): Promise<void> }> {
  const server = await startDevServer({
    cliPath: process.env.TEMPORAL_TEST_CLI_PATH!,
    headless: true,
    dynamicConfig,
  });
  const h = await startHarness({ ...options, temporalAddress: server.address }).catch(
    async (error: unknown) => {
      await server.stop();
      throw error;
    },
  );
  return {
    h,
    async close() {
      await h.close();
      await server.stop();
    },
  };
}
