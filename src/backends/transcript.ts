/**
 * Comparing transcripts as the trace format defines agreement: byte for byte, except that a
 * `CRASH` line compares by its first word only.
 */
import { CRASH_PREFIX } from './backend.ts';

/** The part of a line that takes part in comparisons. */
export function comparableLine(line: string): string {
  return line === CRASH_PREFIX || line.startsWith(`${CRASH_PREFIX} `) ? CRASH_PREFIX : line;
}

/** Where two transcripts first differ, with the two lines (undefined past an end). */
export interface Divergence {
  readonly index: number;
  readonly left: string | undefined;
  readonly right: string | undefined;
}

/** The first divergence of two transcripts, or null when they agree. @public */
export function firstDivergence(left: readonly string[], right: readonly string[]): Divergence | null {
  const n = Math.max(left.length, right.length);
  for (let index = 0; index < n; index++) {
    const a = left[index];
    const b = right[index];
    if (a === undefined || b === undefined || comparableLine(a) !== comparableLine(b)) {
      return { index, left: a, right: b };
    }
  }
  return null;
}

/** The transcript as text: each line followed by a newline. @public */
export function transcriptText(lines: readonly string[]): string {
  return lines.map((line) => `${line}\n`).join('');
}
