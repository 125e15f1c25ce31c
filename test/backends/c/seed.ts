/**
 * Whether the seed `drm_gpuvm.c` is where the C backend looks for it by default. Without it the
 * C backend tests cannot run; they are skipped, and loudly, so that a green run without them
 * is never mistaken for a pass.
 */
import { existsSync } from 'node:fs';
import { DEFAULT_C_SOURCE } from '../../../src/backends/c/cTarget.ts';
import { REPO_ROOT } from '../../../src/backends/c/paths.ts';

/** The seed's path: `../shared/seed/drm_gpuvm.c` relative to the repository root. */
export const SEED_PATH = DEFAULT_C_SOURCE;

/** True when the seed exists; specs use `describe.skipIf(!seedExists)`. */
export const seedExists = existsSync(SEED_PATH);

if (!seedExists) {
  console.warn(
    [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '!!! C BACKEND TESTS SKIPPED: the seed drm_gpuvm.c is missing.',
      `!!! Looked for: ${SEED_PATH}`,
      `!!! (../shared/seed/drm_gpuvm.c relative to the repository root ${REPO_ROOT})`,
      '!!! These tests did NOT run; a green result says nothing about the C backend.',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '',
    ].join('\n'),
  );
}
