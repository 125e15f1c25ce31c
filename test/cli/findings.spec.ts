/**
 * `gpuvm-check findings`: every registered finding is present on the seed; a source that fixes
 * one (in its own way, not ours) shows that one as fixed, judged by the contract; a source whose
 * doc no longer carries a doc finding's wrong text shows that one as fixed, without changing the
 * exit code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingsCommand } from '../../src/cli/findings.ts';
import { ALL_FINDINGS, FINDINGS } from '../../properties/findings/registry.ts';
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
  judgedBy: string;
  invariant: string | null;
  patch?: string;
  kunit?: string;
}

describe.skipIf(!seedExists)('gpuvm-check findings', () => {
  let fixed002: BrokenSeed;
  let fixedD04: BrokenSeed;
  beforeAll(async () => {
    // Only the VA that covers the byte before `start` can be its neighbour: a narrower query
    // than our registered fix, and still what the contract asks.
    fixed002 = await brokenSeedCopy('start - 1, start);', 'start - 1, start - 1);');
    fixedD04 = await brokenSeedCopy(' * Returns: the first &drm_gpuva within the given range', ' * Returns: the lowest &drm_gpuva that intersects the given range');
  });
  afterAll(async () => {
    await fixed002?.remove();
    await fixedD04?.remove();
  });

  it('reports every registered finding present on the seed and exits 1', async () => {
    const { code, text, err } = await findings(['--json']);
    expect(err).toMatch(/^C source: .*drm_gpuvm\.c \(v6\.7 era\)$/m);
    const statuses = JSON.parse(text) as JsonStatus[];
    expect(code).toBe(1);
    expect(statuses.map((s) => [s.id, s.class, s.status])).toEqual(ALL_FINDINGS.map((f) => [f.id, f.class, 'present']));
    for (const s of statuses) {
      expect(Object.keys(s)).toEqual(expect.arrayContaining(['id', 'class', 'title', 'status', 'judgedBy', 'invariant', 'firstDifference']));
      expect(s.patch).toBe(`properties/findings/upstream/${s.id}.patch`);
      expect(s.kunit).toBe(s.class === 'code' ? `properties/findings/upstream/${s.id}_test.c` : undefined);
    }
    const byId = new Map(statuses.map((s) => [s.id, s]));
    // Judged by the seed-era contract: the invariant named is the finding's own.
    expect(byId.get('GPUVM-002')).toMatchObject({ judgedBy: 'contract', invariant: 'lookups' });
    expect(byId.get('GPUVM-004')).toMatchObject({ judgedBy: 'contract', invariant: 'validity' });
    expect(byId.get('GPUVM-D01')).toMatchObject({ judgedBy: 'marker', invariant: null });
  }, 120_000);

  it('reports a finding the source fixes as fixed, the others as present', async () => {
    const { code, text } = await findings(['--c-source', fixed002.path]);
    expect(code).toBe(1);
    expect(text).toMatch(/^GPUVM-002 {2}fixed {3}/m);
    expect(text).toMatch(/^GPUVM-003 {2}present /m);
    expect(text).toMatch(/^9 findings: 8 present, 1 fixed$/m);
    expect(text).toMatch(/^6 doc findings: 6 present, 0 fixed \(not counted in the exit code\)$/m);
  }, 120_000);

  it('reports a doc finding whose wrong text is gone as fixed, without counting doc findings in the exit code', async () => {
    const { code, text } = await findings(['--c-source', fixedD04.path, '--json']);
    const statuses = JSON.parse(text) as JsonStatus[];
    expect(statuses.filter((s) => s.status === 'fixed').map((s) => s.id)).toEqual(['GPUVM-D04']);
    expect(code).toBe(1);
  }, 120_000);
});
