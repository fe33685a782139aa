// The slice of a pino logger these modules use, so callers pass their pino instance (or a fake in
// tests) and nothing here decides where logs go. Callers never receive tokens, grants or keys.
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  debug: () => undefined,
};
