/**
 * Small campaign reports for the renderer and merge tests: a shard report with coverage gaps
 * (doc cases 7 and 12, one op shape, one invariant never seen), one new and two known findings.
 */
import type { CampaignReport } from '../../../../fuzz/report.ts';
import type { Stats, StoredFinding } from '../../../../fuzz/types.ts';
import { emptyStats } from '../../../../fuzz/types.ts';

/** A finding; the signature also names its replay path. */
export function finding(signature: string, over: Partial<StoredFinding> = {}): StoredFinding {
  return {
    signature,
    class: 'invariant',
    what: 'validity',
    detail: 'validity: status 0, contract says -22',
    known: 'GPUVM-004',
    requests: 2,
    firstSeenAt: '2026-11-27T10:00:05.000Z',
    firstSeenJob: 3,
    replay: `npx gpuvm-check check reports/t/findings/${signature}`,
    ...over,
  };
}

/** Statistics that reach every doc case but 7 and 12, every op shape but `REMAP prev+next keep=1`. */
export function gappyStats(): Stats {
  const docCases: Record<string, number> = {};
  for (let c = 1; c <= 15; c++) if (c !== 7 && c !== 12) docCases[String(c)] = c * 10;
  return {
    requests: 120_000,
    sequences: 4000,
    byKind: { map: 70_000, unmap: 30_000, init: 4000, mode: 4000, find_prev: 12_000 },
    opShapes: {
      MAP: 50_000,
      PREFETCH: 100,
      'UNMAP keep=0': 900,
      'UNMAP keep=1': 90,
      'REMAP prev keep=0': 400,
      'REMAP prev keep=1': 40,
      'REMAP next keep=0': 410,
      'REMAP next keep=1': 41,
      'REMAP prev+next keep=0': 200,
    },
    docCases,
    invariantChecks: { 'no-crash': 120_000, 'no-leak': 120_000, 'validity:OK': 100_000, 'validity:E22': 20_000, 'keep-flag:0': 1500 },
    // Deliberately not in bucket order, with the 8-15 bucket absent.
    liveVas: { '16-31': 5, '0': 60_000, '2-3': 20_000, '1': 39_995, '4-7': 0 },
    maxLiveVas: 19,
  };
}

/** A one-shard report; `over` replaces any field. */
export function report(over: Partial<CampaignReport> = {}): CampaignReport {
  return {
    schema: 'gpuvm-check/campaign-report@1',
    campaign: 'ci-seed7-shard1of2',
    seed: 7,
    shards: ['1/2'],
    backend: 'both',
    cSource: '/src/drm_gpuvm.c',
    sanitize: false,
    startedAt: '2026-11-27T10:00:00.000Z',
    finishedAt: '2026-11-27T10:01:00.200Z',
    elapsedSeconds: 60,
    workers: 4,
    jobsDone: 800,
    stoppedBy: 'duration',
    stats: gappyStats(),
    throughput: [
      { t: 2, requestsPerSec: 1000, liveVas: 5 },
      { t: 4, requestsPerSec: 3000, liveVas: 19 },
      { t: 6, requestsPerSec: 2000, liveVas: 7 },
    ],
    findings: [
      finding('invariant-validity-map-gpuvm-004'),
      finding('invariant-keep-flag-map-new', { what: 'keep-flag', known: null, detail: 'keep-flag: keep=0 for [0x1000 +0x1000 obj 1 @0x0]; expected 1', firstSeenJob: 40, firstSeenAt: '2026-11-27T10:00:30.000Z' }),
      finding('invariant-lookups-find_prev-gpuvm-002', { what: 'lookups', known: 'GPUVM-002', firstSeenAt: '2026-11-27T10:00:01.000Z', firstSeenJob: 0 }),
    ],
    machine: { cpus: 4, node: 'v20.20.2', platform: 'linux', peakRssMb: 300 },
    ...over,
  };
}

/** A report with nothing in it: no requests, no samples, no findings, no time. */
export function emptyReport(): CampaignReport {
  return report({ stats: emptyStats(), throughput: [], findings: [], elapsedSeconds: 0, jobsDone: 0, workers: 1 });
}
