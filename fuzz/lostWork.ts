/**
 * A job that did not finish (its thread hung past --timeout, crashed or ran out of memory)
 * becomes a finding that says what the job was doing and replays: the requests it had run, up
 * to and including the one it was on, regenerated from the job's seed (jobs are deterministic).
 */
import fc from 'fast-check';
import { ModelDriver, ModelNotApplicable } from '../model/modelDriver.ts';
import { plan } from '../properties/sequences.ts';
import type { Era } from '../src/era/era.ts';
import type { Request } from '../src/trace/request.ts';
import { formatTrace } from '../src/trace/request.ts';
import { walkRequests } from './engines/walk.ts';
import { guidedTraces } from './engines/guided.ts';
import { campaignSequences } from './engines/property.ts';
import type { JobLostError } from './pool.ts';
import type { JobFailure, JobSpec } from './types.ts';

/** The planned requests of a property sequence, resolved against the model alone (no port: it may hang). */
function resolvedSequence(job: JobSpec, sequence: number, upTo: number, era: Era): Request[] {
  const [generated] = fc.sample(campaignSequences(job.maxRequests, era), { seed: job.seed, numRuns: sequence }).slice(sequence - 1);
  if (!generated) return [];
  const model = new ModelDriver(era);
  const out: Request[] = [];
  for (const step of plan(generated).slice(0, upTo)) {
    const request = typeof step === 'function' ? step(model.vas().filter((va) => !va.kernel)) : step;
    out.push(request);
    try {
      model.run(request);
    } catch (error) {
      if (error instanceof ModelNotApplicable) break;
      throw error;
    }
  }
  return out;
}

/**
 * The requests a lost job had run, plus the one it was on: for a walk the first
 * `requests + 1` of it (progress is counted every thousand requests, so up to a thousand more);
 * for a property job the whole sequence it was on.
 */
function lostRequests(job: JobSpec, requests: number, sequence: number, era: Era): Request[] {
  if (job.engine === 'walk') return [...walkRequests(job.seed, { requests: Math.min(job.maxRequests, requests + 1000), era })];
  // Mutants come one by one from the job's seed: the first `sequence` are the same for any count.
  if (job.engine === 'guided') return sequence > 0 ? (guidedTraces(job.seed, job.parents ?? [], sequence, era)[sequence - 1] ?? []) : [];
  return sequence > 0 ? resolvedSequence(job, sequence, job.maxRequests + 2, era) : [];
}

/** The finding of a lost job of a campaign in `era` (the job's requests depend on it). @public */
export function lostJobFailure(error: JobLostError, era: Era): JobFailure {
  if (error.work.type !== 'job') throw new Error('only jobs are recorded as lost');
  const job = error.work.job;
  const { requests, sequence } = error.progress;
  const trace = lostRequests(job, requests, sequence, era);
  const cls = error.reason === 'hang' ? 'hang' : 'crash';
  const doing = `${job.engine} job ${job.index} (seed ${job.seed}) had checked ${requests} request(s)${job.engine !== 'walk' ? ` and was on sequence ${sequence}` : ''}`;
  return {
    class: cls,
    what: 'ts',
    detail: `${error.message}; the ${doing}`,
    trace: trace.length > 0 ? formatTrace(trace) : `# nothing to replay: the job had not started a sequence; rerun job ${job.index} of the campaign\n`,
    signature: `${cls}-ts-${trace.at(-1)?.kind ?? 'job'}-new`,
    known: null,
    job: job.index,
    check: null,
    files: { 'job.json': `${JSON.stringify({ ...job, progress: error.progress }, null, 2)}\n` },
  };
}
