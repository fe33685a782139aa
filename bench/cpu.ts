// CPU time of processes from /proc (Linux): user + system seconds, and a process's children (the
// PostgreSQL server's backends are children of its postmaster).
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

function stat(pid: number): { ppid: number; seconds: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces, start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** CPU seconds used so far by these processes (0 for one that is gone). */
export function cpuSeconds(pids: number[]): number {
  return pids.reduce((total, pid) => total + (stat(pid)?.seconds ?? 0), 0);
}

/** A process and its direct children, as they are now. */
export function withChildren(pid: number): number[] {
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((child) => stat(child)?.ppid === pid);
  return [pid, ...children];
}
