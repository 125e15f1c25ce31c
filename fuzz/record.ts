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
 * The invariants a request was checked against, each once, with its interesting branch where
 * it has one (`keep-flag:1`, `validity:E22`), so a report shows which outcomes were actually met.
 * Whole-state invariants count only on requests after which the state was compared.
 */
export function invariantBranches(request: Request, result: RequestResult, fullCheck: boolean): string[] {
  const branches = new Set(['no-crash', 'no-leak', 'vm-bo-lifetime']);
  const add = (...names: string[]): void => names.forEach((n) => branches.add(n));
  if (fullCheck) add('check-valid', 'coverage', 'offset', 'gem-lists');
  if (result.status !== null) {
    const outcome = result.status === 0 ? 'OK' : `E${-result.status}`;
    add(`validity:${outcome}`);
    if (result.status !== 0) add(`failed-request-has-no-effect:${outcome}`);
  }
  if (request.kind === 'map' && result.status === 0) add('exactly-one-map');
  const remaps = result.ops.filter((op) => op.type === 'REMAP').length;
  if (result.ops.length > 0) add('ops');
  if (result.ops.some((op) => op.type !== 'MAP')) add(`max-two-remaps:${remaps}`);
  for (const op of result.ops) {
    if (op.type === 'UNMAP' || op.type === 'REMAP') {
      add(`keep-flag:${op.keep ? 1 : 0}`, 'ops-hit-exactly-the-intersecting-vas');
      if (op.type === 'REMAP') add(`remap-parts:${op.prev ? 'prev' : ''}${op.prev && op.next ? '+' : ''}${op.next ? 'next' : ''}`);
    }
  }
  const first = result.results[0]?.split(' ')[0];
  if (first) add(`lookups:${first}`);
  return [...branches];
}

/** An `observe` callback for runChecked that counts into `stats`. @public */
export function recorder(stats: Stats): (request: Request, result: RequestResult, liveVas: number, fullCheck: boolean) => void {
  return (request, result, liveVas, fullCheck) => {
    stats.requests++;
    bump(stats.byKind, request.kind);
    for (const op of result.ops) bump(stats.opShapes, opShape(op));
    for (const c of docCases(request, result.ops)) bump(stats.docCases, String(c));
    for (const branch of invariantBranches(request, result, fullCheck)) bump(stats.invariantChecks, branch);
    bump(stats.liveVas, liveVaBucket(liveVas));
    if (liveVas > stats.maxLiveVas) stats.maxLiveVas = liveVas;
  };
}
