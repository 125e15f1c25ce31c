/**
 * The deterministic job sequence of a campaign and its partition into shards: job k has a seed
 * derived from the campaign seed and k alone, and shard i/N owns the jobs with k mod N = i, so
 * any job runner can fan out and the shards' reports merge into one campaign.
 */
import type { EngineName, JobSpec } from './types.ts';

/** A shard `index/count` (0-based index). @public */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Every fifth job is a long random walk; the others run fast-check sequences, or, in a
 * coverage-guided campaign, two in five mutate the corpus (GUIDED_SLOTS).
 */
const WALK_EVERY = 5;

/** Job indices mod WALK_EVERY that are guided jobs in a guided campaign: 40 % of all jobs. */
const GUIDED_SLOTS = [1, 3];

/** Property sequences are short: shrinkable reproducers come from short sequences. */
export const SEQUENCE_LENGTH = 30;

/** splitmix32-style mixing: well-spread 31-bit seeds from (campaign seed, job index). @public */
export function jobSeed(campaignSeed: number, index: number): number {
  let z = (campaignSeed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) & 0x7fffffff;
}

/** The `ordinal`-th job of `shard`; `guided`: the mix of a coverage-guided campaign. @public */
export function jobFor(campaignSeed: number, shard: Shard, ordinal: number, walkRequests: number, guided = false): JobSpec {
  const index = ordinal * shard.count + shard.index;
  const slot = index % WALK_EVERY;
  const engine: EngineName = slot === WALK_EVERY - 1 ? 'walk' : guided && GUIDED_SLOTS.includes(slot) ? 'guided' : 'property';
  return { index, seed: jobSeed(campaignSeed, index), engine, maxRequests: engine === 'walk' ? walkRequests : SEQUENCE_LENGTH };
}

/**
 * Parses `i/N` (1-based on the command line, as CI matrices count) into a 0-based Shard.
 * @throws Error naming the problem
 * @public
 */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const i = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || i < 1 || i > n) throw new Error(`--shard must be i/N with 1 <= i <= N, got '${text}'`);
  return { index: i - 1, count: n };
}

/** `i/N` as printed (1-based). @public */
export function formatShard(shard: Shard): string {
  return `${shard.index + 1}/${shard.count}`;
}
