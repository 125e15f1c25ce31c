import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReport } from '../../../fuzz/merge.ts';
import { renderedFiles } from '../../../fuzz/render/rerender.ts';
import { REPO_ROOT } from '../../../src/backends/c/paths.ts';
import { transcriptText } from '../../../src/backends/transcript.ts';
import { runRequests } from '../../../src/driver/runTrace.ts';
import { parseTrace } from '../../../src/trace/parse.ts';

const DIR = 'reports/example';
const REGENERATE = 'regenerate with `npx tsx fuzz/render/portable.ts reports/example` (FUZZING.md says how the example is made)';

describe('the committed example report', () => {
  const report = readReport(join(DIR, 'report.json'));

  it.each(['summary.md', 'report.html'] as const)(`%s is exactly what the renderers produce (${REGENERATE})`, (name) => {
    expect(readFileSync(join(DIR, name), 'utf8'), REGENERATE).toBe(renderedFiles(DIR)[name]);
  });

  it('is a one-minute campaign of both backends, sampled every two seconds with memory, whose numbers agree', () => {
    expect(report.backend).toBe('both');
    expect(report.stoppedBy).toBe('duration');
    expect(report.elapsedSeconds).toBeGreaterThanOrEqual(60);
    const gaps = report.throughput.slice(1).map((s, i) => s.t - report.throughput[i]!.t);
    // A late sample (timers on a busy machine) makes the next gap as much shorter.
    expect(gaps.slice(0, -1).every((g) => g > 1.8 && g < 2.2)).toBe(true);
    expect(report.throughput.every((s) => s.rssMb !== undefined && s.rssMb > 0)).toBe(true);
    const sum = (o: Record<string, number>): number => Object.values(o).reduce((a, b) => a + b, 0);
    expect(sum(report.stats.byKind)).toBe(report.stats.requests);
    expect(sum(report.stats.liveVas)).toBe(report.stats.requests);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.known !== null)).toBe(true);
  });

  const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));

  it('records no absolute path: the C source is relative to the report, state.json is gone', () => {
    const machine = [dirname(REPO_ROOT), REPO_ROOT, process.env.HOME ?? REPO_ROOT].filter((p) => p.length > 1);
    for (const file of files(DIR)) {
      const text = readFileSync(file, 'utf8');
      for (const p of machine) expect(text.includes(`${p}/`), `${file} names ${p}`).toBe(false);
    }
    expect(report.cSource).toBe('../../../shared/seed/drm_gpuvm.c');
    expect(existsSync(join(DIR, 'state.json'))).toBe(false);
  });

  it('report.html links only to files of the repository, relative to the report, and shows every finding inline', () => {
    const html = readFileSync(join(DIR, 'report.html'), 'utf8');
    const links = [...html.matchAll(/\bhref="([^"#]+)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(report.findings.length * 5);
    for (const href of links) {
      expect(href).not.toMatch(/^(\/|[a-z]+:)/i);
      expect(existsSync(resolve(DIR, href)), href).toBe(true);
    }
    for (const f of report.findings) {
      const details = html.slice(html.indexOf(`id="finding-${f.signature}"`)).split('</details>')[0]!;
      expect(details).toMatch(/First difference: line \d+, marked\./);
      expect(details).toContain('FINDINGS.md#gpuvm-00');
    }
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
