/**
 * Backends by name, as the CLI and the test suite ask for them.
 */
import type { Era } from '../era/era.ts';
import type { Backend } from './backend.ts';
import { createCBackend } from './c/cBackend.ts';
import type { CTarget } from './c/cTarget.ts';
import type { Instrumentation } from './c/build.ts';
import { createTsBackend } from './ts/tsBackend.ts';

/** The backends a user can name with `--backend`. @public */
export const BACKEND_NAMES = ['ts', 'c'] as const;

/** A backend name. @public */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Options of a backend: `era` reaches the TS backend, the others the C backend. @public */
export interface BackendOptions {
  /** The C code resolved (see `resolveCTarget`); else the three paths below, else the seed. */
  readonly cTarget?: CTarget;
  readonly cSource?: string;
  readonly cHeader?: string;
  readonly kernelTree?: string;
  readonly sanitize?: boolean;
  readonly instrument?: Instrumentation;
  readonly timeoutMs?: number;
  /** The era of `drm_gpuvm.c` the TS port follows (default: the seed's). */
  readonly era?: Era;
}

/** Creates the named backend. @public */
export async function createBackend(name: BackendName, options: BackendOptions = {}): Promise<Backend> {
  return name === 'ts' ? createTsBackend(options.era ? { era: options.era } : {}) : createCBackend({ ...options, target: options.cTarget });
}
