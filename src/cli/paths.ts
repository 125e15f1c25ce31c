/**
 * Checks of the paths that flags name, made before any work starts: a file to read must be a
 * file, a directory to write must be creatable and writable, a file to write must be writable.
 * Each error names the flag and quotes the path short and escaped.
 */
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { excerpt } from '../trace/excerpt.ts';
import { UsageError } from './usage.ts';

/** A path as error messages quote it. @public */
export function quotePath(path: string): string {
  return `'${excerpt(path, 200)}'`;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * `--flag PATH` names an existing regular file.
 * @throws UsageError naming the flag
 * @public
 */
export function checkInputFile(flag: string, path: string): void {
  const stat = statOrNull(path);
  if (stat === null) throw new UsageError(`--${flag}: no such file ${quotePath(path)}`);
  if (stat.isDirectory()) throw new UsageError(`--${flag}: ${quotePath(path)} is a directory; give a file`);
  if (!stat.isFile()) throw new UsageError(`--${flag}: ${quotePath(path)} is not a regular file`);
  try {
    accessSync(path, constants.R_OK);
  } catch {
    throw new UsageError(`--${flag}: ${quotePath(path)} is not readable`);
  }
}

/** Kernel pseudo-filesystems: they take no files, and Node's recursive mkdir loops forever on them. */
function inPseudoFs(path: string): boolean {
  return /^\/(proc|sys)(\/|$)/.test(resolve(path));
}

/** Makes `path` and its missing parents one by one (never `recursive`, see inPseudoFs). */
function makeDirs(path: string): void {
  const missing: string[] = [];
  for (let dir = resolve(path); statOrNull(dir) === null; dir = dirname(dir)) missing.unshift(dir);
  for (const dir of missing) mkdirSync(dir);
}

/**
 * `--flag DIR` is a directory that exists, or can be made: its nearest existing ancestor is a
 * writable directory. Nothing is created.
 * @throws UsageError naming the flag
 * @public
 */
export function checkOutputDir(flag: string, path: string): void {
  if (inPseudoFs(path)) throw new UsageError(`--${flag}: ${quotePath(path)} is in a kernel pseudo-filesystem; give a directory for files`);
  let dir = resolve(path);
  let stat = statOrNull(dir);
  if (stat !== null && !stat.isDirectory()) throw new UsageError(`--${flag}: ${quotePath(path)} exists and is not a directory`);
  while (stat === null) {
    dir = dirname(dir);
    stat = statOrNull(dir);
  }
  if (!stat.isDirectory()) throw new UsageError(`--${flag}: the directory ${quotePath(path)} cannot be created: ${quotePath(dir)} is not a directory`);
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch {
    throw new UsageError(`--${flag}: the directory ${quotePath(path)} cannot be written: ${quotePath(dir)} is not writable`);
  }
}

/**
 * Checks `--flag DIR` as checkOutputDir does, then makes it.
 * @throws UsageError naming the flag
 * @public
 */
export function prepareOutputDir(flag: string, path: string): void {
  checkOutputDir(flag, path);
  try {
    makeDirs(path);
  } catch (error) {
    throw new UsageError(`--${flag}: the directory ${quotePath(path)} cannot be created (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/**
 * `--flag DIR` is an existing directory (to read, or to continue).
 * @throws UsageError naming the flag
 * @public
 */
export function checkInputDir(flag: string, path: string): void {
  const stat = statOrNull(path);
  if (stat === null) throw new UsageError(`--${flag}: no such directory ${quotePath(path)}`);
  if (!stat.isDirectory()) throw new UsageError(`--${flag}: ${quotePath(path)} is not a directory`);
}

/**
 * `--flag FILE` can be written: not a directory, in an existing writable directory.
 * @throws UsageError naming the flag
 * @public
 */
export function checkOutputFile(flag: string, path: string): void {
  if (inPseudoFs(path)) throw new UsageError(`--${flag}: ${quotePath(path)} is in a kernel pseudo-filesystem; give a file name elsewhere`);
  const stat = statOrNull(path);
  if (stat?.isDirectory()) throw new UsageError(`--${flag}: ${quotePath(path)} is a directory; give a file name`);
  const parent = dirname(resolve(path));
  const parentStat = statOrNull(parent);
  if (parentStat === null || !parentStat.isDirectory()) {
    throw new UsageError(`--${flag}: cannot write ${quotePath(path)}: the directory ${quotePath(parent)} does not exist`);
  }
  try {
    accessSync(stat === null ? parent : path, constants.W_OK);
  } catch {
    throw new UsageError(`--${flag}: cannot write ${quotePath(path)}: permission denied`);
  }
}
