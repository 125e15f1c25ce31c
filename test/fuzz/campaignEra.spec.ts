/**
 * Campaigns in an era, and C judged by the contract: a planted C bug is reported as the
 * invariant it breaks (on `c`), a C source that fixes a registered finding is no new finding
 * but that finding `fixed`, the era is recorded and kept by `--resume`, `--era` drives a
 * TypeScript-only campaign. Campaigns over real kernel trees run on GPUVM_KERNEL_TREES only.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCampaign } from '../../fuzz/campaign.ts';
import { eraRecord } from '../../fuzz/eraRecord.ts';
import type { CampaignReport } from '../../fuzz/report.ts';
import { resolveCTarget } from '../../src/backends/c/cTarget.ts';
import { V6_18_ERA } from '../../src/era/presets.ts';
import { brokenSeedCopy } from '../backends/c/brokenSeed.ts';
import { kernelTrees, warnEraTestsSkipped } from '../backends/c/kernelTrees.ts';
import { seedExists } from '../backends/c/seed.ts';
import { campaignOptions as options, tempDir } from './__helpers__/campaignOptions.ts';

const cli = (args: string[]) => spawnSync('node', ['bin/gpuvm-check.mjs', ...args], { encoding: 'utf8' });
const reportOf = (dir: string): CampaignReport => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as CampaignReport;

describe('campaigns in an era without C', () => {
  it('--era v6.18 on a ts campaign runs the port and model of v6.18 (madvise drawn), records it, and --resume keeps it', () => {
    const dir = tempDir();
    const first = cli(['fuzz', '--backend', 'ts', '--era', 'v6.18', '--jobs', '2', '--workers', '1', '--seed', '7', '--max-requests', '500', '--runs-per-job', '10', '--out', dir]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain('v6.18 era: vm_bo, quiet_range_check, map_req, madvise');
    const report = reportOf(dir);
    expect(report.era).toEqual({ label: 'v6.18', features: ['vm_bo', 'quiet_range_check', 'map_req', 'madvise'] });
    expect(report.stats.byKind['madvise'] ?? 0).toBeGreaterThan(0);
    expect(report.registeredFindings).toBeUndefined();
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('| Era | v6.18 (vm\\_bo, quiet\\_range\\_check, map\\_req, madvise) |');
    const again = cli(['fuzz', '--resume', dir, '--backend', 'ts', '--era', 'v6.8']);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/--era: a resumed campaign keeps its own \(from state.json\)/);
    const resumed = cli(['fuzz', '--resume', dir, '--jobs', '1', '--workers', '1']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(reportOf(dir).era).toEqual(report.era);
    expect(reportOf(dir).jobsDone).toBe(3);
  }, 120_000);

  it.each([
    [['--era', 'v5.0', '--backend', 'ts'], /--era: unknown era 'v5.0'/],
    [['--era', 'v6.18', '--backend', 'both'], /--era is for --backend ts; with C code/],
  ])('refuses %j with exit 2', (args, message) => {
    const result = cli(['fuzz', ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe.skipIf(!seedExists)('C judged by the contract in campaigns', () => {
  it('a planted single-line C bug is reported as the invariant it breaks, on c, not as a divergence', async () => {
    const broken = await brokenSeedCopy('.gem.offset = offset + req_end - addr,', '.gem.offset = offset + req_end - addr + 1,');
    try {
      const { newFindings, report } = await runCampaign(options({ backend: 'c', cSource: broken.path, maxJobs: 6, runsPerJob: 20 }));
      expect(newFindings.map((f) => f.signature)).toEqual(['invariant-c-remap-parts-map-new']);
      const finding = newFindings[0]!;
      expect(finding.class).toBe('invariant');
      expect(finding.backend).toBe('c');
      expect(finding.requests).toBeLessThanOrEqual(4);
      // The invariant's own words, with the offset C got wrong.
      expect(finding.detail).toMatch(/^C code: remap-parts: REMAP of .* next \[.*\]; expected .* next \[.*\]$/);
      expect(report.findings.some((f) => f.class === 'divergence')).toBe(false);
      const check = JSON.parse(readFileSync(join(tmpDirOf(finding.replay), 'check.json'), 'utf8'));
      expect(check).toEqual({ kind: 'c-invariant', invariant: 'remap-parts', avoidKnown: true, era: { label: 'v6.7', features: [] } });
      expect(readFileSync(join(tmpDirOf(finding.replay), 'expected.txt'), 'utf8')).toMatch(/^C code: remap-parts: /);
    } finally {
      await broken.remove();
    }
  }, 180_000);

  it('a difference from the faithful port after a registered finding broke the contract is still judged', async () => {
    // find_next also returns a VA two bytes past `end`. Campaign seed 1's first walk (job 4)
    // meets it only after GPUVM-002 broke the lookups contract, where C still agreed with the
    // faithful port: that violation once ended the look at the walk, and the bug went unseen.
    const broken = await brokenSeedCopy('return drm_gpuva_it_iter_first(&gpuvm->rb.tree, end, end + 1);', 'return drm_gpuva_it_iter_first(&gpuvm->rb.tree, end, end + 2);');
    try {
      const { newFindings } = await runCampaign(options({ backend: 'c', cSource: broken.path, seed: 1, maxJobs: 5, walkRequests: 2000 }));
      expect(newFindings.map((f) => f.signature)).toContain('divergence-va-find_next-new');
    } finally {
      await broken.remove();
    }
  }, 180_000);

  it('a C source that fixes GPUVM-002 reports no new finding and lists GPUVM-002 as fixed; the era is recorded', async () => {
    // find_prev returns only the VA that ends right at start, as the contract says (zero-size
    // VAs, which the contract does not speak for, as before).
    const fixed = await brokenSeedCopy(
      'return drm_gpuva_it_iter_first(&gpuvm->rb.tree, start - 1, start);',
      'return ({ struct drm_gpuva *p = drm_gpuva_it_iter_first(&gpuvm->rb.tree, start - 1, start - 1); p && p->va.range && p->va.addr + p->va.range != start ? NULL : p; });',
    );
    try {
      const { newFindings, report, dir } = await runCampaign(options({ backend: 'c', cSource: fixed.path, maxJobs: 20, runsPerJob: 30 }));
      expect(newFindings.map((f) => `${f.signature}: ${f.detail}`)).toEqual([]);
      const status = Object.fromEntries((report.registeredFindings ?? []).map((r) => [r.id, r.status]));
      expect(status['GPUVM-002']).toBe('fixed');
      expect(status['GPUVM-003']).toBe('present');
      expect(report.findings.some((f) => f.known?.includes('GPUVM-002'))).toBe(false);
      expect(report.era).toEqual({ label: 'v6.7', features: [] });
      expect(reportOf(dir).cSource).toBe(fixed.path);
      expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/\| GPUVM-002 \| fixed in this tree: /);
      expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<th>GPUVM-002</th><td>fixed in this tree: ');
    } finally {
      await fixed.remove();
    }
  }, 240_000);

  it('refuses to resume a campaign whose C source now detects another era', async () => {
    const first = await runCampaign(options({ backend: 'c', cSource: resolveCTarget({}).cSource, maxJobs: 1, runsPerJob: 5 }));
    const statePath = join(first.dir, 'state.json');
    const state = JSON.parse(readFileSync(statePath, 'utf8'));
    expect(state.identity.era).toEqual({ label: 'v6.7', features: [] });
    state.identity.era = { label: 'v6.18', features: [...V6_18_ERA.features] };
    writeFileSync(statePath, JSON.stringify(state));
    await expect(runCampaign(options({ dir: first.dir, resume: true, maxJobs: 1 }))).rejects.toThrow(/is now of era v6\.7 \(no later features\), but the campaign in .* ran in era v6\.18 /);
  }, 120_000);
});

/** The finding directory of a replay command (its last word is the trace). */
function tmpDirOf(replay: string): string {
  return replay.split(' ').at(-1)!.replace(/\/repro\.trace$/, '');
}

const TREE_TEST = 'a short campaign on both backends finds nothing new and records the tree’s era';
if (kernelTrees.length === 0) warnEraTestsSkipped([`fuzz campaigns: ${TREE_TEST}`]);

describe.skipIf(kernelTrees.length === 0 || !seedExists).each(kernelTrees.length > 0 ? kernelTrees : ['(GPUVM_KERNEL_TREES not set)'])('campaign on %s', (dir) => {
  it(TREE_TEST, async () => {
    const target = resolveCTarget({ kernelTree: dir });
    const { newFindings, report } = await runCampaign(
      options({ backend: 'both', cSource: target.cSource, cHeader: target.cHeader, era: target.era, maxJobs: 5, runsPerJob: 20 }),
    );
    expect(newFindings.map((f) => `${f.signature}: ${f.detail}`)).toEqual([]);
    expect(report.era).toEqual(eraRecord(target.era));
    expect(report.registeredFindings?.length).toBe(9);
  }, 300_000);
});
