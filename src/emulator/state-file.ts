// Keeps the twin's state (houses, transports, masters, the feed) in <dataDir>/emulator-state.json
// so `npm start` resumes consignments that were waiting for Customs. Written after changes (debounced, then write-to-temporary and rename,
// so a crash leaves the old file or the new one, never half of one); read once at start. Tokens
// are not kept: clients simply ask for new ones.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmulatorContext } from './context';
import type { FeedState } from './feed';
import type { MovementState } from './movement-store';
import type { StoreState } from './store';

export const STATE_FILE = 'emulator-state.json';
const VERSION = 1;
const DEBOUNCE_MS = 100;

interface StateFile {
  version: number;
  store: StoreState;
  feed: FeedState;
  /** Transports, masters and entry plans; absent in files written before the twin knew them. */
  movement?: MovementState;
}

export interface StateKeeper {
  path: string;
  /** Schedules a write (debounced). */
  touch(): void;
  /** Writes now if anything is pending; called on close. */
  flush(): void;
}

/** Loads the file into `ctx` if there is one; an unreadable file is named, never silently dropped. */
export function loadState(ctx: EmulatorContext, dataDir: string): void {
  const path = join(dataDir, STATE_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return; // no file yet: a first start
  }
  const state = JSON.parse(text) as StateFile;
  if (state.version !== VERSION) throw new Error(`${path}: unknown state version ${String(state.version)}`);
  ctx.store.load(state.store);
  ctx.feed.load(state.feed);
  if (state.movement) ctx.movement.load(state.movement);
}

export function keepState(ctx: EmulatorContext, dataDir: string): StateKeeper {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, STATE_FILE);
  let timer: NodeJS.Timeout | undefined;
  const write = () => {
    timer = undefined;
    const state: StateFile = {
      version: VERSION,
      store: ctx.store.toState(),
      feed: ctx.feed.toState(),
      movement: ctx.movement.toState(),
    };
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(state));
    renameSync(temporary, path);
  };
  return {
    path,
    touch: () => {
      timer ??= setTimeout(write, DEBOUNCE_MS).unref();
    },
    flush: () => {
      if (timer === undefined) return;
      clearTimeout(timer);
      write();
    },
  };
}
