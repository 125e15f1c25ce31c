/**
 * A line diff of two transcripts in the unified style (`-` expected, `+` actual, two spaces for
 * common lines), with a few lines of context around each change. Lines are matched by a longest
 * common subsequence, so one extra line shows as one `+`, not as everything after it differing.
 * Minimised findings are a few dozen lines; past MAX_DIFF_LINES a side is cut and the diff says so.
 */

/** The most lines of one side the diff takes in (the LCS table is quadratic). @public */
export const MAX_DIFF_LINES = 2000;

const CONTEXT = 3;

type Edit = readonly [' ' | '-' | '+', string];

function edits(a: readonly string[], b: readonly string[]): Edit[] {
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push([' ', a[i]!]);
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) out.push(['-', a[i++]!]);
    else out.push(['+', b[j++]!]);
  }
  return out;
}

/** The lines of `text`, without the empty one after a final newline. @public */
export function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * The diff of `expected` and `actual` (texts), headed by their labels; `''` when they are equal.
 * @public
 */
export function unifiedDiff(expected: string, actual: string, labels: { expected: string; actual: string }): string {
  const a = linesOf(expected);
  const b = linesOf(actual);
  const cut = a.length > MAX_DIFF_LINES || b.length > MAX_DIFF_LINES;
  const list = edits(a.slice(0, MAX_DIFF_LINES), b.slice(0, MAX_DIFF_LINES));
  if (!cut && list.every(([op]) => op === ' ')) return '';
  const near = list.map(([op]) => op !== ' ');
  const shown = list.map((_e, k) => near.slice(Math.max(0, k - CONTEXT), k + CONTEXT + 1).some(Boolean));
  const lines = [`--- expected: ${labels.expected}`, `+++ actual: ${labels.actual}`];
  list.forEach(([op, line], k) => {
    if (shown[k]) lines.push(`${op === ' ' ? ' ' : op} ${line}`);
    else if (k === 0 || shown[k - 1]) lines.push('  ...');
  });
  if (cut) lines.push(`(only the first ${MAX_DIFF_LINES} lines of each side compared)`);
  return `${lines.join('\n')}\n`;
}
