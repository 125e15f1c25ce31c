/**
 * A lost job (hung past --timeout, crashed) is recorded with what it was doing and a trace that
 * replays: the walk up to where it had got, or the property sequence it was on.
 */
import { describe, expect, it } from 'vitest';
import { walkRequests } from '../../fuzz/engines/walk.ts';
import { jobFor } from '../../fuzz/jobs.ts';
import { lostJobFailure } from '../../fuzz/lostWork.ts';
import { JobLostError } from '../../fuzz/pool.ts';
import { parseTrace } from '../../src/trace/parse.ts';
import { formatTrace } from '../../src/trace/request.ts';

describe('lost jobs', () => {
  it('a hung walk: the seed, the requests so far, and the walk prefix as reproducer', () => {
    const job = jobFor(7, { index: 0, count: 1 }, 4, 100_000);
    expect(job.engine).toBe('walk');
    const failure = lostJobFailure(new JobLostError({ type: 'job', job, storedSignatures: [] }, 'hang', 'did not finish within 300 s (hang)', { requests: 2000, sequence: 0 }));
    expect(failure.class).toBe('hang');
    expect(failure.detail).toContain(`seed ${job.seed}`);
    expect(failure.detail).toContain('had checked 2000 request(s)');
    // Progress is counted every thousand requests: the reproducer reaches a thousand further.
    expect(failure.trace).toBe(formatTrace([...walkRequests(job.seed, { requests: 3000 })]));
    expect(failure.signature).toMatch(/^hang-ts-[a-z_]+-new$/);
    expect(JSON.parse(failure.files['job.json']!)).toMatchObject({ index: job.index, progress: { requests: 2000 } });
  });

  it('a crashed property job: the sequence it was on, resolved, parseable', () => {
    const job = jobFor(7, { index: 0, count: 1 }, 0, 100_000);
    expect(job.engine).toBe('property');
    const failure = lostJobFailure(new JobLostError({ type: 'job', job, storedSignatures: [] }, 'crash', 'crashed the worker', { requests: 40, sequence: 3 }));
    expect(failure.class).toBe('crash');
    expect(failure.detail).toContain('was on sequence 3');
    const requests = parseTrace(failure.trace).map((p) => p.request);
    expect(requests.slice(0, 2).map((r) => r.kind)).toEqual(['mode', 'init']);
  });
});
