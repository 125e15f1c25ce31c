/**
 * The guided engine: mutants of corpus traces (guided/mutate.ts), checked on the port like
 * property sequences and run on the C code, whose edge coverage decides what joins the corpus
 * (fuzz/corpus.ts; the campaign owns it). A job's mutants are a pure function of its seed and
 * its parents (the corpus traces the campaign handed it), so a job reruns identically.
 */
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import type { CheckedRunOptions } from '../../properties/harness.ts';
import { plan, sequences } from '../../properties/sequences.ts';
import type { Era } from '../../src/era/era.ts';
import { parseTrace } from '../../src/trace/parse.ts';
import type { Request } from '../../src/trace/request.ts';
import { SEQUENCE_LENGTH } from '../jobs.ts';
import { mutate } from './guided/mutate.ts';
import type { CheckedSequence } from './property.ts';
import { checkedRuns } from './property.ts';

/** Corpus traces handed to one guided job. @public */
export const GUIDED_PARENTS = 4;

/** Property sequences a guided job starts from while the corpus is empty. */
const BOOTSTRAP_PARENTS = 2;

/**
 * The parents of guided job `seed`: up to GUIDED_PARENTS distinct traces of `pool` (oldest
 * first), drawn from the seed alone (the pool is the caller's: the corpus as it stands, and `--corpus` seeds).
 * @public
 */
export function pickParents(seed: number, pool: readonly string[], n = GUIDED_PARENTS): string[] {
  const rng = seedrandom.alea(`gpuvm-guided-parents/${seed}`);
  const left = [...pool];
  const out: string[] = [];
  // Biased towards the end of the pool, where the corpus's newest entries are: what was found
  // last is where the frontier is (AFL favours fresh inputs too).
  while (out.length < n && left.length > 0) out.push(left.splice(Math.floor(left.length * Math.sqrt(rng())), 1)[0]!);
  return out;
}

/**
 * The parents as requests: the given traces, or (none given) property sequences of the seed as
 * the port runs them, so that a campaign's first guided jobs have something to mutate.
 */
function parentRequests(seed: number, parents: readonly string[], era: Era): Request[][] {
  if (parents.length > 0) return parents.map((p) => parseTrace(p, 'corpus trace').map((r) => r.request));
  const generated = fc.sample(sequences(SEQUENCE_LENGTH, false, era), { seed, numRuns: BOOTSTRAP_PARENTS }).map((s) => plan(s));
  return [...checkedRuns(generated, { era })].map((s) => [...s.requests]);
}

/**
 * The traces of guided job `seed`: its parents unchanged (their coverage is measured again:
 * `--corpus` seeds join the corpus that way), then `count` mutants.
 * @public
 */
export function guidedTraces(seed: number, parents: readonly string[], count: number, era: Era): Request[][] {
  const rng = seedrandom.alea(`gpuvm-guided/${seed}`);
  const from = parentRequests(seed, parents, era);
  const pickOne = (): Request[] => from[Math.floor(rng() * from.length)]!;
  const mutants = Array.from({ length: count }, () => mutate(rng, pickOne(), pickOne(), era));
  return [...from, ...mutants];
}

/** The traces of guided job `seed`, each checked on the port with `options`. @public */
export function guidedSequences(seed: number, parents: readonly string[], count: number, options: CheckedRunOptions & { era: Era }): Generator<CheckedSequence> {
  return checkedRuns(guidedTraces(seed, parents, count, options.era), options);
}
