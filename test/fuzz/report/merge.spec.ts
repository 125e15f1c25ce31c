import { describe, expect, it } from 'vitest';
import { mergeReports, mergeThroughput } from '../../../fuzz/merge.ts';
import type { CampaignReport, ThroughputSample } from '../../../fuzz/report.ts';
import { MAX_SAMPLES } from '../../../fuzz/report.ts';
import { finding, report } from './__helpers__/reports.ts';

const shard2 = (over: Partial<CampaignReport> = {}): CampaignReport =>
  report({
    campaign: 'ci-seed7-shard2of2',
    shards: ['2/2'],
    elapsedSeconds: 75,
    workers: 2,
    jobsDone: 500,
    stoppedBy: 'interrupted',
    startedAt: '2026-11-27T09:59:58.000Z',
    finishedAt: '2026-11-27T10:01:13.000Z',
    machine: { cpus: 2, node: 'v20.20.2', platform: 'linux', peakRssMb: 700 },
    findings: [
      finding('invariant-validity-map-gpuvm-004', { firstSeenAt: '2026-11-27T10:00:02.000Z', firstSeenJob: 1 }),
      finding('invariant-validity-unmap-gpuvm-004', { firstSeenAt: '2026-11-27T10:00:09.000Z' }),
    ],
    ...over,
  });

const series = (n: number, every: number, rate: number): ThroughputSample[] =>
  Array.from({ length: n }, (_v, i) => ({ t: (i + 1) * every, requestsPerSec: rate, liveVas: i }));

