/**
 * The end of `fuzz`: numbers grouped by thousands, each new finding on its own line with its
 * replay and rerun commands, known findings one line per registered id with a count.
 */
import { describe, expect, it } from 'vitest';
import { campaignSummary, findingLine } from '../../src/cli/campaignSummary.ts';
import { finding, report } from '../fuzz/report/__helpers__/reports.ts';

const rerun = (job: number): string => `npx gpuvm-check fuzz --job ${job} --seed 7 --backend both --max-requests 100000 --runs-per-job 50`;

describe('campaignSummary', () => {
  const r = report({
    jobsDone: 12_345,
    elapsedSeconds: 3_600.25,
    findings: [
      finding('invariant-validity-map-gpuvm-004', { firstSeenAt: '2026-11-27T10:00:01.000Z', requests: 5, rerun: rerun(1) }),
      finding('invariant-c-validity-map-gpuvm-004', { firstSeenAt: '2026-11-27T10:00:02.000Z', requests: 3, backend: 'c', rerun: rerun(2) }),
      finding('invariant-validity-unmap-gpuvm-004', { firstSeenAt: '2026-11-27T10:00:03.000Z', rerun: rerun(3) }),
      finding('invariant-lookups-find_prev-gpuvm-002', { known: 'GPUVM-002', what: 'lookups', rerun: rerun(4) }),
      finding('crash-c-map-new', { known: null, class: 'crash', what: 'c', requests: 12_000, rerun: rerun(5) }),
    ],
  });
  const lines = campaignSummary(r, 1, 'reports/x').split('\n');

  it('groups the numbers', () => {
    expect(lines[0]).toBe('campaign ci-seed7-shard1of2: 12,345 jobs, 120,000 requests in 3,600.3 s (duration), 5 finding(s), 1 new');
  });

  it('shows each new finding with its commands, then one line per known id', () => {
    expect(lines.slice(1, -2)).toEqual([
      '  NEW   crash c (12,000 requests): npx gpuvm-check check reports/t/findings/crash-c-map-new',
      `      rerun its job: ${rerun(5)}`,
      '  GPUVM-002 invariant lookups (2 requests): npx gpuvm-check check reports/t/findings/invariant-lookups-find_prev-gpuvm-002',
      `      rerun its job: ${rerun(4)}`,
      '  GPUVM-004 x3 signatures, invariant validity; invariant (c) validity (2 requests): npx gpuvm-check check reports/t/findings/invariant-validity-map-gpuvm-004',
      `      rerun its job: ${rerun(1)}`,
    ]);
    expect(lines.at(-2)).toBe('reports: reports/x/report.json, reports/x/summary.md, reports/x/report.html');
  });

  it('a finding from an older report, without a rerun command, has no rerun line', () => {
    const old = finding('invariant-keep-flag-map-new', { known: null, what: 'keep-flag' });
    expect(campaignSummary(report({ findings: [old] }), 1, 'd')).not.toContain('rerun');
    expect(findingLine({ ...old, requests: 1_234_567, partial: true })).toBe(
      'NEW   invariant keep-flag (1,234,567 requests, not yet minimal): npx gpuvm-check check reports/t/findings/invariant-keep-flag-map-new',
    );
  });
});
