// Time inside workflows. The SDK replaces Date in the workflow sandbox with the time of the
// current workflow task, so this is deterministic on replay (unlike in ordinary Node code).
export function workflowNow(): string {
  return new Date().toISOString();
}

/** The same workflow time in milliseconds, for waits measured from an earlier moment of the run. */
export function workflowNowMs(): number {
  return Date.now();
}
