/**
 * The guided engine (fuzz/engines/guided.ts) and guided jobs on the edge-instrumented C code:
 * deterministic in (seed, parents), measured for new edges, and a lost guided job replays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUIDED_PARENTS, guidedTraces, pickParents } from '../../../fuzz/engines/guided.ts';
import { runJob } from '../../../fuzz/job.ts';
import { jobFor } from '../../../fuzz/jobs.ts';
import { lostJobFailure } from '../../../fuzz/lostWork.ts';
import { JobLostError } from '../../../fuzz/pool.ts';
import type { JobFailure, JobSpec } from '../../../fuzz/types.ts';
import type { CBackend } from '../../../src/backends/c/cBackend.ts';
import { createCBackend } from '../../../src/backends/c/cBackend.ts';
import { SEED_ERA } from '../../../src/era/era.ts';
import { formatTrace } from '../../../src/trace/request.ts';
import { seedExists } from '../../backends/c/seed.ts';

const PARENTS = ['init 0x0 0x100000 0x0 0x1000\nmap 0x1000 0x3000 1 0x0\n', 'init 0x0 0x10000 0x0 0x0\nmode cb\nmap 0x0 0x2000 2 0x0\nunmap 0x1000 0x1000\n'];

describe('guided engine', () => {
  it('its traces are the parents, then mutants, the same for the same seed and parents', () => {
    const a = guidedTraces(5, PARENTS, 30, SEED_ERA).map((t) => formatTrace(t));
    expect(a.slice(0, 2)).toEqual(PARENTS);
    expect(a).toHaveLength(32);
    expect(guidedTraces(5, PARENTS, 30, SEED_ERA).map((t) => formatTrace(t))).toEqual(a);
    expect(guidedTraces(6, PARENTS, 30, SEED_ERA).map((t) => formatTrace(t))).not.toEqual(a);
  });

  it('without parents it starts from property sequences of its seed', () => {
    const traces = guidedTraces(9, [], 5, SEED_ERA);
    expect(traces.length).toBeGreaterThan(5);
    expect(traces.every((t) => t.some((r) => r.kind === 'init'))).toBe(true);
  });

  it('picks up to GUIDED_PARENTS distinct parents from its seed alone', () => {
    const pool = Array.from({ length: 10 }, (_x, i) => `trace ${i}`);
    const picked = pickParents(3, pool);
    expect(picked).toHaveLength(GUIDED_PARENTS);
    expect(new Set(picked).size).toBe(GUIDED_PARENTS);
    expect(pickParents(3, pool)).toEqual(picked);
    expect(pickParents(3, PARENTS)).toHaveLength(2);
  });

  it('a lost guided job replays the mutant it was on', () => {
    const job: JobSpec = { ...jobFor(1, { index: 0, count: 1 }, 1, 100, true), parents: PARENTS };
    expect(job.engine).toBe('guided');
    const failure = lostJobFailure(new JobLostError({ type: 'job', job, storedSignatures: [] }, 'crash', 'crashed the worker', { requests: 40, sequence: 4 }), SEED_ERA);
    expect(failure.trace).toBe(formatTrace(guidedTraces(job.seed, PARENTS, 10, SEED_ERA)[3]!));
    expect(failure.detail).toContain('was on sequence 4');
  });
});

describe('the job mix', () => {
  it('a guided campaign runs 2 guided jobs in every 5, a blind one none; one walk in every 5', () => {
    const engines = (guided: boolean) => Array.from({ length: 50 }, (_x, k) => jobFor(1, { index: 0, count: 1 }, k, 500, guided).engine);
    expect(engines(true).slice(0, 5)).toEqual(['property', 'guided', 'property', 'guided', 'walk']);
    for (let block = 0; block < 50; block += 5) {
      expect(engines(true).slice(block, block + 5).sort()).toEqual(['guided', 'guided', 'property', 'property', 'walk']);
      expect(engines(false).slice(block, block + 5).sort()).toEqual(['property', 'property', 'property', 'property', 'walk']);
    }
  });
});

describe.skipIf(!seedExists)('a guided job on the edge-instrumented C code', () => {
  let c: CBackend;
  beforeAll(async () => {
    c = await createCBackend({ instrument: 'edges' });
  }, 120_000);
  afterAll(() => c?.close());

  const run = (job: JobSpec, edgesSeen: Set<number>) => {
    const failures: JobFailure[] = [];
    const result = runJob(job, { backend: 'c', era: SEED_ERA, c, cBinary: c.build.binary, storedSignatures: new Set(), runsPerJob: 10, report: (f) => failures.push(f), edgesSeen });
    return result.then((r) => ({ ...r, failures }));
  };

  it('hands back the traces that reached edges its worker had not seen; run again, none', async () => {
    const job: JobSpec = { ...jobFor(2, { index: 0, count: 1 }, 1, 100, true), parents: PARENTS };
    const seen = new Set<number>();
    const first = await run(job, seen);
    expect(first.coverage!.length).toBeGreaterThan(0);
    expect(first.coverage![0]!.trace).toBe(PARENTS[0]);
    for (const { edges } of first.coverage!) for (const e of edges) expect(seen.has(e)).toBe(true);
    const again = await run(job, seen);
    expect(again.coverage).toEqual([]);
    expect(again.stats.requests).toBe(first.stats.requests);
  }, 60_000);
});
