import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateMutants } from '../../../bench/cmutants/generate.ts';
import { loadVerdicts, parseVerdicts } from '../../../bench/cmutants/verdicts.ts';
import { SEED_PATH, seedExists } from '../../backends/c/seed.ts';

describe('parseVerdicts', () => {
  it('reads one-line verdicts by section and ignores prose', () => {
    const v = parseVerdicts('# T\nprose `x`\n## Equivalent\n- `a-1:2-0`: because\n\n## Gaps\n- `b-3:4-1`: a walk with fail_alloc\n');
    expect([...v.equivalent]).toEqual([['a-1:2-0', 'because']]);
    expect([...v.gaps]).toEqual([['b-3:4-1', 'a walk with fail_alloc']]);
  });

  it('names the line of a verdict outside a section, without an argument, or given twice', () => {
    expect(() => parseVerdicts('- `a`: x\n', 'v.md')).toThrow("v.md:1: verdict on a outside '## Equivalent' and '## Gaps'");
    expect(() => parseVerdicts('## Equivalent\n- `a`:\n', 'v.md')).toThrow(/v\.md:2: expected/);
    expect(() => parseVerdicts('## Equivalent\n- `a`: x\n## Gaps\n- `a`: y\n', 'v.md')).toThrow('v.md:4: a is judged twice');
  });
});

describe.skipIf(!seedExists)('the committed verdicts', () => {
  it('judge only mutants the generator makes from the seed', () => {
    const ids = new Set(generateMutants(readFileSync(SEED_PATH, 'utf8')).map((m) => m.id));
    const v = loadVerdicts();
    for (const id of [...v.equivalent.keys(), ...v.gaps.keys()]) expect(ids, id).toContain(id);
  });
});
