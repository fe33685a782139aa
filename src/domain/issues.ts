// Turns zod issues into `{path, message}` lists: the 400 body of the gateway, the details of a
// non-retryable failure and the status query all show the same thing.
import type { z } from 'zod';

export interface FormattedIssue {
  path: string;
  message: string;
}

/** `['a', 'b', 0, 'c']` -> `a.b[0].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

export function formatIssues(error: z.ZodError | { issues: readonly z.core.$ZodIssue[] }): FormattedIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}
