/**
 * Running one job on C (fuzz/job.ts): a sequence in which C shows a registered finding is still
 * compared with the faithful port to its end, because a bug may need that finding's state to
 * show at all. Seeded bug 23 (`break` → `continue` after an exact match) shows only when a
 * zero-size VA (GPUVM-004) shares the start of the VA that a map then covers exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../fuzz/job.ts';
import { jobFor } from '../../fuzz/jobs.ts';
import type { JobFailure, JobSpec } from '../../fuzz/types.ts';
import type { CBackend } from '../../src/backends/c/cBackend.ts';
import { createCBackend } from '../../src/backends/c/cBackend.ts';
import { SEED_ERA } from '../../src/era/era.ts';
import { parseTrace } from '../../src/trace/parse.ts';
import { seedExists } from '../backends/c/seed.ts';
import { seededBugSource } from './__helpers__/seededBug.ts';

const EXACT_MAP = 'map 0x1000 0x2000 2 0x0';
const ZERO_VA_THEN_EXACT_MAP = `init 0x0 0x100000 0x0 0x0\nmap 0x1000 0x2000 1 0x0\nmap 0x1000 0x0 1 0x0\n${EXACT_MAP}\n`;

describe.skipIf(!seedExists)('a job on C, past a registered finding', () => {
  let seed: CBackend;
  let bug23: CBackend;
  beforeAll(async () => {
    [seed, bug23] = await Promise.all([createCBackend(), createCBackend({ cSource: seededBugSource('23-map-exact-continue-instead-of-break.patch') })]);
  }, 120_000);
  afterAll(async () => {
    await seed?.close();
    await bug23?.close();
  });

  /** A job whose first sequence is the trace itself (a guided job runs its parents first). */
  const run = async (c: CBackend) => {
    const job: JobSpec = { ...jobFor(3, { index: 0, count: 1 }, 1, 100, true), parents: [ZERO_VA_THEN_EXACT_MAP] };
    const failures: JobFailure[] = [];
    const result = await runJob(job, { backend: 'c', era: SEED_ERA, c, cBinary: c.build.binary, storedSignatures: new Set(), runsPerJob: 1, report: (f) => failures.push(f) });
    return { failures, registered: result.registered };
  };

  it('finds a bug that shows only after C showed GPUVM-004, cut at the request where it shows', async () => {
    const { failures, registered } = await run(bug23);
    expect(registered?.['GPUVM-004']).toBe('present');
    const fresh = failures.filter((f) => f.known === null);
    expect(fresh.map((f) => f.class)).toContain('divergence');
    const divergence = fresh.find((f) => f.class === 'divergence')!;
    expect(divergence.detail).toContain(`ts 'MAP 0x1000 0x2000 2 0x0' vs c 'UNMAP 0x1000 0x0 1 0x0 keep=0'`);
    const requests = parseTrace(divergence.trace).map((p) => p.request);
    expect(requests.map((r) => r.kind)).toEqual(['init', 'map', 'map', 'map']);
  }, 60_000);

  it('and on the seed, whose C agrees with the faithful port past it, reports the registered finding alone', async () => {
    const { failures, registered } = await run(seed);
    expect(registered?.['GPUVM-004']).toBe('present');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.filter((f) => f.known === null)).toEqual([]);
  }, 60_000);
});
