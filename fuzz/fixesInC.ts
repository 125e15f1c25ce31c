/**
 * Which registered fixes a C source has, as one trace shows: the port with those fixes prints
 * exactly what C prints for it. Where the contract is silent (fault injection, zero sizes), this
 * tells a tree that fixed registered findings apart from a new bug.
 */
import type { Backend } from '../src/backends/backend.ts';
import { firstDivergence } from '../src/backends/transcript.ts';
import { runRequests } from '../src/driver/runTrace.ts';
import type { Era } from '../src/era/era.ts';
import type { Request } from '../src/trace/request.ts';
import { formatTrace } from '../src/trace/request.ts';
import { FINDINGS } from '../properties/findings/registry.ts';
import { ALL_FIXES, minimalFixes, NO_FIXES } from './known.ts';

/** Whether the port with a set of fixes prints what C printed. @public */
export type PrintsAsC = (fixes: ReadonlySet<string>) => boolean;

/** Runs `cut` on `c` once; the answer tells, for any set of fixes, whether the port prints the same. @public */
export async function printsAsC(c: Backend, cut: readonly Request[], era: Era): Promise<PrintsAsC> {
  const [cLines] = await c.runTraces([formatTrace(cut)]);
  return (fixes) => firstDivergence(runRequests(cut, { fixes, era }), cLines!) === null;
}

/**
 * The registered findings fixed in `c` as `cut` shows them: none when the faithful port prints
 * what C prints; else the one whose fix alone makes the port print it, else a minimal set of
 * fixes that together do (a tree with several fixes, on a trace that needs more than one of
 * them); null when no set does.
 * @public
 */
export async function fixesOfC(c: Backend, cut: readonly Request[], era: Era): Promise<string[] | null> {
  const prints = await printsAsC(c, cut, era);
  if (prints(NO_FIXES)) return [];
  const single = FINDINGS.find((f) => prints(new Set([f.id])));
  if (single) return [single.id];
  return prints(ALL_FIXES) ? [...minimalFixes(prints)] : null;
}

/**
 * The ports that still have the registered finding(s) `known` (`GPUVM-a+GPUVM-b`): every other
 * finding fixed (C fixed the rest), or one other fixed (C fixed that one).
 * @public
 */
export function portsWith(known: string): ReadonlySet<string>[] {
  const ids = new Set(known.split('+'));
  const others = FINDINGS.map((f) => f.id).filter((id) => !ids.has(id));
  return [new Set(others), ...others.map((id) => new Set([id]))];
}
