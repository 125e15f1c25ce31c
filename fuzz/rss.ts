/**
 * The resident memory of a campaign: this process (its worker threads included) plus every
 * process below it (the C drivers), from /proc on Linux; elsewhere this process alone.
 */
import { readdirSync, readFileSync } from 'node:fs';

function rssKbOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // gone meanwhile
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/** Total RSS of `pid` (default: this process) and its descendants, in MB. @public */
export function totalRssMb(pid: number = process.pid): number {
  if (process.platform !== 'linux') return Math.round(process.memoryUsage().rss / 2 ** 20);
  let kb = 0;
  const todo = [pid];
  for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
    kb += rssKbOf(next);
    todo.push(...childrenOf(next));
  }
  return Math.round(kb / 1024);
}
