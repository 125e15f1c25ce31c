import { describe, expect, it } from 'vitest';
import { findFunctions } from '../../../bench/cmutants/functions.ts';
import { tokenize } from '../../../bench/cmutants/tokenize.ts';
import { LATER_ERA_FUNCTIONS, LATER_ERA_SOURCE } from './laterEraSource.ts';

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

describe('findFunctions on a later-era-shaped source', () => {
  it('finds every function: past macros with continuation lines, ops tables, map_req and madvise signatures, iterator blocks in bodies', () => {
    expect(findFunctions(tokenize(LATER_ERA_SOURCE)).map((f) => f.name)).toEqual(LATER_ERA_FUNCTIONS);
  });
});
