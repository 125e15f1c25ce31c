import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { runCommand } from '../../src/cli/run.ts';

const fixture = (name: string): string => join('test/fixtures/traces', name);

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCommand(argv, (t) => (out += t), (l) => (err += `${l}\n`));
  return { code, out, err };
}

function tempTrace(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gpuvm-run-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('gpuvm-check run', () => {
  it('runs the port of the era named by --era (a preset or a feature list)', async () => {
    const path = tempTrace('era.trace', 'init 0 0x10000 0 0\nmap 0 0x1000 1 0\nallocs\nmadvise 0 0x1000\n');
    const v618 = await run(['--era', 'v6.18', path]);
    expect(v618.code).toBe(0);
    expect(v618.out).toContain('> allocs\nALLOCS live=0 vm_bo=1\n> madvise 0x0 0x1000\nOK\n');
    const features = await run(['--era', 'vm_bo,quiet_range_check', path]);
    expect(features.out).toContain('ALLOCS live=0 vm_bo=1\n> madvise 0x0 0x1000\nERR -95 EOPNOTSUPP\n');
    const seed = await run([path]);
    expect(seed.out).toContain('ALLOCS live=0\n> madvise 0x0 0x1000\nERR -95 EOPNOTSUPP\n');
  });

  it('refuses an unknown --era, and --era with the C backend', async () => {
    await expect(run(['--era', 'v5.0', fixture('format-example.trace')])).rejects.toThrow(/--era: unknown era 'v5.0': give one of seed, .*v7.0/);
    await expect(run(['--era', 'v6.8', '--backend', 'c', fixture('format-example.trace')])).rejects.toThrow(/--era: only the ts backend/);
  });

  it('prints the plain transcript of one trace', async () => {
    const { code, out, err } = await run([fixture('format-example.trace')]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe(readFileSync(fixture('format-example.transcript'), 'utf8'));
  });

  it('precedes each transcript with "== <path>" for several traces', async () => {
    const second = tempTrace('two.trace', 'init 0 0x1000 0 0\nempty 0 0x1000\n');
    const { code, out } = await run([fixture('format-example.trace'), second]);
    expect(code).toBe(0);
    const expected =
      `== ${fixture('format-example.trace')}\n${readFileSync(fixture('format-example.transcript'), 'utf8')}` +
      `== ${second}\n> init 0x0 0x1000 0x0 0x0\nOK\n> empty 0x0 0x1000\nEMPTY 1\n`;
    expect(out).toBe(expected);
  });

  it('writes <name>.transcript files with --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpuvm-out-'));
    const { code, out } = await run(['--out', dir, fixture('format-example.trace')]);
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(readFileSync(join(dir, 'format-example.transcript'), 'utf8')).toBe(
      readFileSync(fixture('format-example.transcript'), 'utf8'),
    );
  });

  it('names file and line of a parse error, exits 2, prints nothing for that file and runs the others', async () => {
    const bad = tempTrace('bad.trace', 'init 0 0x1000 0 0\nmap 0 0x1000 1\n');
    const { code, out, err } = await run([bad, fixture('format-example.trace')]);
    expect(code).toBe(2);
    expect(err).toBe(`${bad}:2: 'map' takes 4 argument(s), got 3\n`);
    expect(out).not.toContain(`== ${bad}`);
    expect(out).toContain('MAP 0x1000 0x1000 2 0x0');
  });

  it('reports a missing file by name and exits 2', async () => {
    const { code, err } = await run(['/nonexistent/x.trace']);
    expect(code).toBe(2);
    expect(err).toBe("/nonexistent/x.trace: no such file\n");
  });

  it('goes on with the next trace after a crash', async () => {
    const crash = tempTrace('crash.trace', 'init 0 0x1000 0xffffffffffffffff 2\nfini\n');
    const { code, out } = await run([crash, fixture('format-example.trace')]);
    expect(code).toBe(0);
    expect(out).toMatch(/> fini\nCRASH [^\n]*\n== /);
    expect(out.endsWith(readFileSync(fixture('format-example.transcript'), 'utf8'))).toBe(true);
  });

  it.each([
    [['--bogus', 'x.trace'], /run: Unknown option '--bogus'/],
    [['--backend', 'rust', 'x.trace'], /--backend must be one of ts, c, got 'rust'/],
    [[], /run: no trace file given/],
    [['--out'], /run: Option '--out <value>' argument missing/],
    [['--backend', 'c', '--kernel-tree', '/nonexistent/tree', 'x.trace'], /--kernel-tree: no such directory '\/nonexistent\/tree'/],
    [['--backend', 'c', '--c-header', '/x.h', 'x.trace'], /--c-header needs the source it belongs to/],
  ])('refuses bad arguments %j with exit 2 and a message naming them', async (argv, message) => {
    let err = '';
    const stderr = process.stderr.write;
    process.stderr.write = ((chunk: string) => ((err += chunk), true)) as typeof process.stderr.write;
    try {
      expect(await main(['run', ...argv])).toBe(2);
    } finally {
      process.stderr.write = stderr;
    }
    expect(err).toMatch(message);
  });

  it('works as `npx gpuvm-check` through the bin script', () => {
    const out = execFileSync('node', ['bin/gpuvm-check.mjs', 'run', fixture('format-example.trace')], { encoding: 'utf8' });
    expect(out).toBe(readFileSync(fixture('format-example.transcript'), 'utf8'));
    const unknown = spawnSync('node', ['bin/gpuvm-check.mjs', 'frob'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frob'/);
  });
});
