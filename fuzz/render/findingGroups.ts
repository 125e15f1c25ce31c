/**
 * Findings as people read them: each new one on its own (it is what must be acted on), the
 * known ones collapsed to one entry per registered finding id (a long campaign meets the same
 * known bug through many signatures: many request kinds, both backends).
 */
import type { StoredFinding } from '../types.ts';
import { orderFindings } from './findingOrder.ts';

/** The findings of one registered id, first seen first. @public */
export interface KnownGroup {
  readonly id: string;
  readonly findings: readonly StoredFinding[];
}

/**
 * New findings in the order of `orderFindings`, and the known ones grouped by id (in id order).
 * @public
 */
export function groupFindings(findings: readonly StoredFinding[]): { fresh: StoredFinding[]; known: KnownGroup[] } {
  const ordered = orderFindings(findings);
  const known = new Map<string, StoredFinding[]>();
  for (const f of ordered) if (f.known !== null) known.set(f.known, [...(known.get(f.known) ?? []), f]);
  return { fresh: ordered.filter((f) => f.known === null), known: [...known].map(([id, group]) => ({ id, findings: group })) };
}

/** The distinct values of `values`, in first-seen order. @public */
export function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}
