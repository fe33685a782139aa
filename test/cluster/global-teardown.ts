// Removes the workflow bundle the global setup wrote.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

export default function globalTeardown(): void {
  const bundle = process.env.CLUSTER_TEST_WORKFLOW_BUNDLE;
  if (bundle) rmSync(dirname(bundle), { recursive: true, force: true });
}
