/**
 * A lost job (hung past --timeout, crashed) is recorded with what it was doing and a trace that
 * replays: the walk up to where it had got, or the property sequence it was on.
 */
import { describe, expect, it } from 'vitest';
import { propertySequences } from '../../fuzz/engines/property.ts';
import { walkRequests } from '../../fuzz/engines/walk.ts';
import { jobFor } from '../../fuzz/jobs.ts';
import { lostJobFailure } from '../../fuzz/lostWork.ts';
import { JobLostError } from '../../fuzz/pool.ts';
import { SEED_ERA } from '../../src/era/era.ts';
import { NEWEST_ERA } from '../../src/era/presets.ts';
import { parseTrace } from '../../src/trace/parse.ts';
import { formatTrace } from '../../src/trace/request.ts';

describe('lost jobs', () => {
  it('a hung walk: the seed, the requests so far, and the walk prefix as reproducer', () => {
    const job = jobFor(7, { index: 0, count: 1 }, 4, 100_000);
    expect(job.engine).toBe('walk');
    const failure = lostJobFailure(new JobLostError({ type: 'job', job, storedSignatures: [] }, 'hang', 'did not finish within 300 s (hang)', { requests: 2000, sequence: 0 }), SEED_ERA);
    expect(failure.class).toBe('hang');
    expect(failure.detail).toContain(`seed ${job.seed}`);
    expect(failure.detail).toContain('had checked 2000 request(s)');
    // Progress is counted every thousand requests: the reproducer reaches a thousand further.
    expect(failure.trace).toBe(formatTrace([...walkRequests(job.seed, { requests: 3000 })]));
    expect(failure.signature).toMatch(/^hang-ts-[a-z_]+-new$/);
    expect(JSON.parse(failure.files['job.json']!)).toMatchObject({ index: job.index, progress: { requests: 2000 } });
  });

  it('a crashed property job: the sequence it was on, as the job ran it', () => {
    const job = jobFor(7, { index: 0, count: 1 }, 0, 100_000);
    expect(job.engine).toBe('property');
    const failure = lostJobFailure(new JobLostError({ type: 'job', job, storedSignatures: [] }, 'crash', 'crashed the worker', { requests: 40, sequence: 3 }), SEED_ERA);
    expect(failure.class).toBe('crash');
    expect(failure.detail).toContain('was on sequence 3');
    const ran = [...propertySequences(job.seed, 3, job.maxRequests, { era: SEED_ERA })][2]!.requests;
    expect(parseTrace(failure.trace).map((p) => p.request)).toEqual(ran);
  });

  it("replays in the campaign's era: a v6.19 walk draws madvise, as its job did", () => {
    const job = jobFor(7, { index: 0, count: 1 }, 4, 100_000);
    const failure = lostJobFailure(new JobLostError({ type: 'job', job, storedSignatures: [] }, 'hang', 'did not finish', { requests: 3000, sequence: 0 }), NEWEST_ERA);
    const walked = [...walkRequests(job.seed, { requests: 4000, era: NEWEST_ERA })];
    expect(walked.some((r) => r.kind === 'madvise')).toBe(true);
    expect(failure.trace).toBe(formatTrace(walked));
  });
});
