import { describe, expect, it } from 'vitest';
import { findFunctions } from '../../../bench/cmutants/functions.ts';
import { tokenize } from '../../../bench/cmutants/tokenize.ts';

describe('findFunctions', () => {
  it('finds function bodies and skips struct definitions and initialisers', () => {
    const src = [
      'struct s { int a; };',
      'static const struct s init = { .a = 1 };',
      'static int',
      'first(struct s *p, int (*cb)(int))',
      '{ if (p) { return cb(p->a); } return 0; }',
      'void second(void);',
      'void second(void) { }',
    ].join('\n');
    const tokens = tokenize(src);
    const fns = findFunctions(tokens);
    expect(fns.map((f) => f.name)).toEqual(['first', 'second']);
    expect(tokens[fns[0]!.open]!.line).toBe(5);
    expect(tokens[fns[0]!.close]!.text).toBe('}');
    expect(tokens[fns[0]!.close + 1]!.text).toBe('void');
  });
});
