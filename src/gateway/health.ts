// Temporal connectivity for /healthz: the frontend answers a cheap call within a deadline.
// getSystemInfo needs no namespace and works on every Temporal server and on Temporal Cloud.
import type { ConnectionLike } from '@temporalio/client';

export function temporalHealthCheck(connection: ConnectionLike, timeoutMs = 2_000): () => Promise<boolean> {
  return async () => {
    try {
      await connection.withDeadline(Date.now() + timeoutMs, () =>
        connection.workflowService.getSystemInfo({}),
      );
      return true;
    } catch {
      return false;
    }
  };
}
