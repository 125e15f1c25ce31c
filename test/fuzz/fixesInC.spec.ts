/**
 * Which registered fixes a C source has, as a trace shows (fuzz/fixesInC.ts), on the seed with
 * every registered patch applied: one fix, several together, or none to show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixesOfC, portsWith } from '../../fuzz/fixesInC.ts';
import { applyFindingPatches } from '../../properties/findings/files.ts';
import { FINDINGS } from '../../properties/findings/registry.ts';
import type { CBackend } from '../../src/backends/c/cBackend.ts';
import { createCBackend } from '../../src/backends/c/cBackend.ts';
import { SEED_ERA } from '../../src/era/era.ts';
import { parseTrace } from '../../src/trace/parse.ts';
import { SEED_PATH, seedExists } from '../backends/c/seed.ts';

const requestsOf = (text: string) => parseTrace(text).map((p) => p.request);
/** GPUVM-006 (a space ending at 2^64) under fault injection, where the model is silent. */
const ONE_FIX = requestsOf('init 0xffffffffffff8000 0x8000 0 0\nfail_alloc 2\nmap 0xffffffffffff8000 0x1 1 0\n');
/** A zero-size map (GPUVM-004), then find_prev at a VA's start (GPUVM-002), then a fault. */
const TWO_FIXES = requestsOf('init 0 0x10000 0 0\nmap 0x2000 0x1000 1 0\nmap 0x1000 0 1 0\nfind_prev 0x2000\nfail_alloc 1\nmap 0x3000 0x1000 1 0\n');

describe.skipIf(!seedExists)('fixesOfC', () => {
  let fixed: CBackend;
  let seed: CBackend;
  beforeAll(async () => {
    const source = applyFindingPatches(
      FINDINGS.map((f) => f.id),
      SEED_PATH,
    );
    [fixed, seed] = await Promise.all([createCBackend({ cSource: source }), createCBackend()]);
  }, 120_000);
  afterAll(async () => {
    await fixed?.close();
    await seed?.close();
  });

  it('names the one fix a trace needs, and a minimal set where it needs several', async () => {
    expect(await fixesOfC(fixed, ONE_FIX, SEED_ERA)).toEqual(['GPUVM-006']);
    expect(await fixesOfC(fixed, TWO_FIXES, SEED_ERA)).toEqual(['GPUVM-002', 'GPUVM-004']);
  });

  it('names none where C prints what the faithful port prints', async () => {
    expect(await fixesOfC(seed, ONE_FIX, SEED_ERA)).toEqual([]);
    expect(await fixesOfC(seed, TWO_FIXES, SEED_ERA)).toEqual([]);
  });
});

describe('portsWith', () => {
  it('keeps the finding unfixed and fixes all others, or one other', () => {
    const ports = portsWith('GPUVM-004');
    expect(ports).toHaveLength(FINDINGS.length);
    for (const fixes of ports) expect(fixes.has('GPUVM-004')).toBe(false);
    expect(ports[0]!.size).toBe(FINDINGS.length - 1);
    expect(portsWith('GPUVM-004+GPUVM-006')[0]!.has('GPUVM-006')).toBe(false);
  });
});
