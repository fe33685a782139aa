// The modules the workflow bundle preloads (src/workflow-bundle-options.ts) must really be loaded
// by its preload step: webpack silently drops a side-effect-free library whose require result is
// unused, and every workflow would then evaluate zod again, with no error to tell.
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../src/workflow-bundle-options';
import { quietBundlerLogger, WORKFLOWS_DIR } from '../helpers/temporal';

/** The body of one webpack module of the bundle, by its id. */
function moduleBody(code: string, id: string): string {
  const start = code.indexOf(`/***/ "${id}"`);
  expect(start).toBeGreaterThan(0);
  return code.slice(start, code.indexOf('/***/ "', start + 1));
}

test('given the bundle options, when the workflows are bundled, then the preload step loads zod, long and the frozen signal readers', async () => {
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_DIR,
    logger: quietBundlerLogger,
    ...WORKFLOW_BUNDLE_OPTIONS,
  });
  const preload = code.slice(
    code.indexOf('exports.preloadModules = function'),
    code.indexOf('exports.importWorkflows'),
  );
  expect(preload).toContain('"./src/workflow-shared-modules.ts"');
  expect(preload).toContain('"./workflows/consignment/frozen-signal-readers.ts"');
  const shared = moduleBody(code, './src/workflow-shared-modules.ts');
  expect(shared).toContain('"./node_modules/zod/index.cjs"');
  expect(shared).toContain('"./node_modules/long/');
  // Line-only source map without the sources: the inlined sources were most of the bundle.
  const map = code.slice(code.lastIndexOf('base64,') + 'base64,'.length);
  expect(Buffer.from(map, 'base64').toString('utf8')).not.toContain('"sourcesContent"');
}, 120_000);
