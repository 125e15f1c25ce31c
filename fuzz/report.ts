/**
 * `report.json`: the machine-readable result of a campaign (schema version 1). FUZZING.md
 * documents every field; `summary.md` and `report.html` are rendered from this object alone.
 */
import type { Coverage } from '../src/coverage/coverage.ts';
import type { EraRecord } from './eraRecord.ts';
import type { CampaignEvent } from './state.ts';
import type { CampaignBackend, RegisteredStatus, Stats, StoredFinding } from './types.ts';

/** One throughput sample, taken every few seconds. @public */
export interface ThroughputSample {
  /** Seconds since the campaign started (resumed campaigns continue the clock). */
  readonly t: number;
  /** Requests checked per second since the previous sample. */
  readonly requestsPerSec: number;
  readonly liveVas: number;
  /** Total resident memory (this process, its worker threads and the C drivers) in MB; absent in old reports. */
  readonly rssMb?: number;
  /** Edges of the C code reached so far (campaigns measuring edge coverage); absent otherwise. */
  readonly edges?: number;
}

/** The edge coverage of the C code a campaign reached, and its corpus (fuzz/corpus.ts). @public */
export interface EdgeCoverage {
  /** Distinct edges of `drm_gpuvm.c` reached (indices of a 2^16 edge map). */
  readonly reached: number;
  /** Whether guided jobs mutated the corpus (false: `--no-guided`, blind generation only). */
  readonly guided: boolean;
  readonly corpusEntries: number;
  readonly corpusBytes: number;
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
  /** The header compiled with `cSource` (null: our clean-room one or none); absent in old reports. */
  readonly cHeader?: string | null;
  /** The era the port, the model, the generators and the C code ran in; absent in old reports (the seed's). */
  readonly era?: EraRecord;
  /**
   * Every registered finding and what the C code showed of it: `present` (C breaks the contract
   * as the faithful port does), `fixed` (the faithful port breaks it where C keeps the contract)
   * `partly-fixed` (both, on different traces) or `not-reached`. Only for campaigns that checked C.
   */
  readonly registeredFindings?: readonly { readonly id: string; readonly status: RegisteredStatus }[];
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
  /** Edge coverage of the C code and the corpus; absent without C, with sanitizers, after a merge. */
  readonly edges?: EdgeCoverage;
  /** Line and branch coverage of the C source (`--coverage` campaigns only). */
  readonly coverage?: Coverage;
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
