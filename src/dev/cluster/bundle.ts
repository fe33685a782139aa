// The project's workflow bundle, built once for every worker process of a cluster (webpack in
// each worker would cost each one seconds of CPU at start). Failures are encoded like the workers'.
import { writeFileSync } from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../codec/data-converter';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../workflow-bundle-options';

/** Written to `path`; the workers load it instead of each running webpack. */
export async function bundleWorkflows(path: string): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../../workflows'),
    failureConverterPath: FAILURE_CONVERTER_PATH,
    ...WORKFLOW_BUNDLE_OPTIONS,
    logger: {
      trace: () => {},
      debug: () => {},
      info: () => {},
      warn: () => {},
      error: () => {},
      log: () => {},
    },
  });
  writeFileSync(path, code);
  return path;
}
