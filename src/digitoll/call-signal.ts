// Lets a caller abort every Digitoll request made inside a piece of work, without threading a
// signal through each client function: activities run their Customs calls inside
// withCallSignal(activity cancellation signal), so a request never outlives its attempt.
import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<AbortSignal>();

export function withCallSignal<T>(signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
  return signal ? current.run(signal, fn) : fn();
}

/** The signal of the surrounding withCallSignal, if any. */
export function currentCallSignal(): AbortSignal | undefined {
  return current.getStore();
}
