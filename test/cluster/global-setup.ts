// Bundles the workflows once for the cluster tests: webpack cannot run inside a jest test file's
// module sandbox, and every worker process of a cluster loads this one bundle.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflows } from '../../src/dev/cluster/bundle';

export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'digitoll-cluster-bundle-'));
  process.env.CLUSTER_TEST_WORKFLOW_BUNDLE = await bundleWorkflows(join(dir, 'workflow-bundle.js'));
}
