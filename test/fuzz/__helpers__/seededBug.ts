/**
 * The seed with one of the seeded bugs of `bench/bugs/` applied, written to a temporary
 * directory (never into the repository: the seed is upstream source).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../src/backends/c/paths.ts';
import { applyPatch } from '../../../bench/seededBugs/applyPatch.ts';
import { SEED_PATH } from '../../backends/c/seed.ts';

/** Writes the seed patched with `bench/bugs/<patch>` and returns the file's path. */
export function seededBugSource(patch: string): string {
  const text = applyPatch(readFileSync(SEED_PATH, 'utf8'), readFileSync(join(REPO_ROOT, 'bench', 'bugs', patch), 'utf8'), patch).text;
  const file = join(mkdtempSync(join(tmpdir(), 'gpuvm-seeded-bug-')), 'drm_gpuvm.c');
  writeFileSync(file, text);
  return file;
}
