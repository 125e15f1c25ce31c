/** The Markdown of `npm run bench:guided` (bench/guided/render.ts). */
import { describe, expect, it } from 'vitest';
import type { GuidedBench, ModeRun } from '../../../bench/guided/render.ts';
import { edgesAt, renderGuidedBench } from '../../../bench/guided/render.ts';

const run = (edges: number[]): ModeRun => ({ edges: edges.at(-1)!, series: edges.map((e, i) => ({ t: 2 * (i + 1), edges: e })), jobs: 7, requests: 900, corpusEntries: 40 });
const bench: GuidedBench = {
  command: 'npm run bench:guided -- --duration 10s',
  date: '2026-12-05T16:00:00.000Z',
  seed: 1,
  durationSeconds: 10,
  bugDurationSeconds: 5,
  walkRequests: 5000,
  wallSeconds: 60,
  machine: { cpus: 2, loadAverage: 3 },
  edges: { guided: run([100, 300, 400, 420, 430]), blind: run([90, 250, 380, 390, 400]) },
  bugs: [{ bug: '22-overflow', guided: { seconds: 1.26, signature: 's' }, blind: { seconds: null, signature: null } }],
};

describe('bench:guided report', () => {
  it('reads edges at a time from the series', () => {
    expect(edgesAt(bench.edges.guided, 1)).toBe(0);
    expect(edgesAt(bench.edges.guided, 5)).toBe(300);
    expect(edgesAt(bench.edges.blind, 10)).toBe(400);
  });

  it('renders the edge checkpoints and the detection times', () => {
    const md = renderGuidedBench(bench);
    expect(md).toContain('| mode | by 2.5 s | by 5 s | by 10 s | jobs | requests | corpus |');
    expect(md).toContain('| guided | 100 | 300 | 430 | 7 | 900 | 40 |');
    expect(md).toContain('| blind | 90 | 250 | 400 | 7 | 900 | 40 |');
    expect(md).toContain('| 22-overflow | 1.3 s | not found |');
  });
});
