// Keeps test output readable: the SDK logs worker state changes at INFO by default.
import { DefaultLogger, Runtime } from '@temporalio/worker';

try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed in this jest worker by an earlier test file: keep that one.
}
