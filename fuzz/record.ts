/**
 * Counting what checked requests exercised, into bounded Stats.
 */
import { docCases, opShape } from '../properties/classify.ts';
import type { RequestResult } from '../properties/opLines.ts';
import type { Request } from '../src/trace/request.ts';
import type { Stats } from './types.ts';
import { liveVaBucket } from './types.ts';

const bump = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/**
 * The interesting branches of the invariants that a request exercised, as `invariant:branch`
 * (e.g. `keep-flag:1`, `validity:EINVAL`), so a report shows which outcomes were actually met.
 */
export function invariantBranches(request: Request, result: RequestResult): string[] {
  const branches = ['no-crash', 'no-leak'];
  if (result.status !== null) {
    const outcome = result.status === 0 ? 'OK' : `E${-result.status}`;
    branches.push(`validity:${outcome}`);
    if (result.status !== 0) branches.push(`failed-request-has-no-effect:${outcome}`);
  }
  if (request.kind === 'map' && result.status === 0) branches.push('exactly-one-map');
  const remaps = result.ops.filter((op) => op.type === 'REMAP').length;
  if (result.ops.some((op) => op.type !== 'MAP')) branches.push(`max-two-remaps:${remaps}`);
  for (const op of result.ops) {
    if (op.type === 'UNMAP' || op.type === 'REMAP') {
      branches.push(`keep-flag:${op.keep ? 1 : 0}`, 'ops-hit-exactly-the-intersecting-vas');
      if (op.type === 'REMAP') branches.push(`remap-parts:${op.prev ? 'prev' : ''}${op.prev && op.next ? '+' : ''}${op.next ? 'next' : ''}`);
    }
  }
  const first = result.results[0]?.split(' ')[0];
  if (first) branches.push(`lookups:${first}`);
  return branches;
}

/** An `observe` callback for runChecked that counts into `stats`. @public */
export function recorder(stats: Stats): (request: Request, result: RequestResult, liveVas: number) => void {
  return (request, result, liveVas) => {
    stats.requests++;
    bump(stats.byKind, request.kind);
    for (const op of result.ops) bump(stats.opShapes, opShape(op));
    for (const c of docCases(request, result.ops)) bump(stats.docCases, String(c));
    for (const branch of invariantBranches(request, result)) bump(stats.invariantChecks, branch);
    bump(stats.liveVas, liveVaBucket(liveVas));
    if (liveVas > stats.maxLiveVas) stats.maxLiveVas = liveVas;
  };
}
