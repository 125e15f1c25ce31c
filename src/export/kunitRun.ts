/**
 * Building and running a generated KUnit test in userspace: the test file, a `drm_gpuvm.c` and
 * the shims of native/ (plus native/kunit/, a minimal KUnit), with the slab hooks that let cases
 * fail and count the library's allocations. Each C file is compiled once per process (keyed by
 * its content), so checking many tests against many sources mostly links.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SHIM_INCLUDE_DIRS } from '../backends/c/build.ts';
import { CLEAN_ROOM_INCLUDE_DIR } from '../backends/c/cTarget.ts';
import { NATIVE_DIR } from '../backends/c/paths.ts';

/** What running a KUnit binary gave. @public */
export interface KunitRun {
  /** 0: every case passed (or skipped); 1: a case failed; 128 + n: a case died of signal n. */
  readonly status: number;
  /** The KTAP-like report the shim's main printed. */
  readonly output: string;
}

const FLAGS = [
  '-std=gnu11', '-O0', '-Wall', '-Wextra', '-Werror',
  '-I', path.join(NATIVE_DIR, 'kunit'),
  ...SHIM_INCLUDE_DIRS.flatMap((dir) => ['-I', dir]),
  // The seed's era: the tests are written against our clean-room header.
  '-I', CLEAN_ROOM_INCLUDE_DIR,
];
const SIGNALS: Record<string, number> = { SIGILL: 4, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8, SIGSEGV: 11 };

let workDir: string | undefined;
const work = (): string => (workDir ??= mkdtempSync(path.join(tmpdir(), 'gpuvm-kunit-')));

function gcc(args: readonly string[], what: string): void {
  const r = spawnSync('gcc', args, { encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`gcc failed to build ${what}:\n${r.stderr}`);
}

/** The object file of `file`, compiled on first use (headers are fixed for a process's life). */
function object(file: string, defines: readonly string[]): string {
  const key = createHash('sha256').update(readFileSync(file)).update(defines.join(' ')).digest('hex').slice(0, 24);
  const out = path.join(work(), `${key}.o`);
  if (!existsSync(out)) gcc([...FLAGS, ...defines, '-c', '-o', out, file], file);
  return out;
}

const shimSources = (): string[] =>
  ['lib', 'hooks', 'kunit'].flatMap((dir) =>
    readdirSync(path.join(NATIVE_DIR, dir))
      .filter((f) => f.endsWith('.c'))
      .map((f) => path.join(NATIVE_DIR, dir, f)),
  );

/**
 * Builds `testFile` with `cSource` and runs it. With `allocHooks` (the default) the test sees
 * gpuvm-check's allocation hooks (`GPUVM_CHECK_SLAB_HOOKS`); without, it builds as in a kernel,
 * where cases that need them skip.
 * @throws Error with gcc's diagnostics when the build fails
 * @public
 */
export function runKunit(testFile: string, cSource: string, allocHooks = true): KunitRun {
  const defines = allocHooks ? ['-DGPUVM_CHECK_SLAB_HOOKS'] : [];
  const objects = [cSource, testFile, ...shimSources()].map((f) => object(f, defines));
  const binary = path.join(work(), `kunit-${path.basename(objects[0]!, '.o')}-${path.basename(objects[1]!, '.o')}${allocHooks ? '' : '-nohooks'}`);
  if (!existsSync(binary)) gcc(['-o', binary, ...objects], `${testFile} with ${cSource}`);
  const run = spawnSync(binary, { encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw run.error;
  return { status: run.status ?? 128 + (SIGNALS[run.signal ?? ''] ?? 0), output: run.stdout };
}
