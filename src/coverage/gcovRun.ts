/**
 * Where a gcov-instrumented driver writes its counts, and reading them back with gcov.
 *
 * The instrumented object names its `.gcda` by the build's temporary directory; the driver
 * writes it to `$GCOV_PREFIX/drm_gpuvm.gcda` instead, stripping that directory
 * (`GCOV_PREFIX_STRIP`). Every process that writes into one directory adds its counts to the
 * file there (libgcov merges under a file lock); a campaign gives each worker a directory of its
 * own, so that workers never wait for each other, and reads them all at the end.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Coverage } from './coverage.ts';
import { mergeCoverage } from './coverage.ts';
import { coverageFromGcovJson } from './gcovJson.ts';

/** The counts file a driver writes into its `GCOV_PREFIX` directory. @public */
export const GCDA_NAME = 'drm_gpuvm.gcda';

const GCNO_NAME = 'drm_gpuvm.gcno';

/**
 * The environment that makes a driver built with `instrument: 'gcov'` (at `binary`) write its
 * counts into `dir`.
 * @public
 */
export function gcovEnv(binary: string, dir: string): { GCOV_PREFIX: string; GCOV_PREFIX_STRIP: string } {
  // The build directory the object was compiled in is a sibling of the cache entry: same depth.
  const depth = path.resolve(path.dirname(binary)).split(path.sep).filter(Boolean).length;
  return { GCOV_PREFIX: path.resolve(dir), GCOV_PREFIX_STRIP: String(depth) };
}

function gcov(args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('gcov', args, { cwd, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`gcov failed in ${cwd}: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

/**
 * The coverage of `source` in the counts a driver (at `binary`) wrote into `dir`; null when it
 * wrote none.
 * @throws Error when gcov is missing or cannot read the counts
 * @public
 */
export async function readCountsDir(binary: string, source: string, dir: string): Promise<Coverage | null> {
  if (!existsSync(path.join(dir, GCDA_NAME))) return null;
  // gcov looks for the notes file beside the counts.
  await copyFile(path.join(path.dirname(binary), GCNO_NAME), path.join(dir, GCNO_NAME));
  const json = await gcov(['--json-format', '--stdout', '--branch-probabilities', '--object-directory', dir, path.join(dir, GCDA_NAME)], dir);
  return coverageFromGcovJson(json, source);
}

/** The counts of several directories. @public */
export interface CountsRead {
  /** Their sum; null when none held counts. */
  readonly coverage: Coverage | null;
  /** Directories gcov could not read (a driver killed while writing), each with gcov's message. */
  readonly unreadable: readonly string[];
}

/**
 * The sum of the counts in every directory directly under `root` (one per worker). A directory
 * gcov cannot read is skipped and named, not fatal: its counts are lost, not the others'.
 * @public
 */
export async function readCountsDirs(binary: string, source: string, root: string): Promise<CountsRead> {
  if (!existsSync(root)) return { coverage: null, unreadable: [] };
  const parts: Coverage[] = [];
  const unreadable: string[] = [];
  for (const entry of (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory())) {
    try {
      const part = await readCountsDir(binary, source, path.join(root, entry.name));
      if (part) parts.push(part);
    } catch (error) {
      unreadable.push(`${entry.name}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return { coverage: parts.length ? mergeCoverage(parts) : null, unreadable };
}
