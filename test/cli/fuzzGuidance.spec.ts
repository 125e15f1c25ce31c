/**
 * `fuzz --corpus DIR` and `--no-guided`: a bad seed trace is exit 2 naming its file and line,
 * before any work; guidance flags without edge coverage are refused, naming the flag.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fuzzSettings } from '../../src/cli/fuzzFlags.ts';
import { seedExists } from '../backends/c/seed.ts';

const root = mkdtempSync(join(tmpdir(), 'gpuvm-guidance-'));
const seeds = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(root, 'seeds-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};

describe('fuzz guidance flags', () => {
  it('--corpus with a malformed trace: exit 2 through the binary, naming file:line, no campaign', () => {
    const dir = seeds({ 'a.trace': 'init 0 0x1000 0 0\n', 'b.trace': 'init 0 0x1000 0 0\nmap 0 0x10 70000 0\n' });
    const out = join(root, 'never');
    const r = spawnSync(process.execPath, ['bin/gpuvm-check.mjs', 'fuzz', '--backend', 'c', '--corpus', dir, '--out', out], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--corpus: ${join(dir, 'b.trace')}:2: `);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it.skipIf(!seedExists)('--corpus with good traces: read, canonical, guided on', () => {
    const s = fuzzSettings({ backend: 'c', corpus: seeds({ 'x.trace': 'init 0 16 0 0\n' }), out: join(root, 'ok') });
    expect(s.guided).toBe(true);
    expect(s.seedCorpus).toEqual(['init 0x0 0x10 0x0 0x0\n']);
  });

  it('refuses guidance flags where there is no edge coverage, and --corpus with --no-guided', () => {
    const dir = seeds({ 'x.trace': 'init 0 16 0 0\n' });
    expect(() => fuzzSettings({ backend: 'ts', 'no-guided': true })).toThrow(/^--no-guided: guidance needs edge coverage/);
    expect(() => fuzzSettings({ backend: 'ts', corpus: dir })).toThrow(/^--corpus: seeds are for guided jobs/);
    expect(() => fuzzSettings({ backend: 'c', sanitize: true, corpus: dir })).toThrow(/^--corpus:/);
    expect(() => fuzzSettings({ backend: 'c', 'no-guided': true, corpus: dir })).toThrow(/^--corpus:/);
    expect(() => fuzzSettings({ backend: 'c', corpus: join(dir, 'missing') })).toThrow(/^--corpus: .*missing: no such directory/);
    mkdirSync(join(dir, 'empty'));
    expect(() => fuzzSettings({ backend: 'c', corpus: join(dir, 'empty') })).toThrow(/holds no \*\.trace files/);
  });

  it.skipIf(!seedExists)('guided by default with C, off with --no-guided, and off without C', () => {
    expect(fuzzSettings({ backend: 'c' }).guided).toBe(true);
    expect(fuzzSettings({ backend: 'both', 'no-guided': true }).guided).toBe(false);
    expect(fuzzSettings({ backend: 'ts' }).guided).toBe(false);
  });
});
