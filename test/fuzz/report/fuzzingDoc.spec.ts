import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readReport } from '../../../fuzz/merge.ts';
import { FUZZ_FLAGS } from '../../../src/cli/fuzzFlags.ts';

const doc = readFileSync('FUZZING.md', 'utf8');
const example = readReport('reports/example/report.json');

/** The table rows of FUZZING.md that document a field: `| \`name\` |`. */
const documents = (field: string): boolean => doc.includes(`| \`${field}\` |`);

describe('FUZZING.md stays in sync', () => {
  it.each([
    ...Object.keys(example).filter((k) => k !== 'machine'),
    ...Object.keys(example.machine).map((k) => `machine.${k}`),
    ...Object.keys(example.stats),
    ...Object.keys(example.findings[0]!),
    ...Object.keys(example.throughput[0]!),
  ])('documents report.json field %s', (field) => {
    expect(documents(field)).toBe(true);
  });

  it('documents every flag of `gpuvm-check fuzz`', () => {
    const flags = Object.keys(FUZZ_FLAGS);
    expect(flags.length).toBeGreaterThan(10);
    for (const flag of flags) expect(doc, `--${flag}`).toMatch(new RegExp(`\\| \`--${flag}[ \`]`));
  });
});
