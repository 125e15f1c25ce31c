/**
 * The order findings are shown in: new ones first (they are what the reader must act on), in
 * the order they were first seen; then known ones by registered id.
 */
import type { StoredFinding } from '../types.ts';

/** Findings sorted new first, then by known id, then by first sighting. @public */
export function orderFindings(findings: readonly StoredFinding[]): StoredFinding[] {
  // Code-unit order, not localeCompare: the rendered files must not depend on the locale.
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const rank = (f: StoredFinding): string => (f.known === null ? '0' : `1${f.known}`);
  return [...findings].sort((a, b) => cmp(rank(a), rank(b)) || cmp(a.firstSeenAt, b.firstSeenAt) || cmp(a.signature, b.signature));
}
