/**
 * Deliberately broken copies of the seed: the seed copied to a temporary directory with one
 * textual replacement, to show that the C backend really runs the C source it is given.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SEED_PATH } from './seed.ts';

/** A broken copy; `remove` deletes its directory. */
export interface BrokenSeed {
  readonly path: string;
  remove(): Promise<void>;
}

/**
 * Copies the seed with `find` replaced by `replace`.
 * @throws Error unless `find` occurs exactly once, so that a changed seed fails loudly here
 */
export async function brokenSeedCopy(find: string, replace: string): Promise<BrokenSeed> {
  const text = await readFile(SEED_PATH, 'utf8');
  const count = text.split(find).length - 1;
  if (count !== 1) throw new Error(`expected exactly one '${find}' in ${SEED_PATH}, found ${count}`);
  const dir = await mkdtemp(path.join(tmpdir(), 'gpuvm-broken-seed-'));
  const file = path.join(dir, 'drm_gpuvm.c');
  await writeFile(file, text.replace(find, replace));
  return { path: file, remove: () => rm(dir, { recursive: true, force: true }) };
}
