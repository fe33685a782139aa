// Runs scenarios the way they declare: most share one harness, those that end its routing feed
// get one of their own, and those that need server settings get a dev server of their own.
import { startDevServer, type DevServer } from '../../src/dev/dev-server';
import { startHarness, type Harness } from '../integration/consignment.harness';
import type { RecordedHistory, Scenario } from './scenario-kit';

export interface ScenarioRun {
  name: string;
  recorded: RecordedHistory;
  /** The harness the scenario ran on: its client and server address reach the recorded run. */
  harness: Harness;
}

export interface RunOptions {
  /** The Temporal CLI, for scenarios that need a dev server of their own. */
  cliPath?: string;
  onRecorded(run: ScenarioRun): Promise<void>;
}

interface Lease {
  harness: Harness;
  release(): Promise<void>;
}

async function ownLease(scenario: Scenario, cliPath: string | undefined): Promise<Lease> {
  let server: DevServer | undefined;
  if (scenario.dynamicConfig) {
    if (!cliPath) throw new Error('a scenario with server settings needs the Temporal CLI');
    server = await startDevServer({ cliPath, headless: true, dynamicConfig: scenario.dynamicConfig });
  }
  try {
    const harness = await startHarness({ ...scenario.ownHarness, temporalAddress: server?.address });
    return {
      harness,
      async release() {
        await harness.close();
        await server?.stop();
      },
    };
  } catch (error) {
    await server?.stop();
    throw error;
  }
}

/** Runs `entries` in order; each recorded run is handed to `onRecorded` while its harness is up. */
export async function runScenarios(entries: Array<[string, Scenario]>, options: RunOptions): Promise<void> {
  let shared: Promise<Harness> | undefined;
  try {
    for (const [name, scenario] of entries) {
      const own = scenario.ownHarness !== undefined || scenario.dynamicConfig !== undefined;
      const lease: Lease = own
        ? await ownLease(scenario, options.cliPath)
        : { harness: await (shared ??= startHarness()), release: async () => undefined };
      try {
        const recorded = await scenario.run(lease.harness);
        await options.onRecorded({ name, recorded, harness: lease.harness });
      } finally {
        await lease.release();
      }
    }
  } finally {
    if (shared) await (await shared).close();
  }
}
