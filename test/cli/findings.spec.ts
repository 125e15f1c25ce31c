/**
 * `gpuvm-check findings`: every registered finding is present on the seed; a source that fixes
 * one (in its own way, not ours) shows that one as fixed, judged by the contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingsCommand } from '../../src/cli/findings.ts';
import { FINDINGS } from '../../properties/findings/registry.ts';
import { brokenSeedCopy } from '../backends/c/brokenSeed.ts';
import type { BrokenSeed } from '../backends/c/brokenSeed.ts';
import { seedExists } from '../backends/c/seed.ts';

async function findings(argv: string[]): Promise<{ code: number; text: string; err: string }> {
  let text = '';
  let err = '';
  const code = await findingsCommand(argv, (t) => void (text += t), (l) => void (err += `${l}\n`));
  return { code, text, err };
}

interface JsonStatus {
  id: string;
  class: string;
  title: string;
  status: string;
}

describe.skipIf(!seedExists)('gpuvm-check findings', () => {
  let fixed002: BrokenSeed;
  beforeAll(async () => {
    // Only the VA that covers the byte before `start` can be its neighbour: a narrower query
    // than our registered fix, and still what the contract asks.
    fixed002 = await brokenSeedCopy('start - 1, start);', 'start - 1, start - 1);');
  });
  afterAll(async () => fixed002?.remove());

  it('reports every registered finding present on the seed and exits 1', async () => {
    const { code, text, err } = await findings(['--json']);
    expect(err).toMatch(/^C source: .*drm_gpuvm\.c \(v6\.7 era\)$/m);
    const statuses = JSON.parse(text) as JsonStatus[];
    expect(code).toBe(1);
    expect(statuses.map((s) => [s.id, s.status])).toEqual(FINDINGS.map((f) => [f.id, 'present']));
    for (const s of statuses) expect(Object.keys(s)).toEqual(expect.arrayContaining(['id', 'class', 'title', 'status']));
  }, 120_000);

  it('reports a finding the source fixes as fixed, the others as present', async () => {
    const { code, text } = await findings(['--c-source', fixed002.path]);
    expect(code).toBe(1);
    expect(text).toMatch(/^GPUVM-002 {2}fixed {3}/m);
    expect(text).toMatch(/^GPUVM-003 {2}present /m);
    expect(text).toMatch(/^8 findings: 7 present, 1 fixed$/m);
  }, 120_000);
});
