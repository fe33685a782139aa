// No-op activities of the baseline workflow: each answers at once, as a twin with no delay would.

export const BASELINE_TASK_QUEUE = 'bench-baseline';

export function createBaselineActivities() {
  const noop = async (documentNumber: string): Promise<string> => documentNumber;
  return {
    post: noop,
    pollValidation: noop,
    arrival: noop,
    present: noop,
    pollPresentation: noop,
    routing: noop,
  };
}

export type BaselineActivities = ReturnType<typeof createBaselineActivities>;
