#!/usr/bin/env node
// The `digitoll-flow` executable: wires configuration and a live Temporal connection into runCli.
// Connecting happens only when a command needs it, so --help and usage errors work offline.
import type { Client } from '@temporalio/client';
import { DigitollFlow } from '../client';
import { loadConfig } from '../config';
import { connectClient } from '../runtime';
import { TemporalUnreachable } from './errors';
import { runCli } from './run';

/** A CLI waits less for an unreachable server than a long-running worker would. */
const CONNECT_TIMEOUT = '5s';

async function main(): Promise<number> {
  let client: Client | undefined;
  const flow = async () => {
    const config = loadConfig(process.env);
    try {
      client = await connectClient(config, { connectTimeout: CONNECT_TIMEOUT });
    } catch (error) {
      throw new TemporalUnreachable(config.temporal.address, error);
    }
    return new DigitollFlow({
      client,
      taskQueue: config.worker.workflowTaskQueue,
      digitollTaskQueue: config.worker.digitollTaskQueue,
      organisation: config.routingFeed.organisation,
      webhookUrl: config.webhooks.url,
      production: config.environment === 'prod',
    });
  };
  try {
    return await runCli(process.argv.slice(2), { flow, stdout: process.stdout, stderr: process.stderr });
  } finally {
    await client?.connection.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
