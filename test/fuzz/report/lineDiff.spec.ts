import { describe, expect, it } from 'vitest';
import { MAX_DIFF_LINES, unifiedDiff } from '../../../fuzz/render/lineDiff.ts';

const labels = { expected: 'model', actual: 'port' };
const numbered = (n: number): string[] => Array.from({ length: n }, (_v, i) => `line ${i + 1}`);

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', labels)).toBe('');
  });

  it('shows one inserted line as one +, with three lines of context and ... for the rest', () => {
    const a = numbered(20);
    const b = [...a.slice(0, 10), 'extra', ...a.slice(10)];
    expect(unifiedDiff(`${a.join('\n')}\n`, `${b.join('\n')}\n`, labels)).toBe(
      ['--- expected: model', '+++ actual: port', '  ...', '  line 8', '  line 9', '  line 10', '+ extra', '  line 11', '  line 12', '  line 13', '  ...', ''].join('\n'),
    );
  });

  it('puts the expected line before the actual one where a line changed', () => {
    expect(unifiedDiff('x\nOK\n', 'x\nERR -22 EINVAL\n', labels)).toBe('--- expected: model\n+++ actual: port\n  x\n- OK\n+ ERR -22 EINVAL\n');
  });

  it(`compares at most ${MAX_DIFF_LINES} lines of each side, and says so`, () => {
    const long = numbered(MAX_DIFF_LINES + 5).join('\n');
    const out = unifiedDiff(long, `${long}\nmore`, labels);
    expect(out.trimEnd().split('\n').at(-1)).toBe(`(only the first ${MAX_DIFF_LINES} lines of each side compared)`);
  });
});
