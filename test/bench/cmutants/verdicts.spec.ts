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

  it("reads another source's verdicts from its own sections, matched by sha256 prefix; a source without any is unjudged", () => {
    const text = [
      '## Equivalent',
      '- `ror-1:1-0`: seed argument',
      '## Equivalent in v7.0 (sha256 0123456789ab)',
      '- `ror-1:1-0`: v7.0 argument',
      '## Gaps in v7.0 (sha256 0123456789ab)',
      '- `aor-2:2-0`: needs madvise walks',
      '## Equivalent in v6.18 (sha256 fedcba987654)',
      '- `ror-1:1-0`: v6.18 argument',
    ].join('\n');
    expect([...parseVerdicts(text).equivalent]).toEqual([['ror-1:1-0', 'seed argument']]);
    const v7 = parseVerdicts(text, 'v.md', { isSeed: false, sha256: `0123456789ab${'0'.repeat(52)}` });
    expect([...v7.equivalent]).toEqual([['ror-1:1-0', 'v7.0 argument']]);
    expect([...v7.gaps]).toEqual([['aor-2:2-0', 'needs madvise walks']]);
    const other = parseVerdicts(text, 'v.md', { isSeed: false, sha256: 'a'.repeat(64) });
    expect(other.equivalent.size + other.gaps.size).toBe(0);
    expect(() => parseVerdicts('## Gaps in v7.0\n', 'v.md')).toThrow("v.md:1: expected '## Gaps in <label> (sha256 <12 to 64 hex digits>)'");
    expect(() => parseVerdicts('## Gaps in v7 (sha256 0123456789ab)\n- `a`: x\n## Equivalent in v7 (sha256 0123456789ab)\n- `a`: y\n', 'v.md')).toThrow('v.md:4: a is judged twice');
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