describe('mergeReports', () => {
  it('unions shards and sums statistics and jobs', () => {
    const one = report();
    const two = shard2();
    const merged = mergeReports([two, one]);
    expect(merged.shards).toEqual(['1/2', '2/2']);
    expect(merged.campaign).toBe('ci-seed7');
    expect(merged.stats.requests).toBe(240_000);
    expect(merged.stats.byKind.map).toBe(140_000);
    expect(merged.stats.docCases['15']).toBe(300);
    expect(merged.stats.docCases['7']).toBeUndefined();
    expect(merged.stats.maxLiveVas).toBe(19);
    expect(merged.jobsDone).toBe(1300);
    expect(merged.workers).toBe(6);
    expect(merged.elapsedSeconds).toBe(75);
    expect(merged.startedAt).toBe('2026-11-27T09:59:58.000Z');
    expect(merged.finishedAt).toBe('2026-11-27T10:01:13.000Z');
    expect(merged.machine.peakRssMb).toBe(700);
    // Inputs are left alone.
    expect(one.stats.requests).toBe(120_000);
  });

  it('keeps the shards’ era, refuses shards of different eras, and combines registered findings (present and fixed: partly fixed)', () => {
    const v618 = { label: 'v6.18', features: ['vm_bo', 'quiet_range_check', 'map_req', 'madvise'] };
    const one = report({ backend: 'c', era: v618, registeredFindings: [{ id: 'GPUVM-002', status: 'fixed' }, { id: 'GPUVM-003', status: 'not-reached' }] });
    const two = shard2({ backend: 'c', era: v618, registeredFindings: [{ id: 'GPUVM-002', status: 'present' }, { id: 'GPUVM-003', status: 'present' }] });
    const merged = mergeReports([one, two]);
    expect(merged.era).toEqual(v618);
    expect(merged.registeredFindings).toEqual([
      { id: 'GPUVM-002', status: 'partly-fixed' },
      { id: 'GPUVM-003', status: 'present' },
    ]);
    expect(() => mergeReports([one, shard2({ backend: 'c', era: { label: 'v6.8', features: ['vm_bo', 'quiet_range_check'] } })])).toThrow(/the era/);
  });

  it('stops as interrupted when any shard was, else as the first shard did', () => {
    expect(mergeReports([report(), shard2()]).stoppedBy).toBe('interrupted');
    expect(mergeReports([report({ stoppedBy: 'jobs' }), shard2({ stoppedBy: 'duration' })]).stoppedBy).toBe('jobs');
  });

  it('deduplicates findings by signature, keeping the earliest sighting', () => {
    const merged = mergeReports([report(), shard2()]);
    const signatures = merged.findings.map((f) => f.signature);
    expect(signatures).toHaveLength(4);
    expect(new Set(signatures).size).toBe(4);
    const map004 = merged.findings.find((f) => f.signature === 'invariant-validity-map-gpuvm-004');
    expect(map004?.firstSeenAt).toBe('2026-11-27T10:00:02.000Z');
    expect(map004?.firstSeenJob).toBe(1);
  });

  it('adds up the rates of shards running at the same time, bucketed by time', () => {
    const a = series(3, 2, 1000); // t = 2, 4, 6
    const b = [...series(2, 2, 500), { t: 8.1, requestsPerSec: 300, liveVas: 99 }];
    expect(mergeThroughput([a, b])).toEqual([
      { t: 2, requestsPerSec: 1500, liveVas: 0 },
      { t: 4, requestsPerSec: 1500, liveVas: 1 },
      { t: 6, requestsPerSec: 1000, liveVas: 2 },
      { t: 10, requestsPerSec: 300, liveVas: 99 },
    ]);
  });

  it('averages a finer-sampled shard into the coarser buckets', () => {
    const coarse = series(2, 4, 100); // t = 4, 8
    const fine = series(4, 2, 10).map((s, i) => ({ ...s, requestsPerSec: [10, 30, 50, 70][i]! }));
    expect(mergeThroughput([coarse, fine]).map((s) => [s.t, s.requestsPerSec])).toEqual([
      [4, 120],
      [8, 160],
    ]);
  });

  it('keeps the merged throughput within MAX_SAMPLES', () => {
    const merged = mergeThroughput([series(900, 2, 10), series(900, 2, 20)]);
    expect(merged.length).toBeLessThanOrEqual(MAX_SAMPLES);
    expect(merged.length).toBeGreaterThan(MAX_SAMPLES / 4);
    expect(merged.every((s) => s.requestsPerSec === 30)).toBe(true);
    expect(merged.at(-1)?.t).toBe(1800);
  });

  it('refuses a shard given twice, naming both reports', () => {
    expect(() => mergeReports([report(), report({ campaign: 'again' })])).toThrow("shard 1/2 is in both campaign 'ci-seed7-shard1of2' and campaign 'again'");
    expect(() => mergeReports([report(), report()], ['a/report.json', 'b/report.json'])).toThrow('shard 1/2 is in both a/report.json and b/report.json');
  });

  it('refuses shards of different partitions, which share jobs', () => {
    expect(() => mergeReports([report(), shard2({ shards: ['2/4'] })])).toThrow(/different partitions/);
  });

  it('refuses reports of different seeds, naming campaigns and seeds', () => {
    expect(() => mergeReports([report(), shard2({ seed: 8 })])).toThrow(
      "cannot merge reports of different campaigns: the seed differs (campaign 'ci-seed7-shard1of2' has 7, campaign 'ci-seed7-shard2of2' has 8)",
    );
  });

  it('refuses reports of different backends or sanitizer settings', () => {
    expect(() => mergeReports([report(), shard2({ backend: 'ts' })])).toThrow(/the backend differs .*"both".*"ts"/);
    expect(() => mergeReports([report(), shard2({ sanitize: true })])).toThrow(/the sanitizer setting differs/);
  });

  it('refuses nothing to merge and malformed shard names', () => {
    expect(() => mergeReports([])).toThrow('no reports');
    expect(() => mergeReports([report({ shards: ['3/2'] })])).toThrow("has shard '3/2'");
  });

  it('names a merge of differently named campaigns by their seed', () => {
    expect(mergeReports([report({ campaign: 'x' }), shard2({ campaign: 'y' })]).campaign).toBe('merged-seed7');
  });
});
