// What every workflow bundle is built with (production workers, the cluster, the benches, the
// tests), so each runs the workflow code the same way.
import type { BundleOptions } from '@temporalio/worker';

/**
 * Modules evaluated once per worker thread and shared by every workflow. Any other module is
 * evaluated afresh for each workflow the worker starts or replays, which costs CPU each time and
 * memory in each cached workflow. Only stateless libraries belong here: the SDK freezes what they
 * export, and state they kept would leak from one workflow to the next. zod (the signal readers
 * and the correction validator) and long (the SDK's timestamps) qualify, and the frozen signal
 * readers; exported zod schemas do not, since a schema binds its methods lazily, which a frozen
 * schema refuses.
 */
export const PRELOADED_WORKFLOW_MODULES: string[] = [
  require.resolve('./workflow-shared-modules'),
  // Its schemas are built on first use and then serve every workflow of the thread: a reader is
  // pure, and its schemas (held in the module, not exported) stay out of the SDK's freeze.
  require.resolve('../workflows/consignment/frozen-signal-readers'),
];

/**
 * Spread into every bundleWorkflowCode() call. The source map keeps file and line of each frame
 * but no columns and no copy of the sources: the SDK's default (every source, zod's included,
 * inlined) was 3 MB of the 5 MB bundle, held parsed in each worker's main and workflow threads
 * (47 MiB of a worker's RSS at start). Workflow stack traces still name the TypeScript line.
 */
export const WORKFLOW_BUNDLE_OPTIONS: Pick<BundleOptions, 'preloadModules' | 'webpackConfigHook'> = {
  preloadModules: PRELOADED_WORKFLOW_MODULES,
  webpackConfigHook: (config) => ({ ...config, devtool: 'inline-nosources-cheap-module-source-map' }),
};
