import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageCommand } from '../../src/cli/coverage.ts';
import { main } from '../../src/cli/main.ts';
import type { Coverage } from '../../src/coverage/coverage.ts';
import { lineCounts } from '../../src/coverage/coverage.ts';
import { seedExists } from '../backends/c/seed.ts';

const fixture = (name: string): string => join('test', 'fixtures', 'c', `${name}.trace`);

async function coverage(args: string[]): Promise<{ code: number; stdout: string; stderr: string[] }> {
  let stdout = '';
  const stderr: string[] = [];
  const code = await coverageCommand(args, (t) => void (stdout += t), (l) => void stderr.push(l));
  return { code, stdout, stderr };
}

describe.skipIf(!seedExists)('gpuvm-check coverage (gcov-instrumented seed)', () => {
  it('counts what a few traces reach, a crashing one up to its crash, and writes json and html', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gpuvm-coverage-cli-'));
    const { code, stdout, stderr } = await coverage(['--out', out, fixture('map-split-merge'), fixture('mode-cb'), fixture('crash-orphan-va')]);
    expect(code).toBe(0);
    expect(stderr.some((l) => /crash-orphan-va.trace: CRASH signal 11/.test(l))).toBe(true);
    expect(stdout).toMatch(/^coverage of drm_gpuvm\.c: lines \d+\/\d+ \([\d.]+ %\), branches \d+\/\d+/);
    const c = JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8')) as Coverage;
    expect(c.lines.hit).toBeGreaterThan(0);
    expect(c.lines.hit).toBeLessThanOrEqual(c.lines.total);
    expect(c.branches.hit).toBeLessThanOrEqual(c.branches.total);
    const smMap = c.functions.find((f) => f.name === 'drm_gpuvm_sm_map')!;
    expect(smMap.calls).toBeGreaterThan(0);
    expect(stdout).toMatch(new RegExp(`drm_gpuvm_sm_map +${smMap.calls} `));
    // Nothing calls the interval tree's iter_next; its line is there, never run.
    expect(lineCounts(c.functions.find((f) => f.name === 'drm_gpuva_it_iter_next')!).every((l) => l.count === 0)).toBe(true);
    expect(readFileSync(join(out, 'coverage.html'), 'utf8')).toContain('<pre class="cov-source">');

    // The crash alone: its counts were written by the driver's signal handler.
    const crash = await coverage([fixture('crash-orphan-va')]);
    expect(crash.stdout).toMatch(/drm_gpuvm_init +1 /);
  });

  it('refuses a malformed trace by name and still reports the others', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gpuvm-coverage-cli-'));
    const bad = join(out, 'bad.trace');
    (await import('node:fs')).writeFileSync(bad, 'init 0 0x1000 0 0\nmap zz\n');
    const { code, stdout, stderr } = await coverage([bad, fixture('map-split-merge')]);
    expect(code).toBe(2);
    expect(stderr.join('\n')).toMatch(/bad\.trace:2: 'map' takes 4 argument/);
    expect(stdout).toMatch(/^coverage of drm_gpuvm\.c/);
    expect(existsSync(join(out, 'coverage.json'))).toBe(false);
  });
});

describe('gpuvm-check coverage: bad flags', () => {
  it.each([
    [[], /coverage: no trace file given/],
    [['--frobnicate', 'x.trace'], /coverage: Unknown option '--frobnicate'/],
    [['--c-source', '/nonexistent/drm_gpuvm.c', 'x.trace'], /--c-source: no such file/],
  ])('%j: exit 2, the flag named', async (argv, message) => {
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      expect(await main(['coverage', ...argv])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(lines.join('')).toMatch(message);
  });
});
