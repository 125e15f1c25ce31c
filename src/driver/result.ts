/**
 * A request's output as structure: what the invariants read. Every backend's transcript parses
 * into it (properties/opLines.ts), the model builds it directly, and the TypeScript driver can
 * keep its output in this form instead of printing it (output.ts).
 */
import type { VaFields } from './format.ts';

/** One op. @public */
export type OpLine =
  | { readonly type: 'MAP'; readonly map: VaFields }
  | { readonly type: 'REMAP'; readonly prev: VaFields | null; readonly next: VaFields | null; readonly unmap: VaFields; readonly keep: boolean }
  | { readonly type: 'UNMAP'; readonly unmap: VaFields; readonly keep: boolean }
  | { readonly type: 'PREFETCH'; readonly va: VaFields };

/** What one request printed, split into ops, status and other result lines. @public */
export interface RequestResult {
  readonly ops: readonly OpLine[];
  /** 0 for OK, the negative errno for ERR, null for requests without a status line. */
  readonly status: number | null;
  /** Every line that is neither an op, a status nor a WARN (VA, NONE, VAS, EMPTY, ALLOCS). */
  readonly results: readonly string[];
  readonly crashed: boolean;
  /** What the backend said as it crashed (its CRASH line's detail), if it said anything. */
  readonly crash?: string;
}

/** True when two VAs (or op parts, null for none) have the same four printed fields. @public */
export function sameFields(a: VaFields | null | undefined, b: VaFields | null | undefined): boolean {
  return a === b || (!!a && !!b && a.addr === b.addr && a.range === b.range && a.handle === b.handle && a.offset === b.offset);
}

function sameOp(a: OpLine, b: OpLine): boolean {
  switch (a.type) {
    case 'MAP':
      return b.type === 'MAP' && sameFields(a.map, b.map);
    case 'REMAP':
      return b.type === 'REMAP' && a.keep === b.keep && sameFields(a.unmap, b.unmap) && sameFields(a.prev, b.prev) && sameFields(a.next, b.next);
    case 'UNMAP':
      return b.type === 'UNMAP' && a.keep === b.keep && sameFields(a.unmap, b.unmap);
    case 'PREFETCH':
      return b.type === 'PREFETCH' && sameFields(a.va, b.va);
  }
}

/**
 * True when two results say the same thing, field for field: what their transcripts' lines would
 * say once WARN lines are set aside (and what a crash said: crashing is what counts). @public
 */
export function sameResult(a: RequestResult, b: RequestResult): boolean {
  if (a.status !== b.status || a.crashed !== b.crashed || a.ops.length !== b.ops.length || a.results.length !== b.results.length) return false;
  // Loops, not every(): checked runs compare every request.
  for (let i = 0; i < a.ops.length; i++) if (!sameOp(a.ops[i]!, b.ops[i]!)) return false;
  for (let i = 0; i < a.results.length; i++) if (a.results[i] !== b.results[i]) return false;
  return true;
}
