// Time inside workflows. The SDK replaces Date in the workflow sandbox with the time of the
// current workflow task, so this is deterministic on replay (unlike in ordinary Node code).
export function workflowNow(): string {
  return new Date().toISOString();
}
