import { describe, expect, it } from 'vitest';
import { tokenize, TokenizeError } from '../../../bench/cmutants/tokenize.ts';

describe('tokenize', () => {
  it('skips comments, string and character literals and preprocessor lines with their continuations', () => {
    const src = [
      '#define A(x) \\',
      '  ((x) < 1)',
      'int f(void) { /* a < b */',
      '  // c >= d',
      '  g("x < y", \'<\');',
      '#if 0',
      '}',
    ].join('\n');
    expect(tokenize(src).map((t) => t.text)).toEqual(['int', 'f', '(', 'void', ')', '{', 'g', '(', ',', ')', ';', '}']);
  });

  it('gives 1-based lines and columns and longest-match punctuators', () => {
    const tokens = tokenize('a <<= 0x1fUL;\n  b->c >= 2;');
    expect(tokens.map((t) => [t.text, t.line, t.column])).toEqual([
      ['a', 1, 1], ['<<=', 1, 3], ['0x1fUL', 1, 7], [';', 1, 13],
      ['b', 2, 3], ['->', 2, 4], ['c', 2, 6], ['>=', 2, 8], ['2', 2, 11], [';', 2, 12],
    ]);
    expect(tokens[2]!.kind).toBe('number');
  });

  it('names the line of an unterminated comment or a stray character', () => {
    expect(() => tokenize('a;\n/* open')).toThrow(new TokenizeError('line 2: unterminated comment'));
    expect(() => tokenize('a;\nb @ c')).toThrow(/line 2: unexpected character '@'/);
  });
});
