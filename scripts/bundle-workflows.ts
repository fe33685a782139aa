// Prebuilds the workflow bundle for production workers (npm run build:workflows), so a worker
// starts without webpack and runs exactly the code that was reviewed.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../src/codec/data-converter';
import { WORKFLOW_BUNDLE_OPTIONS } from '../src/workflow-bundle-options';

export const WORKFLOW_BUNDLE_PATH = path.resolve(__dirname, '..', 'dist', 'workflow-bundle.js');

async function main(): Promise<void> {
  // Workflow failures are encoded (and so encrypted) like the workers' own: see src/codec.
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    failureConverterPath: FAILURE_CONVERTER_PATH,
    ...WORKFLOW_BUNDLE_OPTIONS,
  });
  await mkdir(path.dirname(WORKFLOW_BUNDLE_PATH), { recursive: true });
  await writeFile(WORKFLOW_BUNDLE_PATH, code);
  process.stdout.write(`workflow bundle: ${WORKFLOW_BUNDLE_PATH} (${Math.round(code.length / 1024)} KiB)\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
