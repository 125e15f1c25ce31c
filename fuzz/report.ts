/**
 * `report.json`: the machine-readable result of a campaign (schema version 1). FUZZING.md
 * documents every field; `summary.md` and `report.html` are rendered from this object alone.
 */
import type { CampaignEvent } from './state.ts';
import type { CampaignBackend, Stats, StoredFinding } from './types.ts';

/** One throughput sample, taken every few seconds. @public */
export interface ThroughputSample {
  /** Seconds since the campaign started (resumed campaigns continue the clock). */
  readonly t: number;
  /** Requests checked per second since the previous sample. */
  readonly requestsPerSec: number;
  readonly liveVas: number;
  /** Total resident memory (this process, its worker threads and the C drivers) in MB; absent in old reports. */
  readonly rssMb?: number;
}

/** The report of one campaign or of merged shards. @public */
export interface CampaignReport {
  readonly schema: 'gpuvm-check/campaign-report@1';
  readonly campaign: string;
  readonly seed: number;
  /** `i/N` shards covered; one entry per shard, several after a merge. */
  readonly shards: readonly string[];
  readonly backend: CampaignBackend;
  readonly cSource: string | null;
  readonly sanitize: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly elapsedSeconds: number;
  readonly workers: number;
  readonly jobsDone: number;
  /** Why the campaign stopped: `duration`, `interrupted` (Ctrl-C) or `jobs`. */
  readonly stoppedBy: 'duration' | 'interrupted' | 'jobs';
  readonly stats: Stats;
  /** Bounded: at most MAX_SAMPLES, thinned by halving when full. */
  readonly throughput: readonly ThroughputSample[];
  readonly findings: readonly StoredFinding[];
  /** Events of the campaign itself (workers recycled at --rss-limit-mb, ...); absent in old reports. */
  readonly events?: readonly CampaignEvent[];
  readonly machine: { readonly cpus: number; readonly node: string; readonly platform: string; readonly peakRssMb: number };
}

/** The most throughput samples a report keeps, so hours-long campaigns stay bounded. @public */
export const MAX_SAMPLES = 512;

/** Appends a sample, halving the series (every other sample) when it is full. @public */
export function addSample(samples: ThroughputSample[], sample: ThroughputSample): void {
  samples.push(sample);
  if (samples.length > MAX_SAMPLES) {
    const kept = samples.filter((_s, i) => i % 2 === 1);
    samples.length = 0;
    samples.push(...kept);
  }
}
