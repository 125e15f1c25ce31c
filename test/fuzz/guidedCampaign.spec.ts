/**
 * Coverage-guided campaigns end to end on the seed's C code: edges in the report and its
 * samples, the corpus on disk, a resume that keeps it, `--no-guided` (blind) still measuring.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCampaign } from '../../fuzz/campaign.ts';
import { Corpus } from '../../fuzz/corpus.ts';
import { seedExists } from '../backends/c/seed.ts';
import { campaignOptions as options } from './__helpers__/campaignOptions.ts';

const small = { backend: 'c' as const, maxJobs: 4, runsPerJob: 6, walkRequests: 300 };

describe.skipIf(!seedExists)('coverage-guided campaigns', () => {
  it('report the edges reached, keep a corpus, and a resume continues with it', async () => {
    const first = await runCampaign(options(small));
    const edges = first.report.edges!;
    expect(edges.guided).toBe(true);
    expect(edges.reached).toBeGreaterThan(100);
    expect(edges.corpusEntries).toBeGreaterThan(0);
    expect(first.report.throughput.at(-1)!.edges).toBe(edges.reached);
    expect(readFileSync(join(first.dir, 'summary.md'), 'utf8')).toMatch(new RegExp(`C edges reached.*${edges.reached}, coverage-guided; corpus ${edges.corpusEntries} traces`));
    const corpusDir = join(first.dir, 'corpus');
    const before = new Corpus(corpusDir).entries();
    expect(readdirSync(corpusDir).filter((n) => n.endsWith('.trace'))).toHaveLength(before.length);

    const resumed = await runCampaign(options({ ...small, dir: first.dir, resume: true }));
    expect(resumed.report.edges!.reached).toBeGreaterThanOrEqual(edges.reached);
    const after = new Corpus(corpusDir).entries().map((e) => e.id);
    // Nothing is evicted below the bounds: every entry of the first run is still there.
    for (const e of before) expect(after).toContain(e.id);
  }, 180_000);

  it('--no-guided: blind generation, edges still measured', async () => {
    const { report } = await runCampaign(options({ ...small, guided: false }));
    expect(report.edges).toMatchObject({ guided: false });
    expect(report.edges!.reached).toBeGreaterThan(100);
  }, 180_000);
});
