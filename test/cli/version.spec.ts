/**
 * `gpuvm-check --version`: package.json's version, found by walking up from the module, past
 * package.json files of other packages (as a compiled dist/ may carry).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageVersion } from '../../src/cli/version.ts';
import { cli } from './__helpers__/cli.ts';

const ours = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

describe('--version', () => {
  it.each([['--version'], ['-V']])('%s prints package.json\'s version, exit 0', async (flag) => {
    expect(await cli([flag])).toEqual({ code: 0, out: `${ours}\n`, err: '' });
  });

  it('walks up past package.json files of other packages to gpuvm-check\'s', () => {
    const root = mkdtempSync(join(tmpdir(), 'gpuvm-version-'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'gpuvm-check', version: '9.8.7' }));
    mkdirSync(join(root, 'dist', 'src', 'cli'), { recursive: true });
    writeFileSync(join(root, 'dist', 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(join(root, 'dist', 'src', 'package.json'), JSON.stringify({ name: 'other', version: '1.0.0' }));
    expect(packageVersion(pathToFileURL(join(root, 'dist', 'src', 'cli', 'version.js')).href)).toBe('9.8.7');
  });

  it('says so when there is no package.json of gpuvm-check above the module', () => {
    const root = mkdtempSync(join(tmpdir(), 'gpuvm-version-'));
    expect(() => packageVersion(pathToFileURL(join(root, 'version.js')).href)).toThrow(/no package\.json of gpuvm-check in .* or above/);
  });

  it('through the real binary: --version, and fuzz --help exits 0', () => {
    const bin = (args: string[]) => spawnSync('node', ['bin/gpuvm-check.mjs', ...args], { encoding: 'utf8' });
    expect(bin(['--version'])).toMatchObject({ status: 0, stdout: `${ours}\n`, stderr: '' });
    const help = bin(['fuzz', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: gpuvm-check fuzz \[options\]\n/);
  }, 60_000);
});
