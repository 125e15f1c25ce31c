/**
 * The resumable state of a campaign (`state.json`), written atomically every few seconds: which
 * jobs are done, the statistics so far and the clock. Bounded: done jobs are kept as a low-water
 * mark plus the few finished above it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ThroughputSample } from './report.ts';
import { writeFileAtomic } from './store.ts';
import type { EraRecord } from './eraRecord.ts';
import type { CampaignBackend, RegisteredStatus, Stats } from './types.ts';
import type { Shard } from './jobs.ts';

/** The options that define a campaign's job sequence; a resume must keep them. @public */
export interface CampaignIdentity {
  readonly seed: number;
  readonly shard: Shard;
  readonly backend: CampaignBackend;
  readonly cSource: string | null;
  /** Absent in campaigns from before headers could be named. */
  readonly cHeader?: string | null;
  readonly sanitize: boolean;
  readonly walkRequests: number;
  readonly runsPerJob: number;
  /** The era the campaign runs in (of its C target, else `--era`); absent in old states: the seed's. */
  readonly era?: EraRecord;
  /** Coverage-guided job mix (fuzz/jobs.ts); absent in old states: blind. */
  readonly guided?: boolean;
  /** `--coverage`: the C code runs gcov-instrumented; absent in old states (false). */
  readonly coverage?: boolean;
}

/** state.json. @public */
export interface CampaignState {
  readonly version: 1;
  readonly campaign: string;
  readonly identity: CampaignIdentity;
  readonly startedAt: string;
  elapsedSeconds: number;
  /** Every ordinal below this is done. */
  lowWater: number;
  /** Done ordinals at or above lowWater (at most the number of workers). */
  doneAbove: number[];
  jobsDone: number;
  stats: Stats;
  throughput: ThroughputSample[];
  /** What happened to the campaign itself (not findings); the latest MAX_EVENTS. Absent in old states. */
  events: CampaignEvent[];
  /**
   * Signatures of findings whose minimal trace turned out to have another (a known finding's
   * raw trace that met several registered findings): not detected again. Bounded, as
   * signatures are. Absent in old states.
   */
  retired: string[];
  /** What the C code showed of each registered finding so far (present and fixed: partly fixed); absent without C and in old states. */
  registered?: Record<string, RegisteredStatus>;
}

/** Something that happened to the campaign: a worker recycled at --rss-limit-mb, a minimization lost. @public */
export interface CampaignEvent {
  /** Seconds since the campaign started. */
  readonly t: number;
  readonly kind: 'rss-limit' | 'minimize-lost' | 'coverage-lost';
  readonly detail: string;
}

/** Events kept; older ones are dropped. @public */
export const MAX_EVENTS = 100;

/** Records an event, keeping the latest MAX_EVENTS. @public */
export function addEvent(state: CampaignState, event: CampaignEvent): void {
  state.events.push(event);
  if (state.events.length > MAX_EVENTS) state.events.splice(0, state.events.length - MAX_EVENTS);
}

/** Marks `ordinal` done, advancing the low-water mark over contiguous done jobs. @public */
export function markDone(state: CampaignState, ordinal: number): void {
  state.jobsDone++;
  state.doneAbove.push(ordinal);
  state.doneAbove.sort((a, b) => a - b);
  while (state.doneAbove[0] === state.lowWater) {
    state.doneAbove.shift();
    state.lowWater++;
  }
}

/** Whether `ordinal` is done. @public */
export function isDone(state: CampaignState, ordinal: number): boolean {
  return ordinal < state.lowWater || state.doneAbove.includes(ordinal);
}

/** Reads `state.json` of a campaign directory. @throws Error naming the file @public */
export function readState(dir: string): CampaignState {
  const path = join(dir, 'state.json');
  if (!existsSync(path)) throw new Error(`--resume: ${path} does not exist (not a campaign directory?)`);
  let state: CampaignState;
  try {
    state = JSON.parse(readFileSync(path, 'utf8')) as CampaignState;
  } catch (error) {
    throw new Error(`--resume: ${path} is damaged (${(error as Error).message}); the campaign cannot be resumed from it`);
  }
  if (typeof state !== 'object' || state === null) throw new Error(`--resume: ${path} is damaged (not a campaign state)`);
  if (state.version !== 1) throw new Error(`--resume: ${path} has unknown version ${String(state.version)}`);
  const id = state.identity as Partial<CampaignIdentity> | undefined;
  if (typeof id?.seed !== 'number' || typeof id.shard?.count !== 'number' || typeof id.backend !== 'string' || typeof state.elapsedSeconds !== 'number') {
    throw new Error(`--resume: ${path} is damaged (fields missing: identity, seed, shard, backend or elapsedSeconds)`);
  }
  return state;
}

/** Writes `state.json` atomically. @public */
export function writeState(dir: string, state: CampaignState): void {
  writeFileAtomic(join(dir, 'state.json'), `${JSON.stringify(state)}\n`);
}
