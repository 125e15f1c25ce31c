import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReport } from '../../../fuzz/merge.ts';
import { renderedFiles } from '../../../fuzz/render/rerender.ts';
import { transcriptText } from '../../../src/backends/transcript.ts';
import { runRequests } from '../../../src/driver/runTrace.ts';
import { parseTrace } from '../../../src/trace/parse.ts';

const DIR = 'reports/example';
const REGENERATE = 'regenerate with `npx tsx fuzz/render/rerender.ts reports/example`';

describe('the committed example report', () => {
  const report = readReport(join(DIR, 'report.json'));

  it.each(['summary.md', 'report.html'] as const)(`%s is exactly what the renderers produce (${REGENERATE})`, (name) => {
    expect(readFileSync(join(DIR, name), 'utf8'), REGENERATE).toBe(renderedFiles(DIR)[name]);
  });

  it('is a one-minute campaign of both backends, sampled every two seconds, whose numbers agree', () => {
    expect(report.backend).toBe('both');
    expect(report.stoppedBy).toBe('duration');
    expect(report.elapsedSeconds).toBeGreaterThanOrEqual(60);
    const gaps = report.throughput.slice(1).map((s, i) => s.t - report.throughput[i]!.t);
    expect(gaps.slice(0, -1).every((g) => g > 1.9 && g < 2.2)).toBe(true);
    const sum = (o: Record<string, number>): number => Object.values(o).reduce((a, b) => a + b, 0);
    expect(sum(report.stats.byKind)).toBe(report.stats.requests);
    expect(sum(report.stats.liveVas)).toBe(report.stats.requests);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.known !== null)).toBe(true);
  });

  describe.each(report.findings.map((f) => [f.signature, f] as const))('finding %s', (signature, finding) => {
    const dir = join(DIR, 'findings', signature);

    it('is stored as finding.json, with the replay command pointing at its trace', () => {
      expect(JSON.parse(readFileSync(join(dir, 'finding.json'), 'utf8'))).toEqual(finding);
      expect(finding.replay).toBe(`npx gpuvm-check check ${dir}`);
      expect(existsSync(join(dir, 'expected.txt'))).toBe(true);
    });

    it('replays to its stored transcript, with as many requests as recorded', () => {
      const requests = parseTrace(readFileSync(join(dir, 'repro.trace'), 'utf8')).map((p) => p.request);
      expect(requests).toHaveLength(finding.requests);
      expect(transcriptText(runRequests(requests))).toBe(readFileSync(join(dir, 'ts.transcript'), 'utf8'));
    });
  });
});
