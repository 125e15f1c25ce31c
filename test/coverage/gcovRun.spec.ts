import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GCDA_NAME, gcovEnv, readCountsDir, readCountsDirs } from '../../src/coverage/gcovRun.ts';

/** A tiny program of our own, named as the counts file expects; line 4 is the branch. */
const PROGRAM = ['int main(int argc, char **argv)', '{', '\t(void)argv;', '\tif (argc > 1)', '\t\treturn 1;', '\treturn 0;', '}', ''].join('\n');

/** Built as build.ts builds: in a temporary directory, then renamed into place. */
function build(): { binary: string; source: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'gpuvm-gcov-spec-'));
  const source = join(root, 'drm_gpuvm.c');
  writeFileSync(source, PROGRAM);
  const temp = join(root, '.tmp-build');
  mkdirSync(temp);
  execFileSync('gcc', ['--coverage', '-O0', '-c', source, '-o', join(temp, 'drm_gpuvm.o')]);
  execFileSync('gcc', ['--coverage', '-o', join(temp, 'prog'), join(temp, 'drm_gpuvm.o')]);
  renameSync(temp, join(root, 'final'));
  return { binary: join(root, 'final', 'prog'), source, root };
}

const run = (binary: string, dir: string, args: string[]): void => {
  try {
    execFileSync(binary, args, { env: { ...process.env, ...gcovEnv(binary, dir) } });
  } catch {
    // exit status 1 for an argument: what the branch is about
  }
};

describe('gcov counts of a driver', () => {
  it('go to the directory given, add up over processes, and read back per line and branch', async () => {
    const { binary, source, root } = build();
    const counts = join(root, 'counts', 'worker-1');
    run(binary, counts, []);
    run(binary, counts, []);
    run(binary, counts, ['x']);
    const c = await readCountsDir(binary, source, counts);
    expect(c).not.toBeNull();
    const main = c!.functions.find((f) => f.name === 'main')!;
    expect(main.calls).toBe(3);
    expect(main.counts).toContain('4 3 1,2');
    expect(main.counts).toContain('5 1');
    expect(main.counts).toContain('6 2');
    expect(c!.branches).toEqual({ hit: 2, total: 2 });

    // A second worker's directory adds to the first; a damaged one is named, not fatal.
    run(binary, join(root, 'counts', 'worker-2'), ['y']);
    mkdirSync(join(root, 'counts', 'worker-3'));
    writeFileSync(join(root, 'counts', 'worker-3', GCDA_NAME), 'torn');
    const all = await readCountsDirs(binary, source, join(root, 'counts'));
    expect(all.coverage!.functions.find((f) => f.name === 'main')!.counts).toContain('5 2');
    expect(all.unreadable).toHaveLength(1);
    expect(all.unreadable[0]).toMatch(/^worker-3: gcov/);
  });

  it('are none where no driver wrote any', async () => {
    const { binary, source, root } = build();
    expect(await readCountsDir(binary, source, root)).toBeNull();
    expect(await readCountsDirs(binary, source, join(root, 'absent'))).toEqual({ coverage: null, unreadable: [] });
  });
});
